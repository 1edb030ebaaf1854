import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { containsPattern, prefixPattern } from '../../lib/like.js';
import type { OrgKind } from './org.tables.js';
import { branchCompounds, buildings, orgUnits } from './org.tables.js';
import { households } from '../people/people.tables.js';
import type { BuildingDto, OrgUnitDto } from '../../../shared/org.schema.js';

const childCount = sql<number>`(select count(*)::int from org_units c where c.district_id = "org_units"."district_id" and c.parent_id = "org_units"."id")`;

const unitColumns = {
  id: orgUnits.id,
  parentId: orgUnits.parentId,
  kind: orgUnits.kind,
  name: orgUnits.name,
  shortName: orgUnits.shortName,
  path: orgUnits.path,
  depth: orgUnits.depth,
  childCount,
  address: orgUnits.address,
  isOld: orgUnits.isOld,
  isRenovated: orgUnits.isRenovated,
  ownersCommittee: orgUnits.ownersCommittee,
  propertyCompany: orgUnits.propertyCompany,
  version: orgUnits.version,
};

export async function findUnit(q: Queryable, districtId: string, id: string): Promise<OrgUnitDto | undefined> {
  const [row] = await q
    .select(unitColumns)
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return row;
}

export async function findUnitsByIds(q: Queryable, districtId: string, ids: string[]): Promise<OrgUnitDto[]> {
  if (ids.length === 0) return [];
  return q
    .select(unitColumns)
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, ids)))
    .orderBy(asc(orgUnits.depth));
}

export async function listChildren(q: Queryable, districtId: string, parentId: string): Promise<OrgUnitDto[]> {
  return q
    .select(unitColumns)
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.parentId, parentId)))
    .orderBy(asc(orgUnits.id));
}

/** `scope` is the caller's predicate from the access layer (scopeWhere orgUnit). */
export async function searchUnits(
  q: Queryable,
  districtId: string,
  scope: SQL,
  text: string,
  kind?: OrgKind,
): Promise<OrgUnitDto[]> {
  const conditions: SQL[] = [eq(orgUnits.districtId, districtId), scope];
  if (kind) conditions.push(eq(orgUnits.kind, kind));
  if (text) {
    conditions.push(
      or(
        like(orgUnits.name, containsPattern(text)),
        like(orgUnits.namePinyin, prefixPattern(text.toLowerCase())),
        eq(orgUnits.id, text),
      )!,
    );
  }
  return q
    .select(unitColumns)
    .from(orgUnits)
    .where(and(...conditions))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.id))
    .limit(50);
}

/** 业委会 / 物管会 counted over every compound in scope (under `underPath`, matching `text`), not over a page. */
export async function committeeCounts(
  q: Queryable,
  districtId: string,
  scope: SQL,
  underPath: string | null,
  text: string,
) {
  const conditions: SQL[] = [eq(orgUnits.districtId, districtId), scope, eq(orgUnits.kind, 'compound')];
  if (underPath) conditions.push(like(orgUnits.path, prefixPattern(underPath)));
  if (text)
    conditions.push(
      or(like(orgUnits.name, containsPattern(text)), like(orgUnits.namePinyin, prefixPattern(text.toLowerCase())))!,
    );
  const [row] = await q
    .select({
      total: sql<number>`count(*)::int`,
      owners: sql<number>`count(*) filter (where ${orgUnits.ownersCommittee} = 'owners_committee')::int`,
      property: sql<number>`count(*) filter (where ${orgUnits.ownersCommittee} = 'property_committee')::int`,
    })
    .from(orgUnits)
    .where(and(...conditions));
  const total = row?.total ?? 0;
  const owners = row?.owners ?? 0;
  const property = row?.property ?? 0;
  return { total, owners_committee: owners, property_committee: property, none: total - owners - property };
}

/** The columns the org-unit access rule reads. */
export const ORG_UNIT_COLUMNS = { orgPath: sql`${orgUnits.path}` };

/** @deprecated import it from lib/like.js; kept while other modules move their imports. */

export async function nextCompoundId(q: Queryable, districtId: string, communityId: string): Promise<string> {
  const [row] = await q
    .select({ n: sql<number>`coalesce(max(substring(${orgUnits.id} from '-C(\\d+)$')::int), 0)` })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.parentId, communityId), eq(orgUnits.kind, 'compound')));
  return `${communityId}-C${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

export interface CompoundFields {
  name: string;
  address: string | null;
  isOld: boolean;
  isRenovated: boolean;
  ownersCommittee: 'owners_committee' | 'property_committee' | 'none';
  propertyCompany: string | null;
}

export async function insertCompound(
  q: Queryable,
  districtId: string,
  community: { id: string; path: string; depth: number },
  id: string,
  fields: CompoundFields,
  namePinyin: string,
): Promise<void> {
  await q.insert(orgUnits).values({
    districtId,
    id,
    parentId: community.id,
    kind: 'compound',
    shortName: fields.name,
    namePinyin,
    path: `${community.path}${id}/`,
    depth: community.depth + 1,
    ...fields,
  });
}

/** Optimistic update: returns false when the version no longer matches. */
export async function updateCompound(
  q: Queryable,
  districtId: string,
  id: string,
  version: number,
  fields: Partial<CompoundFields> & { namePinyin?: string },
): Promise<boolean> {
  const rows = await q
    .update(orgUnits)
    .set({
      ...fields,
      ...(fields.name ? { shortName: fields.name } : {}),
      version: sql`${orgUnits.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(orgUnits.districtId, districtId),
        eq(orgUnits.id, id),
        eq(orgUnits.version, version),
        eq(orgUnits.kind, 'compound'),
      ),
    )
    .returning({ id: orgUnits.id });
  return rows.length === 1;
}

