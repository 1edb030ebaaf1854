import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import { decodeDataUrl, sanitizeFileName } from '../../lib/uploads.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import type { ContractRecord, ProposalRecord, PurchaseParties } from '../access/service-purchase.access.js';
import { writeAudit } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import type {
  ContractCanDto,
  ContractDetailDto,
  ContractSummaryDto,
  CreateNeedBody,
  CreateProposalInput,
  CreateRoundInput,
  DeliveryBody,
  EvaluateBody,
  NeedDto,
  ObjectionDto,
  OrgDto,
  ProposalCanDto,
  ProposalDetailDto,
  ProposalSummary,
  RegisterOrgBody,
  RoundDetail,
  RoundView,
  ScoreBody,
  ScoreDto,
  SignBody,
  UpdateRoundInput,
} from './service-purchase.schema.js';
import { ATTACHMENT_MIMES } from './service-purchase.schema.js';
import {
  purchaseAttachments,
  purchaseContracts,
  purchaseDeliveries,
  purchaseJurors,
  purchaseMilestones,
  purchaseNeeds,
  purchaseObjections,
  purchaseOrgs,
  purchaseProposals,
  purchaseRecusals,
  purchaseRounds,
  purchaseScores,
  type Criterion,
} from './service-purchase.tables.js';

/**
 * 政府向社会力量购买服务: one yearly round from the call to paid, evaluated projects. Every write is one
 * transaction that locks the record it changes and writes its audit row. Deadlines are checked
 * against the server's clock; times are stored as UTC instants and shown in Asia/Shanghai.
 */
type Round = typeof purchaseRounds.$inferSelect;
type Proposal = typeof purchaseProposals.$inferSelect;
type Contract = typeof purchaseContracts.$inferSelect;
type Score = typeof purchaseScores.$inferSelect;

/** OCDS ocid prefix. `ocds-lnli01` is a placeholder until the publisher registers its own with the OCDS Data Support Team. */
export const OCID_PREFIX = process.env.LINLI_OCDS_PREFIX ?? 'ocds-lnli01';

const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());
const round2 = (n: number) => Math.round(n * 100) / 100;
const shanghai = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function state(ok: boolean, code: string, message: string): void {
  if (!ok) throw new AppError('conflict', code, message);
}

// ───────────────────────── access (rules in access/service-purchase.access.ts) ─────────────────────────

const PROPOSAL_COLUMNS = {
  districtId: sql`x.district_id`,
  orgId: sql`x.org_id`,
  roundId: sql`x.round_id`,
  targetPaths: sql`x.target_paths`,
  screening: sql`x.screening`,
  status: sql`x.status`,
};
const CONTRACT_COLUMNS = { districtId: sql`x.district_id`, orgId: sql`x.org_id`, targetPaths: sql`x.target_paths` };

/** The applying organisation's account and the round's jurors: what the access rule needs beside the record. */
async function partiesOf(
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

async function proposalRecord(q: Queryable, p: Proposal): Promise<ProposalRecord> {
  return {
    ...(await partiesOf(q, p.districtId, p.orgId, p.roundId)),
    targetPaths: p.targetPaths,
    screening: p.screening,
    status: p.status,
  };
}

async function contractRecord(q: Queryable, c: Contract): Promise<ContractRecord> {
  const { orgAccountUserId } = await partiesOf(q, c.districtId, c.orgId, c.roundId);
  return { orgPath: c.orgPath, buyerName: c.buyerName, targetPaths: c.targetPaths, orgAccountUserId };
}

// ───────────────────────── organisations ─────────────────────────

export async function myOrg(ctx: AppContext, actor: Actor): Promise<z.infer<typeof OrgDto> | null> {
  const [o] = await ctx.db
    .select()
    .from(purchaseOrgs)
    .where(and(eq(purchaseOrgs.districtId, actor.districtId), eq(purchaseOrgs.accountUserId, actor.userId)));
  return o ? { id: o.id, name: o.name, creditCode: o.creditCode, legalRep: o.legalRep, intro: o.intro } : null;
}

export async function registerOrg(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof RegisterOrgBody>,
  ip?: string,
): Promise<z.infer<typeof OrgDto>> {
  if (await myOrg(ctx, actor)) throw conflict('ORG_ALREADY_REGISTERED', '本账号已登记社会组织信息，无需重复登记。');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: purchaseOrgs.id })
      .from(purchaseOrgs)
      .where(and(eq(purchaseOrgs.districtId, actor.districtId), eq(purchaseOrgs.creditCode, input.creditCode)));
    if (dup) throw conflict('ORG_CREDIT_CODE_TAKEN', '该统一社会信用代码已由其他账号登记，请核对或联系项目招募方。');
    await tx.insert(purchaseOrgs).values({ districtId: actor.districtId, id, ...input, accountUserId: actor.userId });
    await writeAudit(
      tx,
      actor,
      { action: 'purchase.org.register', entityType: 'purchase_org', entityId: id, detail: { name: input.name } },
      ip,
    );
  });
  return (await myOrg(ctx, actor))!;
}

// ───────────────────────── needs ─────────────────────────

