import { and, asc, eq, max } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import type { PurchaseParties } from '../../access/service-purchase.access.js';
import {
  purchaseJurors,
  purchaseOrgs,
  purchaseProposals,
  purchaseRecusals,
  purchaseScores,
} from '../service-purchase.tables.js';

/** The queries of the roadshow scoring: jurors, recusals and the versioned scores. */
export type Score = typeof purchaseScores.$inferSelect;
export type NewScore = typeof purchaseScores.$inferInsert;

export interface ScoringState {
  /** Per proposal, how many current scores it needs (jurors minus recusals). */
  expected: Map<string, number>;
  /** Per proposal, the current scores of non-recused jurors of the round. */
  current: Map<string, Score[]>;
  jurorIds: string[];
  /** `${proposalId}|${jurorUserId}` */
  recused: Set<string>;
}

export async function scoringState(q: Queryable, districtId: string, roundId: string): Promise<ScoringState> {
  const jurors = await q
    .select()
    .from(purchaseJurors)
    .where(and(eq(purchaseJurors.districtId, districtId), eq(purchaseJurors.roundId, roundId)));
  const recusals = await q
    .select()
    .from(purchaseRecusals)
    .where(and(eq(purchaseRecusals.districtId, districtId), eq(purchaseRecusals.roundId, roundId)));
  const scores = await q
    .select()
    .from(purchaseScores)
    .where(
      and(
        eq(purchaseScores.districtId, districtId),
        eq(purchaseScores.roundId, roundId),
        eq(purchaseScores.isCurrent, true),
      ),
    );
  const proposals = await q
    .select({ id: purchaseProposals.id })
    .from(purchaseProposals)
    .where(and(eq(purchaseProposals.districtId, districtId), eq(purchaseProposals.roundId, roundId)));
  const recused = new Set(recusals.map((x) => `${x.proposalId}|${x.jurorUserId}`));
  const jurorIds = jurors.map((j) => j.userId);
  const expected = new Map(proposals.map((p) => [p.id, jurorIds.filter((j) => !recused.has(`${p.id}|${j}`)).length]));
  const current = new Map<string, Score[]>();
  for (const s of scores) {
    if (recused.has(`${s.proposalId}|${s.jurorUserId}`) || !jurorIds.includes(s.jurorUserId)) continue;
    current.set(s.proposalId, [...(current.get(s.proposalId) ?? []), s]);
  }
  return { expected, current, jurorIds, recused };
}

/** The applying organisation's account and the round's jurors: what the access rule needs beside the record. */
export async function partiesOf(
  q: Queryable,
  districtId: string,
  orgId: string,
  roundId: string | null,
): Promise<PurchaseParties> {
  const [o] = await q
    .select({ userId: purchaseOrgs.accountUserId })
    .from(purchaseOrgs)
    .where(and(eq(purchaseOrgs.districtId, districtId), eq(purchaseOrgs.id, orgId)));
  const jurors =
    roundId === null
      ? []
      : await q
          .select({ userId: purchaseJurors.userId })
          .from(purchaseJurors)
          .where(and(eq(purchaseJurors.districtId, districtId), eq(purchaseJurors.roundId, roundId)));
  return { orgAccountUserId: o?.userId ?? null, jurorUserIds: jurors.map((j) => j.userId) };
}

export async function jurorNames(q: Queryable, districtId: string, roundId: string): Promise<Map<string, string>> {
  const rows = await q
    .select({ userId: purchaseJurors.userId, name: purchaseJurors.name })
    .from(purchaseJurors)
    .where(and(eq(purchaseJurors.districtId, districtId), eq(purchaseJurors.roundId, roundId)));
  return new Map(rows.map((j) => [j.userId, j.name]));
}

const jurorOn = (districtId: string, proposalId: string, jurorUserId: string) =>
  and(
    eq(purchaseScores.districtId, districtId),
    eq(purchaseScores.proposalId, proposalId),
    eq(purchaseScores.jurorUserId, jurorUserId),
  );

/** Every version a juror submitted for a proposal, oldest first. */
export function scoreHistory(q: Queryable, districtId: string, proposalId: string, jurorUserId: string) {
  return q
    .select()
    .from(purchaseScores)
    .where(jurorOn(districtId, proposalId, jurorUserId))
    .orderBy(asc(purchaseScores.version));
}

export async function lockCurrentScore(
  q: Queryable,
  districtId: string,
  proposalId: string,
  jurorUserId: string,
): Promise<Score | undefined> {
  const [prev] = await q
    .select()
    .from(purchaseScores)
    .where(and(jurorOn(districtId, proposalId, jurorUserId), eq(purchaseScores.isCurrent, true)))
    .for('update');
  return prev;
}

/** Takes a juror's current score of a proposal out of the count; returns the voided score's id. */
export async function voidCurrentScore(
  q: Queryable,
  districtId: string,
  proposalId: string,
  jurorUserId: string,
): Promise<string | null> {
  const voided = await q
    .update(purchaseScores)
    .set({ isCurrent: false })
    .where(and(jurorOn(districtId, proposalId, jurorUserId), eq(purchaseScores.isCurrent, true)))
    .returning({ id: purchaseScores.id });
  return voided[0]?.id ?? null;
}

export async function lastScoreVersion(
  q: Queryable,
  districtId: string,
  proposalId: string,
  jurorUserId: string,
): Promise<number> {
  const [v] = await q
    .select({ v: max(purchaseScores.version) })
    .from(purchaseScores)
    .where(jurorOn(districtId, proposalId, jurorUserId));
  return v?.v ?? 0;
}

export async function insertScore(q: Queryable, score: NewScore): Promise<void> {
  await q.insert(purchaseScores).values(score);
}

export async function insertRecusal(q: Queryable, recusal: typeof purchaseRecusals.$inferInsert): Promise<void> {
  await q.insert(purchaseRecusals).values(recusal);
}
