import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { orgUnits, workUnits } from '../org/org.tables.js';
import {
  outbox,
  workOrderCategories,
  workOrderEvents,
  workOrderLegs,
  workOrders,
} from '../work-orders/work-orders.tables.js';
import { assessmentAppeals, assessmentCallbacks, assessmentSettings } from './assessment.tables.js';

/**
 * Every query of the assessment. The month's figures are read from the orders' timeline events (append-only)
 * and the legs' dispatch rows, never from the order's current status, so a past month gives the same numbers
 * whenever it is asked for with the same `asOf`.
 */
export interface Window {
  start: Date;
  /** The end of the month, or `asOf` when that is earlier. */
  cutoff: Date;
  asOf: Date;
}

/** One order as the month's figures see it. */
export interface OrderFact {
  id: string;
  no: string;
  title: string;
  org_path: string;
  channel: string;
  category_id: string;
  accept_days: number;
  /** Received in the month (created or imported). */
  received_at: Date | null;
  accepted_at: Date | null;
  /** The last close in the month. */
  closed_at: Date | null;
  closed_on_time: boolean | null;
  rating: number | null;
  callback_outcome: string | null;
  callback_resolved: boolean | null;
  redo_in_month: boolean;
  /** Work units of the order's legs dispatched by the cutoff and not returned (a department answers for these orders). */
  leg_units: string[];
}

const ev = workOrderEvents;
const o = workOrders;
const inWindow = (w: Window, at: SQL) => sql`${at} >= ${w.start.toISOString()} and ${at} < ${w.cutoff.toISOString()}`;

export async function orderFacts(q: Queryable, districtId: string, w: Window): Promise<OrderFact[]> {
  const asOf = w.asOf.toISOString();
  return queryRows<OrderFact>(
    q,
    sql`
    with touched as (
      select distinct e.order_id from ${ev} e
      where e.district_id = ${districtId} and e.type in ('created', 'imported', 'closed', 'reopened', 'redo')
        and ${inWindow(w, sql`e.at`)}
    ), f as (
      select t.order_id,
        (select min(e.at) from ${ev} e where e.district_id = ${districtId} and e.order_id = t.order_id
           and e.type in ('created', 'imported')) as first_in,
        (select min(e.at) from ${ev} e where e.district_id = ${districtId} and e.order_id = t.order_id
           and e.type = 'accepted' and e.at <= ${asOf}) as accepted_at,
        (select max(e.at) from ${ev} e where e.district_id = ${districtId} and e.order_id = t.order_id
           and e.type = 'closed' and ${inWindow(w, sql`e.at`)}) as closed_at,
        exists (select 1 from ${ev} e where e.district_id = ${districtId} and e.order_id = t.order_id
           and e.type in ('reopened', 'redo') and ${inWindow(w, sql`e.at`)}) as redo_in_month
      from touched t
    )
    select ${o.id}, ${o.no}, ${o.title}, ${o.orgPath} as org_path, ${o.channel}, ${o.categoryId} as category_id,
      coalesce(c.accept_days, 1) as accept_days,
      case when f.first_in >= ${w.start.toISOString()} and f.first_in < ${w.cutoff.toISOString()} then f.first_in end as received_at,
      f.accepted_at, f.closed_at, f.redo_in_month,
      (select (e.data->>'onTime')::boolean from ${ev} e where e.district_id = ${districtId} and e.order_id = f.order_id
         and e.type = 'closed' and e.at = f.closed_at limit 1) as closed_on_time,
      (select (e.data->>'rating')::int from ${ev} e where e.district_id = ${districtId} and e.order_id = f.order_id
         and e.type = 'confirmed' and e.at <= f.closed_at order by e.at desc, e.id desc limit 1) as rating,
      cb.outcome as callback_outcome, cb.resolved as callback_resolved,
      coalesce((select array_agg(distinct l.work_unit_id) from ${workOrderLegs} l where l.district_id = ${districtId}
         and l.order_id = f.order_id and l.work_unit_id is not null and l.status <> 'returned'
         and l.created_at < ${w.cutoff.toISOString()}), '{}') as leg_units
    from f
    join ${o} on ${o.districtId} = ${districtId} and ${o.id} = f.order_id
    left join ${workOrderCategories} c on c.district_id = ${o.districtId} and c.id = ${o.categoryId}
    left join lateral (
      select k.outcome, k.resolved from ${assessmentCallbacks} k
      where k.district_id = ${districtId} and k.order_id = f.order_id and k.closed_at = f.closed_at
        and k.outcome <> 'unreachable' and k.called_at <= ${asOf}
      order by k.called_at desc, k.id desc limit 1
    ) cb on true
    where ${o.mergedInto} is null
    order by ${o.no}`,
  );
}