export async function listNeeds(ctx: AppContext, actor: Actor): Promise<z.infer<typeof NeedDto>[]> {
  // Needs are the call's public input: organisations and the agent (bound to the district) see all, staff their subtree.
  const rows = await queryRows<{
    id: string;
    community_id: string;
    community_name: string;
    street_name: string;
    title: string;
    description: string;
    category: string;
    residents: number;
    created_at: Date;
  }>(
    ctx.db,
    sql`
    select n.id, n.community_id, c.name as community_name, s.name as street_name, n.title, n.description, n.category, n.residents, n.created_at
    from purchase_needs n join org_units c on c.district_id = n.district_id and c.id = n.community_id
    join org_units s on s.district_id = c.district_id and s.id = c.parent_id
    where n.district_id = ${actor.districtId} and ${scopeWhere(actor, 'need', { orgPath: sql`n.org_path` })}
    order by n.created_at desc, n.id limit 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    streetName: r.street_name,
    title: r.title,
    description: r.description,
    category: r.category,
    residents: r.residents,
    createdAt: iso(r.created_at)!,
  }));
}

export async function createNeed(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateNeedBody>,
  ip?: string,
): Promise<z.infer<typeof NeedDto>> {
  const [c] = await queryRows<{ id: string; kind: string; path: string }>(
    ctx.db,
    sql`select id, kind, path from org_units where district_id = ${actor.districtId} and id = ${input.communityId}`,
  );
  if (!c || (c.kind !== 'community' && c.kind !== 'village'))
    throw notFound('COMMUNITY_NOT_FOUND', '找不到该社区（村），请从列表中选择。');
  requireAccess(actor, 'orgUnit', { orgPath: c.path }, 'read', { what: '该社区' });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(purchaseNeeds).values({
      districtId: actor.districtId,
      id,
      communityId: c.id,
      orgPath: c.path,
      title: input.title,
      description: input.description,
      category: input.category,
      residents: input.residents,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'purchase.need.create', entityType: 'purchase_need', entityId: id, detail: { title: input.title } },
      ip,
    );
  });
  return (await listNeeds(ctx, actor)).find((n) => n.id === id)!;
}

// ───────────────────────── rounds ─────────────────────────

async function loadRound(q: Queryable, districtId: string, id: string, lock = false): Promise<Round> {
  const where = and(eq(purchaseRounds.districtId, districtId), eq(purchaseRounds.id, id));
  const rows = lock
    ? await q.select().from(purchaseRounds).where(where).for('update')
    : await q.select().from(purchaseRounds).where(where);
  if (!rows[0]) throw notFound('ROUND_NOT_FOUND', '找不到该购买服务批次。');
  return rows[0];
}

function assertRoundVisible(actor: Actor, round: Round): void {
  requireAccess(actor, 'round', round);
}

const isAccepting = (r: Round, now = new Date()) => r.status === 'open' && now < r.deadlineAt;

function roundView(r: Round): RoundView {
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
    deadlineAt: iso(r.deadlineAt)!,
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

export async function listRounds(ctx: AppContext, actor: Actor): Promise<RoundView[]> {
  const rows = await ctx.db
    .select()
    .from(purchaseRounds)
    .where(eq(purchaseRounds.districtId, actor.districtId))
    .orderBy(sql`${purchaseRounds.year} desc, ${purchaseRounds.createdAt} desc`);
  return rows.filter((r) => canAccess(actor, 'round', r)).map(roundView);
}

export async function createRound(
  ctx: AppContext,
  actor: Actor,
  input: CreateRoundInput,
  ip?: string,
): Promise<RoundDetail> {
  const id = randomUUID();
  const deadline = new Date(input.deadlineAt);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(purchaseRounds).values({
      districtId: actor.districtId,
      id,
      ocid: `${OCID_PREFIX}-${actor.districtId}-${id.slice(0, 8)}`,
      year: input.year,
      title: input.title,
      scope: input.scope,
      eligibility: input.eligibility,
      budgetCents: input.budgetCents,
      status: 'draft',
      deadlineAt: deadline,
      criteria: input.criteria,
      dropHighLow: input.dropHighLow,
      places: input.places,
      passScore: input.passScore,
      noticeDays: input.noticeDays,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'purchase.round.create', entityType: 'purchase_round', entityId: id, detail: { title: input.title } },
      ip,
    );
  });
  return getRound(ctx, actor, id);
}

async function roundWrite(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: string,
  apply: (tx: Tx, r: Round, now: Date) => Promise<Partial<Round> | null>,
  ip?: string,
  detail: Record<string, unknown> = {},
): Promise<RoundDetail> {
  await ctx.db.transaction(async (tx) => {
    const r = await loadRound(tx, actor.districtId, id, true);
    const now = new Date();
    const patch = await apply(tx, r, now);
    if (patch) {
      await tx
        .update(purchaseRounds)
        .set({ ...patch, updatedAt: now, version: sql`${purchaseRounds.version} + 1` })
        .where(and(eq(purchaseRounds.districtId, actor.districtId), eq(purchaseRounds.id, id)));
    }
    await writeAudit(
      tx,
      actor,
      { action: `purchase.round.${action}`, entityType: 'purchase_round', entityId: id, detail },
      ip,
    );
  });
  return getRound(ctx, actor, id);
}

const RULE_FIELDS = ['criteria', 'dropHighLow', 'places', 'passScore', 'noticeDays'] as const;
const CALL_FIELDS = ['title', 'scope', 'eligibility', 'budgetCents', 'deadlineAt'] as const;

export async function updateRound(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateRoundInput,
  ip?: string,
): Promise<RoundDetail> {
  return roundWrite(
    ctx,
    actor,
    id,
    'update',
    async (_tx, r) => {
      if (r.version !== input.version) throw conflict('VERSION_CONFLICT', '该批次已被他人修改，请刷新后再操作。');
      const changesRules = RULE_FIELDS.some((f) => input[f] !== undefined);
      const changesCall = CALL_FIELDS.some((f) => input[f] !== undefined);
      state(
        !changesRules || r.scoringOpenedAt === null,
        'RULES_FROZEN',
        '评审已开始，评审指标、权重、去掉最高最低分、推荐名额和公示期均已锁定，不能再修改。',
      );
      state(!changesCall || r.status === 'draft', 'CALL_PUBLISHED', '申报通知已发布，通知内容和截止时间不能再修改。');
      if (input.criteria && new Set(input.criteria.map((c) => c.key)).size !== input.criteria.length)
        throw badRequest('CRITERIA_DUPLICATE', '评审指标编码不能重复。');
      const { version: _v, deadlineAt, ...rest } = input;
      return { ...rest, ...(deadlineAt ? { deadlineAt: new Date(deadlineAt) } : {}) };
    },
    ip,
    { fields: Object.keys(input).filter((k) => k !== 'version') },
  );
}

export async function publishRound(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<RoundDetail> {
  return roundWrite(
    ctx,
    actor,
    id,
    'publish',
    async (_tx, r, now) => {
      state(r.status === 'draft', 'ROUND_STATE_INVALID', '该申报通知已发布。');
      state(
        r.deadlineAt > now,
        'DEADLINE_PASSED',
        `截止时间（${shanghai(r.deadlineAt)}）已过，请先修改截止时间再发布。`,
      );
      return { status: 'open', publishedAt: now };
    },
    ip,
  );
}

export async function setJurors(
  ctx: AppContext,
  actor: Actor,
  id: string,
  userIds: string[],
  ip?: string,
): Promise<RoundDetail> {
  return roundWrite(
    ctx,
    actor,
    id,
    'jurors',
    async (tx, r) => {
      state(
        r.scoringOpenedAt === null,
        'RULES_FROZEN',
        '评审已开始，评审团不能再调整；如有专家需回避，请由专家本人在项目上申请回避。',
      );
      const unique = [...new Set(userIds)];
      const rows = unique.length
        ? await queryRows<{ id: string; display_name: string; role: string }>(
            tx,
            sql`select id, display_name, role from users
      where district_id = ${actor.districtId} and is_active and id in (${sql.join(
        unique.map((u) => sql`${u}`),
        sql`, `,
      )})`,
          )
        : [];
      const bad = unique.filter((u) => rows.find((x) => x.id === u)?.role !== 'juror');
      if (bad.length)
        throw badRequest('JUROR_INVALID', '所选账号中有不是评审专家（或已停用）的账号，请重新选择。', { userIds: bad });
      await tx
        .delete(purchaseJurors)
        .where(and(eq(purchaseJurors.districtId, actor.districtId), eq(purchaseJurors.roundId, r.id)));
      if (rows.length)
        await tx
          .insert(purchaseJurors)
          .values(
            rows.map((u) => ({ districtId: actor.districtId, roundId: r.id, userId: u.id, name: u.display_name })),
          );
      return null;
    },
    ip,
    { userIds },
  );
}

export async function openScoring(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<RoundDetail> {
  return roundWrite(
    ctx,
    actor,
    id,
    'open_scoring',
    async (tx, r, now) => {
      state(
        r.status === 'open' || r.status === 'screening',
        'ROUND_STATE_INVALID',
        '只有申报截止、初筛完成后才能开始路演评审。',
      );
      state(
        now >= r.deadlineAt,
        'DEADLINE_NOT_REACHED',
        `申报截止时间（${shanghai(r.deadlineAt)}）未到，不能开始评审。`,
      );
      const [c] = await queryRows<{ unscreened: number; passed: number; jurors: number }>(
        tx,
        sql`select
      (select count(*)::int from purchase_proposals where district_id = ${actor.districtId} and round_id = ${r.id} and status = 'submitted' and screening is null) as unscreened,
      (select count(*)::int from purchase_proposals where district_id = ${actor.districtId} and round_id = ${r.id} and status = 'submitted' and screening = 'pass') as passed,
      (select count(*)::int from purchase_jurors where district_id = ${actor.districtId} and round_id = ${r.id}) as jurors`,
      );
      state(c!.unscreened === 0, 'SCREENING_INCOMPLETE', `还有 ${c!.unscreened} 个项目未完成初筛。`);
      state(c!.passed > 0, 'NOTHING_TO_SCORE', '没有通过初筛的项目，无法开始评审。');
      state(
        c!.jurors >= (r.dropHighLow ? 3 : 1),
        'JURY_TOO_SMALL',
        r.dropHighLow ? '去掉最高分和最低分时评审团至少需要 3 名专家。' : '请先指定评审专家。',
      );
      // From here on the rules are frozen: criteria, weights, drop-high-low, places, pass score, notice period.
      return { status: 'scoring', scoringOpenedAt: now };
    },
    ip,
  );
}

interface Ranked {
  proposal: Proposal;
  finalScore: number;
  firstCriterionMean: number;
  means: Record<string, number>;
}

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
const finalOf = (round: Round, scores: Score[]) => finalScoreOf(round.criteria, round.dropHighLow, scores);

/** A juror's total: the weighted mean of the criterion scores, to 0.01. */
export function jurorTotal(criteria: Criterion[], scores: Record<string, number>): number {
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  return round2(criteria.reduce((s, c) => s + c.weight * (scores[c.key] ?? 0), 0) / weights);
}

/** The criterion that breaks ties first: the highest weight, earliest listed among equals. */
export function leadCriterion(criteria: Criterion[]): Criterion {
  return criteria.reduce((best, c) => (c.weight > best.weight ? c : best), criteria[0]!);
}

/**
 * Ranking and tie rule: higher final score first; on equal final scores (to 0.01) the higher mean on
 * the lead criterion (highest weight, 有效性 by default); then the lower requested budget; then the
 * earlier submission. Ranks are therefore unique.
 */
export function rankProposals<
  T extends Pick<Ranked, 'finalScore' | 'firstCriterionMean'> & {
    proposal: Pick<Proposal, 'budgetCents' | 'submittedAt' | 'no'>;
  },
>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      b.finalScore - a.finalScore ||
      b.firstCriterionMean - a.firstCriterionMean ||
      a.proposal.budgetCents - b.proposal.budgetCents ||
      a.proposal.submittedAt.getTime() - b.proposal.submittedAt.getTime() ||
      a.proposal.no.localeCompare(b.proposal.no),
  );
}

export async function publishNotice(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<RoundDetail> {
  return roundWrite(
    ctx,
    actor,
    id,
    'notice',
    async (tx, r, now) => {
      state(r.status === 'scoring', 'ROUND_STATE_INVALID', '只有路演评审阶段才能发布评审结果公示。');
      const d = actor.districtId;
      const proposals = await tx
        .select()
        .from(purchaseProposals)
        .where(
          and(
            eq(purchaseProposals.districtId, d),
            eq(purchaseProposals.roundId, r.id),
            eq(purchaseProposals.status, 'submitted'),
            eq(purchaseProposals.screening, 'pass'),
          ),
        );
      const { expected, current } = await scoringState(tx, d, r.id);
      const missing = proposals.filter(
        (p) => (expected.get(p.id) ?? 0) === 0 || (current.get(p.id) ?? []).length < (expected.get(p.id) ?? 0),
      );
      if (missing.length) {
        throw new AppError(
          'conflict',
          'SCORING_INCOMPLETE',
          `还有 ${missing.length} 个项目未由全部评审专家（回避者除外）提交评分，例如“${missing[0]!.title}”。`,
          { proposalIds: missing.map((p) => p.id) },
        );
      }
      const lead = leadCriterion(r.criteria);
      const ranked = rankProposals(
        proposals.map((p) => {
          const f = finalOf(r, current.get(p.id)!);
          return { proposal: p, finalScore: f.final, firstCriterionMean: f.means[lead.key] ?? 0, means: f.means };
        }),
      );
      for (const [i, x] of ranked.entries()) {
        const result = i < r.places && x.finalScore >= r.passScore ? 'recommended' : 'not_recommended';
        await tx
          .update(purchaseProposals)
          .set({ finalScore: x.finalScore, rank: i + 1, result, version: sql`${purchaseProposals.version} + 1` })
          .where(and(eq(purchaseProposals.districtId, d), eq(purchaseProposals.id, x.proposal.id)));
      }
      return {
        status: 'notice',
        noticeStartsAt: now,
        noticeEndsAt: new Date(now.getTime() + r.noticeDays * 86400_000),
      };
    },
    ip,
  );
}

export async function award(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<RoundDetail> {
  return roundWrite(
    ctx,
    actor,
    id,
    'award',
    async (tx, r, now) => {
      state(r.status === 'notice', 'ROUND_STATE_INVALID', '只有公示结束后才能确定中选项目。');
      state(
        now >= r.noticeEndsAt!,
        'NOTICE_NOT_OVER',
        `公示期至 ${shanghai(r.noticeEndsAt!)} 结束，期满后才能确定中选项目。`,
      );
      const d = actor.districtId;
      const [open] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from purchase_objections where district_id = ${d} and round_id = ${r.id} and answered_at is null`,
      );
      state(open!.n === 0, 'OBJECTIONS_OPEN', `还有 ${open!.n} 条公示异议未答复，请先答复。`);
      const winners = await queryRows<{
        id: string;
        org_id: string;
        title: string;
        street_id: string;
        budget_cents: number;
        target_paths: string[];
        street_name: string;
        street_kind: string;
        street_path: string;
      }>(
        tx,
        sql`
      select p.id, p.org_id, p.title, p.street_id, p.budget_cents::float8 as budget_cents, p.target_paths, s.name as street_name, s.kind as street_kind, s.path as street_path
      from purchase_proposals p join org_units s on s.district_id = p.district_id and s.id = p.street_id
      where p.district_id = ${d} and p.round_id = ${r.id} and p.result = 'recommended' order by p.rank`,
      );
      for (const [i, w] of winners.entries()) {
        await tx.insert(purchaseContracts).values({
          districtId: d,
          id: randomUUID(),
          roundId: r.id,
          proposalId: w.id,
          orgId: w.org_id,
          no: `HT${r.year}-${String(i + 1).padStart(3, '0')}-${r.id.slice(0, 4)}`,
          title: w.title,
          buyerUnitId: w.street_id,
          buyerName: w.street_name,
          buyerKind: w.street_kind === 'township' ? 'township' : 'street',
          orgPath: w.street_path,
          targetPaths: w.target_paths,
          amountCents: Number(w.budget_cents),
          status: 'pending',
        });
      }
      return { status: 'awarded', awardedAt: now };
    },
    ip,
  );
}

