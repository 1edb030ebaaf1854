import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { E as CE } from '../consultations/consultations.errors.js';
import * as consultationsRepo from '../consultations/consultations.repository.js';
import { RATING_LEVELS, RATING_POINTS } from '../../../shared/property.constants.js';
import type { Evaluation, OpenInput, ScoresInput } from '../../../shared/property-evaluations.schema.js';
import { OpenBody, ScoresBody } from '../../../shared/property-evaluations.schema.js';
import { getEvaluation, liveResult } from './evaluation-results.service.js';
import { E, VE } from './property.errors.js';
import * as repo from './evaluations.repository.js';
import { publicCompound } from './publications.repository.js';
import { propertyEvaluations } from './property.tables.js';

/**
 * 物业服务质量评价, the writes: the compound's branch (or community) opens the year's evaluation of the company
 * serving it — which opens the residents' survey, one answer per household, one rated question per item —
 * the branch and the owners' committee enter their item scores, and publishing freezes the result.
 */

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
};

/** The five levels with their points, as the residents see them: "非常满意（100 分）" … */
export const RATING_OPTIONS = RATING_LEVELS.map((l, i) => `${l}（${RATING_POINTS[i]} 分）`);

export async function openEvaluation(
  ctx: AppContext,
  actor: Actor,
  step: { compoundId: string; input: OpenInput; ip?: string },
): Promise<Evaluation> {
  const input = OpenBody.parse(step.input);
  const d = actor.districtId;
  const compound = await publicCompound(ctx.db, d, step.compoundId);
  if (!compound || compound.kind !== 'compound') throw E.COMPOUND_NOT_FOUND();
  const contract = await repo.activeContract(ctx.db, d, compound.id);
  requireAccess(
    actor,
    'propertyEvaluation',
    { orgPath: compound.path, companyId: contract?.companyId ?? '' },
    'manage',
    { what: compound.name },
  );
  if (!contract || !compound.companyName) throw VE.NO_CONTRACT();
  const scheme = await repo.schemeFor(ctx.db, d, compound.path, input.year);
  if (!scheme) throw VE.NO_SCHEME({ year: input.year });
  if (await repo.evaluationOfYear(ctx.db, d, compound.id, input.year)) throw VE.ALREADY_EVALUATED({ year: input.year });
  if (new Date(input.closesAt) <= new Date()) throw CE.CLOSES_IN_PAST();
  const id = `EV-${randomUUID()}`;
  const consultationId = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      // the scheme cannot change under an evaluation being opened (updateScheme locks it too)
      await repo.lockScheme(tx, d, scheme.id);
      await consultationsRepo.insertConsultation(tx, {
        districtId: d,
        id: consultationId,
        title: `${compound.name} ${input.year} 年度物业服务质量评价`,
        description: `小区党支部请各户对${compound.companyName}的物业服务逐项评价（每户一份，匿名）。结果按居民 ${scheme.residentsWeight}%、党支部 ${scheme.branchWeight}%、业委会 ${scheme.committeeWeight}% 计算总分并公布。`,
        kind: 'survey',
        organiserKind: 'branch',
        orgUnitId: compound.id,
        orgPath: compound.path,
        answerPer: 'household',
        isAnonymous: true,
        closesAt: new Date(input.closesAt),
        createdBy: actor.userId,
        createdByName: actor.displayName,
      });
      await consultationsRepo.insertQuestions(
        tx,
        scheme.items.map((item, i) => ({
          districtId: d,
          consultationId,
          id: i + 1,
          kind: 'single' as const,
          prompt: `${item.name}（权重 ${item.weight}%）`,
          options: RATING_OPTIONS,
          required: true,
        })),
      );
      await repo.insertEvaluation(tx, {
        districtId: d,
        id,
        schemeId: scheme.id,
        year: input.year,
        compoundId: compound.id,
        orgPath: compound.path,
        companyId: contract.companyId,
        contractId: contract.id,
        consultationId,
        openedBy: actor.userId,
      });
      await writeAudit(
        tx,
        actor,
        {
          action: 'property_evaluation.open',
          entityType: 'property_evaluation',
          entityId: id,
          detail: { compoundId: compound.id, companyId: contract.companyId, year: input.year, consultationId },
        },
        step.ip,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw VE.ALREADY_EVALUATED({ year: input.year });
    throw err;
  }
  return getEvaluation(ctx, actor, id);
}

