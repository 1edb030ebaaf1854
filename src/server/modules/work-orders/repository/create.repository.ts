import { and, eq, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/time.js';
import type { Actor } from '../../access/access.policy.js';
import { auditInsertSql, type AuditEntry } from '../../audit/audit.service.js';
import { buildings, orgUnits } from '../../org/org.tables.js';
import {
  idempotencyKeys,
  orderNumberCounters,
  outbox,
  workOrderAttachments,
  workOrderCategories,
  workOrderEvents,
  workOrders,
} from '../work-orders.tables.js';

/** The writes of registering an order: the day's number, the order, its photos, key, event, reminder and audit. */
const dayOf = (now: Date) => shanghaiDate(now).replaceAll('-', '');
export const orderNo = (day: string, n: number) => `WO${day}${String(n).padStart(4, '0')}`;

/**
 * Reserve `count` order numbers for today (Asia/Shanghai) with one atomic upsert, in its own short
 * statement so concurrent creates never wait on each other's transactions. A failed create leaves a
 * gap in the sequence, which is acceptable for order numbers.
 */
export async function reserveOrderNumbers(q: Queryable, districtId: string, now: Date, count = 1): Promise<string[]> {
  const day = dayOf(now);
  const c = orderNumberCounters;
  const [row] = await q
    .insert(c)
    .values({ districtId, day, last: count })
    .onConflictDoUpdate({ target: [c.districtId, c.day], set: { last: sql`${c.last} + ${count}` } })
    .returning({ last: c.last });
  const first = row!.last - count + 1;
  return Array.from({ length: count }, (_, i) => orderNo(day, first + i));
}

export interface IntakeFacts {
  id: string | null;
  kind: string | null;
  path: string | null;
  name: string | null;
  address: string | null;
  community_name: string | null;
  category_id: string | null;
  category_name: string | null;
  accept_days: number | null;
  building_compound_id: string | null;
  /** The order number reserved for this create, e.g. `WO202612020007`. */
  no: string;
}

/**
 * One statement reads the compound, its community, the category and the building, and reserves the
 * order number (its own short autocommit, so concurrent creates never wait on each other's
 * transactions; a refused request leaves a gap in the day's sequence, which is acceptable).
 */
export async function intakeFacts(
  q: Queryable,
  d: string,
  input: { compoundId: string; categoryId: string; buildingId?: string },
  now: Date,
): Promise<IntakeFacts> {
  const day = dayOf(now);
  const c = orderNumberCounters;
  const building = input.buildingId
    ? sql`(select ${buildings.compoundId} from ${buildings} where ${buildings.districtId} = ${d} and ${buildings.id} = ${input.buildingId})`
    : sql`null::text`;
  const [found] = await queryRows<Omit<IntakeFacts, 'no'> & { last: number }>(
    q,
    sql`
    with n as (insert into ${c} (district_id, day, last) values (${d}, ${day}, 1)
      on conflict (district_id, day) do update set last = ${c}.last + 1 returning last)
    select cu.id, cu.kind, cu.path, cu.name, cu.address, pu.name as community_name,
      cat.id as category_id, cat.name as category_name, cat.accept_days,
      ${building} as building_compound_id, n.last
    from n
    left join ${orgUnits} cu on cu.district_id = ${d} and cu.id = ${input.compoundId}
    left join ${orgUnits} pu on pu.district_id = cu.district_id and pu.id = cu.parent_id
    left join ${workOrderCategories} cat on cat.district_id = ${d} and cat.id = ${input.categoryId}`,
  );
  const { last, ...facts } = found!;
  return { ...facts, no: orderNo(day, last) };
}

/** 可能重复：同楼栋（无楼栋时同小区）、同分类、未办结 — looked up inside the insert itself. */
export function possibleDuplicateSql(d: string, o: { categoryId: string; compoundId: string; buildingId?: string }) {
  const w = workOrders;
  return sql`(select ${w.id} from ${w} where ${w.districtId} = ${d} and ${w.status} <> 'closed' and ${w.categoryId} = ${o.categoryId}
    and ${w.compoundId} = ${o.compoundId} and ${w.mergedInto} is null and ${o.buildingId ? sql`${w.buildingId} = ${o.buildingId}` : sql`true`}
    order by ${w.createdAt} limit 1)`;
}

export async function insertOrder(tx: Tx, row: PgInsertValue<typeof workOrders>): Promise<string | null> {
  const [inserted] = await tx
    .insert(workOrders)
    .values(row)
    .returning({ possibleDuplicateOf: workOrders.possibleDuplicateOf });
  return inserted!.possibleDuplicateOf;
}

export async function insertPhoto(tx: Tx, photo: typeof workOrderAttachments.$inferInsert) {
  await tx.insert(workOrderAttachments).values(photo);
}

export interface CreatedRecords {
  actor: Actor;
  orderId: string;
  idempotency: { key: string; hash: string } | null;
  event: { note: string; data: Record<string, unknown> };
  reminder: Record<string, unknown>;
  audit: AuditEntry;
  ip?: string;
}

/**
 * Idempotency key, timeline event, reminder and audit row in one round trip (data-modifying CTE).
 * A repeated key fails here with a unique violation and the whole create rolls back.
 */
export async function insertCreatedRecords(tx: Tx, r: CreatedRecords): Promise<number> {
  const { actor, orderId } = r;
  const d = actor.districtId;
  const [event] = await queryRows<{ id: number }>(
    tx,
    sql`
    with ${
      r.idempotency
        ? sql`k as (insert into ${idempotencyKeys} (district_id, user_id, key, request_hash, resource_id)
      values (${d}, ${actor.userId}, ${r.idempotency.key}, ${r.idempotency.hash}, ${orderId})),`
        : sql``
    }
    e as (insert into ${workOrderEvents} (district_id, order_id, actor_user_id, actor_name, actor_role, type, note, data)
      values (${d}, ${orderId}, ${actor.userId}, ${actor.displayName}, ${actor.role}, 'created', ${r.event.note}, ${JSON.stringify(r.event.data)}::jsonb)
      returning id),
    o as (insert into ${outbox} (district_id, topic, payload)
      values (${d}, 'order.to_accept', ${JSON.stringify(r.reminder)}::jsonb)),
    a as (${auditInsertSql(actor, r.audit, r.ip)})
    select id from e`,
  );
  return Number(event!.id);
}

export async function findIdempotencyKey(q: Queryable, d: string, userId: string, key: string) {
  const [k] = await q
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.districtId, d), eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return k;
}
