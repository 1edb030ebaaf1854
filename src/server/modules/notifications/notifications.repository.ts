import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import type { Role } from '../../../shared/access.js';
import { orgUnits } from '../org/org.tables.js';
import { users } from '../auth/auth.tables.js';
import { outbox, workOrderEvents, workOrderLegs, workOrders } from '../work-orders/work-orders.tables.js';
import { minorCases } from '../minor-protection/minor-protection.tables.js';
import { jobs } from '../jobs/jobs.tables.js';
import {
  notificationDeliveries,
  notificationDueWarnings,
  notifications,
  notificationSettings,
} from './notifications.tables.js';

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type SettingsRow = typeof notificationSettings.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export interface OutboxRow {
  districtId: string;
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

// ───────────── relay: outbox → fan-out jobs ─────────────

/**
 * Moves up to `limit` unsent outbox rows into the job queue as fan-out jobs, marking them sent, in one
 * statement (so one transaction): a row is relayed exactly once. Rows older than `maxAgeHours` (left
 * from before delivery existed) are marked without a job: a week-old "new order" reminder helps nobody.
 */
export async function relayOutbox(q: Queryable, o: { limit: number; maxAgeHours: number }): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    q,
    sql`with o as (select district_id, id, created_at from ${outbox} where sent_at is null
          order by created_at, id limit ${o.limit} for update skip locked),
      u as (update ${outbox} x set sent_at = now() from o
          where x.district_id = o.district_id and x.id = o.id returning x.district_id, x.id, x.created_at)
      insert into ${jobs} (district_id, queue, payload, singleton_key, max_attempts)
      select district_id, 'notify.fanout', jsonb_build_object('outboxId', id), id::text, 10 from u
      where created_at > now() - make_interval(hours => ${o.maxAgeHours})
      on conflict do nothing
      returning id`,
  );
  return rows.length;
}

export async function findOutbox(q: Queryable, districtId: string, id: number): Promise<OutboxRow | undefined> {
  const [row] = await q
    .select({
      districtId: outbox.districtId,
      id: outbox.id,
      topic: outbox.topic,
      payload: outbox.payload,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(and(eq(outbox.districtId, districtId), eq(outbox.id, id)));
  return row;
}

export async function insertOutboxRow(
  q: Queryable,
  districtId: string,
  topic: string,
  payload: Record<string, unknown>,
) {
  await q.insert(outbox).values({ districtId, topic, payload });
}

// ───────────── recipients ─────────────

export interface Recipient {
  id: string;
  role: string;
}

/** Active accounts of these roles whose bound unit's subtree holds `path`. */
export async function usersAbove(
  q: Queryable,
  districtId: string,
  roles: string[],
  path: string,
): Promise<Recipient[]> {
  if (!roles.length) return [];
  return q
    .select({ id: users.id, role: users.role })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(
      and(
        eq(users.districtId, districtId),
        eq(users.isActive, true),
        inArray(users.role, roles),
        sql`starts_with(${path}, ${orgUnits.path})`,
      ),
    );
}

export async function usersOfWorkUnit(
  q: Queryable,
  districtId: string,
  workUnitId: string,
  roles: readonly Role[] = ['department_staff'],
): Promise<Recipient[]> {
  return q
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.districtId, districtId),
        eq(users.isActive, true),
        inArray(users.role, [...roles]),
        eq(users.workUnitId, workUnitId),
      ),
    );
}

export async function usersByIds(q: Queryable, districtId: string, ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  return q
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.isActive, true), inArray(users.id, ids)));
}

export async function unitPath(q: Queryable, districtId: string, id: string): Promise<string | undefined> {
  const [row] = await q
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return row?.path;
}

export async function caseStreet(q: Queryable, districtId: string, caseId: string): Promise<string | undefined> {
  const [row] = await q
    .select({ streetId: minorCases.streetId })
    .from(minorCases)
    .where(and(eq(minorCases.districtId, districtId), eq(minorCases.id, caseId)));
  return row?.streetId;
}

export interface OrderContext {
  id: string;
  no: string;
  title: string;
  orgPath: string;
  status: string;
  reporterUserId: string | null;
  legs: { handlerKind: string; workUnitId: string | null }[];
}

