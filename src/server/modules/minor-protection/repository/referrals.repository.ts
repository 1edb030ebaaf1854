import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { users } from '../../auth/auth.tables.js';
import { workUnits } from '../../org/org.tables.js';
import { minorCases, minorReferrals } from '../minor-protection.tables.js';
import { CASE_COLUMNS } from './cases.repository.js';

export type Referral = typeof minorReferrals.$inferSelect;

export async function findReferral(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<Referral | undefined> {
  const where = and(eq(minorReferrals.districtId, districtId), eq(minorReferrals.id, id));
  const rows = lock
    ? await q.select().from(minorReferrals).where(where).for('update')
    : await q.select().from(minorReferrals).where(where);
  return rows[0];
}

/** The referrals the access rule lets the actor receive (open first, by deadline). */
export async function selectInboxReferralIds(q: Queryable, actor: Actor): Promise<string[]> {
  const who = scopeWhere(actor, 'referral', {
    receiverKind: sql`r.receiver_kind`,
    workUnitId: sql`r.work_unit_id`,
    receiverUserId: sql`r.receiver_user_id`,
    case: CASE_COLUMNS,
  });
  const rows = await queryRows<{ id: string }>(
    q,
    sql`
    select r.id from ${minorReferrals} r join ${minorCases} mc on mc.district_id = r.district_id and mc.id = r.case_id
    where r.district_id = ${actor.districtId} and ${who} order by (r.status = 'reported'), r.ack_due_at limit 200`,
  );
  return rows.map((r) => r.id);
}

export async function insertReferral(tx: Tx, values: typeof minorReferrals.$inferInsert): Promise<void> {
  await tx.insert(minorReferrals).values(values);
}

export async function updateReferral(
  tx: Tx,
  districtId: string,
  id: string,
  set: Partial<typeof minorReferrals.$inferInsert>,
): Promise<void> {
  await tx
    .update(minorReferrals)
    .set(set)
    .where(and(eq(minorReferrals.districtId, districtId), eq(minorReferrals.id, id)));
}

/** Marks every pending referral past its acknowledgement deadline, once, in every district. */
export function markOverdueReferrals(tx: Tx, now: Date) {
  return tx
    .update(minorReferrals)
    .set({ ackEscalatedAt: now })
    .where(
      and(
        eq(minorReferrals.status, 'pending'),
        lt(minorReferrals.ackDueAt, now),
        isNull(minorReferrals.ackEscalatedAt),
      ),
    )
    .returning({ districtId: minorReferrals.districtId, id: minorReferrals.id, caseId: minorReferrals.caseId });
}

export async function findWorkUnit(q: Queryable, districtId: string, id: string) {
  const [u] = await q
    .select()
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.id, id)));
  return u;
}

/** An active account, with its role (a social organisation's account receives referrals). */
export async function findActiveAccount(q: Queryable, districtId: string, id: string) {
  const [u] = await q
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.id, id), eq(users.isActive, true)));
  return u;
}

/** Where a caseworker may refer: the district's functional departments and the social organisations' accounts. */
export async function selectReceivers(q: Queryable, districtId: string) {
  const departments = await q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.isFunctionalDepartment, true)))
    .orderBy(asc(workUnits.id));
  const organisations = await q
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.role, 'social_org'), eq(users.isActive, true)))
    .orderBy(asc(users.displayName));
  return { departments, organisations };
}
