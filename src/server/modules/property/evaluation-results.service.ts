import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import * as consultationsRepo from '../consultations/consultations.repository.js';
import { RATING_LEVELS, evaluationTotal, residentItemMean, weightedScore } from '../../../shared/property.constants.js';
import type {
  Evaluation,
  EvaluationList,
  EvaluationSummary,
  PublicEvaluationItem,
  Ranking,
} from '../../../shared/property-evaluations.schema.js';
import { VE } from './property.errors.js';
import * as repo from './evaluations.repository.js';

/**
 * 物业服务质量评价, the reads: one evaluation (live while open, frozen once published), the lists, the
 * street's ranking with its bottom companies, and the compound's public results. Nobody — the company
 * least of all — gets a household's answers: only the per-item means and the number of answers.
 */

type Weights = { residentsWeight: number; branchWeight: number; committeeWeight: number };
interface Live {
  ballots: number;
  residentItems: (number | null)[];
  residentsScore: number | null;
  branchScore: number | null;
  committeeScore: number | null;
  total: number | null;
}

/** The scores from the survey's ballots and the entered item scores (hundredths of a point). */
export function computeResult(
  scheme: Weights & { items: { weight: number }[] },
  levelCounts: number[][],
  ballots: number,
  branchScores: number[] | null,
  committeeScores: number[] | null,
): Live {
  const weights = scheme.items.map((i) => i.weight);
  const residentItems = levelCounts.map((counts) => residentItemMean(counts));
  const residentsScore =
    ballots > 0 && residentItems.every((x) => x !== null) ? weightedScore(weights, residentItems as number[]) : null;
  const party = (scores: number[] | null) =>
    scores
      ? weightedScore(
          weights,
          scores.map((s) => s * 100),
        )
      : null;
  const branchScore = party(branchScores);
  const committeeScore = party(committeeScores);
  const total =
    residentsScore !== null && branchScore !== null && committeeScore !== null
      ? evaluationTotal(scheme, { residents: residentsScore, branch: branchScore, committee: committeeScore })
      : null;
  return { ballots, residentItems, residentsScore, branchScore, committeeScore, total };
}

/** Counts per rating level for each item (question i+1 is item i), from the survey's ballots. */
export async function liveResult(
  q: Queryable,
  d: string,
  row: repo.EvaluationRow,
  scheme: repo.SchemeRow,
): Promise<Live> {
  const ballots = await consultationsRepo.ballotsOf(q, d, row.consultationId);
  const counts = scheme.items.map(() => RATING_LEVELS.map(() => 0));
  for (const b of ballots)
    for (const a of b.answers) {
      const level = a.choices?.[0];
      const item = counts[a.questionId - 1];
      if (item && level !== undefined && level < item.length) item[level]! += 1;
    }
  return computeResult(scheme, counts, ballots.length, row.branchScores, row.committeeScores);
}

function summary(r: repo.EvaluationRow): EvaluationSummary {
  return {
    id: r.id,
    year: r.year,
    compoundId: r.compoundId,
    compoundName: r.compoundName,
    communityName: r.communityName,
    companyId: r.companyId,
    companyName: r.companyName,
    status: r.status,
    ballots: r.ballots ?? 0,
    publishedAt: r.publishedAt,
    residentsScore: r.residentsScore,
    branchScore: r.branchScore,
    committeeScore: r.committeeScore,
    total: r.total,
  };
}

/** A property company reads its own evaluations once published; before that they do not exist for it. */
const seesOnlyPublished = (actor: Actor) => actor.role === 'property_company';

