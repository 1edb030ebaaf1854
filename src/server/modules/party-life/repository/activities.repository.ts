import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { branchCompounds, orgUnits, partyOrgs } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { partyMembers } from '../../party/party.tables.js';
import { partyActivities, partyAttendance, partySystemChecks } from '../party-life.tables.js';

type ActivityRowBase = typeof partyActivities.$inferSelect;

/** The branch a branch-life record belongs to, with what the access rule needs. */
export interface BranchRow {
  id: string;
  kind: string;
  name: string;
  status: string;
  orgPath: string;
  compoundPaths: string[];
  secretaryPersonId: string | null;
}
const compoundPathsOf = (
  branchId: SQL,
) => sql`coalesce((select array_agg(u.path order by u.path) from ${branchCompounds} bc
  join ${orgUnits} u on u.district_id = bc.district_id and u.id = bc.compound_id
  where bc.district_id = o.district_id and bc.branch_id = ${branchId}), '{}')`;

/** The columns of the access layer's list predicate over a query that aliases the branch as `o`. */
export const BRANCH_COLUMNS = { orgPath: sql`o.org_path`, compoundPaths: compoundPathsOf(sql`o.id`) };

export async function loadBranch(q: Queryable, districtId: string, id: string): Promise<BranchRow | undefined> {
  const [row] = await queryRows<BranchRow>(
    q,
    sql`select o.id, o.kind, o.name, o.status, o.org_path as "orgPath", ${compoundPathsOf(sql`o.id`)} as "compoundPaths",
      o.secretary_person_id as "secretaryPersonId"
    from ${partyOrgs} o where o.district_id = ${districtId} and o.id = ${id}`,
  );
  return row;
}

export interface MemberLite {
  id: string;
  name: string;
  phoneMasked: string | null;
  partyOrgId: string;
  status: string;
}
const MEMBER_SELECT = sql`select m.id, p.name, p.phone_masked as "phoneMasked", m.party_org_id as "partyOrgId", m.status
  from ${partyMembers} m join ${people} p on p.district_id = m.district_id and p.id = m.person_id`;

/** Active members of a branch (预备党员 and 正式党员 — applicants and activists are not yet members). */
export function activeMembersOf(q: Queryable, districtId: string, branchId: string) {
  return queryRows<MemberLite>(
    q,
    sql`${MEMBER_SELECT} where m.district_id = ${districtId} and m.party_org_id = ${branchId}
      and m.status = 'active' and m.stage in ('probationary', 'full') order by p.name, m.id`,
  );
}
export function membersByIds(q: Queryable, districtId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as (MemberLite & { stage: string })[]);
  return queryRows<MemberLite & { stage: string }>(
    q,
    sql`select m.id, p.name, p.phone_masked as "phoneMasked", m.party_org_id as "partyOrgId", m.status, m.stage
      from ${partyMembers} m join ${people} p on p.district_id = m.district_id and p.id = m.person_id
      where m.district_id = ${districtId} and m.id in ${[...ids]}`,
  );
}
export async function memberOfPerson(q: Queryable, districtId: string, personId: string) {
  const [row] = await queryRows<MemberLite & { partyOrgName: string }>(
    q,
    sql`select m.id, p.name, p.phone_masked as "phoneMasked", m.party_org_id as "partyOrgId", m.status, o.name as "partyOrgName"
      from ${partyMembers} m join ${people} p on p.district_id = m.district_id and p.id = m.person_id
      join ${partyOrgs} o on o.district_id = m.district_id and o.id = m.party_org_id
      where m.district_id = ${districtId} and m.person_id = ${personId}`,
  );
  return row;
}

