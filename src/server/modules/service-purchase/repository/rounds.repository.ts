import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { users } from '../../auth/auth.tables.js';
import { orgUnits } from '../../org/org.tables.js';
import { PurchaseErrors as E } from '../service-purchase.errors.js';
import {
  purchaseContracts,
  purchaseJurors,
  purchaseObjections,
  purchaseProposals,
  purchaseRounds,
} from '../service-purchase.tables.js';

/** The queries of a round (批次): the call, its jury, its funnel and its notice. */
export type Round = typeof purchaseRounds.$inferSelect;
export type NewRound = typeof purchaseRounds.$inferInsert;
export type NewContract = typeof purchaseContracts.$inferInsert;

const roundKey = (districtId: string, id: string) =>
  and(eq(purchaseRounds.districtId, districtId), eq(purchaseRounds.id, id));

export async function loadRound(q: Queryable, districtId: string, id: string, lock = false): Promise<Round> {
  const rows = lock
    ? await q.select().from(purchaseRounds).where(roundKey(districtId, id)).for('update')
    : await q.select().from(purchaseRounds).where(roundKey(districtId, id));
  if (!rows[0]) throw E.ROUND_NOT_FOUND();
  return rows[0];
}

/** Any district's round by its id (a UUID): the public OCDS feed. */
export async function findRoundById(q: Queryable, id: string): Promise<Round | undefined> {
  const [round] = await q.select().from(purchaseRounds).where(eq(purchaseRounds.id, id));
  return round;
}

export function roundRows(q: Queryable, districtId: string): Promise<Round[]> {
  return q
    .select()
    .from(purchaseRounds)
    .where(eq(purchaseRounds.districtId, districtId))
    .orderBy(desc(purchaseRounds.year), desc(purchaseRounds.createdAt));
}

export async function insertRound(q: Queryable, round: NewRound): Promise<void> {
  await q.insert(purchaseRounds).values(round);
}

/** Moves an open round to screening once its first proposal is screened (the version stays). */
export async function markScreening(q: Queryable, districtId: string, id: string, now: Date): Promise<void> {
  await q.update(purchaseRounds).set({ status: 'screening', updatedAt: now }).where(roundKey(districtId, id));
}

/** The active accounts among `ids`, with their role (the jury picker's check). */
export function activeUsers(q: Queryable, districtId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return q
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.isActive, true), inArray(users.id, ids)));
}

export async function replaceJurors(
  q: Queryable,
  districtId: string,
  roundId: string,
  jurors: { userId: string; name: string }[],
): Promise<void> {
  await q
    .delete(purchaseJurors)
    .where(and(eq(purchaseJurors.districtId, districtId), eq(purchaseJurors.roundId, roundId)));
  if (jurors.length)
    await q.insert(purchaseJurors).values(jurors.map((j) => ({ districtId, roundId, userId: j.userId, name: j.name })));
}

export function jurorRows(q: Queryable, districtId: string, roundId: string) {
  return q
    .select()
    .from(purchaseJurors)
    .where(and(eq(purchaseJurors.districtId, districtId), eq(purchaseJurors.roundId, roundId)))
    .orderBy(asc(purchaseJurors.name));
}

/** What opening the scoring needs: no proposal left unscreened, one screened in, enough jurors. */
export async function scoringReadiness(q: Queryable, districtId: string, roundId: string) {
  const [c] = await queryRows<{ unscreened: number; passed: number; jurors: number }>(
    q,
    sql`select
      (select count(*)::int from ${purchaseProposals} p where p.district_id = ${districtId} and p.round_id = ${roundId} and p.status = 'submitted' and p.screening is null) as unscreened,
      (select count(*)::int from ${purchaseProposals} p where p.district_id = ${districtId} and p.round_id = ${roundId} and p.status = 'submitted' and p.screening = 'pass') as passed,
      (select count(*)::int from ${purchaseJurors} j where j.district_id = ${districtId} and j.round_id = ${roundId}) as jurors`,
  );
  return c!;
}

/** The submitted, screened-in proposals of a round: the ones that are scored and ranked. */
export function screenedInProposals(q: Queryable, districtId: string, roundId: string) {
  return q
    .select()
    .from(purchaseProposals)
    .where(
      and(
        eq(purchaseProposals.districtId, districtId),
        eq(purchaseProposals.roundId, roundId),
        eq(purchaseProposals.status, 'submitted'),
        eq(purchaseProposals.screening, 'pass'),
      ),
    );
}

