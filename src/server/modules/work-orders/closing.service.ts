import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { REOPEN_WINDOW_DAYS } from '../../../shared/work-orders.constants.js';
import { E, STATE } from './work-orders.errors.js';
import { permissions } from './work-orders.permissions.js';
import { categoryOf } from './repository/transitions.repository.js';
import { openActionsOfOrder } from './repository/meetings.repository.js';
import type { OrderStep } from './dispatch.service.js';
import type { Order } from './repository/orders.repository.js';
import { transition, type Transition } from './transition.js';

/** 评价办结 and 重新打开: the reporter (or the community) rates and closes; within 7 days either may reopen. */
export function confirmOrder(
  ctx: AppContext,
  actor: Actor,
  step: OrderStep & { version: number; rating: number; comment?: string },
) {
  const { rating, comment } = step;
  return transition({
    ctx,
    actor,
    id: step.id,
    version: step.version,
    action: 'confirm',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      if (!permissions(actor, order, legs, false).confirm) {
        requireState(order.status === 'fulfilled', STATE.notFulfilled);
        throw E.CONFIRM_FORBIDDEN();
      }
      // 议定事项: an order a joint meeting decided on closes once the decision is done or consciously detached
      const [open] = await openActionsOfOrder(tx, actor.districtId, order.id);
      if (open) throw E.DECISION_OPEN({ title: open.title });
      const now = new Date();
      // on time = no deadline in the order's life was missed (the sweep marks missed ones)
      const onTime = order.escalatedForDueAt === null && !(order.dueAt && order.dueAt < now);
      return {
        order: {
          status: 'closed',
          rating,
          ratingComment: comment ?? null,
          closedAt: now,
          closedOnTime: onTime,
          stageDueAt: null,
        },
        events: [
          { type: 'confirmed', note: comment ?? null, data: { rating } },
          { type: 'closed', data: { onTime } },
        ],
      };
    },
  });
}

export function reopenOrder(ctx: AppContext, actor: Actor, step: OrderStep & { reason: string }) {
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'reopen',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      if (!permissions(actor, order, legs, false).reopen) throw E.REOPEN_FORBIDDEN({ days: REOPEN_WINDOW_DAYS });
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      return {
        order: {
          status: 'accepted',
          closedAt: null,
          closedOnTime: null,
          rating: null,
          ratingComment: null,
          stageDueAt: addWorkingDays(new Date(), category?.dispatchDays ?? 1),
        },
        events: [{ type: 'reopened', note: step.reason, data: { previousRating: order.rating } }],
      };
    },
  });
}

/**
 * 重办: a dissatisfied callback sends a closed order back to the community to be done again, with its own
 * clock — a fresh dispatch deadline from now, whatever the first round's deadlines were. Runs inside the
 * caller's transition so the callback that caused it is written in the same transaction.
 */
export async function redoStep(
  tx: Tx,
  order: Order,
  step: { districtId: string; reason: string; callbackId: string; now: Date },
): Promise<Transition> {
  requireState(order.status === 'closed', STATE.notClosed);
  const category = await categoryOf(tx, step.districtId, order.categoryId);
  const stageDueAt = addWorkingDays(step.now, category?.dispatchDays ?? 1);
  return {
    order: { status: 'accepted', closedAt: null, closedOnTime: null, escalatedForDueAt: null, stageDueAt },
    events: [
      {
        type: 'redo',
        note: step.reason,
        data: { callbackId: step.callbackId, previousRating: order.rating, dueAt: stageDueAt.toISOString() },
      },
    ],
    outbox: [{ topic: 'order.redo', payload: { dueAt: stageDueAt.toISOString(), callbackId: step.callbackId } }],
  };
}