/** One leg (派单) as the month's figures see it: dispatched in the month, or fulfilled in it. */
export interface LegFact {
  id: string;
  order_id: string;
  org_path: string;
  handler_kind: string;
  work_unit_id: string | null;
  accept_days: number;
  dispatched_at: Date;
  dispatched_in_month: boolean;
  /** 签收, else the first fulfilment, return or extension request (before 签收 existed a leg had none). */
  first_action_at: Date | null;
  signed_at: Date | null;
  returned_in_month: boolean;
  /** The return blamed the dispatch catalogue (a wrong default unit), not the unit that returned it. */
  return_catalogue: boolean;
  fulfilled_in_month: boolean;
  fulfilled_late: boolean | null;
}

export async function legFacts(q: Queryable, districtId: string, w: Window): Promise<LegFact[]> {
  const l = workOrderLegs;
  const asOf = w.asOf.toISOString();
  const legEvent = (types: SQL) =>
    sql`e.district_id = ${districtId} and e.order_id = ${l.orderId} and e.data->>'legId' = ${l.id} and e.type in ${types}`;
  return queryRows<LegFact>(
    q,
    sql`
    select * from (
      select ${l.id}, ${l.orderId} as order_id, ${o.orgPath} as org_path, ${l.handlerKind} as handler_kind,
        ${l.workUnitId} as work_unit_id, coalesce(c.accept_days, 1) as accept_days, ${l.createdAt} as dispatched_at,
        (${inWindow(w, sql`${l.createdAt}`)}) as dispatched_in_month,
        (select min(e.at) from ${ev} e where ${legEvent(sql`('signed', 'fulfilled', 'returned', 'extension_requested')`)}
           and e.at <= ${asOf}) as first_action_at,
        (select min(e.at) from ${ev} e where ${legEvent(sql`('signed')`)} and e.at <= ${asOf}) as signed_at,
        exists (select 1 from ${ev} e where ${legEvent(sql`('returned')`)} and e.at < ${w.cutoff.toISOString()}) as returned_in_month,
        exists (select 1 from ${ev} e where ${legEvent(sql`('returned')`)} and e.at < ${w.cutoff.toISOString()}
           and e.data->>'cause' = 'catalogue') as return_catalogue,
        exists (select 1 from ${ev} e where ${legEvent(sql`('fulfilled')`)} and ${inWindow(w, sql`e.at`)}) as fulfilled_in_month,
        (select coalesce((e.data->>'late')::boolean, e.at > ${l.dueAt}) from ${ev} e
           where ${legEvent(sql`('fulfilled')`)} and ${inWindow(w, sql`e.at`)} order by e.at desc limit 1) as fulfilled_late
      from ${l}
      join ${o} on ${o.districtId} = ${l.districtId} and ${o.id} = ${l.orderId}
      left join ${workOrderCategories} c on c.district_id = ${o.districtId} and c.id = ${o.categoryId}
      where ${l.districtId} = ${districtId} and ${o.mergedInto} is null and ${l.createdAt} < ${w.cutoff.toISOString()}
    ) x where x.dispatched_in_month or x.fulfilled_in_month
    order by x.order_id, x.id`,
  );
}

