import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import type { ProposalReply } from '../../../shared/service-purchase.schema.js';
import type { Proposal } from './repository/proposals.repository.js';
import type { Round } from './repository/rounds.repository.js';
import {
  insertRecusal,
  insertScore,
  lastScoreVersion,
  lockCurrentScore,
  scoringState,
  voidCurrentScore,
} from './repository/scoring.repository.js';
import { jurorTotal } from './scoring.rules.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S } from './service-purchase.errors.js';
import { proposalWrite } from './submissions.service.js';

/** The jurors' part: a score per proposal (a resubmission is a new version with its reason), or a recusal. */

function assertJurorMayScore(actor: Actor, p: Proposal, r: Round, jurorIds: string[]): void {
  if (!jurorIds.includes(actor.userId)) throw E.NOT_A_JUROR();
  requireState(
    r.status === 'scoring',
    r.status === 'notice' || r.status === 'awarded' ? S.scoringOver.SCORING_CLOSED : S.scoringNotOpen.SCORING_CLOSED,
  );
  requireState(p.screening === 'pass' && p.status === 'submitted', E.PROPOSAL_NOT_SCORABLE);
}

export async function recuse(ctx: AppContext, by: By, id: string, reason: string): Promise<ProposalReply> {
  const { actor } = by;
  return proposalWrite(ctx, by, {
    id,
    action: 'recuse',
    apply: async (tx, p, r) => {
      const st = await scoringState(tx, actor.districtId, r.id);
      assertJurorMayScore(actor, p, r, st.jurorIds);
      requireState(!st.recused.has(`${p.id}|${actor.userId}`), E.ALREADY_RECUSED);
      await insertRecusal(tx, {
        districtId: actor.districtId,
        proposalId: p.id,
        jurorUserId: actor.userId,
        roundId: r.id,
        reason,
      });
      // A conflict found after scoring voids that juror's score for this proposal.
      const voidedScore = await voidCurrentScore(tx, actor.districtId, p.id, actor.userId);
      return { reason, voidedScore };
    },
  });
}

export async function scoreProposal(
  ctx: AppContext,
  by: By,
  id: string,
  input: { scores: Record<string, number>; comment: string; reason?: string | undefined },
): Promise<ProposalReply> {
  const { actor } = by;
  return proposalWrite(ctx, by, {
    id,
    action: 'score',
    apply: async (tx, p, r, now) => {
      const st = await scoringState(tx, actor.districtId, r.id);
      assertJurorMayScore(actor, p, r, st.jurorIds);
      requireState(!st.recused.has(`${p.id}|${actor.userId}`), E.RECUSED);
      const keys = r.criteria.map((c) => c.key);
      const extra = Object.keys(input.scores).filter((k) => !keys.includes(k));
      const missing = r.criteria.filter((c) => input.scores[c.key] === undefined);
      if (extra.length || missing.length)
        throw E.SCORES_INCOMPLETE(
          { criteria: r.criteria.map((c) => c.name).join('、') },
          { missing: missing.map((c) => c.key), extra },
        );
      const total = jurorTotal(r.criteria, input.scores);
      // One score per juror per proposal: a resubmission is an amendment, kept as a new version with its reason.
      const prev = await lockCurrentScore(tx, actor.districtId, id, actor.userId);
      if (prev && !input.reason) throw E.AMEND_REASON_REQUIRED();
      if (prev) await voidCurrentScore(tx, actor.districtId, id, actor.userId);
      const version = (await lastScoreVersion(tx, actor.districtId, id, actor.userId)) + 1;
      const scoreId = randomUUID();
      await insertScore(tx, {
        districtId: actor.districtId,
        id: scoreId,
        roundId: r.id,
        proposalId: id,
        jurorUserId: actor.userId,
        version,
        scores: input.scores,
        total,
        comment: input.comment,
        isCurrent: true,
        submittedAt: now,
      });
      return {
        scoreId,
        version,
        amended: !!prev,
        reason: input.reason ?? null,
        previousTotal: prev?.total ?? null,
        total,
      };
    },
  });
}
