import type { AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { E } from './work-orders.errors.js';
import { permissions } from './work-orders.permissions.js';
import type { OrderStep } from './dispatch.service.js';
import { transition } from './transition.js';

/** 上报 and 督办: the community escalates to the street or the district; the levels above supervise. */
export function escalateOrder(ctx: AppContext, actor: Actor, step: OrderStep & { reason: string }) {
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'escalate',
    ip: step.ip,
    apply: async (_tx, order, legs) => {
      if (!permissions(actor, order, legs, false).escalate) throw E.ESCALATE_FORBIDDEN();
      const level = order.escalationLevel + 1;
      return {
        order: { escalationLevel: level },
        events: [
          {
            type: 'escalated',
            note: step.reason,
            data: { level, to: level === 1 ? 'street' : 'district', automatic: false },
          },
        ],
        outbox: [{ topic: 'order.escalated', payload: { level } }],
      };
    },
  });
}

export function superviseOrder(ctx: AppContext, actor: Actor, step: OrderStep & { note: string }) {
  const { note } = step;
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'supervise',
    ip: step.ip,
    apply: async (_tx, order, legs) => {
      if (!permissions(actor, order, legs, false).supervise) throw E.SUPERVISE_FORBIDDEN();
      return {
        order: { isSupervised: true },
        events: [{ type: 'supervised', note }],
        outbox: [{ topic: 'order.supervised', payload: { note } }],
      };
    },
  });
}