async function scoringState(
  q: Queryable,
  districtId: string,
  roundId: string,
): Promise<{ expected: Map<string, number>; current: Map<string, Score[]>; jurorIds: string[]; recused: Set<string> }> {
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

export async function getRound(ctx: AppContext, actor: Actor, id: string): Promise<RoundDetail> {
  const d = actor.districtId;
  const r = await loadRound(ctx.db, d, id);
  assertRoundVisible(actor, r);
  const [f] = await queryRows<{
    received: number;
    withdrawn: number;
    screened: number;
    shortlisted: number;
    contracted: number;
  }>(
    ctx.db,
    sql`select
    count(*) filter (where status = 'submitted')::int as received, count(*) filter (where status = 'withdrawn')::int as withdrawn,
    count(*) filter (where status = 'submitted' and screening = 'pass')::int as screened,
    count(*) filter (where result in ('recommended', 'disqualified'))::int as shortlisted,
    (select count(*)::int from purchase_contracts c where c.district_id = ${d} and c.round_id = ${id} and c.status <> 'pending') as contracted
    from purchase_proposals where district_id = ${d} and round_id = ${id}`,
  );
  const byBuyer = await queryRows<{ buyer_name: string; buyer_kind: 'street' | 'township'; contracts: number }>(
    ctx.db,
    sql`select buyer_name, buyer_kind, count(*)::int as contracts
    from purchase_contracts where district_id = ${d} and round_id = ${id} and status <> 'pending' group by buyer_name, buyer_kind order by contracts desc, buyer_name`,
  );
  const { current, jurorIds, recused } = await scoringState(ctx.db, d, id);
  const jurorRows = await ctx.db
    .select()
    .from(purchaseJurors)
    .where(and(eq(purchaseJurors.districtId, d), eq(purchaseJurors.roundId, id)))
    .orderBy(asc(purchaseJurors.name));
  const screenedIds = new Set(
    (
      await ctx.db
        .select({ id: purchaseProposals.id })
        .from(purchaseProposals)
        .where(
          and(
            eq(purchaseProposals.districtId, d),
            eq(purchaseProposals.roundId, id),
            eq(purchaseProposals.status, 'submitted'),
            eq(purchaseProposals.screening, 'pass'),
          ),
        )
    ).map((p) => p.id),
  );
  const jurors = jurorRows.map((j) => ({
    userId: j.userId,
    name: j.name,
    expected: [...screenedIds].filter((p) => !recused.has(`${p}|${j.userId}`)).length,
    submitted: [...screenedIds].filter((p) => (current.get(p) ?? []).some((s) => s.jurorUserId === j.userId)).length,
  }));
  const objections = await queryRows<{
    id: string;
    proposal_id: string | null;
    title: string | null;
    filed_by_name: string;
    content: string;
    filed_at: Date;
    answer: string | null;
    upheld: boolean | null;
    answered_at: Date | null;
  }>(
    ctx.db,
    sql`
    select o.id, o.proposal_id, p.title, o.filed_by_name, o.content, o.filed_at, o.answer, o.upheld, o.answered_at from purchase_objections o
    left join purchase_proposals p on p.district_id = o.district_id and p.id = o.proposal_id where o.district_id = ${d} and o.round_id = ${id} order by o.filed_at`,
  );
  const now = new Date();
  const manage = can(actor, 'purchase.manage');
  const inNotice = r.status === 'notice' && r.noticeEndsAt !== null && now < r.noticeEndsAt;
  return {
    round: roundView(r),
    funnel: {
      ...f!,
      byBuyer: byBuyer.map((b) => ({ buyerName: b.buyer_name, buyerKind: b.buyer_kind, contracts: b.contracts })),
    },
    jurors,
    objections: objections.map((o): z.infer<typeof ObjectionDto> => ({
      id: o.id,
      proposalId: o.proposal_id,
      proposalTitle: o.title,
      filedByName: o.filed_by_name,
      content: o.content,
      filedAt: iso(o.filed_at)!,
      answer: o.answer,
      upheld: o.upheld,
      answeredAt: iso(o.answered_at),
    })),
    myJuror: jurorIds.includes(actor.userId),
    can: {
      edit: manage && r.status === 'draft',
      editRules: manage && r.scoringOpenedAt === null,
      publish: manage && r.status === 'draft',
      setJurors: manage && r.scoringOpenedAt === null,
      screen: manage && (r.status === 'open' || r.status === 'screening') && now >= r.deadlineAt,
      openScoring: manage && (r.status === 'open' || r.status === 'screening') && now >= r.deadlineAt,
      publishNotice: manage && r.status === 'scoring',
      award: manage && r.status === 'notice' && r.noticeEndsAt !== null && now >= r.noticeEndsAt,
      propose: can(actor, 'purchase.propose') && isAccepting(r, now),
      object: can(actor, 'purchase.object') && inNotice,
      answerObjections: manage && r.status === 'notice',
    },
  };
}

// ───────────────────────── objections (公示) ─────────────────────────

export async function fileObjection(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  input: { proposalId?: string | undefined; content: string },
  ip?: string,
): Promise<RoundDetail> {
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const r = await loadRound(tx, actor.districtId, roundId);
    assertRoundVisible(actor, r);
    const now = new Date();
    state(
      r.status === 'notice' && r.noticeEndsAt !== null && now < r.noticeEndsAt,
      'NOT_IN_NOTICE',
      '该批次不在公示期内，不能提出异议。',
    );
    if (input.proposalId) {
      const [p] = await tx
        .select({ id: purchaseProposals.id })
        .from(purchaseProposals)
        .where(
          and(
            eq(purchaseProposals.districtId, actor.districtId),
            eq(purchaseProposals.id, input.proposalId),
            eq(purchaseProposals.roundId, roundId),
          ),
        );
      if (!p) throw badRequest('PROPOSAL_NOT_IN_ROUND', '异议所指的项目不属于本批次，请从公示名单中选择。');
    }
    await tx.insert(purchaseObjections).values({
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
      ip,
    );
  });
  return getRound(ctx, actor, roundId);
}

