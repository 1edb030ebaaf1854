import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { PurchaseErrors as E } from '../service-purchase.errors.js';
import {
  purchaseAttachments,
  purchaseObjections,
  purchaseOrgs,
  purchaseProposals,
} from '../service-purchase.tables.js';

/** The queries of proposals (项目书): the list with names resolved, the record, attachments, objections. */
export type Proposal = typeof purchaseProposals.$inferSelect;
export type NewProposal = typeof purchaseProposals.$inferInsert;

export interface ProposalRow {
  id: string;
  no: string;
  round_id: string;
  org_id: string;
  title: string;
  org_name: string;
  category: string;
  budget_cents: number;
  street_name: string;
  target_names: string[];
  status: 'submitted' | 'withdrawn';
  screening: 'pass' | 'fail' | null;
  screening_reason: string | null;
  final_score: number | null;
  rank: number | null;
  result: 'recommended' | 'not_recommended' | 'disqualified' | null;
  submitted_at: Date;
  version: number;
}

const PROPOSAL_SELECT = sql`select x.id, x.no, x.round_id, x.org_id, x.title, o.name as org_name, x.category, x.budget_cents::float8 as budget_cents, s.name as street_name,
    array(select c.name from ${orgUnits} c where c.district_id = x.district_id and c.id = any(x.target_community_ids) order by c.id) as target_names,
    x.status, x.screening, x.screening_reason, x.final_score, x.rank, x.result, x.submitted_at, x.version
  from ${purchaseProposals} x join ${purchaseOrgs} o on o.district_id = x.district_id and o.id = x.org_id
  join ${orgUnits} s on s.district_id = x.district_id and s.id = x.street_id`;

/** The columns the access rule's list predicate reads, on the `x` alias. */
const PROPOSAL_COLUMNS = {
  districtId: sql`x.district_id`,
  orgId: sql`x.org_id`,
  roundId: sql`x.round_id`,
  targetPaths: sql`x.target_paths`,
  screening: sql`x.screening`,
  status: sql`x.status`,
};

/** The round's proposals the actor may read, ranked ones first. */
export function visibleProposalRows(q: Queryable, actor: Actor, roundId: string): Promise<ProposalRow[]> {
  const where: SQL[] = [
    sql`x.district_id = ${actor.districtId}`,
    sql`x.round_id = ${roundId}`,
    scopeWhere(actor, 'proposal', PROPOSAL_COLUMNS),
  ];
  return queryRows<ProposalRow>(
    q,
    sql`${PROPOSAL_SELECT} where ${sql.join(where, sql` and `)} order by coalesce(x.rank, 100000), x.no`,
  );
}

export async function proposalRow(q: Queryable, districtId: string, id: string): Promise<ProposalRow> {
  const [row] = await queryRows<ProposalRow>(
    q,
    sql`${PROPOSAL_SELECT} where x.district_id = ${districtId} and x.id = ${id}`,
  );
  return row!;
}

const proposalKey = (districtId: string, id: string) =>
  and(eq(purchaseProposals.districtId, districtId), eq(purchaseProposals.id, id));

export async function loadProposal(q: Queryable, districtId: string, id: string, lock = false): Promise<Proposal> {
  const rows = lock
    ? await q.select().from(purchaseProposals).where(proposalKey(districtId, id)).for('update')
    : await q.select().from(purchaseProposals).where(proposalKey(districtId, id));
  if (!rows[0]) throw E.PROPOSAL_NOT_FOUND();
  return rows[0];
}

export async function proposalInRound(q: Queryable, districtId: string, id: string, roundId: string) {
  const [p] = await q
    .select({ id: purchaseProposals.id })
    .from(purchaseProposals)
    .where(and(proposalKey(districtId, id), eq(purchaseProposals.roundId, roundId)));
  return p;
}

export async function proposalCount(q: Queryable, districtId: string, roundId: string): Promise<number> {
  const [n] = await q
    .select({ n: count() })
    .from(purchaseProposals)
    .where(and(eq(purchaseProposals.districtId, districtId), eq(purchaseProposals.roundId, roundId)));
  return n!.n;
}

export async function insertProposal(
  q: Queryable,
  proposal: NewProposal,
  attachments: { id: string; name: string; mime: string; dataBase64: string }[],
): Promise<void> {
  await q.insert(purchaseProposals).values(proposal);
  for (const a of attachments)
    await q.insert(purchaseAttachments).values({ districtId: proposal.districtId, proposalId: proposal.id, ...a });
}

/** Changes a proposal's own columns and moves its version. */
export async function updateProposal(
  q: Queryable,
  districtId: string,
  id: string,
  set: Partial<NewProposal>,
): Promise<void> {
  await q
    .update(purchaseProposals)
    .set({ ...set, version: sql`${purchaseProposals.version} + 1` })
    .where(proposalKey(districtId, id));
}

/** An upheld objection takes a recommended project off the list (no automatic backfill). */
export async function disqualify(q: Queryable, districtId: string, id: string): Promise<void> {
  await q
    .update(purchaseProposals)
    .set({ result: 'disqualified', version: sql`${purchaseProposals.version} + 1` })
    .where(and(proposalKey(districtId, id), eq(purchaseProposals.result, 'recommended')));
}

export function attachmentList(q: Queryable, districtId: string, proposalId: string) {
  return q
    .select({ id: purchaseAttachments.id, name: purchaseAttachments.name })
    .from(purchaseAttachments)
    .where(and(eq(purchaseAttachments.districtId, districtId), eq(purchaseAttachments.proposalId, proposalId)))
    .orderBy(asc(purchaseAttachments.createdAt));
}

export async function attachment(q: Queryable, districtId: string, proposalId: string, id: string) {
  const [a] = await q
    .select()
    .from(purchaseAttachments)
    .where(
      and(
        eq(purchaseAttachments.districtId, districtId),
        eq(purchaseAttachments.proposalId, proposalId),
        eq(purchaseAttachments.id, id),
      ),
    );
  if (!a) throw E.ATTACHMENT_NOT_FOUND();
  return a;
}

/** The org units among `ids` (a proposal's served communities). */
export function unitsByIds(q: Queryable, districtId: string, ids: string[]) {
  return q
    .select({ id: orgUnits.id, kind: orgUnits.kind, path: orgUnits.path, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, ids)));
}

export async function lockObjection(q: Queryable, districtId: string, id: string) {
  const [o] = await q
    .select()
    .from(purchaseObjections)
    .where(and(eq(purchaseObjections.districtId, districtId), eq(purchaseObjections.id, id)))
    .for('update');
  if (!o) throw E.OBJECTION_NOT_FOUND();
  return o;
}

export async function insertObjection(q: Queryable, objection: typeof purchaseObjections.$inferInsert): Promise<void> {
  await q.insert(purchaseObjections).values(objection);
}

export async function answerObjectionRow(
  q: Queryable,
  districtId: string,
  id: string,
  answer: { answer: string; upheld: boolean; answeredBy: string; answeredAt: Date },
): Promise<void> {
  await q
    .update(purchaseObjections)
    .set(answer)
    .where(and(eq(purchaseObjections.districtId, districtId), eq(purchaseObjections.id, id)));
}