export async function orderContext(q: Queryable, districtId: string, id: string): Promise<OrderContext | undefined> {
  const [o] = await q
    .select({
      id: workOrders.id,
      no: workOrders.no,
      title: workOrders.title,
      orgPath: workOrders.orgPath,
      status: workOrders.status,
      reporterUserId: workOrders.reporterUserId,
    })
    .from(workOrders)
    .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)));
  if (!o) return undefined;
  const legs = await q
    .select({ handlerKind: workOrderLegs.handlerKind, workUnitId: workOrderLegs.workUnitId })
    .from(workOrderLegs)
    .where(
      and(eq(workOrderLegs.districtId, districtId), eq(workOrderLegs.orderId, id), eq(workOrderLegs.status, 'open')),
    );
  return { ...o, legs };
}

// ───────────── pre-breach warnings ─────────────

const STAGE_EVENTS = [
  'created',
  'imported',
  'accepted',
  'dispatched',
  'reassigned',
  'fulfilled',
  'returned',
  'reopened',
  'extension_decided',
];

/**
 * Open orders whose current deadline is `share` elapsed (measured from the step that started it) and not
 * yet past, that have had no warning for this deadline: records the warning and writes the reminder to
 * the outbox, in one transaction — once per deadline, however many sweeps run.
 */
export async function warnDueSoon(tx: Tx, o: { now: Date; share: number }): Promise<number> {
  const now = o.now.toISOString();
  const rows = await queryRows<{ district_id: string; id: string; no: string; due_at: string }>(
    tx,
    sql`with due as (
        select w.district_id, w.id, w.no, w.due_at,
          coalesce((select max(e.at) from ${workOrderEvents} e where e.district_id = w.district_id and e.order_id = w.id
            and e.type in (${sql.join(
              STAGE_EVENTS.map((t) => sql`${t}`),
              sql`, `,
            )})), w.created_at) as started_at
        from ${workOrders} w
        where w.status <> 'closed' and w.due_at is not null and w.due_at > ${now}::timestamptz
          and w.due_at < ${now}::timestamptz + interval '60 days'),
      hit as (insert into ${notificationDueWarnings} (district_id, order_id, due_at)
        select district_id, id, due_at from due
        where started_at < due_at
          and started_at + (due_at - started_at) * ${o.share} <= ${now}::timestamptz
        on conflict do nothing
        returning district_id, order_id, due_at)
      select h.district_id, h.order_id as id, d.no, h.due_at from hit h join due d on d.district_id = h.district_id and d.id = h.order_id`,
  );
  for (const r of rows)
    await tx.insert(outbox).values({
      districtId: r.district_id,
      topic: 'order.due_soon',
      payload: { orderId: r.id, no: r.no, dueAt: new Date(r.due_at).toISOString() },
    });
  return rows.length;
}

// ───────────── deliveries ─────────────

export type NewDelivery = typeof notificationDeliveries.$inferInsert;

/** Inserts the deliveries that do not exist yet; returns only the new ones (a re-run of fan-out adds nothing). */
export async function insertDeliveries(tx: Tx, list: NewDelivery[]): Promise<DeliveryRow[]> {
  if (!list.length) return [];
  return tx.insert(notificationDeliveries).values(list).onConflictDoNothing().returning();
}

export async function insertNotifications(tx: Tx, list: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (list.length) await tx.insert(notifications).values(list).onConflictDoNothing();
}

export async function findDelivery(q: Queryable, districtId: string, id: number): Promise<DeliveryRow | undefined> {
  const [row] = await q
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.districtId, districtId), eq(notificationDeliveries.id, id)));
  return row;
}

export async function deliveriesByIds(q: Queryable, districtId: string, ids: number[]): Promise<DeliveryRow[]> {
  if (!ids.length) return [];
  return q
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.districtId, districtId), inArray(notificationDeliveries.id, ids)));
}

export async function updateDelivery(
  q: Queryable,
  districtId: string,
  ids: number[],
  set: Partial<Pick<DeliveryRow, 'status' | 'sentAt' | 'lastError' | 'attempts'>>,
): Promise<void> {
  if (!ids.length) return;
  await q
    .update(notificationDeliveries)
    .set(set)
    .where(and(eq(notificationDeliveries.districtId, districtId), inArray(notificationDeliveries.id, ids)));
}

