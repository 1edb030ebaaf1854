import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { iso } from '../../lib/time.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import type { ProposalRecord } from '../access/service-purchase.access.js';
import type { ProposalReply, ProposalSummary, Score as ScoreDto } from '../../../shared/service-purchase.schema.js';
import { isAccepting, visibleRound } from './round-detail.service.js';
import {
  attachment,
  attachmentList,
  loadProposal,
  proposalRow,
  visibleProposalRows,
  type Proposal,
  type ProposalRow,
} from './repository/proposals.repository.js';
import { loadRound, type Round } from './repository/rounds.repository.js';
import { jurorNames, partiesOf, scoreHistory, scoringState, type Score } from './repository/scoring.repository.js';
import { finalScoreOf } from './scoring.rules.js';

/**
 * Reading proposals (项目书). Scores stay sealed until every non-recused juror has submitted; results
 * are public from the notice on.
 */

export async function proposalRecord(q: Queryable, p: Proposal): Promise<ProposalRecord> {
  return {
    ...(await partiesOf(q, p.districtId, p.orgId, p.roundId)),
    targetPaths: p.targetPaths,
    screening: p.screening,
    status: p.status,
  };
}

function scoreView(s: Score, jurorName: string): ScoreDto {
  return {
    jurorName,
    version: s.version,
    scores: s.scores,
    total: s.total,
    comment: s.comment,
    submittedAt: iso(s.submittedAt),
  };
}

async function summaries(ctx: AppContext, actor: Actor, round: Round, rows: ProposalRow[]): Promise<ProposalSummary[]> {
  const st = await scoringState(ctx.db, actor.districtId, round.id);
  const isJuror = st.jurorIds.includes(actor.userId);
  // Results are public from the notice on; before that only the agent sees scores and ranks.
  const showResults = round.status === 'notice' || round.status === 'awarded';
  return rows.map((r) => {
    const current = st.current.get(r.id) ?? [];
    const expected = st.expected.get(r.id) ?? 0;
    const mine = isJuror ? current.find((s) => s.jurorUserId === actor.userId) : undefined;
    return {
      id: r.id,
      no: r.no,
      roundId: r.round_id,
      title: r.title,
      orgName: r.org_name,
      category: r.category,
      budgetCents: Number(r.budget_cents),
      streetName: r.street_name,
      targetCommunities: r.target_names,
      status: r.status,
      screening: r.screening,
      screeningReason: r.screening_reason,
      finalScore: showResults ? r.final_score : null,
      rank: showResults ? r.rank : null,
      result: showResults ? r.result : null,
      submittedAt: iso(r.submitted_at),
      version: r.version,
      myScore: mine ? scoreView(mine, actor.displayName) : null,
      recused: isJuror && st.recused.has(`${r.id}|${actor.userId}`),
      sealed: expected === 0 || current.length < expected,
      submittedScores: current.length,
      expectedScores: expected,
    };
  });
}

export async function listProposals(ctx: AppContext, actor: Actor, roundId: string): Promise<ProposalSummary[]> {
  const round = await visibleRound(ctx, actor, roundId);
  return summaries(ctx, actor, round, await visibleProposalRows(ctx.db, actor, roundId));
}

export async function getProposal(ctx: AppContext, actor: Actor, id: string): Promise<ProposalReply> {
  const d = actor.districtId;
  const p = await loadProposal(ctx.db, d, id);
  const rec = await proposalRecord(ctx.db, p);
  requireAccess(actor, 'proposal', rec);
  const round = await loadRound(ctx.db, d, p.roundId);
  const [summary] = await summaries(ctx, actor, round, [await proposalRow(ctx.db, d, id)]);
  const atts = await attachmentList(ctx.db, d, id);
  const st = await scoringState(ctx.db, d, round.id);
  const names = await jurorNames(ctx.db, d, round.id);
  const isJuror = st.jurorIds.includes(actor.userId);
  // Sealed until every non-recused juror has submitted; then visible to the agent and the jurors only.
  const mayReadScores = !summary!.sealed && (can(actor, 'purchase.manage') || isJuror);
  const current = st.current.get(id) ?? [];
  const history = isJuror ? await scoreHistory(ctx.db, d, id, actor.userId) : [];
  const showMeans = mayReadScores || ((round.status === 'notice' || round.status === 'awarded') && current.length > 0);
  const now = new Date();
  const scoringOpen = round.status === 'scoring' && isJuror && p.screening === 'pass' && p.status === 'submitted';
  return {
    proposal: {
      ...summary!,
      summary: p.summary,
      team: p.team,
      budgetLines: p.budgetLines,
      pastDelivery: p.pastDelivery,
      attachments: atts.map((a) => ({
        id: a.id,
        name: a.name,
        url: `/api/purchase/proposals/${id}/attachments/${a.id}`,
      })),
      criteria: round.criteria,
      scores: mayReadScores ? current.map((s) => scoreView(s, names.get(s.jurorUserId) ?? s.jurorUserId)) : null,
      criterionMeans:
        showMeans && current.length ? finalScoreOf(round.criteria, round.dropHighLow, current).means : null,
      history: history.map((s) => scoreView(s, actor.displayName)),
    },
    can: {
      withdraw: canAccess(actor, 'proposal', rec, 'own') && p.status === 'submitted' && isAccepting(round, now),
      screen:
        can(actor, 'purchase.manage') &&
        p.status === 'submitted' &&
        (round.status === 'open' || round.status === 'screening') &&
        now >= round.deadlineAt,
      score: scoringOpen && !summary!.recused,
      recuse: scoringOpen && !summary!.recused,
    },
  };
}

export async function getAttachment(
  ctx: AppContext,
  actor: Actor,
  ref: { proposalId: string; attachmentId: string },
): Promise<{ mime: string; name: string; data: Buffer }> {
  const d = actor.districtId;
  const p = await loadProposal(ctx.db, d, ref.proposalId);
  requireAccess(actor, 'proposal', await proposalRecord(ctx.db, p));
  const a = await attachment(ctx.db, d, ref.proposalId, ref.attachmentId);
  return { mime: a.mime, name: a.name, data: Buffer.from(a.dataBase64, 'base64') };
}
