import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type { ObjectionInput, RoundDetail } from '../../../shared/service-purchase.schema.js';
import { getRound } from './round-detail.service.js';
import {
  answerObjectionRow,
  disqualify,
  insertObjection,
  lockObjection,
  proposalInRound,
} from './repository/proposals.repository.js';
import { loadRound } from './repository/rounds.repository.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S } from './service-purchase.errors.js';

/** Objections to the public notice (公示异议): anyone with purchase.object files one, the agent answers it. */

export async function fileObjection(
  ctx: AppContext,
  by: By,
  roundId: string,
  input: ObjectionInput,
): Promise<RoundDetail> {
  const { actor } = by;
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const r = await loadRound(tx, actor.districtId, roundId);
    requireAccess(actor, 'round', r);
    const now = new Date();
    requireState(r.status === 'notice' && r.noticeEndsAt !== null && now < r.noticeEndsAt, E.NOT_IN_NOTICE);
    if (input.proposalId && !(await proposalInRound(tx, actor.districtId, input.proposalId, roundId)))
      throw E.PROPOSAL_NOT_IN_ROUND();
    await insertObjection(tx, {
      districtId: actor.districtId,
      id,
      roundId,
      proposalId: input.proposalId ?? null,
      filedByUserId: actor.userId,
      filedByName: actor.displayName,
      content: input.content,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'purchase.objection.file',
        entityType: 'purchase_objection',
        entityId: id,
        detail: { roundId, proposalId: input.proposalId ?? null },
      },
      by.ip,
    );
  });
  return getRound(ctx, actor, roundId);
}

export async function answerObjection(
  ctx: AppContext,
  by: By,
  id: string,
  input: { answer: string; upheld: boolean },
): Promise<RoundDetail> {
  const { actor } = by;
  const d = actor.districtId;
  const roundId = await ctx.db.transaction(async (tx) => {
    const o = await lockObjection(tx, d, id);
    const r = await loadRound(tx, d, o.roundId, true);
    requireState(r.status === 'notice', S.answerObjection.ROUND_STATE_INVALID);
    requireState(o.answeredAt === null, E.OBJECTION_ANSWERED);
    await answerObjectionRow(tx, d, id, {
      answer: input.answer,
      upheld: input.upheld,
      answeredBy: actor.userId,
      answeredAt: new Date(),
    });
    // An upheld objection against a recommended project takes it off the list (no automatic backfill).
    if (input.upheld && o.proposalId) await disqualify(tx, d, o.proposalId);
    await writeAudit(
      tx,
      actor,
      {
        action: 'purchase.objection.answer',
        entityType: 'purchase_objection',
        entityId: id,
        detail: { upheld: input.upheld, proposalId: o.proposalId },
      },
      by.ip,
    );
    return o.roundId;
  });
  return getRound(ctx, actor, roundId);
}
