import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { prefixPattern } from '../../../lib/like.js';
import { branchCompounds, buildings, orgUnits, partyOrgs, stations } from '../../org/org.tables.js';
import { households, people } from '../../people/people.tables.js';
import {
  partyCentralHouseholds,
  partyCentralServed,
  partyMembers,
  partyOrgEvents,
  partyPosts,
} from '../party.tables.js';

/** Organisation management: the rows an operation locks, reads and writes. */
export interface OrgRow {
  id: string;
  parentId: string | null;
  kind: (typeof partyOrgs.$inferSelect)['kind'];
  name: string;
  path: string;
  orgUnitId: string;
  orgPath: string;
  formation: (typeof partyOrgs.$inferSelect)['formation'];
  grade: (typeof partyOrgs.$inferSelect)['grade'];
  status: (typeof partyOrgs.$inferSelect)['status'];
  stationId: string | null;
  secretaryPersonId: string | null;
  version: number;
  compoundPaths: string[];
  compoundIds: string[];
}

export async function loadOrg(q: Queryable, districtId: string, id: string, lock = false): Promise<OrgRow | undefined> {
  const base = q
    .select({
      id: partyOrgs.id,
      parentId: partyOrgs.parentId,
      kind: partyOrgs.kind,
      name: partyOrgs.name,
      path: partyOrgs.path,
      orgUnitId: partyOrgs.orgUnitId,
      orgPath: partyOrgs.orgPath,
      formation: partyOrgs.formation,
      grade: partyOrgs.grade,
      status: partyOrgs.status,
      stationId: partyOrgs.stationId,
      secretaryPersonId: partyOrgs.secretaryPersonId,
      version: partyOrgs.version,
    })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.districtId, districtId), eq(partyOrgs.id, id)));
  const [row] = lock ? await base.for('update') : await base;
  if (!row) return undefined;
  const cs = await q
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(branchCompounds)
    .innerJoin(
      orgUnits,
      and(eq(orgUnits.districtId, branchCompounds.districtId), eq(orgUnits.id, branchCompounds.compoundId)),
    )
    .where(and(eq(branchCompounds.districtId, districtId), eq(branchCompounds.branchId, id)))
    .orderBy(orgUnits.id);
  return { ...row, compoundPaths: cs.map((c) => c.path), compoundIds: cs.map((c) => c.id) };
}

export interface CompoundRow {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  kind: string;
  branchId: string | null;
  branchName: string | null;
}
export function compoundsByIds(q: Queryable, districtId: string, ids: readonly string[]): Promise<CompoundRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      path: orgUnits.path,
      parentId: orgUnits.parentId,
      kind: orgUnits.kind,
      branchId: branchCompounds.branchId,
      branchName: partyOrgs.name,
    })
    .from(orgUnits)
    .leftJoin(
      branchCompounds,
      and(eq(branchCompounds.districtId, orgUnits.districtId), eq(branchCompounds.compoundId, orgUnits.id)),
    )
    .leftJoin(
      partyOrgs,
      and(eq(partyOrgs.districtId, branchCompounds.districtId), eq(partyOrgs.id, branchCompounds.branchId)),
    )
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, [...ids])))
    .orderBy(orgUnits.id);
}

/** The community party organisation anchored at a community unit. */
export async function communityOrgAt(q: Queryable, districtId: string, communityUnitId: string) {
  const [row] = await q
    .select({ id: partyOrgs.id, path: partyOrgs.path })
    .from(partyOrgs)
    .where(
      and(
        eq(partyOrgs.districtId, districtId),
        eq(partyOrgs.orgUnitId, communityUnitId),
        eq(partyOrgs.kind, 'community_committee'),
      ),
    )
    .limit(1);
  return row;
}

export async function unitById(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      path: orgUnits.path,
      kind: orgUnits.kind,
      parentId: orgUnits.parentId,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return row;
}

export async function insertOrg(tx: Tx, row: typeof partyOrgs.$inferInsert): Promise<void> {
  await tx.insert(partyOrgs).values(row);
}