export async function answerObjection(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { answer: string; upheld: boolean },
  ip?: string,
): Promise<RoundDetail> {
  const d = actor.districtId;
  const roundId = await ctx.db.transaction(async (tx) => {
    const [o] = await tx
      .select()
      .from(purchaseObjections)
      .where(and(eq(purchaseObjections.districtId, d), eq(purchaseObjections.id, id)))
      .for('update');
    if (!o) throw notFound('OBJECTION_NOT_FOUND', '找不到该异议。');
    const r = await loadRound(tx, d, o.roundId, true);
    state(r.status === 'notice', 'ROUND_STATE_INVALID', '只能在公示阶段答复异议。');
    state(o.answeredAt === null, 'OBJECTION_ANSWERED', '该异议已答复。');
    await tx
      .update(purchaseObjections)
      .set({ answer: input.answer, upheld: input.upheld, answeredBy: actor.userId, answeredAt: new Date() })
      .where(and(eq(purchaseObjections.districtId, d), eq(purchaseObjections.id, id)));
    // An upheld objection against a recommended project takes it off the list (no automatic backfill).
    if (input.upheld && o.proposalId) {
      await tx
        .update(purchaseProposals)
        .set({ result: 'disqualified', version: sql`${purchaseProposals.version} + 1` })
        .where(
          and(
            eq(purchaseProposals.districtId, d),
            eq(purchaseProposals.id, o.proposalId),
            eq(purchaseProposals.result, 'recommended'),
          ),
        );
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'purchase.objection.answer',
        entityType: 'purchase_objection',
        entityId: id,
        detail: { upheld: input.upheld, proposalId: o.proposalId },
      },
      ip,
    );
    return o.roundId;
  });
  return getRound(ctx, actor, roundId);
}

// ───────────────────────── proposals ─────────────────────────

