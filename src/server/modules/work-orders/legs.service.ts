import { linkAttachments } from '../attachments/attachments.service.js';
import { requireState } from '../../lib/errors.js';
import type { AppContext } from '../../context.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { CONFIRM_DAYS } from '../../../shared/work-orders.constants.js';
import { E, STATE } from './work-orders.errors.js';
import { legRecord } from './work-orders.permissions.js';
import type { Leg, Order } from './repository/orders.repository.js';
import { categoryOf, updateLeg } from './repository/transitions.repository.js';
import type { OrderStep } from './dispatch.service.js';
import { transition } from './transition.js';

/** 部门兑单 and 退回: the handler a leg went to fulfils it with result and evidence, or hands it back. */
export interface LegStep extends OrderStep {
  legId: string;
}

/** The leg, when this actor may work it (its department, or the community's staff for community legs). */
export function workableLeg(actor: Actor, order: Order, legs: Leg[], legId: string): Leg {
  const leg = legs.find((l) => l.id === legId);
  if (!leg) throw E.LEG_NOT_FOUND();
  requireAccess(actor, 'leg', legRecord(order, leg), 'work');
  return leg;
}

export function fulfilLeg(
  ctx: AppContext,
  actor: Actor,
  step: LegStep & { result: string; evidence: string[]; attachmentIds?: string[] },
) {
  const { legId, result, evidence } = step;
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'fulfil',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      const leg = workableLeg(actor, order, legs, legId);
      requireState(!leg.pausedAt, STATE.extensionPendingFulfil);
      const now = new Date();
      const files = await linkAttachments(tx, actor, {
        ids: step.attachmentIds ?? [],
        purposes: ['order_result'],
        kind: 'work_order',
        recordId: order.id,
        part: legId,
        ip: step.ip,
      });
      const attachmentIds = files.map((f) => f.id);
      await updateLeg(tx, actor.districtId, legId, { status: 'fulfilled', result, evidence, fulfilledAt: now });
      const done = !legs.some((l) => l.id !== legId && l.status === 'open');
      const stageDueAt = done ? addWorkingDays(now, CONFIRM_DAYS) : order.stageDueAt;
      return {
        order: done ? { status: 'fulfilled', stageDueAt } : {},
        events: [
          {
            type: 'fulfilled',
            note: result,
            data: { legId, evidence, attachmentIds, late: leg.dueAt ? leg.dueAt < now : false },
          },
        ],
        outbox: done ? [{ topic: 'order.to_confirm', payload: { dueAt: stageDueAt!.toISOString() } }] : [],
      };
    },
  });
}

export function returnLeg(ctx: AppContext, actor: Actor, step: LegStep & { reason: string }) {
  const { legId, reason } = step;
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'return',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      workableLeg(actor, order, legs, legId);
      await updateLeg(tx, actor.districtId, legId, { status: 'returned', result: reason });
      const othersOpen = legs.some((l) => l.id !== legId && l.status === 'open');
      const othersFulfilled = legs.some((l) => l.id !== legId && l.status === 'fulfilled');
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const back = !othersOpen; // nothing left in progress: back to the community to dispatch again
      return {
        order: back ? { status: 'accepted', stageDueAt: addWorkingDays(new Date(), category?.dispatchDays ?? 1) } : {},
        events: [{ type: 'returned', note: reason, data: { legId, othersFulfilled } }],
        outbox: [{ topic: 'order.returned', payload: { legId, reason } }],
      };
    },
  });
}
