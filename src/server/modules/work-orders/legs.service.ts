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
import { catalogueEntryFor } from '../catalogue/catalogue.lookup.js';
import { E as catalogueErrors } from '../catalogue/catalogue.errors.js';
import type { Tx } from '../../db/client.js';

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

/**
 * 签收: the handler unit takes the leg — who and when, on the leg and as a `signed` event. The department's
 * 响应率 counts from this moment. Signing twice is refused (LEG_ALREADY_SIGNED); a leg that is not open cannot be signed.
 */
export function signLeg(ctx: AppContext, actor: Actor, step: LegStep & { note?: string }) {
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'sign',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      const leg = workableLeg(actor, order, legs, step.legId);
      if (leg.signedAt) throw E.LEG_ALREADY_SIGNED();
      await markSigned(tx, actor, leg);
      const data = { legId: leg.id, workUnitId: leg.workUnitId, handlerKind: leg.handlerKind };
      return { order: {}, events: [{ type: 'signed', note: step.note ?? null, data }] };
    },
  });
}

/** Marks the leg signed for (签收): when and who. */
export async function markSigned(tx: Tx, actor: Actor, leg: Leg, at = new Date()) {
  await updateLeg(tx, actor.districtId, leg.id, { signedAt: at, signedBy: actor.userId });
}

/**
 * Fulfilling or asking to extend a leg nobody signed for signs it at that moment: the unit has evidently
 * taken the leg, and its 响应率 gets that (later) moment — never an earlier one — so skipping 签收 cannot
 * flatter the figure. No separate `signed` event: the step's own event (marked `signedNow`) is the response
 * the assessment reads, and the timeline shows what really happened.
 */
export async function signImplicitly(tx: Tx, actor: Actor, leg: Leg, at: Date): Promise<{ signedNow?: true }> {
  if (leg.signedAt) return {};
  await markSigned(tx, actor, leg, at);
  return { signedNow: true };
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
      const signed = await signImplicitly(tx, actor, leg, now);
      const done = !legs.some((l) => l.id !== legId && l.status === 'open');
      const stageDueAt = done ? addWorkingDays(now, CONFIRM_DAYS) : order.stageDueAt;
      return {
        order: done ? { status: 'fulfilled', stageDueAt } : {},
        events: [
          {
            type: 'fulfilled',
            note: result,
            data: { legId, evidence, attachmentIds, late: leg.dueAt ? leg.dueAt < now : false, ...signed },
          },
        ],
        outbox: done ? [{ topic: 'order.to_confirm', payload: { dueAt: stageDueAt!.toISOString() } }] : [],
      };
    },
  });
}

/**
 * 退回. `cause: 'catalogue'` says the dispatch catalogue named the wrong unit: the return then counts against
 * the catalogue entry in force when the leg was dispatched (its miss count), not against the unit.
 */
export function returnLeg(
  ctx: AppContext,
  actor: Actor,
  step: LegStep & { reason: string; cause?: 'unit' | 'catalogue' },
) {
  const { legId, reason } = step;
  return transition({
    ctx,
    actor,
    id: step.id,
    version: null,
    action: 'return',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      const leg = workableLeg(actor, order, legs, legId);
      const blame = step.cause === 'catalogue' ? await catalogueBlame(tx, actor.districtId, order, leg) : {};
      await updateLeg(tx, actor.districtId, legId, { status: 'returned', result: reason });
      const othersOpen = legs.some((l) => l.id !== legId && l.status === 'open');
      const othersFulfilled = legs.some((l) => l.id !== legId && l.status === 'fulfilled');
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const back = !othersOpen; // nothing left in progress: back to the community to dispatch again
      return {
        order: back ? { status: 'accepted', stageDueAt: addWorkingDays(new Date(), category?.dispatchDays ?? 1) } : {},
        events: [{ type: 'returned', note: reason, data: { legId, othersFulfilled, ...blame } }],
        outbox: [{ topic: 'order.returned', payload: { legId, reason } }],
      };
    },
  });
}

/** The catalogue entry in force the day the leg was dispatched: the return is recorded against it. */
async function catalogueBlame(tx: Tx, districtId: string, order: Order, leg: Leg) {
  const found = await catalogueEntryFor(tx, districtId, order.categoryId, leg.createdAt);
  if (!found) throw catalogueErrors.CATALOGUE_CAUSE_NO_CATALOGUE();
  return { cause: 'catalogue', catalogueVersionId: found.version.id, catalogueCategoryId: found.entry.categoryId };
}