interface ProposalRow {
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
    array(select c.name from org_units c where c.district_id = x.district_id and c.id = any(x.target_community_ids) order by c.id) as target_names,
    x.status, x.screening, x.screening_reason, x.final_score, x.rank, x.result, x.submitted_at, x.version
  from purchase_proposals x join purchase_orgs o on o.district_id = x.district_id and o.id = x.org_id
  join org_units s on s.district_id = x.district_id and s.id = x.street_id`;

function scoreView(s: Score, jurorName: string): z.infer<typeof ScoreDto> {
  return {
    jurorName,
    version: s.version,
    scores: s.scores,
    total: s.total,
    comment: s.comment,
    submittedAt: iso(s.submittedAt)!,
  };
}

async function summaries(ctx: AppContext, actor: Actor, round: Round, rows: ProposalRow[]): Promise<ProposalSummary[]> {
  const d = actor.districtId;
  const st = await scoringState(ctx.db, d, round.id);
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
      submittedAt: iso(r.submitted_at)!,
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
  const d = actor.districtId;
  const round = await loadRound(ctx.db, d, roundId);
  assertRoundVisible(actor, round);
  const where: SQL[] = [
    sql`x.district_id = ${d}`,
    sql`x.round_id = ${roundId}`,
    scopeWhere(actor, 'proposal', PROPOSAL_COLUMNS),
  ];
  const rows = await queryRows<ProposalRow>(
    ctx.db,
    sql`${PROPOSAL_SELECT} where ${sql.join(where, sql` and `)} order by coalesce(x.rank, 100000), x.no`,
  );
  return summaries(ctx, actor, round, rows);
}

async function loadProposal(q: Queryable, districtId: string, id: string, lock = false): Promise<Proposal> {
  const where = and(eq(purchaseProposals.districtId, districtId), eq(purchaseProposals.id, id));
  const rows = lock
    ? await q.select().from(purchaseProposals).where(where).for('update')
    : await q.select().from(purchaseProposals).where(where);
  if (!rows[0]) throw notFound('PROPOSAL_NOT_FOUND', '找不到该项目书。');
  return rows[0];
}

export async function getProposal(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ proposal: z.infer<typeof ProposalDetailDto>; can: z.infer<typeof ProposalCanDto> }> {
  const d = actor.districtId;
  const p = await loadProposal(ctx.db, d, id);
  const rec = await proposalRecord(ctx.db, p);
  requireAccess(actor, 'proposal', rec);
  const round = await loadRound(ctx.db, d, p.roundId);
  const [row] = await queryRows<ProposalRow>(
    ctx.db,
    sql`${PROPOSAL_SELECT} where x.district_id = ${d} and x.id = ${id}`,
  );
  const [summary] = await summaries(ctx, actor, round, [row!]);
  const atts = await ctx.db
    .select({ id: purchaseAttachments.id, name: purchaseAttachments.name })
    .from(purchaseAttachments)
    .where(and(eq(purchaseAttachments.districtId, d), eq(purchaseAttachments.proposalId, id)))
    .orderBy(asc(purchaseAttachments.createdAt));
  const st = await scoringState(ctx.db, d, round.id);
  const jurorNames = new Map(
    (
      await ctx.db
        .select()
        .from(purchaseJurors)
        .where(and(eq(purchaseJurors.districtId, d), eq(purchaseJurors.roundId, round.id)))
    ).map((j) => [j.userId, j.name]),
  );
  const isJuror = st.jurorIds.includes(actor.userId);
  // Sealed until every non-recused juror has submitted; then visible to the agent and the jurors only.
  const mayReadScores = !summary!.sealed && (can(actor, 'purchase.manage') || isJuror);
  const current = st.current.get(id) ?? [];
  const history = isJuror
    ? await ctx.db
        .select()
        .from(purchaseScores)
        .where(
          and(
            eq(purchaseScores.districtId, d),
            eq(purchaseScores.proposalId, id),
            eq(purchaseScores.jurorUserId, actor.userId),
          ),
        )
        .orderBy(asc(purchaseScores.version))
    : [];
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
      scores: mayReadScores ? current.map((s) => scoreView(s, jurorNames.get(s.jurorUserId) ?? s.jurorUserId)) : null,
      criterionMeans: showMeans && current.length ? finalOf(round, current).means : null,
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
  proposalId: string,
  attId: string,
): Promise<{ mime: string; name: string; data: Buffer }> {
  const d = actor.districtId;
  const p = await loadProposal(ctx.db, d, proposalId);
  requireAccess(actor, 'proposal', await proposalRecord(ctx.db, p));
  const [a] = await ctx.db
    .select()
    .from(purchaseAttachments)
    .where(
      and(
        eq(purchaseAttachments.districtId, d),
        eq(purchaseAttachments.proposalId, proposalId),
        eq(purchaseAttachments.id, attId),
      ),
    );
  if (!a) throw notFound('ATTACHMENT_NOT_FOUND', '找不到该附件。');
  return { mime: a.mime, name: a.name, data: Buffer.from(a.dataBase64, 'base64') };
}

export async function submitProposal(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  input: CreateProposalInput,
  ip?: string,
) {
  const d = actor.districtId;
  const org = await myOrg(ctx, actor);
  if (!org)
    throw conflict(
      'ORG_NOT_REGISTERED',
      '请先登记本社会组织的信息（名称、统一社会信用代码、法定代表人），再申报项目。',
    );
  const ids = [...new Set(input.targetCommunityIds)];
  const communities = await queryRows<{ id: string; kind: string; path: string; parent_id: string }>(
    ctx.db,
    sql`select id, kind, path, parent_id from org_units
    where district_id = ${d} and id in (${sql.join(
      ids.map((x) => sql`${x}`),
      sql`, `,
    )})`,
  );
  if (communities.length !== ids.length || communities.some((c) => c.kind !== 'community' && c.kind !== 'village'))
    throw badRequest('COMMUNITY_NOT_FOUND', '所选服务社区中有不存在的社区（村），请从列表中重新选择。');
  const streets = new Set(communities.map((c) => c.parent_id));
  if (streets.size !== 1)
    throw badRequest(
      'TARGETS_ACROSS_STREETS',
      '一个项目的服务社区须属于同一个街道（乡），合同由该街道（乡）签订；跨街道请分别申报。',
    );
  const budgetCents = input.budgetLines.reduce((s, l) => s + l.amountCents, 0);
  if (budgetCents <= 0) throw badRequest('BUDGET_EMPTY', '预算合计须大于 0。');
  // Each attachment's bytes must be the type it claims; names lose paths and control characters.
  const attachments = await Promise.all(
    input.attachments.map(async (a) => {
      const { mime, data } = await decodeDataUrl(a.dataUrl, ATTACHMENT_MIMES);
      return { name: sanitizeFileName(a.name, mime), mime, data };
    }),
  );
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const r = await loadRound(tx, d, roundId, true);
    assertRoundVisible(actor, r);
    state(
      isAccepting(r),
      'CALL_CLOSED',
      r.status === 'open'
        ? `申报已于 ${shanghai(r.deadlineAt)}（北京时间）截止，不再接收项目书。`
        : '该批次当前不接收项目申报。',
    );
    const [n] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from purchase_proposals where district_id = ${d} and round_id = ${roundId}`,
    );
    await tx.insert(purchaseProposals).values({
      districtId: d,
      id,
      roundId,
      orgId: org.id,
      no: `P${String(n!.n + 1).padStart(4, '0')}`,
      title: input.title,
      summary: input.summary,
      category: input.category,
      team: input.team,
      budgetLines: input.budgetLines,
      budgetCents,
      pastDelivery: input.pastDelivery,
      streetId: [...streets][0]!,
      targetCommunityIds: ids,
      targetPaths: ids.map((x) => communities.find((c) => c.id === x)!.path),
      status: 'submitted',
      submittedAt: new Date(),
    });
    for (const a of attachments) {
      await tx.insert(purchaseAttachments).values({
        districtId: d,
        id: randomUUID(),
        proposalId: id,
        name: a.name,
        mime: a.mime,
        dataBase64: a.data.toString('base64'),
      });
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'purchase.proposal.submit',
        entityType: 'purchase_proposal',
        entityId: id,
        detail: { roundId, title: input.title, budgetCents },
      },
      ip,
    );
  });
  return getProposal(ctx, actor, id);
}