/** Approved appeals (decided by `asOf`): which unit has which order taken out. */
export async function approvedAppeals(q: Queryable, districtId: string, asOf: Date) {
  const a = assessmentAppeals;
  return q
    .select({ orderId: a.orderId, unitKind: a.unitKind, unitId: a.unitId })
    .from(a)
    .where(and(eq(a.districtId, districtId), eq(a.status, 'approved'), sql`${a.decidedAt} <= ${asOf.toISOString()}`));
}

/** The assessed units: the district, its streets and communities, and its departments. */
export async function assessedUnits(q: Queryable, districtId: string) {
  const u = orgUnits;
  const org = await q
    .select({ id: u.id, kind: u.kind, name: u.name, path: u.path, parentId: u.parentId })
    .from(u)
    .where(
      and(eq(u.districtId, districtId), inArray(u.kind, ['district', 'street', 'township', 'community', 'village'])),
    )
    .orderBy(asc(u.path));
  const depts = await q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.kind, 'department')))
    .orderBy(asc(workUnits.id));
  return { org, depts };
}

// ───────────── settings ─────────────

export async function settingsRow(q: Queryable, districtId: string) {
  const [row] = await q.select().from(assessmentSettings).where(eq(assessmentSettings.districtId, districtId));
  return row;
}

export async function lockSettings(tx: Tx, districtId: string) {
  const [row] = await tx
    .select()
    .from(assessmentSettings)
    .where(eq(assessmentSettings.districtId, districtId))
    .for('update');
  return row;
}

export async function upsertSettings(tx: Tx, row: typeof assessmentSettings.$inferInsert) {
  await tx
    .insert(assessmentSettings)
    .values(row)
    .onConflictDoUpdate({
      target: [assessmentSettings.districtId, assessmentSettings.id],
      set: { ...row, version: sql`${assessmentSettings.version} + 1` },
    });
}

// ───────────── appeals ─────────────

export type AppealRow = typeof assessmentAppeals.$inferSelect;

export async function insertAppeal(tx: Tx, row: typeof assessmentAppeals.$inferInsert) {
  await tx.insert(assessmentAppeals).values(row);
}

export async function openAppealFor(q: Queryable, districtId: string, orderId: string, unitId: string) {
  const a = assessmentAppeals;
  const [row] = await q
    .select({ id: a.id })
    .from(a)
    .where(
      and(
        eq(a.districtId, districtId),
        eq(a.orderId, orderId),
        eq(a.unitId, unitId),
        inArray(a.status, ['pending', 'approved']),
      ),
    );
  return row;
}

export async function appealById(q: Queryable, districtId: string, id: string, forUpdate = false) {
  const a = assessmentAppeals;
  const base = q
    .select()
    .from(a)
    .where(and(eq(a.districtId, districtId), eq(a.id, id)));
  const [row] = forUpdate ? await base.for('update') : await base;
  return row;
}

export async function listAppeals(q: Queryable, districtId: string, f: { status?: string; scope: SQL }) {
  const a = assessmentAppeals;
  const where = [eq(a.districtId, districtId), f.scope];
  if (f.status) where.push(eq(a.status, f.status as AppealRow['status']));
  return q
    .select({ appeal: a, no: o.no, title: o.title })
    .from(a)
    .innerJoin(o, and(eq(o.districtId, a.districtId), eq(o.id, a.orderId)))
    .where(and(...where))
    .orderBy(desc(a.filedAt), asc(a.id))
    .limit(500);
}

export const appealColumns = {
  orgPath: sql`${assessmentAppeals.orgPath}`,
  workUnitId: sql`${assessmentAppeals.workUnitId}`,
};

export async function updateAppeal(tx: Tx, districtId: string, id: string, set: Partial<AppealRow>) {
  await tx
    .update(assessmentAppeals)
    .set({ ...set, version: sql`${assessmentAppeals.version} + 1` })
    .where(and(eq(assessmentAppeals.districtId, districtId), eq(assessmentAppeals.id, id)));
}

