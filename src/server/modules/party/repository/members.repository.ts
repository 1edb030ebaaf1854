import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { partyOrgs } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { partyMemberTransfers, partyMembers } from '../party.tables.js';

/** The member registry: a member row with the resident's (already masked) personal fields. */
export interface MemberRow {
  id: string;
  person_id: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string | null;
  id_masked: string;
  phone_masked: string | null;
  household_id: string | null;
  party_org_id: string;
  party_org_name: string;
  org_path: string;
  relation: (typeof partyMembers.$inferSelect)['relation'];
  stage: (typeof partyMembers.$inferSelect)['stage'];
  status: (typeof partyMembers.$inferSelect)['status'];
  applied_on: string | null;
  activist_on: string | null;
  candidate_on: string | null;
  probationary_on: string | null;
  full_on: string | null;
  introducer_ids: string[];
  version: number;
}

/** The columns the access layer's list predicate names (the registry query aliases members as `m`). */
export const MEMBER_COLUMNS = { orgPath: sql`m.org_path` };

const SELECT = sql`
  select m.id, m.person_id, p.name, p.gender, p.birth_date::text as birth_date, p.id_masked, p.phone_masked, p.household_id,
    m.party_org_id, o.name as party_org_name, m.org_path, m.relation, m.stage, m.status,
    m.applied_on::text as applied_on, m.activist_on::text as activist_on, m.candidate_on::text as candidate_on,
    m.probationary_on::text as probationary_on, m.full_on::text as full_on, m.introducer_ids, m.version
  from ${partyMembers} m
  join ${people} p on p.district_id = m.district_id and p.id = m.person_id
  join ${partyOrgs} o on o.district_id = m.district_id and o.id = m.party_org_id`;

export async function loadMember(q: Queryable, districtId: string, id: string, lock = false) {
  const [row] = await queryRows<MemberRow>(
    q,
    sql`${SELECT} where m.district_id = ${districtId} and m.id = ${id} ${lock ? sql`for update of m` : sql``}`,
  );
  return row;
}

export function membersByIds(q: Queryable, districtId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as MemberRow[]);
  return queryRows<MemberRow>(q, sql`${SELECT} where m.district_id = ${districtId} and m.id in ${[...ids]}`);
}

export async function listMembers(
  q: Queryable,
  f: {
    districtId: string;
    scope: SQL;
    partyOrgId?: string;
    stage?: string;
    relation?: string;
    limit: number;
    offset: number;
  },
) {
  const where = sql.join(
    [
      sql`m.district_id = ${f.districtId}`,
      f.scope,
      f.partyOrgId ? sql`m.party_org_id = ${f.partyOrgId}` : sql`true`,
      f.stage ? sql`m.stage = ${f.stage}` : sql`true`,
      f.relation ? sql`m.relation = ${f.relation}` : sql`true`,
      sql`m.status = 'active'`,
    ],
    sql` and `,
  );
  const items = await queryRows<MemberRow>(
    q,
    sql`${SELECT} where ${where} order by m.party_org_id, m.stage, m.id limit ${f.limit} offset ${f.offset}`,
  );
  const [n] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from ${partyMembers} m where ${where}`);
  return { items, total: n?.n ?? 0 };
}

export async function personById(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({
      id: people.id,
      orgPath: people.orgPath,
      birthDate: people.birthDate,
      workUnitId: people.workUnitId,
      protection: people.protection,
    })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.id, id)));
  return row;
}

export async function memberOfPerson(q: Queryable, districtId: string, personId: string) {
  const [row] = await q
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .where(and(eq(partyMembers.districtId, districtId), eq(partyMembers.personId, personId)));
  return row;
}

export async function insertMember(tx: Tx, row: typeof partyMembers.$inferInsert): Promise<void> {
  await tx.insert(partyMembers).values(row);
}

export async function insertTransfer(tx: Tx, row: typeof partyMemberTransfers.$inferInsert): Promise<void> {
  await tx.insert(partyMemberTransfers).values(row);
}

/** The resident's member record (any status), locked, with the branch's name — for a transfer in. */
export async function lockMemberOfPerson(tx: Tx, districtId: string, personId: string) {
  const [row] = await tx
    .select({
      id: partyMembers.id,
      partyOrgId: partyMembers.partyOrgId,
      partyOrgName: partyOrgs.name,
      status: partyMembers.status,
    })
    .from(partyMembers)
    .innerJoin(
      partyOrgs,
      and(eq(partyOrgs.districtId, partyMembers.districtId), eq(partyOrgs.id, partyMembers.partyOrgId)),
    )
    .where(and(eq(partyMembers.districtId, districtId), eq(partyMembers.personId, personId)))
    .for('update', { of: partyMembers });
  return row;
}

/** Changes a member record outside the versioned flow (a transfer in by the receiving branch); moves the version. */
export async function updateMember(
  tx: Tx,
  districtId: string,
  id: string,
  set: Partial<typeof partyMembers.$inferInsert>,
): Promise<void> {
  await tx
    .update(partyMembers)
    .set({ ...set, version: sql`${partyMembers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partyMembers.districtId, districtId), eq(partyMembers.id, id)));
}
