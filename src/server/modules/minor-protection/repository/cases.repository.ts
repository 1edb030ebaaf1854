import { and, asc, eq, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { users } from '../../auth/auth.tables.js';
import { outbox } from '../../work-orders/work-orders.tables.js';
import type { CaseBox, CaseStatus, RiskLevel } from '../../../../shared/minor-protection.constants.js';
import {
  minorCaseEvents,
  minorCases,
  minorConsents,
  minorReferrals,
  minorServices,
} from '../minor-protection.tables.js';

export type Case = typeof minorCases.$inferSelect;

/** The case columns the access rule reads (alias `mc`). */
export const CASE_COLUMNS = { orgPath: sql`mc.org_path`, workerUserId: sql`mc.worker_user_id` };
/** The files (alias `mc`) an actor reaches, from the one rule in access/minor-protection.access.ts. */
export function caseScopeSql(actor: Actor): SQL {
  return sql`mc.district_id = ${actor.districtId} and ${scopeWhere(actor, 'minorCase', CASE_COLUMNS)}`;
}
const caseloadSql = (actor: Actor) => scopeWhere(actor, 'minorCase', CASE_COLUMNS, 'caseload');

/** A file as lists show it, with its street, community and worker. */
export interface CaseRow {
  id: string;
  case_no: string;
  org_path: string;
  worker_user_id: string | null;
  status: CaseStatus;
  name_cipher: string;
  name_masked: string;
  gender: 'M' | 'F';
  birth_year: number;
  street_name: string;
  community_name: string;
  community_path: string;
  categories: string[];
  risk_level: RiskLevel;
  worker_name: string | null;
  opened_on: string;
  last_visit_on: string | null;
  next_visit_due: string | null;
  escalated_for_due: string | null;
  version: number;
}

const CASE_SELECT = sql`
  select mc.id, mc.case_no, mc.org_path, mc.worker_user_id, mc.status, mc.name_cipher, mc.name_masked, mc.gender, mc.birth_year,
    st.name as street_name, cm.name as community_name, cm.path as community_path, mc.categories, mc.risk_level, u.display_name as worker_name,
    to_char(mc.opened_on, 'YYYY-MM-DD') as opened_on, to_char(mc.last_visit_on, 'YYYY-MM-DD') as last_visit_on,
    to_char(mc.next_visit_due, 'YYYY-MM-DD') as next_visit_due, to_char(mc.escalated_for_due, 'YYYY-MM-DD') as escalated_for_due, mc.version
  from ${minorCases} mc
  join ${orgUnits} st on st.district_id = mc.district_id and st.id = mc.street_id
  join ${orgUnits} cm on cm.district_id = mc.district_id and cm.id = mc.community_id
  left join ${users} u on u.district_id = mc.district_id and u.id = mc.worker_user_id`;

export interface CaseFilter {
  box: CaseBox;
  status?: CaseStatus | undefined;
  category?: string | undefined;
  riskLevel?: RiskLevel | undefined;
  streetId?: string | undefined;
  /** Shanghai today and today + 14 days (the "due" box). */
  today: string;
  dueBy: string;
}

function boxSql(actor: Actor, f: CaseFilter): SQL {
  switch (f.box) {
    case 'mine':
      return sql`${caseloadSql(actor)} and mc.status <> 'closed'`;
    case 'due':
      return sql`mc.status <> 'closed' and mc.next_visit_due <= ${f.dueBy}::date`;
    case 'overdue':
      return sql`mc.status <> 'closed' and mc.next_visit_due < ${f.today}::date`;
    case 'closed':
      return sql`mc.status = 'closed'`;
    default:
      return sql`true`;
  }
}

/** The files' order — open before closed, the nearest visit due first, then by number — and the page's keyset. */
const CASE_ORDER = sql`(mc.status = 'closed')::int, coalesce(mc.next_visit_due, '9999-12-31'::date), mc.case_no`;
/** A case's position in CASE_ORDER, for the cursor after it. */
export const caseKey = (r: CaseRow): [number, string, string] => [
  r.status === 'closed' ? 1 : 0,
  r.next_visit_due ?? '9999-12-31',
  r.case_no,
];

/** One page of the files an actor reaches (after `after`, a caseKey), and how many there are in all. */
export async function selectCases(
  q: Queryable,
  actor: Actor,
  f: CaseFilter,
  page: { limit: number; after?: [number, string, string] | undefined },
): Promise<{ rows: CaseRow[]; total: number }> {
  const where: SQL[] = [caseScopeSql(actor), boxSql(actor, f)];
  if (f.status) where.push(sql`mc.status = ${f.status}`);
  if (f.category) where.push(sql`${f.category} = any(mc.categories)`);
  if (f.riskLevel) where.push(sql`mc.risk_level = ${f.riskLevel}`);
  if (f.streetId) where.push(sql`mc.street_id = ${f.streetId}`);
  const cond = sql.join(where, sql` and `);
  const after = page.after
    ? sql`and (${CASE_ORDER}) > (${page.after[0]}::int, ${page.after[1]}::date, ${page.after[2]})`
    : sql``;
  const rows = await queryRows<CaseRow>(
    q,
    sql`${CASE_SELECT} where ${cond} ${after} order by ${CASE_ORDER} limit ${page.limit}`,
  );
  const [count] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from ${minorCases} mc where ${cond}`);
  return { rows, total: count?.n ?? 0 };
}

export async function selectCaseRow(q: Queryable, districtId: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await queryRows<CaseRow>(q, sql`${CASE_SELECT} where mc.district_id = ${districtId} and mc.id = ${id}`);
  return row;
}

/** The caller's caseload due within `dueBy` or waiting for a closure decision (the task list). */
export function selectTaskCases(q: Queryable, actor: Actor, dueBy: string): Promise<CaseRow[]> {
  return queryRows<CaseRow>(
    q,
    sql`${CASE_SELECT} where ${caseScopeSql(actor)} and ${caseloadSql(actor)}
    and ((mc.status <> 'closed' and mc.next_visit_due <= ${dueBy}::date) or mc.status = 'closure_requested')
    order by mc.next_visit_due, mc.case_no limit 500`,
  );
}

/** Referrals out of the caller's caseload still waiting on their receiver (not volunteers). */
export async function selectWaitingReferralIds(q: Queryable, actor: Actor): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    q,
    sql`
    select r.id from ${minorReferrals} r join ${minorCases} mc on mc.district_id = r.district_id and mc.id = r.case_id
    where ${caseScopeSql(actor)} and ${caseloadSql(actor)} and r.status <> 'reported' and r.receiver_kind <> 'volunteer'
    order by r.ack_due_at limit 100`,
  );
  return rows.map((r) => r.id);
}

export async function findCase(q: Queryable, districtId: string, id: string, lock = false): Promise<Case | undefined> {
  const where = and(eq(minorCases.districtId, districtId), eq(minorCases.id, id));
  const rows = lock
    ? await q.select().from(minorCases).where(where).for('update')
    : await q.select().from(minorCases).where(where);
  return rows[0];
}

/** The services, consents, referrals and timeline of one file, oldest first. */
export async function selectCaseParts(q: Queryable, districtId: string, caseId: string, withConsents: boolean) {
  const services = await q
    .select()
    .from(minorServices)
    .where(and(eq(minorServices.districtId, districtId), eq(minorServices.caseId, caseId)))
    .orderBy(asc(minorServices.servedOn), asc(minorServices.createdAt));
  const consents = withConsents
    ? await q
        .select()
        .from(minorConsents)
        .where(and(eq(minorConsents.districtId, districtId), eq(minorConsents.caseId, caseId)))
        .orderBy(asc(minorConsents.createdAt))
    : [];
  const referrals = await q
    .select()
    .from(minorReferrals)
    .where(and(eq(minorReferrals.districtId, districtId), eq(minorReferrals.caseId, caseId)))
    .orderBy(asc(minorReferrals.createdAt));
  const events = await q
    .select()
    .from(minorCaseEvents)
    .where(and(eq(minorCaseEvents.districtId, districtId), eq(minorCaseEvents.caseId, caseId)))
    .orderBy(asc(minorCaseEvents.id));
  return { services, consents, referrals, events };
}

export async function findCaseNoOfPerson(tx: Tx, districtId: string, personId: string): Promise<string | undefined> {
  const [dupe] = await tx
    .select({ caseNo: minorCases.caseNo })
    .from(minorCases)
    .where(and(eq(minorCases.districtId, districtId), eq(minorCases.personId, personId)));
  return dupe?.caseNo;
}

/** The number the district's next file gets (its files so far + 1). */
export async function nextCaseSerial(tx: Tx, districtId: string): Promise<number> {
  const [n] = await tx
    .select({ n: sql<number>`count(*)::int + 1` })
    .from(minorCases)
    .where(eq(minorCases.districtId, districtId));
  return n!.n;
}

export async function insertCase(tx: Tx, values: typeof minorCases.$inferInsert): Promise<void> {
  await tx.insert(minorCases).values(values);
}
export async function insertCaseEvent(tx: Tx, values: typeof minorCaseEvents.$inferInsert): Promise<void> {
  await tx.insert(minorCaseEvents).values(values);
}
export async function insertOutbox(tx: Tx, values: typeof outbox.$inferInsert): Promise<void> {
  await tx.insert(outbox).values(values);
}
export async function insertService(tx: Tx, values: typeof minorServices.$inferInsert): Promise<void> {
  await tx.insert(minorServices).values(values);
}
export async function insertConsent(tx: Tx, values: typeof minorConsents.$inferInsert): Promise<void> {
  await tx.insert(minorConsents).values(values);
}
export async function findConsent(tx: Tx, districtId: string, caseId: string, consentId: string) {
  const [consent] = await tx
    .select()
    .from(minorConsents)
    .where(
      and(eq(minorConsents.districtId, districtId), eq(minorConsents.id, consentId), eq(minorConsents.caseId, caseId)),
    );
  return consent;
}

/**
 * Marks every open file whose next visit is overdue (before `today`) and not yet escalated for that due date,
 * in every district, and returns them: the conditional update fires once per due date.
 */
export function markOverdueVisits(tx: Tx, today: string) {
  return tx
    .update(minorCases)
    .set({
      escalatedForDue: sql`${minorCases.nextVisitDue}`,
      version: sql`${minorCases.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        ne(minorCases.status, 'closed'),
        lt(minorCases.nextVisitDue, today),
        or(isNull(minorCases.escalatedForDue), ne(minorCases.escalatedForDue, minorCases.nextVisitDue)),
      ),
    )
    .returning({
      districtId: minorCases.districtId,
      id: minorCases.id,
      caseNo: minorCases.caseNo,
      streetId: minorCases.streetId,
      due: minorCases.nextVisitDue,
    });
}