/** The order an appeal or callback is about: its path, close and legs' work units. */
export async function orderForAssessment(q: Queryable, districtId: string, orderId: string) {
  const [row] = await q
    .select({
      id: o.id,
      no: o.no,
      title: o.title,
      status: o.status,
      orgPath: o.orgPath,
      channel: o.channel,
      closedAt: o.closedAt,
      rating: o.rating,
      reporterUserId: o.reporterUserId,
      categoryId: o.categoryId,
    })
    .from(o)
    .where(and(eq(o.districtId, districtId), eq(o.id, orderId)));
  if (!row) return undefined;
  const legs = await q
    .select({ workUnitId: workOrderLegs.workUnitId })
    .from(workOrderLegs)
    .where(and(eq(workOrderLegs.districtId, districtId), eq(workOrderLegs.orderId, orderId)));
  return { ...row, legWorkUnitIds: legs.map((l) => l.workUnitId) };
}

export async function orgUnitById(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return row;
}

export async function workUnitById(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.id, id)));
  return row;
}

// ───────────── callbacks ─────────────

export async function insertCallback(tx: Tx, row: typeof assessmentCallbacks.$inferInsert) {
  await tx.insert(assessmentCallbacks).values(row);
}

export async function callbacksOf(q: Queryable, districtId: string, orderId: string) {
  const k = assessmentCallbacks;
  return q
    .select()
    .from(k)
    .where(and(eq(k.districtId, districtId), eq(k.orderId, orderId)))
    .orderBy(asc(k.calledAt), asc(k.id));
}

/**
 * Closed orders that need a callback: 12345 orders whose caller has no account, and orders nobody rated;
 * not yet answered for this close and with fewer than `tries` unreachable tries.
 */
export async function callbackQueue(q: Queryable, districtId: string, f: { scope: SQL; tries: number }) {
  const k = assessmentCallbacks;
  return queryRows<{
    id: string;
    no: string;
    title: string;
    channel: string;
    org_path: string;
    closed_at: Date;
    rating: number | null;
    reporter_name: string | null;
    reporter_phone_masked: string | null;
    tries: number;
    last_called_at: Date | null;
  }>(
    q,
    sql`
    select ${o.id}, ${o.no}, ${o.title}, ${o.channel}, ${o.orgPath} as org_path, ${o.closedAt} as closed_at, ${o.rating},
      ${o.reporterName} as reporter_name, ${o.reporterPhoneMasked} as reporter_phone_masked,
      coalesce(cb.tries, 0)::int as tries, cb.last_called_at
    from ${o}
    left join lateral (
      select count(*) filter (where ${k.outcome} = 'unreachable') as tries,
        count(*) filter (where ${k.outcome} <> 'unreachable') as answered, max(${k.calledAt}) as last_called_at
      from ${k} where ${k.districtId} = ${o.districtId} and ${k.orderId} = ${o.id} and ${k.closedAt} = ${o.closedAt}
    ) cb on true
    where ${o.districtId} = ${districtId} and ${o.status} = 'closed' and ${o.closedAt} is not null and ${o.mergedInto} is null
      and ((${o.channel} = 'hotline_12345' and ${o.reporterUserId} is null) or ${o.rating} is null)
      and coalesce(cb.answered, 0) = 0 and coalesce(cb.tries, 0) < ${f.tries}
      and ${f.scope}
    order by ${o.closedAt} asc, ${o.id}
    limit 500`,
  );
}

export const orderColumns = {
  districtId: sql`${o.districtId}`,
  id: sql`${o.id}`,
  orgPath: sql`${o.orgPath}`,
  reporterUserId: sql`${o.reporterUserId}`,
};

/** Orders by id for a drill-down (numbers, titles, where). */
export async function ordersByIds(q: Queryable, districtId: string, ids: string[]) {
  if (!ids.length) return [];
  return q
    .select({ id: o.id, no: o.no, title: o.title, orgPath: o.orgPath, status: o.status, channel: o.channel })
    .from(o)
    .where(and(eq(o.districtId, districtId), inArray(o.id, ids)));
}

/** A notification for the notification worker (topic + payload), written in the caller's transaction. */
export async function insertOutbox(tx: Tx, districtId: string, topic: string, payload: Record<string, unknown>) {
  await tx.insert(outbox).values({ districtId, topic, payload });
}
