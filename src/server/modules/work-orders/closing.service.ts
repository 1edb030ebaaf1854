import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { REOPEN_WINDOW_DAYS } from '../../../shared/work-orders.constants.js';
import { E, STATE } from './work-orders.errors.js';
import { permissions } from './work-orders.permissions.js';
import { categoryOf } from './repository/transitions.repository.js';
import type { OrderStep } from './dispatch.service.js';
import { transition } from './transition.js';

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
    apply: async (_tx, order, legs) => {
      if (!permissions(actor, order, legs, false).confirm) {
        requireState(order.status === 'fulfilled', STATE.notFulfilled);
        throw E.CONFIRM_FORBIDDEN();
      }
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
