import type { Criterion } from './service-purchase.tables.js';

/**
 * The roadshow's arithmetic: a juror's weighted total, the counted final score (optionally without the
 * highest and lowest), the tie rule and the final evaluation's grade. Pure; the demo data uses it too.
 */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The counted totals of a proposal: current scores of non-recused jurors, minus the highest and lowest when the rule says so (needs 3 or more). */
export function finalScoreOf<S extends { total: number; scores: Record<string, number>; jurorUserId: string }>(
  criteria: Criterion[],
  dropHighLow: boolean,
  scores: S[],
): { final: number; means: Record<string, number>; counted: S[] } {
  let counted = [...scores].sort((a, b) => a.total - b.total || a.jurorUserId.localeCompare(b.jurorUserId));
  if (dropHighLow && counted.length >= 3) counted = counted.slice(1, -1);
  const final = round2(counted.reduce((s, x) => s + x.total, 0) / counted.length);
  const means: Record<string, number> = {};
  for (const c of criteria)
    means[c.key] = round2(counted.reduce((s, x) => s + (x.scores[c.key] ?? 0), 0) / counted.length);
  return { final, means, counted };
}

/** A juror's total: the weighted mean of the criterion scores, to 0.01. */
export function jurorTotal(criteria: Criterion[], scores: Record<string, number>): number {
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  return round2(criteria.reduce((s, c) => s + c.weight * (scores[c.key] ?? 0), 0) / weights);
}

/** The criterion that breaks ties first: the highest weight, earliest listed among equals. */
export function leadCriterion(criteria: Criterion[]): Criterion {
  return criteria.reduce((best, c) => (c.weight > best.weight ? c : best), criteria[0]!);
}

interface Rankable {
  finalScore: number;
  firstCriterionMean: number;
  proposal: { budgetCents: number; submittedAt: Date; no: string };
}

/**
 * Ranking and tie rule: higher final score first; on equal final scores (to 0.01) the higher mean on
 * the lead criterion (highest weight, 有效性 by default); then the lower requested budget; then the
 * earlier submission. Ranks are therefore unique.
 */
export function rankProposals<T extends Rankable>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      b.finalScore - a.finalScore ||
      b.firstCriterionMean - a.firstCriterionMean ||
      a.proposal.budgetCents - b.proposal.budgetCents ||
      a.proposal.submittedAt.getTime() - b.proposal.submittedAt.getTime() ||
      a.proposal.no.localeCompare(b.proposal.no),
  );
}

export function gradeOf(score: number): string {
  return score >= 90 ? '优秀' : score >= 75 ? '良好' : score >= 60 ? '合格' : '不合格';
}
