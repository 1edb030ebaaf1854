import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { addDays, listCategories, visitIntervalDays } from './categories.service.js';
import { writeCase, type CaseOp } from './case-write.js';
import { CaseState } from './minor-protection.errors.js';

/** Closing a file (the worker asks, the station head or city centre decides) and reopening it. */
export function requestClosure(ctx: AppContext, actor: Actor, op: CaseOp & { reason: string }) {
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'closure_request',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status === 'open', c.status === 'closed' ? CaseState.ALREADY_CLOSED : CaseState.CLOSURE_PENDING);
    },
    apply: async () => ({
      set: { status: 'closure_requested', closureReasonCipher: ctx.crypto.encrypt(op.reason) },
      event: { type: 'closure_requested', note: op.reason },
      outbox: [{ topic: 'minor.closure_requested', payload: { to: 'minor_station_head' } }],
    }),
  });
}

export function decideClosure(
  ctx: AppContext,
  actor: Actor,
  op: CaseOp & { approve: boolean; note?: string | undefined },
) {
  const { approve } = op;
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'closure_decide',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'approve');
      requireState(c.status === 'closure_requested', CaseState.NO_CLOSURE_REQUEST);
    },
    apply: async () => ({
      set: approve ? { status: 'closed', closedAt: new Date() } : { status: 'open' },
      event: { type: approve ? 'closed' : 'closure_rejected', note: op.note ?? null, data: { approve } },
      audit: { approve },
    }),
  });
}

export function reopenCase(ctx: AppContext, actor: Actor, op: CaseOp & { reason: string }) {
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'reopen',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'approve');
      requireState(c.status === 'closed', CaseState.REOPEN_ONLY_CLOSED);
    },
    apply: async (tx, c) => {
      const rules = await listCategories(tx, actor.districtId);
      // a reopened file is visited again soon: the schedule restarts from today
      return {
        set: {
          status: 'open',
          closedAt: null,
          nextVisitDue: addDays(shanghaiDate(new Date()), visitIntervalDays(c.categories, c.riskLevel, rules)),
          escalatedForDue: null,
        },
        event: { type: 'reopened', note: op.reason },
      };
    },
  });
}