export async function getEvaluation(ctx: AppContext, actor: Actor, id: string): Promise<Evaluation> {
  const d = actor.districtId;
  const row = await repo.findEvaluation(ctx.db, d, id);
  if (!row) throw VE.EVALUATION_NOT_FOUND();
  requireAccess(actor, 'propertyEvaluation', row, 'read', { what: row.compoundName });
  if (seesOnlyPublished(actor) && row.status !== 'published') throw VE.EVALUATION_NOT_FOUND();
  const [scheme, survey, totals] = await Promise.all([
    repo.findScheme(ctx.db, d, row.schemeId),
    consultationsRepo.findConsultation(ctx.db, d, row.consultationId),
    consultationsRepo.scopeTotals(ctx.db, d, { orgPath: row.orgPath, buildingId: null }),
  ]);
  const published = row.status === 'published';
  const live = published
    ? {
        ballots: row.ballots ?? 0,
        residentItems: row.residentItems ?? [],
        residentsScore: row.residentsScore,
        branchScore: row.branchScore,
        committeeScore: row.committeeScore,
        total: row.total,
      }
    : await liveResult(ctx.db, d, row, scheme!);
  const manage = !published && canAccess(actor, 'propertyEvaluation', row, 'manage');
  return {
    ...summary(row),
    ...live,
    consultationId: row.consultationId,
    consultationStatus: survey!.status,
    closesAt: survey!.closesAt,
    eligible: totals.households,
    items: scheme!.items,
    residentsWeight: scheme!.residentsWeight,
    branchWeight: scheme!.branchWeight,
    committeeWeight: scheme!.committeeWeight,
    branchScores: row.branchScores,
    committeeScores: row.committeeScores,
    version: row.version,
    canScoreBranch: manage && actor.role === 'branch_secretary',
    canScoreCommittee: manage && actor.role === 'community_worker',
    canPublish:
      manage && survey!.status !== 'open' && live.total !== null && row.branchScores !== null && live.ballots > 0,
  };
}

export async function listEvaluations(ctx: AppContext, actor: Actor, year?: number): Promise<EvaluationList> {
  const where = [scopeWhere(actor, 'propertyEvaluation', repo.evaluationScopeColumns)];
  if (year) where.push(repo.ofYear(year));
  if (seesOnlyPublished(actor)) where.push(repo.isPublished);
  const rows = await repo.listEvaluations(ctx.db, actor.districtId, where);
  return { items: rows.map(summary) };
}

/**
 * The year's published evaluations in the caller's scope, best first (equal totals share a rank). The bottom
 * list is the last `bottomCount` and any total under the score line — from the nearest scheme above the caller
 * unless the query says otherwise.
 */
export async function ranking(
  ctx: AppContext,
  actor: Actor,
  q: { year: number; bottom?: number; line?: number },
): Promise<Ranking> {
  const d = actor.districtId;
  const rows = await repo.listEvaluations(ctx.db, d, [
    scopeWhere(actor, 'propertyEvaluation', repo.evaluationScopeColumns),
    repo.ofYear(q.year),
    repo.isPublished,
  ]);
  const scheme = await repo.schemeFor(ctx.db, d, actor.scopePath, q.year);
  const bottomCount = q.bottom ?? scheme?.bottomCount ?? 3;
  const scoreLine = q.line ?? scheme?.scoreLine ?? null;
  const sorted = rows.map(summary).sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const items = sorted.map((s, i) => {
    const rank = 1 + sorted.findIndex((x) => x.total === s.total);
    const inTail = i >= sorted.length - bottomCount;
    const underLine = scoreLine !== null && (s.total ?? 0) < scoreLine * 100;
    return { ...s, rank, isBottom: inTail || underLine };
  });
  const unpublished = await repo.unpublishedCount(
    ctx.db,
    d,
    q.year,
    scopeWhere(actor, 'propertyContract', repo.contractScopeColumns),
  );
  return {
    year: q.year,
    bottomCount,
    scoreLine,
    items,
    bottom: items.filter((i) => i.isBottom).reverse(),
    unpublished,
  };
}

/** The compound's published results, newest year first, for its public page (no login). */
export async function publicEvaluations(
  ctx: AppContext,
  districtId: string,
  compoundId: string,
): Promise<PublicEvaluationItem[]> {
  const rows = await repo.listEvaluations(ctx.db, districtId, [repo.ofCompound(compoundId), repo.isPublished]);
  const out: PublicEvaluationItem[] = [];
  for (const r of rows) {
    const scheme = (await repo.findScheme(ctx.db, districtId, r.schemeId))!;
    out.push({
      year: r.year,
      companyName: r.companyName,
      ballots: r.ballots ?? 0,
      items: scheme.items.map((i, n) => ({ ...i, residents: r.residentItems?.[n] ?? null })),
      residentsWeight: scheme.residentsWeight,
      branchWeight: scheme.branchWeight,
      committeeWeight: scheme.committeeWeight,
      residentsScore: r.residentsScore,
      branchScore: r.branchScore,
      committeeScore: r.committeeScore,
      total: r.total,
      publishedAt: r.publishedAt,
    });
  }
  return out;
}