export async function setRanking(
  q: Queryable,
  districtId: string,
  proposalId: string,
  ranking: { finalScore: number; rank: number; result: 'recommended' | 'not_recommended' },
): Promise<void> {
  await q
    .update(purchaseProposals)
    .set({ ...ranking, version: sql`${purchaseProposals.version} + 1` })
    .where(and(eq(purchaseProposals.districtId, districtId), eq(purchaseProposals.id, proposalId)));
}

export async function unansweredObjections(q: Queryable, districtId: string, roundId: string): Promise<number> {
  const [open] = await q
    .select({ n: count() })
    .from(purchaseObjections)
    .where(
      and(
        eq(purchaseObjections.districtId, districtId),
        eq(purchaseObjections.roundId, roundId),
        isNull(purchaseObjections.answeredAt),
      ),
    );
  return open!.n;
}

/** The recommended proposals in rank order, with the street (or township) that will sign each contract. */
export function winners(q: Queryable, districtId: string, roundId: string) {
  return q
    .select({
      id: purchaseProposals.id,
      orgId: purchaseProposals.orgId,
      title: purchaseProposals.title,
      streetId: purchaseProposals.streetId,
      budgetCents: purchaseProposals.budgetCents,
      targetPaths: purchaseProposals.targetPaths,
      streetName: orgUnits.name,
      streetKind: orgUnits.kind,
      streetPath: orgUnits.path,
    })
    .from(purchaseProposals)
    .innerJoin(
      orgUnits,
      and(eq(orgUnits.districtId, purchaseProposals.districtId), eq(orgUnits.id, purchaseProposals.streetId)),
    )
    .where(
      and(
        eq(purchaseProposals.districtId, districtId),
        eq(purchaseProposals.roundId, roundId),
        eq(purchaseProposals.result, 'recommended'),
      ),
    )
    .orderBy(asc(purchaseProposals.rank));
}

export async function insertContract(q: Queryable, contract: NewContract): Promise<void> {
  await q.insert(purchaseContracts).values(contract);
}

/** The round's funnel: received → screened in → shortlisted → contracted, and contracts per buyer. */
export async function funnelOf(q: Queryable, districtId: string, roundId: string) {
  const [f] = await queryRows<{
    received: number;
    withdrawn: number;
    screened: number;
    shortlisted: number;
    contracted: number;
  }>(
    q,
    sql`select
    count(*) filter (where p.status = 'submitted')::int as received, count(*) filter (where p.status = 'withdrawn')::int as withdrawn,
    count(*) filter (where p.status = 'submitted' and p.screening = 'pass')::int as screened,
    count(*) filter (where p.result in ('recommended', 'disqualified'))::int as shortlisted,
    (select count(*)::int from ${purchaseContracts} c where c.district_id = ${districtId} and c.round_id = ${roundId} and c.status <> 'pending') as contracted
    from ${purchaseProposals} p where p.district_id = ${districtId} and p.round_id = ${roundId}`,
  );
  const contracts = count();
  const byBuyer = await q
    .select({ buyerName: purchaseContracts.buyerName, buyerKind: purchaseContracts.buyerKind, contracts })
    .from(purchaseContracts)
    .where(
      and(
        eq(purchaseContracts.districtId, districtId),
        eq(purchaseContracts.roundId, roundId),
        ne(purchaseContracts.status, 'pending'),
      ),
    )
    .groupBy(purchaseContracts.buyerName, purchaseContracts.buyerKind)
    .orderBy(desc(contracts), asc(purchaseContracts.buyerName));
  return { ...f!, byBuyer };
}

export function objectionRows(q: Queryable, districtId: string, roundId: string) {
  return q
    .select({
      id: purchaseObjections.id,
      proposalId: purchaseObjections.proposalId,
      proposalTitle: purchaseProposals.title,
      filedByName: purchaseObjections.filedByName,
      content: purchaseObjections.content,
      filedAt: purchaseObjections.filedAt,
      answer: purchaseObjections.answer,
      upheld: purchaseObjections.upheld,
      answeredAt: purchaseObjections.answeredAt,
    })
    .from(purchaseObjections)
    .leftJoin(
      purchaseProposals,
      and(
        eq(purchaseProposals.districtId, purchaseObjections.districtId),
        eq(purchaseProposals.id, purchaseObjections.proposalId),
      ),
    )
    .where(and(eq(purchaseObjections.districtId, districtId), eq(purchaseObjections.roundId, roundId)))
    .orderBy(asc(purchaseObjections.filedAt));
}