async function proposalWrite(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: string,
  apply: (tx: Tx, p: Proposal, r: Round, now: Date) => Promise<Record<string, unknown>>,
  ip?: string,
  ownerOnly = false,
) {
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor.districtId, id, true);
    requireAccess(actor, 'proposal', await proposalRecord(tx, p), ownerOnly ? 'own' : 'read');
    const r = await loadRound(tx, actor.districtId, p.roundId);
    const detail = await apply(tx, p, r, new Date());
    await writeAudit(
      tx,
      actor,
      { action: `purchase.proposal.${action}`, entityType: 'purchase_proposal', entityId: id, detail },
      ip,
    );
  });
  return getProposal(ctx, actor, id);
}

export async function withdrawProposal(ctx: AppContext, actor: Actor, id: string, ip?: string) {
  return proposalWrite(
    ctx,
    actor,
    id,
    'withdraw',
    async (tx, p, r, now) => {
      state(p.status === 'submitted', 'PROPOSAL_STATE_INVALID', '该项目书已撤回。');
      state(isAccepting(r, now), 'CALL_CLOSED', `申报已于 ${shanghai(r.deadlineAt)}（北京时间）截止，截止后不能撤回。`);
      await tx
        .update(purchaseProposals)
        .set({ status: 'withdrawn', withdrawnAt: now, version: sql`${purchaseProposals.version} + 1` })
        .where(and(eq(purchaseProposals.districtId, actor.districtId), eq(purchaseProposals.id, id)));
      return {};
    },
    ip,
    true,
  );
}

export async function screenProposal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { pass: boolean; reason: string },
  ip?: string,
) {
  if (!input.pass && input.reason.trim().length < 2)
    throw badRequest('REASON_REQUIRED', '初筛不通过时请写明原因，申报单位可以看到。');
  return proposalWrite(
    ctx,
    actor,
    id,
    'screen',
    async (tx, p, r, now) => {
      state(p.status === 'submitted', 'PROPOSAL_STATE_INVALID', '已撤回的项目书无需初筛。');
      state(r.status === 'open' || r.status === 'screening', 'ROUND_STATE_INVALID', '评审已开始，初筛结果不能再修改。');
      state(
        now >= r.deadlineAt,
        'DEADLINE_NOT_REACHED',
        `申报截止时间（${shanghai(r.deadlineAt)}）未到，截止后才能初筛。`,
      );
      await tx
        .update(purchaseProposals)
        .set({
          screening: input.pass ? 'pass' : 'fail',
          screeningReason: input.reason.trim() || null,
          screenedAt: now,
          version: sql`${purchaseProposals.version} + 1`,
        })
        .where(and(eq(purchaseProposals.districtId, actor.districtId), eq(purchaseProposals.id, id)));
      if (r.status === 'open')
        await tx
          .update(purchaseRounds)
          .set({ status: 'screening', updatedAt: now })
          .where(and(eq(purchaseRounds.districtId, actor.districtId), eq(purchaseRounds.id, r.id)));
      return { pass: input.pass, reason: input.reason, previous: p.screening };
    },
    ip,
  );
}

function assertJurorMayScore(actor: Actor, p: Proposal, r: Round, jurorIds: string[]): void {
  if (!jurorIds.includes(actor.userId)) throw forbidden('NOT_A_JUROR', '您不是本批次的评审专家。');
  state(
    r.status === 'scoring',
    'SCORING_CLOSED',
    r.status === 'notice' || r.status === 'awarded' ? '评审已结束，评分不能再提交或修改。' : '路演评审尚未开始。',
  );
  state(p.screening === 'pass' && p.status === 'submitted', 'PROPOSAL_NOT_SCORABLE', '该项目未进入终审，无需评分。');
}

export async function recuse(ctx: AppContext, actor: Actor, id: string, reason: string, ip?: string) {
  return proposalWrite(
    ctx,
    actor,
    id,
    'recuse',
    async (tx, p, r) => {
      const st = await scoringState(tx, actor.districtId, r.id);
      assertJurorMayScore(actor, p, r, st.jurorIds);
      state(!st.recused.has(`${p.id}|${actor.userId}`), 'ALREADY_RECUSED', '您已申请回避该项目。');
      await tx
        .insert(purchaseRecusals)
        .values({ districtId: actor.districtId, proposalId: p.id, jurorUserId: actor.userId, roundId: r.id, reason });
      // A conflict found after scoring voids that juror's score for this proposal.
      const voided = await tx
        .update(purchaseScores)
        .set({ isCurrent: false })
        .where(
          and(
            eq(purchaseScores.districtId, actor.districtId),
            eq(purchaseScores.proposalId, p.id),
            eq(purchaseScores.jurorUserId, actor.userId),
            eq(purchaseScores.isCurrent, true),
          ),
        )
        .returning({ id: purchaseScores.id });
      return { reason, voidedScore: voided[0]?.id ?? null };
    },
    ip,
  );
}

export async function scoreProposal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof ScoreBody>,
  ip?: string,
) {
  return proposalWrite(
    ctx,
    actor,
    id,
    'score',
    async (tx, p, r, now) => {
      const st = await scoringState(tx, actor.districtId, r.id);
      assertJurorMayScore(actor, p, r, st.jurorIds);
      state(!st.recused.has(`${p.id}|${actor.userId}`), 'RECUSED', '您已申请回避该项目，不能评分。');
      const keys = r.criteria.map((c) => c.key);
      const extra = Object.keys(input.scores).filter((k) => !keys.includes(k));
      const missing = r.criteria.filter((c) => input.scores[c.key] === undefined);
      if (extra.length || missing.length)
        throw badRequest('SCORES_INCOMPLETE', `请为每项评审指标打分：${r.criteria.map((c) => c.name).join('、')}。`, {
          missing: missing.map((c) => c.key),
          extra,
        });
      const total = jurorTotal(r.criteria, input.scores);
      // One score per juror per proposal: a resubmission is an amendment, kept as a new version with its reason.
      const [prev] = await tx
        .select()
        .from(purchaseScores)
        .where(
          and(
            eq(purchaseScores.districtId, actor.districtId),
            eq(purchaseScores.proposalId, id),
            eq(purchaseScores.jurorUserId, actor.userId),
            eq(purchaseScores.isCurrent, true),
          ),
        )
        .for('update');
      if (prev && !input.reason)
        throw badRequest(
          'AMEND_REASON_REQUIRED',
          '您已提交过该项目的评分；修改评分须写明修改原因，原评分将保留在记录中。',
        );
      if (prev)
        await tx
          .update(purchaseScores)
          .set({ isCurrent: false })
          .where(and(eq(purchaseScores.districtId, actor.districtId), eq(purchaseScores.id, prev.id)));
      const [maxV] = await queryRows<{ v: number }>(
        tx,
        sql`select coalesce(max(version), 0)::int as v from purchase_scores where district_id = ${actor.districtId} and proposal_id = ${id} and juror_user_id = ${actor.userId}`,
      );
      const scoreId = randomUUID();
      await tx.insert(purchaseScores).values({
        districtId: actor.districtId,
        id: scoreId,
        roundId: r.id,
        proposalId: id,
        jurorUserId: actor.userId,
        version: maxV!.v + 1,
        scores: input.scores,
        total,
        comment: input.comment,
        isCurrent: true,
        submittedAt: now,
      });
      return {
        scoreId,
        version: maxV!.v + 1,
        amended: !!prev,
        reason: input.reason ?? null,
        previousTotal: prev?.total ?? null,
        total,
      };
    },
    ip,
  );
}