export async function insertActivity(tx: Tx, row: typeof partyActivities.$inferInsert): Promise<void> {
  await tx.insert(partyActivities).values(row);
}
export async function insertAttendance(tx: Tx, rows: (typeof partyAttendance.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(partyAttendance).values(rows);
}

export type ActivityRow = ActivityRowBase & {
  partyOrgName: string;
  orgPath: string;
  compoundPaths: string[];
  expected: number;
  present: number;
  leave: number;
  absent: number;
};
const FIGURES = sql`
  (select count(*)::int from ${partyAttendance} t where t.district_id = a.district_id and t.activity_id = a.id) as expected,
  (select count(*)::int from ${partyAttendance} t where t.district_id = a.district_id and t.activity_id = a.id and t.status = 'present') as present,
  (select count(*)::int from ${partyAttendance} t where t.district_id = a.district_id and t.activity_id = a.id and t.status = 'leave') as leave,
  (select count(*)::int from ${partyAttendance} t where t.district_id = a.district_id and t.activity_id = a.id and t.status = 'absent') as absent`;
const ACTIVITY_SELECT = sql`
  select a.id, a.district_id as "districtId", a.party_org_id as "partyOrgId", a.kind, a.topic, a.place,
    a.starts_at as "startsAt", a.ends_at as "endsAt", a.status, a.minutes, a.qr_nonce as "qrNonce",
    a.created_by as "createdBy", a.version, a.created_at as "createdAt", a.updated_at as "updatedAt",
    o.name as "partyOrgName", o.org_path as "orgPath", ${compoundPathsOf(sql`o.id`)} as "compoundPaths", ${FIGURES}
  from ${partyActivities} a join ${partyOrgs} o on o.district_id = a.district_id and o.id = a.party_org_id`;

const asDates = (r: ActivityRow): ActivityRow => ({
  ...r,
  startsAt: new Date(r.startsAt),
  endsAt: new Date(r.endsAt),
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});

export async function loadActivity(q: Queryable, districtId: string, id: string, lock = false) {
  const [row] = await queryRows<ActivityRow>(
    q,
    sql`${ACTIVITY_SELECT} where a.district_id = ${districtId} and a.id = ${id} ${lock ? sql`for update of a` : sql``}`,
  );
  return row ? asDates(row) : undefined;
}

const yearOf = (col: SQL) => sql`extract(year from ${col} at time zone 'Asia/Shanghai')::int`;

export async function listActivities(
  q: Queryable,
  f: {
    districtId: string;
    scope: SQL;
    partyOrgId?: string;
    year?: number;
    kind?: string;
    limit: number;
    offset: number;
  },
) {
  const where = sql.join(
    [
      sql`a.district_id = ${f.districtId}`,
      f.scope,
      f.partyOrgId ? sql`a.party_org_id = ${f.partyOrgId}` : sql`true`,
      f.year ? sql`${yearOf(sql`a.starts_at`)} = ${f.year}` : sql`true`,
      f.kind ? sql`a.kind = ${f.kind}` : sql`true`,
    ],
    sql` and `,
  );
  const items = await queryRows<ActivityRow>(
    q,
    sql`${ACTIVITY_SELECT} where ${where} order by a.starts_at desc, a.id limit ${f.limit} offset ${f.offset}`,
  );
  const [n] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from ${partyActivities} a join ${partyOrgs} o on o.district_id = a.district_id and o.id = a.party_org_id where ${where}`,
  );
  return { items: items.map(asDates), total: n?.n ?? 0 };
}

export interface AttendeeRow {
  memberId: string;
  name: string;
  phoneMasked: string | null;
  status: (typeof partyAttendance.$inferSelect)['status'];
  leaveReason: string | null;
  via: 'qr' | 'secretary' | null;
  checkedInAt: string | null;
}
export function attendeesOf(q: Queryable, districtId: string, activityId: string) {
  return queryRows<AttendeeRow>(
    q,
    sql`select t.member_id as "memberId", p.name, p.phone_masked as "phoneMasked", t.status, t.leave_reason as "leaveReason",
      t.via, t.checked_in_at as "checkedInAt"
    from ${partyAttendance} t
    join ${partyMembers} m on m.district_id = t.district_id and m.id = t.member_id
    join ${people} p on p.district_id = m.district_id and p.id = m.person_id
    where t.district_id = ${districtId} and t.activity_id = ${activityId} order by p.name, t.member_id`,
  );
}

export async function attendanceOf(tx: Tx, districtId: string, activityId: string, memberId: string) {
  const [row] = await tx
    .select({ status: partyAttendance.status })
    .from(partyAttendance)
    .where(
      and(
        eq(partyAttendance.districtId, districtId),
        eq(partyAttendance.activityId, activityId),
        eq(partyAttendance.memberId, memberId),
      ),
    )
    .for('update');
  return row;
}

/** Records a member's attendance (adding them to the list when they were not on it). */
export async function upsertAttendance(tx: Tx, row: typeof partyAttendance.$inferInsert): Promise<void> {
  await tx
    .insert(partyAttendance)
    .values({ ...row, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [partyAttendance.districtId, partyAttendance.activityId, partyAttendance.memberId],
      set: {
        status: row.status,
        leaveReason: row.leaveReason ?? null,
        via: row.via ?? null,
        checkedInAt: row.checkedInAt ?? null,
        updatedAt: new Date(),
      },
    });
}

export async function setActivity(
  tx: Tx,
  districtId: string,
  id: string,
  set: Partial<typeof partyActivities.$inferInsert>,
) {
  await tx
    .update(partyActivities)
    .set({ ...set, version: sql`${partyActivities.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partyActivities.districtId, districtId), eq(partyActivities.id, id)));
}

