import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.js';
import { prefixPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import type { AgendaReason } from '../../../../shared/work-orders.constants.js';
import { jointMeetingActions, jointMeetings, workOrderEvents, workOrders } from '../work-orders.tables.js';

/** 小区联席会议: meetings, their agenda and their action items — a page of meetings in one query each. */
export function meetingsWithCompound(q: Queryable, districtId: string, ids: string[]) {
  return q
    .select({ meeting: jointMeetings, compoundName: orgUnits.name })
    .from(jointMeetings)
    .innerJoin(
      orgUnits,
      and(eq(orgUnits.districtId, jointMeetings.districtId), eq(orgUnits.id, jointMeetings.compoundId)),
    )
    .where(and(eq(jointMeetings.districtId, districtId), inArray(jointMeetings.id, ids)));
}

export function actionsOfMeetings(q: Queryable, districtId: string, meetingIds: string[]) {
  return q
    .select()
    .from(jointMeetingActions)
    .where(and(eq(jointMeetingActions.districtId, districtId), inArray(jointMeetingActions.meetingId, meetingIds)))
    .orderBy(asc(jointMeetingActions.createdAt));
}

export async function findMeeting(q: Queryable, districtId: string, id: string) {
  const [m] = await q
    .select()
    .from(jointMeetings)
    .where(and(eq(jointMeetings.districtId, districtId), eq(jointMeetings.id, id)));
  return m;
}

/** The latest 100 meetings the actor sees, optionally under one unit's path. */
export function meetingIds(q: Queryable, actor: Actor, underPath: string | null) {
  return q
    .select({ id: jointMeetings.id })
    .from(jointMeetings)
    .where(
      and(
        eq(jointMeetings.districtId, actor.districtId),
        scopeWhere(actor, 'meeting', { orgPath: sql`${jointMeetings.orgPath}` }),
        underPath ? sql`${jointMeetings.orgPath} like ${prefixPattern(underPath)}` : undefined,
      ),
    )
    .orderBy(desc(jointMeetings.heldOn))
    .limit(100);
}

/** The agenda: the compound's open, overdue and disputed (low-rated or reopened in the last 90 days) orders. */
export function agendaOf(q: Queryable, districtId: string, compoundId: string) {
  const o = workOrders;
  const e = workOrderEvents;
  const overdue = sql`(${o.status} <> 'closed' and ${o.dueAt} < now())`;
  return q
    .select({
      orderId: o.id,
      no: o.no,
      title: o.title,
      reason: sql<AgendaReason>`case when ${overdue} then 'overdue' when ${o.status} <> 'closed' then 'open' else 'disputed' end`,
    })
    .from(o)
    .where(
      sql`${o.districtId} = ${districtId} and ${o.compoundId} = ${compoundId} and ${o.mergedInto} is null
      and (${o.status} <> 'closed'
        or (${o.closedAt} > now() - interval '90 days' and (${o.rating} <= 2
          or exists (select 1 from ${e} where ${e.districtId} = ${o.districtId} and ${e.orderId} = ${o.id} and ${e.type} = 'reopened'))))`,
    )
    .orderBy(sql`${overdue} desc`, asc(o.createdAt))
    .limit(200);
}

export async function insertMeeting(tx: Tx, row: typeof jointMeetings.$inferInsert) {
  await tx.insert(jointMeetings).values(row);
}

/** Changes attendees and minutes if the version is still `version`; false when someone else saved first. */
export async function updateMeetingRow(
  tx: Tx,
  districtId: string,
  id: string,
  change: { attendees?: { name: string; role: string }[]; minutes?: string; version: number },
): Promise<boolean> {
  const rows = await tx
    .update(jointMeetings)
    .set({
      ...(change.attendees ? { attendees: change.attendees } : {}),
      ...(change.minutes !== undefined ? { minutes: change.minutes } : {}),
      version: sql`${jointMeetings.version} + 1`,
    })
    .where(
      and(
        eq(jointMeetings.districtId, districtId),
        eq(jointMeetings.id, id),
        eq(jointMeetings.version, change.version),
      ),
    )
    .returning({ id: jointMeetings.id });
  return rows.length > 0;
}

export async function orderCompound(q: Queryable, districtId: string, orderId: string) {
  const [o] = await q
    .select({ compoundId: workOrders.compoundId })
    .from(workOrders)
    .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, orderId)));
  return o?.compoundId ?? null;
}

export async function insertAction(tx: Tx, row: typeof jointMeetingActions.$inferInsert) {
  await tx.insert(jointMeetingActions).values(row);
}

export async function findAction(q: Queryable, districtId: string, id: string) {
  const [a] = await q
    .select()
    .from(jointMeetingActions)
    .where(and(eq(jointMeetingActions.districtId, districtId), eq(jointMeetingActions.id, id)));
  return a;
}

export async function setActionStatus(tx: Tx, districtId: string, id: string, status: 'open' | 'done') {
  await tx
    .update(jointMeetingActions)
    .set({ status })
    .where(and(eq(jointMeetingActions.districtId, districtId), eq(jointMeetingActions.id, id)));
}

/** The open decisions of joint meetings that name this order: it may not close while one is open. */
export function openActionsOfOrder(q: Queryable, districtId: string, orderId: string) {
  return q
    .select({ id: jointMeetingActions.id, title: jointMeetingActions.title })
    .from(jointMeetingActions)
    .where(
      and(
        eq(jointMeetingActions.districtId, districtId),
        eq(jointMeetingActions.orderId, orderId),
        eq(jointMeetingActions.status, 'open'),
      ),
    )
    .orderBy(jointMeetingActions.dueOn, jointMeetingActions.id);
}

export async function detachActionOrder(tx: Tx, districtId: string, id: string) {
  await tx
    .update(jointMeetingActions)
    .set({ orderId: null })
    .where(and(eq(jointMeetingActions.districtId, districtId), eq(jointMeetingActions.id, id)));
}