export async function deleteUnit(q: Queryable, districtId: string, id: string): Promise<void> {
  await q.delete(orgUnits).where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
}

const householdCount = sql<number>`(select count(*)::int from households h where h.district_id = "buildings"."district_id" and h.building_id = "buildings"."id")`;
const buildingColumns = {
  id: buildings.id,
  compoundId: buildings.compoundId,
  name: buildings.name,
  units: buildings.units,
  floors: buildings.floors,
  address: buildings.address,
  householdCount,
  version: buildings.version,
  orgPath: buildings.orgPath,
};

export async function listBuildings(
  q: Queryable,
  districtId: string,
  compoundId: string,
): Promise<(BuildingDto & { orgPath: string })[]> {
  return q
    .select(buildingColumns)
    .from(buildings)
    .where(and(eq(buildings.districtId, districtId), eq(buildings.compoundId, compoundId)))
    .orderBy(sql`length(${buildings.name})`, asc(buildings.name));
}

export async function findBuilding(
  q: Queryable,
  districtId: string,
  id: string,
): Promise<(BuildingDto & { orgPath: string }) | undefined> {
  const [row] = await q
    .select(buildingColumns)
    .from(buildings)
    .where(and(eq(buildings.districtId, districtId), eq(buildings.id, id)));
  return row;
}

export interface BuildingFields {
  name: string;
  units: number;
  floors: number;
  address: string | null;
}

export async function insertBuilding(
  q: Queryable,
  districtId: string,
  compound: { id: string; path: string },
  fields: BuildingFields,
): Promise<string> {
  const id = randomUUID();
  await q.insert(buildings).values({ districtId, id, compoundId: compound.id, orgPath: compound.path, ...fields });
  return id;
}

export async function updateBuilding(
  q: Queryable,
  districtId: string,
  id: string,
  version: number,
  fields: Partial<BuildingFields>,
): Promise<boolean> {
  const rows = await q
    .update(buildings)
    .set({ ...fields, version: sql`${buildings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(buildings.districtId, districtId), eq(buildings.id, id), eq(buildings.version, version)))
    .returning({ id: buildings.id });
  return rows.length === 1;
}

export async function deleteBuilding(q: Queryable, districtId: string, id: string): Promise<void> {
  await q.delete(buildings).where(and(eq(buildings.districtId, districtId), eq(buildings.id, id)));
}

/** The party-branch coverage row of a compound, if any. */
export async function branchOfCompound(q: Queryable, districtId: string, compoundId: string) {
  const [row] = await q
    .select()
    .from(branchCompounds)
    .where(and(eq(branchCompounds.districtId, districtId), eq(branchCompounds.compoundId, compoundId)));
  return row;
}

/** How many households a building has. */
export async function buildingHouseholdCount(q: Queryable, districtId: string, buildingId: string) {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(households)
    .where(and(eq(households.districtId, districtId), eq(households.buildingId, buildingId)));
  return row;
}

/** The communities and villages an import may put compounds under (`scope`: the caller's org-unit predicate). */
export function importCommunities(db: Queryable, districtId: string, scope: SQL) {
  return db
    .select({ id: orgUnits.id, path: orgUnits.path, depth: orgUnits.depth, kind: orgUnits.kind, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), scope, inArray(orgUnits.kind, ['community', 'village'])));
}

/** The compounds an import may update, with the fields it compares. */
export function importCompoundRows(db: Queryable, districtId: string, scope: SQL) {
  return db
    .select({
      id: orgUnits.id,
      parentId: orgUnits.parentId,
      name: orgUnits.name,
      path: orgUnits.path,
      address: orgUnits.address,
      isOld: orgUnits.isOld,
      isRenovated: orgUnits.isRenovated,
      ownersCommittee: orgUnits.ownersCommittee,
      propertyCompany: orgUnits.propertyCompany,
      version: orgUnits.version,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), scope, eq(orgUnits.kind, 'compound')));
}

export function buildingsOfCompounds(db: Queryable, districtId: string, compoundIds: string[]) {
  return db
    .select()
    .from(buildings)
    .where(and(eq(buildings.districtId, districtId), inArray(buildings.compoundId, compoundIds)));
}
