import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import {
  funnelOf,
  jurorRows,
  loadRound,
  objectionRows,
  roundRows,
  screenedInProposals,
  type Round,
} from './repository/rounds.repository.js';
import { scoringState } from './repository/scoring.repository.js';
import type { AmendmentView, RoundDetail, RoundView } from '../../../shared/service-purchase.schema.js';
import { amendmentRows, type Amendment } from './repository/amendments.repository.js';

/** Reading rounds: the list, and one round with its funnel, jury progress, objections and what the caller may do. */
export const isAccepting = (r: Round, now = new Date()) => r.status === 'open' && now < r.deadlineAt;

export function roundView(r: Round): RoundView {
  return {
    id: r.id,
    ocid: r.ocid,
    year: r.year,
    title: r.title,
    scope: r.scope,
    eligibility: r.eligibility,
    budgetCents: r.budgetCents,
    status: r.status,
    publishedAt: iso(r.publishedAt),
    deadlineAt: iso(r.deadlineAt),
    isAcceptingProposals: isAccepting(r),
    criteria: r.criteria,
    dropHighLow: r.dropHighLow,
    places: r.places,
    passScore: r.passScore,
    noticeDays: r.noticeDays,
    rulesFrozen: r.scoringOpenedAt !== null,
    scoringOpenedAt: iso(r.scoringOpenedAt),
    noticeStartsAt: iso(r.noticeStartsAt),
    noticeEndsAt: iso(r.noticeEndsAt),
    awardedAt: iso(r.awardedAt),
    version: r.version,
  };
}

export function amendmentView(a: Amendment): AmendmentView {
  return {
    id: a.id,
    seq: a.seq,
    rationale: a.rationale,
    amendedAt: iso(a.amendedAt),
    amendedByName: a.amendedByName,
    changes: a.changes,
  };
}

export async function listRounds(ctx: AppContext, actor: Actor): Promise<RoundView[]> {
  const rows = await roundRows(ctx.db, actor.districtId);
  return rows.filter((r) => canAccess(actor, 'round', r)).map(roundView);
}

/** A round the actor may see (drafts are the agent's: 404 to everyone else). */
export async function visibleRound(ctx: AppContext, actor: Actor, id: string): Promise<Round> {
  const r = await loadRound(ctx.db, actor.districtId, id);
  requireAccess(actor, 'round', r);
  return r;
}

export async function getRound(ctx: AppContext, actor: Actor, id: string): Promise<RoundDetail> {
  const d = actor.districtId;
  const r = await visibleRound(ctx, actor, id);
  const funnel = await funnelOf(ctx.db, d, id);
  const { current, jurorIds, recused } = await scoringState(ctx.db, d, id);
  const screened = (await screenedInProposals(ctx.db, d, id)).map((p) => p.id);
  const jurors = (await jurorRows(ctx.db, d, id)).map((j) => ({
    userId: j.userId,
    name: j.name,
    expected: screened.filter((p) => !recused.has(`${p}|${j.userId}`)).length,
    submitted: screened.filter((p) => (current.get(p) ?? []).some((s) => s.jurorUserId === j.userId)).length,
  }));
  const objections = await objectionRows(ctx.db, d, id);
  const now = new Date();
  const manage = can(actor, 'purchase.manage');
  const inNotice = r.status === 'notice' && r.noticeEndsAt !== null && now < r.noticeEndsAt;
  const afterDeadline = (r.status === 'open' || r.status === 'screening') && now >= r.deadlineAt;
  return {
    round: roundView(r),
    funnel,
    jurors,
    objections: objections.map((o) => ({ ...o, filedAt: iso(o.filedAt), answeredAt: iso(o.answeredAt) })),
    amendments: (await amendmentRows(ctx.db, d, id)).map(amendmentView),
    myJuror: jurorIds.includes(actor.userId),
    can: {
      edit: manage && r.status === 'draft',
      amend: manage && isAccepting(r, now),
      editRules: manage && r.scoringOpenedAt === null,
      publish: manage && r.status === 'draft',
      setJurors: manage && r.scoringOpenedAt === null,
      screen: manage && afterDeadline,
      openScoring: manage && afterDeadline,
      publishNotice: manage && r.status === 'scoring',
      award: manage && r.status === 'notice' && r.noticeEndsAt !== null && now >= r.noticeEndsAt,
      propose: can(actor, 'purchase.propose') && isAccepting(r, now),
      object: can(actor, 'purchase.object') && inNotice,
      answerObjections: manage && r.status === 'notice',
    },
  };
}
