import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { E, STATE } from './work-orders.errors.js';
import { dispatchesFor } from './work-orders.permissions.js';
import {
  decideExtensionRow,
  insertExtension,
  pendingExtension,
  updateLeg,
} from './repository/transitions.repository.js';
import { signImplicitly, workableLeg, type LegStep } from './legs.service.js';
import { transition } from './transition.js';

/** 延期: a handler asks for more days (the leg's clock stops), the community approves or refuses. */
export function requestExtension(ctx: AppContext, actor: Actor, step: LegStep & { days: number; reason: string }) {
  const { id, legId, days, reason } = step;
  return transition({
    ctx,
    actor,
    id,
    version: null,
    action: 'extension_request',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      const leg = workableLeg(actor, order, legs, legId);
      requireState(!leg.pausedAt, STATE.extensionPending);
      const signed = await signImplicitly(tx, actor, leg, new Date());
      await insertExtension(tx, {
        districtId: actor.districtId,
        id: randomUUID(),
        orderId: id,
        legId,
        days,
        reason,
        status: 'pending',
        requestedBy: actor.userId,
      });
      // the clock stops while the request waits for a decision
      await updateLeg(tx, actor.districtId, legId, { pausedAt: new Date() });
      return {
        order: {},
        events: [{ type: 'extension_requested', note: reason, data: { legId, days, ...signed } }],
        outbox: [{ topic: 'order.extension_requested', payload: { legId, days } }],
      };
    },
  });
}

export function decideExtension(ctx: AppContext, actor: Actor, step: LegStep & { approve: boolean; note?: string }) {
  const { legId, approve } = step;
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'extension_decide',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      const leg = legs.find((l) => l.id === legId);
      if (!leg) throw E.LEG_NOT_FOUND();
      if (!dispatchesFor(actor, order, legs)) throw E.EXTENSION_FORBIDDEN();
      const ext = await pendingExtension(tx, actor.districtId, legId);
      requireState(!!ext && !!leg.pausedAt, STATE.noPendingExtension);
      const now = new Date();
      const paused = now.getTime() - leg.pausedAt!.getTime();
      const resumed = new Date((leg.dueAt ?? now).getTime() + paused);
      const dueAt = approve ? addWorkingDays(resumed, ext!.days) : resumed;
      await decideExtensionRow(tx, actor.districtId, ext!.id, {
        status: approve ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: now,
      });
      await updateLeg(tx, actor.districtId, legId, { pausedAt: null, dueAt });
      return {
        order: {},
        events: [
          {
            type: 'extension_decided',
            note: step.note ?? null,
            data: { legId, approve, days: ext!.days, dueAt: dueAt.toISOString() },
          },
        ],
        outbox: [
          {
            topic: 'order.extension_decided',
            payload: { legId, approve, days: ext!.days, requestedBy: ext!.requestedBy },
          },
        ],
      };
    },
  });
}
