import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client.js';
import { containsPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { buildings, orgUnits, workUnits } from '../../org/org.tables.js';
import type { OrderFilterInput } from '../../../../shared/work-orders.schema.js';
import {
  workOrderAttachments,
  workOrderCategories,
  workOrderEvents,
  workOrderExtensions,
  workOrderLegs,
  workOrders,
} from '../work-orders.tables.js';

/** Reads of orders: the list, one order with its legs, its timeline, extensions and photos. */
export type Order = typeof workOrders.$inferSelect;
export type Leg = typeof workOrderLegs.$inferSelect;

/** Who sees an order (rules in access/work-orders.access.ts): staff by subtree, a department through a leg, a resident their own. */
export function visibilitySql(actor: Actor, t: typeof workOrders = workOrders): SQL {
  return scopeWhere(actor, 'workOrder', {
    districtId: sql`${t.districtId}`,
    id: sql`${t.id}`,
    orgPath: sql`${t.orgPath}`,
    reporterUserId: sql`${t.reporterUserId}`,
  });
}

const compound = alias(orgUnits, 'cp');
const community = alias(orgUnits, 'cm');

/** The columns of a list row, with the category, compound and community names. */
const summaryColumns = {
  id: workOrders.id,
  no: workOrders.no,
  hotlineNo: workOrders.hotlineNo,
  channel: workOrders.channel,
  categoryName: sql<string>`coalesce(${workOrderCategories.name}, ${workOrders.categoryId})`,
  title: workOrders.title,
  compoundName: compound.name,
  communityName: community.name,
  status: workOrders.status,
  escalationLevel: workOrders.escalationLevel,
  dueAt: workOrders.dueAt,
  createdAt: workOrders.createdAt,
  rating: workOrders.rating,
  possibleDuplicateOf: workOrders.possibleDuplicateOf,
  version: workOrders.version,
};

function selectSummaries(q: Queryable, where: SQL | undefined) {
  return q
    .select(summaryColumns)
    .from(workOrders)
    .leftJoin(
      workOrderCategories,
      and(eq(workOrderCategories.districtId, workOrders.districtId), eq(workOrderCategories.id, workOrders.categoryId)),
    )
    .innerJoin(compound, and(eq(compound.districtId, workOrders.districtId), eq(compound.id, workOrders.compoundId)))
    .innerJoin(community, and(eq(community.districtId, compound.districtId), eq(community.id, compound.parentId)))
    .where(where);
}
export type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

/** 待办 by role: what waits for this actor's step. */
function inboxSql(actor: Actor): SQL {
  const o = workOrders;
  switch (actor.role) {
    case 'grid_worker':
    case 'branch_secretary':
      return sql`${o.status} = 'new'`;
    case 'community_worker':
      return sql`(${o.status} in ('new', 'accepted', 'fulfilled')
        or exists (select 1 from ${workOrderExtensions} where ${workOrderExtensions.districtId} = ${o.districtId}
          and ${workOrderExtensions.orderId} = ${o.id} and ${workOrderExtensions.status} = 'pending'))`;
    case 'department_staff':
    case 'property_company':
      return sql`exists (select 1 from ${workOrderLegs} where ${workOrderLegs.districtId} = ${o.districtId}
        and ${workOrderLegs.orderId} = ${o.id} and ${workOrderLegs.workUnitId} = ${actor.workUnitId ?? ''} and ${workOrderLegs.status} = 'open')`;
    case 'street_staff':
      return sql`${o.status} <> 'closed' and (${o.escalationLevel} >= 1 or ${o.isSupervised})`;
    case 'district_admin':
      return sql`${o.status} <> 'closed' and (${o.escalationLevel} >= 2 or ${o.isSupervised})`;
    case 'resident':
      // a resident's own requests wait for them until closed: in progress, then their rating
      return sql`${o.status} <> 'closed'`;
    default:
      return sql`${o.status} <> 'closed'`;
  }
}

export interface SummaryFilter extends Omit<OrderFilterInput, 'from' | 'to'> {
  actor: Actor;
  /** created_at ≥ from, < to (already turned into instants) */
  from?: Date;
  to?: Date;
  /** Keyset: rows strictly before this (created_at, id). */
  before?: [string, string];
  limit: number;
}

/** The filters as SQL on work_orders alone (names are matched through id subqueries, never by joining first). */
function filterSql(f: SummaryFilter): SQL[] {
  const o = workOrders;
  const d = f.actor.districtId;
  const where: SQL[] = [eq(o.districtId, d), visibilitySql(f.actor), sql`${o.mergedInto} is null`];
  if (f.box === 'inbox') where.push(inboxSql(f.actor));
  else if (f.box === 'open') where.push(ne(o.status, 'closed'));
  else if (f.box === 'overdue') where.push(sql`${o.status} <> 'closed' and ${o.dueAt} < now()`);
  else if (f.box === 'closed') where.push(eq(o.status, 'closed'));
  if (f.compoundId) where.push(eq(o.compoundId, f.compoundId));
  if (f.buildingId) where.push(eq(o.buildingId, f.buildingId));
  if (f.channel) where.push(eq(o.channel, f.channel));
  if (f.status) where.push(eq(o.status, f.status));
  if (f.subCategoryId) where.push(eq(o.categoryId, f.subCategoryId));
  if (f.categoryId)
    where.push(sql`(${o.categoryId} = ${f.categoryId} or ${o.categoryId} in (select ${workOrderCategories.id}
      from ${workOrderCategories} where ${workOrderCategories.districtId} = ${d} and ${workOrderCategories.parentId} = ${f.categoryId}))`);
  if (f.workUnitId)
    where.push(sql`exists (select 1 from ${workOrderLegs} where ${workOrderLegs.districtId} = ${o.districtId}
      and ${workOrderLegs.orderId} = ${o.id} and ${workOrderLegs.workUnitId} = ${f.workUnitId})`);
  if (f.from) where.push(sql`${o.createdAt} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`${o.createdAt} < ${f.to.toISOString()}::timestamptz`);
  const late = sql`(${o.status} <> 'closed' and ${o.dueAt} < now())`;
  if (f.overdue !== undefined) where.push(f.overdue ? late : sql`not ${late}`);
  if (f.escalated !== undefined)
    where.push(f.escalated ? sql`${o.escalationLevel} >= 1` : sql`${o.escalationLevel} = 0`);
  if (f.unsigned !== undefined) where.push(f.unsigned ? unsignedSql(f.actor) : sql`not ${unsignedSql(f.actor)}`);
  if (f.q) {
    const like = containsPattern(f.q);
    where.push(sql`(${o.no} = ${f.q} or ${o.hotlineNo} = ${f.q} or ${o.title} like ${like}
      or ${o.compoundId} in (select ${orgUnits.id} from ${orgUnits} where ${orgUnits.districtId} = ${d}
        and ${orgUnits.kind} = 'compound' and ${orgUnits.name} like ${like})
      or ${o.buildingId} in (select ${buildings.id} from ${buildings} where ${buildings.districtId} = ${d}
        and ${buildings.name} like ${like}))`);
  }
  if (f.before) where.push(sql`(${o.createdAt}, ${o.id}) < (${f.before[0]}::timestamptz, ${f.before[1]})`);
  return where;
}

/** 待签收: the order has an open leg nobody has signed for — of the caller's own unit when the caller has one. */
export function unsignedSql(
  actor: Actor,
  o: { districtId: SQL | typeof workOrders.districtId; id: SQL | typeof workOrders.id } = workOrders,
): SQL {
  const l = workOrderLegs;
  const own = actor.workUnitId ? sql` and ${l.workUnitId} = ${actor.workUnitId}` : sql``;
  return sql`exists (select 1 from ${l} where ${l.districtId} = ${o.districtId} and ${l.orderId} = ${o.id}
    and ${l.status} = 'open' and ${l.signedAt} is null${own})`;
}

/** The open legs not yet signed for of some orders, with what the access rule needs to decide who may sign. */
export function unsignedLegsOf(q: Queryable, districtId: string, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  const l = workOrderLegs;
  return q
    .select({
      id: l.id,
      orderId: l.orderId,
      handlerKind: l.handlerKind,
      workUnitId: l.workUnitId,
      status: l.status,
      orgPath: workOrders.orgPath,
    })
    .from(l)
    .innerJoin(workOrders, and(eq(workOrders.districtId, l.districtId), eq(workOrders.id, l.orderId)))
    .where(
      and(eq(l.districtId, districtId), inArray(l.orderId, orderIds), eq(l.status, 'open'), sql`${l.signedAt} is null`),
    )
    .orderBy(asc(l.createdAt), asc(l.id));
}

/**
 * One page of the list, newest first. The page is chosen on work_orders alone (its district/created_at
 * indexes, keyset on (created_at, id)); the category, compound and community names are joined onto
 * that page only.
 */
export function listSummaries(q: Queryable, f: SummaryFilter): Promise<SummaryRow[]> {
  const o = workOrders;
  const page = q
    .select({ id: o.id })
    .from(o)
    .where(and(...filterSql(f)))
    .orderBy(desc(o.createdAt), desc(o.id))
    .limit(f.limit);
  return selectSummaries(q, and(eq(o.districtId, f.actor.districtId), inArray(o.id, page))).orderBy(
    desc(o.createdAt),
    desc(o.id),
  );
}

/** What the .xlsx export adds to list rows: the building, the handlers, when it was closed. */
export function exportExtras(q: Queryable, districtId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  const o = workOrders;
  return q
    .select({
      id: o.id,
      buildingName: buildings.name,
      closedAt: o.closedAt,
      handlers: sql<string | null>`(select string_agg(coalesce(${workUnits.name}, ${workOrderLegs.handlerKind}), '、'
        order by ${workOrderLegs.createdAt}) from ${workOrderLegs} left join ${workUnits}
        on ${workUnits.districtId} = ${workOrderLegs.districtId} and ${workUnits.id} = ${workOrderLegs.workUnitId}
        where ${workOrderLegs.districtId} = ${o.districtId} and ${workOrderLegs.orderId} = ${o.id})`,
    })
    .from(o)
    .leftJoin(buildings, and(eq(buildings.districtId, o.districtId), eq(buildings.id, o.buildingId)))
    .where(and(eq(o.districtId, districtId), inArray(o.id, ids)));
}

export async function summaryOf(q: Queryable, districtId: string, id: string): Promise<SummaryRow | undefined> {
  const [row] = await selectSummaries(q, and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)));
  return row;
}

/** The order and its legs (oldest first); `lock` takes the order's row lock for a transition. */
export async function findOrder(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<{ order: Order; legs: Leg[] } | null> {
  const base = q
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)));
  const [order] = lock ? await base.for('update') : await base;
  if (!order) return null;
  return { order, legs: await legsOf(q, districtId, id) };
}

export function legsOf(q: Queryable, districtId: string, orderId: string): Promise<Leg[]> {
  return q
    .select()
    .from(workOrderLegs)
    .where(and(eq(workOrderLegs.districtId, districtId), eq(workOrderLegs.orderId, orderId)))
    .orderBy(asc(workOrderLegs.createdAt), asc(workOrderLegs.id));
}

export function eventsOf(q: Queryable, districtId: string, orderId: string) {
  return q
    .select()
    .from(workOrderEvents)
    .where(and(eq(workOrderEvents.districtId, districtId), eq(workOrderEvents.orderId, orderId)))
    .orderBy(asc(workOrderEvents.id));
}

export function extensionsOf(q: Queryable, districtId: string, orderId: string) {
  return q
    .select()
    .from(workOrderExtensions)
    .where(and(eq(workOrderExtensions.districtId, districtId), eq(workOrderExtensions.orderId, orderId)))
    .orderBy(asc(workOrderExtensions.createdAt));
}

export async function workUnitNames(q: Queryable, districtId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const units = await q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), inArray(workUnits.id, ids)));
  return new Map(units.map((u) => [u.id, u.name]));
}

export function photoIdsOf(q: Queryable, districtId: string, orderId: string) {
  return q
    .select({ id: workOrderAttachments.id })
    .from(workOrderAttachments)
    .where(and(eq(workOrderAttachments.districtId, districtId), eq(workOrderAttachments.orderId, orderId)));
}

export async function findPhoto(q: Queryable, districtId: string, orderId: string, photoId: string) {
  const [p] = await q
    .select()
    .from(workOrderAttachments)
    .where(
      and(
        eq(workOrderAttachments.districtId, districtId),
        eq(workOrderAttachments.orderId, orderId),
        eq(workOrderAttachments.id, photoId),
      ),
    );
  return p;
}