export async function countAttempt(q: Queryable, districtId: string, id: number): Promise<void> {
  await q
    .update(notificationDeliveries)
    .set({ attempts: sql`${notificationDeliveries.attempts} + 1` })
    .where(and(eq(notificationDeliveries.districtId, districtId), eq(notificationDeliveries.id, id)));
}

/** Held e-mails (digest) of every user, oldest first. */
export async function heldEmails(q: Queryable, before: Date): Promise<DeliveryRow[]> {
  return q
    .select()
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.status, 'held'),
        eq(notificationDeliveries.channel, 'email'),
        lt(notificationDeliveries.createdAt, before),
      ),
    )
    .orderBy(notificationDeliveries.districtId, notificationDeliveries.userId, notificationDeliveries.id)
    .limit(5000);
}

// ───────────── in-app reads ─────────────

export async function listNotifications(
  q: Queryable,
  o: { districtId: string; userId: string; unreadOnly: boolean; before?: number; afterId?: number; limit: number },
): Promise<NotificationRow[]> {
  const n = notifications;
  return q
    .select()
    .from(n)
    .where(
      and(
        eq(n.districtId, o.districtId),
        eq(n.userId, o.userId),
        o.unreadOnly ? isNull(n.readAt) : undefined,
        o.before ? lt(n.id, o.before) : undefined,
        o.afterId !== undefined ? sql`${n.id} > ${o.afterId}` : undefined,
      ),
    )
    .orderBy(o.afterId !== undefined ? n.id : desc(n.id))
    .limit(o.limit);
}

export async function unreadCount(q: Queryable, districtId: string, userId: string): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(eq(notifications.districtId, districtId), eq(notifications.userId, userId), isNull(notifications.readAt)),
    );
  return row?.n ?? 0;
}

export async function latestNotificationId(q: Queryable, districtId: string, userId: string): Promise<number> {
  const [row] = await q
    .select({ id: sql<number | null>`max(${notifications.id})` })
    .from(notifications)
    .where(and(eq(notifications.districtId, districtId), eq(notifications.userId, userId)));
  return Number(row?.id ?? 0);
}

/** Marks the caller's own notifications read: `ids` omitted = all of them. Another user's ids match nothing. */
export async function markRead(
  q: Queryable,
  o: { districtId: string; userId: string; ids?: number[] },
): Promise<number> {
  const rows = await q
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.districtId, o.districtId),
        eq(notifications.userId, o.userId),
        isNull(notifications.readAt),
        o.ids ? inArray(notifications.id, o.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export async function findNotification(q: Queryable, districtId: string, id: number) {
  const [row] = await q
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.districtId, districtId), eq(notifications.id, id)));
  return row;
}

// ───────────── settings ─────────────

export async function findSettings(q: Queryable, districtId: string, userId: string): Promise<SettingsRow | undefined> {
  const [row] = await q
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.districtId, districtId), eq(notificationSettings.userId, userId)));
  return row;
}

export async function settingsOf(q: Queryable, districtId: string, userIds: string[]): Promise<SettingsRow[]> {
  if (!userIds.length) return [];
  return q
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.districtId, districtId), inArray(notificationSettings.userId, userIds)));
}

export async function upsertSettings(q: Queryable, row: typeof notificationSettings.$inferInsert): Promise<void> {
  const { districtId: _d, userId: _u, ...set } = row;
  await q
    .insert(notificationSettings)
    .values(row)
    .onConflictDoUpdate({ target: [notificationSettings.districtId, notificationSettings.userId], set });
}

export async function deliveryStats(q: Queryable, districtId: string, since: Date) {
  return queryRows<{ channel: string; n: number; p95_ms: number | null }>(
    q,
    sql`select channel, count(*)::int as n,
        percentile_cont(0.95) within group (order by extract(epoch from (sent_at - event_at)) * 1000) as p95_ms
      from ${notificationDeliveries}
      where district_id = ${districtId} and status = 'sent' and created_at >= ${since.toISOString()}::timestamptz
      group by channel`,
  );
}