// ───────────────────────── contracts ─────────────────────────

interface ContractRow {
  id: string;
  no: string;
  round_id: string;
  proposal_id: string;
  title: string;
  org_name: string;
  buyer_name: string;
  buyer_kind: 'street' | 'township';
  amount_cents: number;
  released_cents: number;
  status: 'pending' | 'signed' | 'completed';
  signed_at: Date | null;
  activities: number;
  beneficiaries: number;
  evaluation_grade: string | null;
  version: number;
}
const CONTRACT_SELECT = sql`select x.id, x.no, x.round_id, x.proposal_id, x.title, o.name as org_name, x.buyer_name, x.buyer_kind, x.amount_cents::float8 as amount_cents,
    coalesce((select sum(m.tranche_cents) from purchase_milestones m where m.district_id = x.district_id and m.contract_id = x.id and m.released_at is not null), 0)::float8 as released_cents,
    x.status, x.signed_at, (select count(*)::int from purchase_deliveries dl where dl.district_id = x.district_id and dl.contract_id = x.id) as activities,
    (select coalesce(sum(dl.beneficiaries), 0)::int from purchase_deliveries dl where dl.district_id = x.district_id and dl.contract_id = x.id) as beneficiaries,
    x.evaluation_grade, x.version
  from purchase_contracts x join purchase_orgs o on o.district_id = x.district_id and o.id = x.org_id`;

function contractSummary(r: ContractRow): z.infer<typeof ContractSummaryDto> {
  return {
    id: r.id,
    no: r.no,
    roundId: r.round_id,
    proposalId: r.proposal_id,
    title: r.title,
    orgName: r.org_name,
    buyerName: r.buyer_name,
    buyerKind: r.buyer_kind,
    amountCents: Number(r.amount_cents),
    releasedCents: Number(r.released_cents),
    status: r.status,
    signedAt: iso(r.signed_at),
    activities: r.activities,
    beneficiaries: r.beneficiaries,
    evaluationGrade: r.evaluation_grade,
    version: r.version,
  };
}

export async function listContracts(
  ctx: AppContext,
  actor: Actor,
  filter: { roundId?: string | undefined },
): Promise<z.infer<typeof ContractSummaryDto>[]> {
  const where: SQL[] = [sql`x.district_id = ${actor.districtId}`, scopeWhere(actor, 'contract', CONTRACT_COLUMNS)];
  if (filter.roundId) where.push(sql`x.round_id = ${filter.roundId}`);
  const rows = await queryRows<ContractRow>(
    ctx.db,
    sql`${CONTRACT_SELECT} where ${sql.join(where, sql` and `)} order by x.buyer_name, x.no limit 1000`,
  );
  return rows.map(contractSummary);
}

async function loadContract(q: Queryable, districtId: string, id: string, lock = false): Promise<Contract> {
  const where = and(eq(purchaseContracts.districtId, districtId), eq(purchaseContracts.id, id));
  const rows = lock
    ? await q.select().from(purchaseContracts).where(where).for('update')
    : await q.select().from(purchaseContracts).where(where);
  if (!rows[0]) throw notFound('CONTRACT_NOT_FOUND', '找不到该服务合同。');
  return rows[0];
}

