import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { can, type Actor } from '../access/access.policy.js';
import { E, STATE } from './work-orders.errors.js';
import { assertCanSee, permissions } from './work-orders.permissions.js';
import { loadOrder } from './orders.service.js';
import type { OrderStep } from './dispatch.service.js';
import { recordEvents, transition } from './transition.js';

/** 合并重复工单: a duplicate is closed into the order it repeats; both timelines say so. */
export async function mergeOrder(ctx: AppContext, actor: Actor, step: OrderStep & { intoId: string }) {
  const { id, intoId } = step;
  if (id === intoId) throw E.MERGE_SELF();
  const target = await loadOrder(ctx.db, actor.districtId, intoId);
  assertCanSee(actor, target.order, target.legs);
  requireState(target.order.status !== 'closed', STATE.mergeTargetClosed);
  return transition({
    ctx,
    actor,
    id,
    version: null,
    action: 'merge',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      if (!permissions(actor, order, legs, false).dispatch && order.status !== 'new') throw E.MERGE_FORBIDDEN();
      if (!can(actor, 'orders.dispatch')) throw E.MERGE_FORBIDDEN();
      await recordEvents(tx, { actor, districtId: actor.districtId, orderId: intoId }, [
        { type: 'merged', note: `合并了工单 ${order.no}`, data: { from: id } },
      ]);
      return {
        order: { status: 'closed', mergedInto: intoId, closedAt: new Date(), stageDueAt: null },
        events: [{ type: 'merged', note: `并入工单 ${target.order.no}`, data: { into: intoId } }],
      };
    },
  });
}
