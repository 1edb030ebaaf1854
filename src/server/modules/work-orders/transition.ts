import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import type { OrderCan, OrderDetail } from '../../../shared/work-orders.schema.js';
import { E } from './work-orders.errors.js';
import { assertCanSee } from './work-orders.permissions.js';
import { getOrder, loadOrder } from './orders.service.js';
import { legsOf, type Leg, type Order } from './repository/orders.repository.js';
import { insertEvent, insertOutbox } from './repository/transitions.repository.js';
import { workOrders } from './work-orders.tables.js';

/**
 * The step every transition of an order takes: one transaction that locks the order, checks who may
 * see it and its version, applies the step, recomputes the nearest deadline and writes the timeline
 * events, the outbox reminders and the audit row.
 */
export interface EventInput {
  type: string;
  note?: string | null;
  data?: Record<string, unknown>;
}

export interface Transition {
  order: Partial<Order>;
  events: EventInput[];
  outbox?: { topic: string; payload: Record<string, unknown> }[];
}

export interface TransitionStep {
  ctx: AppContext;
  actor: Actor;
  id: string;
  /** The version the caller saw; `null` for steps that do not check it (leg work, escalation…). */
  version: number | null;
  /** Audit action: `work_order.<action>`. */
  action: string;
  ip?: string;
  apply: (tx: Tx, order: Order, legs: Leg[]) => Promise<Transition>;
}

/** Writes timeline events of an order (`actor` null: the system). */
export async function recordEvents(
  tx: Tx,
  { actor, districtId, orderId }: { actor: Actor | null; districtId: string; orderId: string },
  events: EventInput[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const e of events) {
    ids.push(
      await insertEvent(tx, {
        districtId,
        orderId,
        actorUserId: actor?.userId ?? null,
        actorName: actor ? actor.displayName : '系统',
        actorRole: actor?.role ?? 'system',
        type: e.type,
        note: e.note ?? null,
        data: e.data ?? null,
      }),
    );
  }
  return ids;
}

/** The nearest open deadline: the order's own stage deadline or an unpaused open leg's. */
function nearestDue(stageDueAt: Date | null, legs: Leg[]): Date | null {
  const dues = [stageDueAt, ...legs.filter((l) => l.status === 'open' && !l.pausedAt).map((l) => l.dueAt)].filter(
    (d): d is Date => d !== null,
  );
  return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
}

export async function transition(s: TransitionStep): Promise<{ order: OrderDetail; can: OrderCan }> {
  const { ctx, actor, id } = s;
  await versionedUpdate(ctx.db, {
    table: workOrders,
    id,
    actor,
    ip: s.ip,
    expectedVersion: s.version,
    load: async (tx) => {
      const loaded = await loadOrder(tx, actor.districtId, id, true);
      assertCanSee(actor, loaded.order, loaded.legs);
      return { ...loaded, version: loaded.order.version };
    },
    conflict: E.VERSION_CONFLICT,
    apply: async (tx, { order, legs }) => {
      const t = await s.apply(tx, order, legs);
      const freshLegs = await legsOf(tx, actor.districtId, id);
      const stageDueAt = t.order.stageDueAt !== undefined ? t.order.stageDueAt : order.stageDueAt;
      await recordEvents(tx, { actor, districtId: actor.districtId, orderId: id }, t.events);
      for (const o of t.outbox ?? [])
        await insertOutbox(tx, actor.districtId, o.topic, { orderId: id, no: order.no, ...o.payload });
      return {
        set: { ...t.order, dueAt: nearestDue(stageDueAt, freshLegs) },
        audit: {
          action: `work_order.${s.action}`,
          entityType: 'work_order',
          entityId: id,
          detail: { events: t.events.map((e) => e.type) },
        },
      };
    },
  });
  return getOrder(ctx, actor, id);
}