export async function getContract(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ contract: z.infer<typeof ContractDetailDto>; can: z.infer<typeof ContractCanDto> }> {
  const d = actor.districtId;
  const c = await loadContract(ctx.db, d, id);
  const rec = await contractRecord(ctx.db, c);
  requireAccess(actor, 'contract', rec);
  const [row] = await queryRows<ContractRow>(
    ctx.db,
    sql`${CONTRACT_SELECT} where x.district_id = ${d} and x.id = ${id}`,
  );
  const milestones = await ctx.db
    .select()
    .from(purchaseMilestones)
    .where(and(eq(purchaseMilestones.districtId, d), eq(purchaseMilestones.contractId, id)))
    .orderBy(asc(purchaseMilestones.seq));
  const deliveries = await queryRows<{
    id: string;
    community_name: string;
    held_on: string;
    title: string;
    beneficiaries: number;
    note: string;
  }>(
    ctx.db,
    sql`
    select dl.id, c.name as community_name, dl.held_on::text as held_on, dl.title, dl.beneficiaries, dl.note from purchase_deliveries dl
    join org_units c on c.district_id = dl.district_id and c.id = dl.community_id where dl.district_id = ${d} and dl.contract_id = ${id} order by dl.held_on desc, dl.id`,
  );
  const targets = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select u.id, u.name from purchase_proposals p
    join org_units u on u.district_id = p.district_id and u.id = any(p.target_community_ids) where p.district_id = ${d} and p.id = ${c.proposalId} order by u.id`,
  );
  // Street staff manage the contracts their street / township signs; the organisation records delivery.
  const buyer = canAccess(actor, 'contract', rec, 'buy');
  const owner = canAccess(actor, 'contract', rec, 'deliver');
  return {
    contract: {
      ...contractSummary(row!),
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      targetCommunities: targets,
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueOn: m.dueOn,
        trancheCents: m.trancheCents,
        status: m.status,
        evidence: m.evidence,
        reviewNote: m.reviewNote,
        releasedAt: iso(m.releasedAt),
      })),
      deliveries: deliveries.map((x) => ({
        id: x.id,
        communityName: x.community_name,
        heldOn: x.held_on,
        title: x.title,
        beneficiaries: x.beneficiaries,
        note: x.note,
      })),
      evaluationScore: c.evaluationScore,
      evaluationComment: c.evaluationComment,
    },
    can: {
      sign: buyer && c.status === 'pending',
      review: buyer && c.status === 'signed' && milestones.some((m) => m.status === 'submitted'),
      evaluate:
        buyer && c.status === 'signed' && milestones.length > 0 && milestones.every((m) => m.status === 'accepted'),
      deliver: owner && c.status === 'signed',
    },
  };
}

async function contractWrite(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: string,
  who: 'buyer' | 'owner',
  apply: (tx: Tx, c: Contract, now: Date) => Promise<Record<string, unknown>>,
  ip?: string,
) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadContract(tx, actor.districtId, id, true);
    requireAccess(actor, 'contract', await contractRecord(tx, c), who === 'buyer' ? 'buy' : 'deliver');
    const now = new Date();
    const detail = await apply(tx, c, now);
    await tx
      .update(purchaseContracts)
      .set({ version: sql`${purchaseContracts.version} + 1` })
      .where(and(eq(purchaseContracts.districtId, actor.districtId), eq(purchaseContracts.id, id)));
    await writeAudit(
      tx,
      actor,
      { action: `purchase.contract.${action}`, entityType: 'purchase_contract', entityId: id, detail },
      ip,
    );
  });
  return getContract(ctx, actor, id);
}

export async function signContract(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof SignBody>,
  ip?: string,
) {
  return contractWrite(
    ctx,
    actor,
    id,
    'sign',
    'buyer',
    async (tx, c, now) => {
      if (c.version !== input.version) throw conflict('VERSION_CONFLICT', '该合同已被他人处理，请刷新后再操作。');
      state(c.status === 'pending', 'CONTRACT_STATE_INVALID', '该合同已签订。');
      if (input.periodEnd < input.periodStart) throw badRequest('PERIOD_INVALID', '服务期结束日期不能早于开始日期。');
      const sum = input.milestones.reduce((s, m) => s + m.trancheCents, 0);
      if (sum !== c.amountCents)
        throw badRequest(
          'TRANCHES_MISMATCH',
          `各期拨付金额合计（${(sum / 100).toFixed(2)} 元）须等于合同金额（${(c.amountCents / 100).toFixed(2)} 元）。`,
        );
      await tx
        .update(purchaseContracts)
        .set({ status: 'signed', signedAt: now, periodStart: input.periodStart, periodEnd: input.periodEnd })
        .where(and(eq(purchaseContracts.districtId, actor.districtId), eq(purchaseContracts.id, id)));
      await tx.insert(purchaseMilestones).values(
        input.milestones.map((m, i) => ({
          districtId: actor.districtId,
          id: randomUUID(),
          contractId: id,
          seq: i + 1,
          title: m.title,
          dueOn: m.dueOn,
          trancheCents: m.trancheCents,
          status: 'pending' as const,
        })),
      );
      return { milestones: input.milestones.length, amountCents: c.amountCents };
    },
    ip,
  );
}

async function lockMilestone(tx: Tx, districtId: string, contractId: string, milestoneId: string) {
  const [m] = await tx
    .select()
    .from(purchaseMilestones)
    .where(
      and(
        eq(purchaseMilestones.districtId, districtId),
        eq(purchaseMilestones.contractId, contractId),
        eq(purchaseMilestones.id, milestoneId),
      ),
    )
    .for('update');
  if (!m) throw notFound('MILESTONE_NOT_FOUND', '找不到该里程碑。');
  return m;
}

export async function submitEvidence(
  ctx: AppContext,
  actor: Actor,
  id: string,
  milestoneId: string,
  evidence: string,
  ip?: string,
) {
  return contractWrite(
    ctx,
    actor,
    id,
    'evidence',
    'owner',
    async (tx, c, now) => {
      state(c.status === 'signed', 'CONTRACT_STATE_INVALID', '合同未处于实施阶段。');
      const m = await lockMilestone(tx, actor.districtId, id, milestoneId);
      state(
        m.status === 'pending',
        'MILESTONE_STATE_INVALID',
        m.status === 'submitted' ? '材料已提交，正在等待街道验收。' : '该里程碑已验收。',
      );
      await tx
        .update(purchaseMilestones)
        .set({ status: 'submitted', evidence, evidenceAt: now })
        .where(and(eq(purchaseMilestones.districtId, actor.districtId), eq(purchaseMilestones.id, m.id)));
      return { milestoneId };
    },
    ip,
  );
}

export async function reviewMilestone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  milestoneId: string,
  input: { accept: boolean; note: string },
  ip?: string,
) {
  if (!input.accept && input.note.length < 2)
    throw badRequest('REASON_REQUIRED', '退回材料时请写明原因，便于社会组织补充。');
  return contractWrite(
    ctx,
    actor,
    id,
    'review',
    'buyer',
    async (tx, c, now) => {
      state(c.status === 'signed', 'CONTRACT_STATE_INVALID', '合同未处于实施阶段。');
      const m = await lockMilestone(tx, actor.districtId, id, milestoneId);
      state(m.status === 'submitted', 'MILESTONE_STATE_INVALID', '该里程碑没有待验收的材料。');
      // Accepting the evidence releases the milestone's tranche in the same transaction.
      await tx
        .update(purchaseMilestones)
        .set(
          input.accept
            ? { status: 'accepted', reviewNote: input.note || null, reviewedBy: actor.userId, releasedAt: now }
            : { status: 'pending', reviewNote: input.note, reviewedBy: actor.userId },
        )
        .where(and(eq(purchaseMilestones.districtId, actor.districtId), eq(purchaseMilestones.id, m.id)));
      return { milestoneId, accept: input.accept, releasedCents: input.accept ? m.trancheCents : 0 };
    },
    ip,
  );
}

export async function recordDelivery(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof DeliveryBody>,
  ip?: string,
) {
  return contractWrite(
    ctx,
    actor,
    id,
    'delivery',
    'owner',
    async (tx, c) => {
      state(c.status === 'signed', 'CONTRACT_STATE_INVALID', '合同未处于实施阶段，不能记录活动。');
      const [p] = await tx
        .select({ ids: purchaseProposals.targetCommunityIds })
        .from(purchaseProposals)
        .where(and(eq(purchaseProposals.districtId, actor.districtId), eq(purchaseProposals.id, c.proposalId)));
      if (!p?.ids.includes(input.communityId))
        throw badRequest('COMMUNITY_NOT_TARGETED', '活动所在社区不是本项目的服务社区，请从合同列明的社区中选择。');
      if (c.periodStart && input.heldOn < c.periodStart)
        throw badRequest('DATE_BEFORE_PERIOD', `活动日期早于服务期开始（${c.periodStart}）。`);
      const deliveryId = randomUUID();
      await tx.insert(purchaseDeliveries).values({
        districtId: actor.districtId,
        id: deliveryId,
        contractId: id,
        communityId: input.communityId,
        heldOn: input.heldOn,
        title: input.title,
        beneficiaries: input.beneficiaries,
        note: input.note,
        recordedBy: actor.userId,
      });
      return { deliveryId, beneficiaries: input.beneficiaries };
    },
    ip,
  );
}

export function gradeOf(score: number): string {
  return score >= 90 ? '优秀' : score >= 75 ? '良好' : score >= 60 ? '合格' : '不合格';
}

export async function evaluateContract(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof EvaluateBody>,
  ip?: string,
) {
  return contractWrite(
    ctx,
    actor,
    id,
    'evaluate',
    'buyer',
    async (tx, c, now) => {
      state(
        c.status === 'signed',
        'CONTRACT_STATE_INVALID',
        c.status === 'completed' ? '该合同已完成终期评估。' : '合同尚未签订。',
      );
      const [open] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from purchase_milestones where district_id = ${actor.districtId} and contract_id = ${id} and status <> 'accepted'`,
      );
      state(open!.n === 0, 'MILESTONES_OPEN', `还有 ${open!.n} 个里程碑未验收，全部验收后才能终期评估。`);
      const grade = gradeOf(input.score);
      await tx
        .update(purchaseContracts)
        .set({
          status: 'completed',
          evaluationScore: input.score,
          evaluationGrade: grade,
          evaluationComment: input.comment,
          evaluatedAt: now,
        })
        .where(and(eq(purchaseContracts.districtId, actor.districtId), eq(purchaseContracts.id, id)));
      return { score: input.score, grade };
    },
    ip,
  );
}

/** Juror accounts of the district, for the agent's jury picker. */
export async function listJurorAccounts(ctx: AppContext, actor: Actor): Promise<{ id: string; name: string }[]> {
  const rows = await ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.districtId, actor.districtId), eq(users.role, 'juror'), eq(users.isActive, true)))
    .orderBy(asc(users.username));
  return rows;
}