export async function updateOrg(
  tx: Tx,
  districtId: string,
  id: string,
  set: Partial<typeof partyOrgs.$inferInsert>,
): Promise<void> {
  await tx
    .update(partyOrgs)
    .set({ ...set, version: sql`${partyOrgs.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partyOrgs.districtId, districtId), eq(partyOrgs.id, id)));
}

export async function insertEvents(tx: Tx, rows: (typeof partyOrgEvents.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(partyOrgEvents).values(rows);
}

export function orgEvents(q: Queryable, districtId: string, orgId: string) {
  return q
    .select()
    .from(partyOrgEvents)
    .where(and(eq(partyOrgEvents.districtId, districtId), eq(partyOrgEvents.partyOrgId, orgId)))
    .orderBy(partyOrgEvents.createdAt, partyOrgEvents.id);
}

/** Puts compounds under a branch (a compound has one branch: the primary key says so). */
export async function coverCompounds(tx: Tx, districtId: string, branchId: string, compoundIds: readonly string[]) {
  if (compoundIds.length === 0) return;
  await tx
    .insert(branchCompounds)
    .values(compoundIds.map((compoundId) => ({ districtId, compoundId, branchId })))
    .onConflictDoUpdate({ target: [branchCompounds.districtId, branchCompounds.compoundId], set: { branchId } });
}

/**
 * Moves what follows a compound from one branch to another: the members living there, the building
 * groups in it and its central households.
 */
export async function moveCompoundContents(
  tx: Tx,
  m: { districtId: string; fromId: string; to: { id: string; path: string }; compoundIds: readonly string[] },
): Promise<void> {
  if (m.compoundIds.length === 0) return;
  const ids = [...m.compoundIds];
  const paths = await tx
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, m.districtId), inArray(orgUnits.id, ids)));
  for (const { path } of paths) {
    await tx.execute(sql`
      update ${partyMembers} set party_org_id = ${m.to.id}, updated_at = now(), version = version + 1
      where district_id = ${m.districtId} and party_org_id = ${m.fromId} and org_path like ${prefixPattern(path)}`);
  }
  await tx.execute(sql`
    update ${partyOrgs} set parent_id = ${m.to.id}, path = ${m.to.path} || id || '/', updated_at = now(), version = version + 1
    where district_id = ${m.districtId} and parent_id = ${m.fromId} and kind = 'building_group' and org_unit_id in ${ids}`);
  await tx.execute(sql`
    update ${partyCentralHouseholds} c set party_org_id = ${m.to.id}
    from ${households} h
    where c.district_id = ${m.districtId} and c.party_org_id = ${m.fromId}
      and h.district_id = c.district_id and h.id = c.household_id and h.compound_id in ${ids}`);
}

/** A merge: everything of the absorbed branch (members, groups, central households) goes to the target. */
export async function moveAllContents(tx: Tx, districtId: string, fromId: string, to: { id: string; path: string }) {
  await tx.execute(sql`
    update ${partyMembers} set party_org_id = ${to.id}, updated_at = now(), version = version + 1
    where district_id = ${districtId} and party_org_id = ${fromId}`);
  await tx.execute(sql`
    update ${partyOrgs} set parent_id = ${to.id}, path = ${to.path} || id || '/', updated_at = now(), version = version + 1
    where district_id = ${districtId} and parent_id = ${fromId}`);
  await tx.execute(sql`
    update ${partyCentralHouseholds} set party_org_id = ${to.id} where district_id = ${districtId} and party_org_id = ${fromId}`);
}

/** Ends the active posts of an organisation that is dissolved. */
export async function endPostsOf(tx: Tx, districtId: string, orgId: string, on: string): Promise<number> {
  const ended = await tx
    .update(partyPosts)
    .set({ status: 'ended', endedOn: on, updatedAt: new Date(), version: sql`${partyPosts.version} + 1` })
    .where(
      and(eq(partyPosts.districtId, districtId), eq(partyPosts.partyOrgId, orgId), eq(partyPosts.status, 'active')),
    )
    .returning({ id: partyPosts.id });
  return ended.length;
}

export async function buildingById(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({ id: buildings.id, name: buildings.name, compoundId: buildings.compoundId, orgPath: buildings.orgPath })
    .from(buildings)
    .where(and(eq(buildings.districtId, districtId), eq(buildings.id, id)));
  return row;
}

export async function groupOfBuilding(q: Queryable, districtId: string, buildingId: string) {
  const [row] = await q
    .select({ id: partyOrgs.id })
    .from(partyOrgs)
    .where(
      and(
        eq(partyOrgs.districtId, districtId),
        eq(partyOrgs.buildingId, buildingId),
        eq(partyOrgs.kind, 'building_group'),
        eq(partyOrgs.status, 'active'),
      ),
    );
  return row;
}

export function householdsByIds(q: Queryable, districtId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .select({ id: households.id, orgPath: households.orgPath, compoundId: households.compoundId })
    .from(households)
    .where(and(eq(households.districtId, districtId), inArray(households.id, [...ids])));
}

export async function personHousehold(q: Queryable, districtId: string, personId: string) {
  const [row] = await q
    .select({ householdId: people.householdId })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.id, personId)));
  return row?.householdId ?? null;
}

export async function centralByHousehold(q: Queryable, districtId: string, householdId: string) {
  const [row] = await q
    .select({ id: partyCentralHouseholds.id })
    .from(partyCentralHouseholds)
    .where(and(eq(partyCentralHouseholds.districtId, districtId), eq(partyCentralHouseholds.householdId, householdId)));
  return row;
}

export function servedAlready(q: Queryable, districtId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return q
    .select({ householdId: partyCentralServed.householdId })
    .from(partyCentralServed)
    .where(and(eq(partyCentralServed.districtId, districtId), inArray(partyCentralServed.householdId, [...ids])));
}

export async function insertCentral(
  tx: Tx,
  row: typeof partyCentralHouseholds.$inferInsert,
  served: readonly string[],
): Promise<void> {
  await tx.insert(partyCentralHouseholds).values(row);
  if (served.length)
    await tx
      .insert(partyCentralServed)
      .values(served.map((householdId) => ({ districtId: row.districtId, householdId, centralId: row.id })));
}

export interface CentralRow {
  id: string;
  household_id: string;
  address: string;
  member_name: string;
  designated_on: string;
  served: { id: string; address: string }[] | null;
}
export function centralsOf(q: Queryable, districtId: string, orgIds: readonly string[]) {
  return queryRows<CentralRow>(
    q,
    sql`
    select c.id, c.household_id, b.name || h.unit || h.room as address, p.name as member_name, c.designated_on::text,
      (select json_agg(json_build_object('id', sh.id, 'address', sb.name || sh.unit || sh.room) order by sb.name, sh.unit, sh.room)
         from ${partyCentralServed} s join ${households} sh on sh.district_id = s.district_id and sh.id = s.household_id
         join ${buildings} sb on sb.district_id = sh.district_id and sb.id = sh.building_id
        where s.district_id = c.district_id and s.central_id = c.id) as served
    from ${partyCentralHouseholds} c
    join ${households} h on h.district_id = c.district_id and h.id = c.household_id
    join ${buildings} b on b.district_id = h.district_id and b.id = h.building_id
    join ${partyMembers} m on m.district_id = c.district_id and m.id = c.member_id
    join ${people} p on p.district_id = m.district_id and p.id = m.person_id
    where c.district_id = ${districtId} and c.party_org_id in ${orgIds.length ? [...orgIds] : ['']}
    order by c.designated_on, c.id`,
  );
}

export async function stationById(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({
      id: stations.id,
      name: stations.name,
      kind: stations.kind,
      orgUnitId: stations.orgUnitId,
      orgPath: stations.orgPath,
    })
    .from(stations)
    .where(and(eq(stations.districtId, districtId), eq(stations.id, id)));
  return row;
}

export async function branchOfStation(q: Queryable, districtId: string, stationId: string) {
  const [row] = await q
    .select({ id: partyOrgs.id })
    .from(partyOrgs)
    .where(
      and(eq(partyOrgs.districtId, districtId), eq(partyOrgs.stationId, stationId), eq(partyOrgs.status, 'active')),
    );
  return row;
}

/** The closest party org above a unit: the community's for a community or a compound, else the street's. */
export async function nearestOrgAbove(q: Queryable, districtId: string, unitPath: string) {
  const [row] = await queryRows<{ id: string; path: string }>(
    q,
    sql`
    select p.id, p.path from ${partyOrgs} p join ${orgUnits} o on o.district_id = p.district_id and o.id = p.org_unit_id
    where p.district_id = ${districtId} and p.kind in ('community_committee', 'street_committee', 'district_committee')
      and ${unitPath} like o.path || '%'
    order by length(o.path) desc limit 1`,
  );
  return row;
}

/** A party-org predicate narrowed to orgs anchored under a unit's path (`p` is party_orgs). */
export const underPath = (path: string, scope: SQL): SQL => sql`(${scope} and p.org_path like ${prefixPattern(path)})`;
