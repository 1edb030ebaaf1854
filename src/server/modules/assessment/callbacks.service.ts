import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { redoStep } from '../work-orders/closing.service.js';
import { transition } from '../work-orders/transition.js';
import type { CallbackInput, CallbackQueue } from '../../../shared/assessment.schema.js';
import { E } from './assessment.errors.js';
import {
  callbackQueue,
  callbacksOf,
  insertCallback,
  insertOutbox,
  orderColumns,
  orderForAssessment,
} from './assessment.repository.js';
import { readSettings } from './settings.service.js';

/**
 * 回访. Closed orders need a callback when the caller could not rate (a 12345 caller without an account)
 * or did not; staff record the outcome, who called and when. Unreachable tries count up to the district's
 * number; a dissatisfied caller sends the order back as a redo (重办) with its own deadline, in the same
 * transaction as the callback. 满意率 takes a reached callback over the rating (rates.compute.ts).
 */
export async function getCallbackQueue(ctx: AppContext, actor: Actor): Promise<CallbackQueue> {
  const settings = await readSettings(ctx.db, actor.districtId);
  const rows = await callbackQueue(ctx.db, actor.districtId, {
    scope: scopeWhere(actor, 'callback', { orgPath: orderColumns.orgPath }),
    tries: settings.callbackTries,
  });
  return {
    maxTries: settings.callbackTries,
    items: rows.map((r) => ({
      orderId: r.id,
      no: r.no,
      title: r.title,
      channel: r.channel,
      closedAt: iso(r.closed_at),
      rating: r.rating,
      reporterName: r.reporter_name,
      reporterPhoneMasked: r.reporter_phone_masked,
      tries: r.tries,
      lastCalledAt: iso(r.last_called_at),
      why: r.rating === null ? 'not_rated' : 'hotline_no_account',
    })),
  };
}

export async function listCallbacks(ctx: AppContext, actor: Actor, orderId: string) {
  const order = await orderForAssessment(ctx.db, actor.districtId, orderId);
  if (!order) throw E.ORDER_NOT_FOUND();
  requireAccess(actor, 'callback', { orgPath: order.orgPath });
  const rows = await callbacksOf(ctx.db, actor.districtId, orderId);
  return { items: rows.map(callbackDto) };
}

const callbackDto = (c: Awaited<ReturnType<typeof callbacksOf>>[number]) => ({
  id: c.id,
  orderId: c.orderId,
  outcome: c.outcome,
  resolved: c.resolved,
  note: c.note,
  calledByName: c.calledByName,
  calledAt: iso(c.calledAt),
});

/** Checks the order still needs a callback for its current close; returns the tries so far. */
async function callable(tx: Tx, actor: Actor, orderId: string, maxTries: number) {
  const order = await orderForAssessment(tx, actor.districtId, orderId);
  if (!order) throw E.ORDER_NOT_FOUND();
  requireAccess(actor, 'callback', { orgPath: order.orgPath }, 'call');
  requireState(order.status === 'closed' && order.closedAt !== null, E.CALLBACK_NOT_NEEDED);
  const needs = (order.channel === 'hotline_12345' && order.reporterUserId === null) || order.rating === null;
  const calls = (await callbacksOf(tx, actor.districtId, orderId)).filter(
    (c) => c.closedAt.getTime() === order.closedAt!.getTime(),
  );
  const tries = calls.filter((c) => c.outcome === 'unreachable').length;
  requireState(needs && !calls.some((c) => c.outcome !== 'unreachable') && tries < maxTries, E.CALLBACK_NOT_NEEDED);
  return { order, tries };
}

export async function recordCallback(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: CallbackInput,
  ip?: string,
) {
  if (input.outcome !== 'unreachable' && input.resolved === undefined) throw E.CALLBACK_RESOLVED_REQUIRED();
  const settings = await readSettings(ctx.db, actor.districtId);
  const id = randomUUID();
  const now = new Date();
  let givenUp = false;
  let redoDue: string | null = null;
  const write = async (tx: Tx) => {
    const { order, tries } = await callable(tx, actor, orderId, settings.callbackTries);
    await insertCallback(tx, {
      districtId: actor.districtId,
      id,
      orderId,
      orgPath: order.orgPath,
      outcome: input.outcome,
      resolved: input.outcome === 'unreachable' ? null : input.resolved!,
      note: input.note ?? null,
      calledBy: actor.userId,
      calledByName: actor.displayName,
      calledAt: now,
      closedAt: order.closedAt!,
    });
    givenUp = input.outcome === 'unreachable' && tries + 1 >= settings.callbackTries;
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.callback',
        entityType: 'work_order',
        entityId: orderId,
        detail: { callbackId: id, outcome: input.outcome, resolved: input.resolved ?? null, givenUp },
      },
      ip,
    );
    if (givenUp) await insertOutbox(tx, actor.districtId, 'assessment.callback_given_up', { orderId, no: order.no });
  };
  if (input.outcome === 'dissatisfied') {
    await transition({
      ctx,
      actor,
      id: orderId,
      version: null,
      action: 'redo',
      ip,
      apply: async (tx, order) => {
        await write(tx);
        const t = await redoStep(tx, order, {
          districtId: actor.districtId,
          reason: input.note ? `回访不满意：${input.note}` : '回访不满意，重办',
          callbackId: id,
          now,
        });
        redoDue = t.events[0]!.data!.dueAt as string;
        return t;
      },
    });
  } else await ctx.db.transaction(write);
  const [saved] = (await callbacksOf(ctx.db, actor.districtId, orderId)).filter((c) => c.id === id);
  return { callback: callbackDto(saved!), redo: redoDue ? { dueAt: redoDue } : null, givenUp };
}
