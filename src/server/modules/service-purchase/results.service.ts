import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiDateTime } from '../../lib/time.js';
import type { RoundDetail } from '../../../shared/service-purchase.schema.js';
import {
  insertContract,
  screenedInProposals,
  setRanking,
  unansweredObjections,
  winners,
} from './repository/rounds.repository.js';
import { scoringState } from './repository/scoring.repository.js';
import { roundWrite } from './rounds.service.js';
import { finalScoreOf, leadCriterion, rankProposals } from './scoring.rules.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S } from './service-purchase.errors.js';

/** The round's outcome: the ranking published for public notice, then the awards (one pending contract each). */

export async function publishNotice(ctx: AppContext, by: By, id: string): Promise<RoundDetail> {
  const d = by.actor.districtId;
  return roundWrite(ctx, by, {
    id,
    action: 'notice',
    apply: async (tx, r, now) => {
      requireState(r.status === 'scoring', S.notice.ROUND_STATE_INVALID);
      const proposals = await screenedInProposals(tx, d, r.id);
      const { expected, current } = await scoringState(tx, d, r.id);
      const missing = proposals.filter(
        (p) => (expected.get(p.id) ?? 0) === 0 || (current.get(p.id) ?? []).length < (expected.get(p.id) ?? 0),
      );
      if (missing.length)
        throw E.SCORING_INCOMPLETE(
          { count: missing.length, title: missing[0]!.title },
          { proposalIds: missing.map((p) => p.id) },
        );
      const lead = leadCriterion(r.criteria);
      const ranked = rankProposals(
        proposals.map((p) => {
          const f = finalScoreOf(r.criteria, r.dropHighLow, current.get(p.id)!);
          return { proposal: p, finalScore: f.final, firstCriterionMean: f.means[lead.key] ?? 0 };
        }),
      );
      for (const [i, x] of ranked.entries()) {
        const result = i < r.places && x.finalScore >= r.passScore ? 'recommended' : 'not_recommended';
        await setRanking(tx, d, x.proposal.id, { finalScore: x.finalScore, rank: i + 1, result });
      }
      return {
        status: 'notice',
        noticeStartsAt: now,
        noticeEndsAt: new Date(now.getTime() + r.noticeDays * 86400_000),
      };
    },
  });
}

export async function award(ctx: AppContext, by: By, id: string): Promise<RoundDetail> {
  const d = by.actor.districtId;
  return roundWrite(ctx, by, {
    id,
    action: 'award',
    apply: async (tx, r, now) => {
      requireState(r.status === 'notice', S.award.ROUND_STATE_INVALID);
      requireState(now >= r.noticeEndsAt!, () => E.NOTICE_NOT_OVER({ endsAt: shanghaiDateTime(r.noticeEndsAt!) }));
      const open = await unansweredObjections(tx, d, r.id);
      requireState(open === 0, () => E.OBJECTIONS_OPEN({ count: open }));
      for (const [i, w] of (await winners(tx, d, r.id)).entries()) {
        await insertContract(tx, {
          districtId: d,
          id: randomUUID(),
          roundId: r.id,
          proposalId: w.id,
          orgId: w.orgId,
          no: `HT${r.year}-${String(i + 1).padStart(3, '0')}-${r.id.slice(0, 4)}`,
          title: w.title,
          buyerUnitId: w.streetId,
          buyerName: w.streetName,
          buyerKind: w.streetKind === 'township' ? 'township' : 'street',
          orgPath: w.streetPath,
          targetPaths: w.targetPaths,
          amountCents: Number(w.budgetCents),
          status: 'pending',
        });
      }
      return { status: 'awarded', awardedAt: now };
    },
  });
}