/** Whole points 0–100, one per item in the scheme's order. */
export function assertScores(items: { name: string }[], scores: number[]): void {
  if (scores.length !== items.length) throw VE.SCORE_COUNT({ count: items.length, got: scores.length });
  scores.forEach((score, i) => {
    if (score < 0 || score > 100) throw VE.SCORE_OUT_OF_RANGE({ item: items[i]!.name, score });
  });
}

async function lockForManage(ctx: AppContext, actor: Actor, tx: Parameters<typeof repo.lockEvaluation>[0], id: string) {
  const row = await repo.lockEvaluation(tx, actor.districtId, id);
  if (!row) throw VE.EVALUATION_NOT_FOUND();
  requireAccess(actor, 'propertyEvaluation', row, 'manage', { what: row.compoundName });
  if (row.status === 'published') throw VE.ALREADY_PUBLISHED();
  const scheme = await repo.findScheme(tx, actor.districtId, row.schemeId);
  return { row, scheme: scheme! };
}

/** The branch's scores by its secretary; the owners' committee's by the community on its behalf. */
export async function saveScores(
  ctx: AppContext,
  actor: Actor,
  w: { id: string; input: ScoresInput; ip?: string },
): Promise<Evaluation> {
  const input = ScoresBody.parse(w.input);
  await versionedUpdate(ctx.db, {
    table: propertyEvaluations,
    id: w.id,
    actor,
    ip: w.ip,
    expectedVersion: input.version,
    conflict: () => VE.EVALUATION_CHANGED(),
    load: (tx) => lockForManage(ctx, actor, tx, w.id).then((x) => ({ ...x, version: x.row.version })),
    apply: async (_tx, { row, scheme }) => {
      if (input.party === 'branch' && actor.role !== 'branch_secretary') throw VE.BRANCH_SCORE_ROLE();
      if (input.party === 'committee' && actor.role !== 'community_worker') throw VE.COMMITTEE_SCORE_ROLE();
      assertScores(scheme.items, input.scores);
      const set =
        input.party === 'branch'
          ? { branchScores: input.scores, branchBy: actor.userId }
          : { committeeScores: input.scores, committeeBy: actor.userId };
      return {
        set,
        audit: {
          action: `property_evaluation.score_${input.party}`,
          entityType: 'property_evaluation',
          entityId: row.id,
          detail: { scores: input.scores },
        },
      };
    },
  });
  return getEvaluation(ctx, actor, w.id);
}

/**
 * Publishes once the residents' survey has closed and both parties have scored: the residents' item means,
 * the three party scores and the total are frozen on the row, and the survey's own result is published.
 */
export async function publishEvaluation(
  ctx: AppContext,
  actor: Actor,
  w: { id: string; version: number; ip?: string },
): Promise<Evaluation> {
  const d = actor.districtId;
  await versionedUpdate(ctx.db, {
    table: propertyEvaluations,
    id: w.id,
    actor,
    ip: w.ip,
    expectedVersion: w.version,
    conflict: () => VE.EVALUATION_CHANGED(),
    load: (tx) => lockForManage(ctx, actor, tx, w.id).then((x) => ({ ...x, version: x.row.version })),
    apply: async (tx, { row, scheme }, now) => {
      const survey = await consultationsRepo.findConsultation(tx, d, row.consultationId);
      if (survey!.status === 'open') throw VE.SURVEY_STILL_OPEN({ closesAt: survey!.closesAt });
      if (!row.branchScores) throw VE.BRANCH_SCORES_MISSING();
      if (!row.committeeScores) throw VE.COMMITTEE_SCORES_MISSING();
      const live = await liveResult(tx, d, row, scheme);
      if (live.ballots === 0 || live.residentsScore === null) throw VE.NO_RESIDENT_ANSWERS();
      if (survey!.status !== 'published') await repo.publishSurvey(tx, d, row.consultationId, now);
      return {
        set: {
          status: 'published' as const,
          publishedAt: now,
          residentItems: live.residentItems,
          ballots: live.ballots,
          residentsScore: live.residentsScore,
          branchScore: live.branchScore,
          committeeScore: live.committeeScore,
          total: live.total,
        },
        audit: {
          action: 'property_evaluation.publish',
          entityType: 'property_evaluation',
          entityId: row.id,
          detail: {
            total: live.total,
            residentsScore: live.residentsScore,
            branchScore: live.branchScore,
            committeeScore: live.committeeScore,
            ballots: live.ballots,
          },
        },
      };
    },
  });
  return getEvaluation(ctx, actor, w.id);
}