// ───────────── the year of a branch, of a member ─────────────

export interface HeldRow {
  kind: string;
  month: number;
  held: number;
}
/** Activities held (not cancelled, not merely scheduled) per kind and Shanghai month of a branch's year. */
export function heldByMonth(q: Queryable, districtId: string, branchId: string, year: number) {
  return queryRows<HeldRow>(
    q,
    sql`select a.kind, extract(month from a.starts_at at time zone 'Asia/Shanghai')::int as month, count(*)::int as held
    from ${partyActivities} a
    where a.district_id = ${districtId} and a.party_org_id = ${branchId} and a.status = 'held' and ${yearOf(sql`a.starts_at`)} = ${year}
    group by 1, 2 order by 1, 2`,
  );
}

export interface MemberYearRow {
  memberId: string;
  name: string;
  phoneMasked: string | null;
  expected: number;
  present: number;
  leave: number;
  absent: number;
}
/** Per member of the branch: their attendance at the branch's activities held that year. */
export function memberYear(q: Queryable, districtId: string, branchId: string, year: number) {
  return queryRows<MemberYearRow>(
    q,
    sql`select m.id as "memberId", p.name, p.phone_masked as "phoneMasked",
      count(t.activity_id)::int as expected,
      count(*) filter (where t.status = 'present')::int as present,
      count(*) filter (where t.status = 'leave')::int as leave,
      count(*) filter (where t.status = 'absent')::int as absent
    from ${partyMembers} m
    join ${people} p on p.district_id = m.district_id and p.id = m.person_id
    left join (${partyAttendance} t join ${partyActivities} a on a.district_id = t.district_id and a.id = t.activity_id
        and a.status = 'held' and ${yearOf(sql`a.starts_at`)} = ${year})
      on t.district_id = m.district_id and t.member_id = m.id
    where m.district_id = ${districtId} and m.party_org_id = ${branchId} and m.status = 'active' and m.stage in ('probationary', 'full')
    group by m.id, p.name, p.phone_masked order by p.name, m.id`,
  );
}

export interface MyActivityRow {
  id: string;
  kind: ActivityRowBase['kind'];
  topic: string;
  place: string;
  startsAt: string;
  status: ActivityRowBase['status'];
  myStatus: AttendeeRow['status'];
  leaveReason: string | null;
}
export function activitiesOfMember(q: Queryable, districtId: string, memberId: string, year: number) {
  return queryRows<MyActivityRow>(
    q,
    sql`select a.id, a.kind, a.topic, a.place, a.starts_at as "startsAt", a.status, t.status as "myStatus", t.leave_reason as "leaveReason"
    from ${partyAttendance} t join ${partyActivities} a on a.district_id = t.district_id and a.id = t.activity_id
    where t.district_id = ${districtId} and t.member_id = ${memberId} and ${yearOf(sql`a.starts_at`)} = ${year}
    order by a.starts_at desc, a.id`,
  );
}

/** The branch of an activity or of a checklist row (for the files linked to them). */
export async function partyLifeBranchOf(
  q: Queryable,
  districtId: string,
  kind: 'party_activity' | 'party_check',
  id: string,
): Promise<{ orgPath: string; compoundPaths: string[] } | undefined> {
  const from = kind === 'party_activity' ? partyActivities : partySystemChecks;
  const [row] = await queryRows<{ orgPath: string; compoundPaths: string[] }>(
    q,
    sql`select o.org_path as "orgPath", ${compoundPathsOf(sql`o.id`)} as "compoundPaths"
    from ${from} r join ${partyOrgs} o on o.district_id = r.district_id and o.id = r.party_org_id
    where r.district_id = ${districtId} and r.id = ${id}`,
  );
  return row;
}
