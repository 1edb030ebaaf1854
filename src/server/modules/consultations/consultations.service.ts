import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { DECISION_OPTIONS } from '../../../shared/consultations.constants.js';
import type {
  ConsultationDetail,
  ConsultationInput,
  ConsultationList,
  Question,
} from '../../../shared/consultations.schema.js';
import { ConsultationBody } from '../../../shared/consultations.schema.js';
import { E } from './consultations.errors.js';
import * as repo from './consultations.repository.js';
import { consultations } from './consultations.tables.js';

/** Opening a consultation, listing and reading it, closing it early and publishing its result. */

export async function consultationFor(ctx: AppContext, actor: Actor, id: string): Promise<repo.ConsultationRow> {
  const c = await repo.findConsultation(ctx.db, actor.districtId, id);
  if (!c) throw E.NOT_FOUND();
  requireAccess(actor, 'consultation', c);
  return c;
}

export async function listConsultations(
  ctx: AppContext,
  actor: Actor,
  status?: 'open' | 'closed' | 'published',
): Promise<ConsultationList> {
  const scope = scopeWhere(actor, 'consultation', repo.scopeColumns);
  // a resident is shown what asks their own household: not another building's, nor a neighbouring compound's
  const home =
    actor.role === 'resident' && actor.personId
      ? await repo.householdOfPerson(ctx.db, actor.districtId, actor.personId)
      : undefined;
  const rows = (await repo.listConsultations(ctx.db, actor.districtId, scope)).filter(
    (c) => (!status || c.status === status) && (home === undefined || (home !== null && isInScope(c, home))),
  );
  const items = rows.map(({ orgPath: _p, closesAtDate: _d, ...c }) => c);
  return { items, total: items.length };
}

/** An owners' decision is one named ballot per household with the one agree/oppose/abstain question. */
function decisionQuestions(input: ReturnType<typeof ConsultationBody.parse>): Question[] {
  if (input.kind !== 'owners_decision') {
    if (input.questions.length === 0) throw E.NO_QUESTIONS();
    return input.questions.map((q, i) => {
      const needsOptions = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking';
      if (needsOptions && q.options.length < 2) throw E.OPTIONS_NEEDED({ n: i + 1, kind: q.kind });
      return {
        id: i + 1,
        kind: q.kind,
        prompt: q.prompt,
        options: needsOptions ? q.options : [],
        required: q.required,
      };
    });
  }
  if (!input.matter || input.answerPer !== 'household' || input.isAnonymous) throw E.DECISION_SHAPE();
  return [{ id: 1, kind: 'single', prompt: input.title, options: [...DECISION_OPTIONS], required: true }];
}

export async function createConsultation(
  ctx: AppContext,
  actor: Actor,
  body: ConsultationInput,
  ip?: string,
): Promise<ConsultationDetail> {
  const input = ConsultationBody.parse(body);
  const d = actor.districtId;
  const unit = await repo.findUnit(ctx.db, d, input.orgUnitId);
  if (!unit) throw E.SCOPE_NOT_FOUND();
  if (!['community', 'village', 'compound'].includes(unit.kind)) throw E.SCOPE_KIND();
  requireAccess(actor, 'consultation', { orgPath: unit.path }, 'manage');
  if (input.buildingId) {
    const b = await repo.findBuilding(ctx.db, d, input.buildingId);
    if (!b || b.compoundId !== unit.id) throw E.BUILDING_NOT_IN_SCOPE();
  }
  if (new Date(input.closesAt) <= new Date()) throw E.CLOSES_IN_PAST();
  const questions = decisionQuestions(input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertConsultation(tx, {
      districtId: d,
      id,
      title: input.title,
      description: input.description,
      kind: input.kind,
      organiserKind: input.organiserKind,
      orgUnitId: unit.id,
      orgPath: unit.path,
      buildingId: input.buildingId ?? null,
      answerPer: input.answerPer,
      isAnonymous: input.isAnonymous,
      matter: input.kind === 'owners_decision' ? input.matter! : null,
      closesAt: new Date(input.closesAt),
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await repo.insertQuestions(
      tx,
      questions.map((q) => ({ districtId: d, consultationId: id, ...q })),
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'consultation.create',
        entityType: 'consultation',
        entityId: id,
        detail: { title: input.title, kind: input.kind, orgUnitId: unit.id, questions: questions.length },
      },
      ip,
    );
  });
  return getConsultation(ctx, actor, id);
}

export async function getConsultation(ctx: AppContext, actor: Actor, id: string): Promise<ConsultationDetail> {
  const c = await consultationFor(ctx, actor, id);
  const questions = await repo.questionsOf(ctx.db, actor.districtId, id);
  let hasAnswered = false;
  let eligible = false;
  if (actor.role === 'resident' && actor.personId) {
    const h = await repo.householdOfPerson(ctx.db, actor.districtId, actor.personId);
    eligible = h !== null && isInScope(c, h);
    const key = c.answerPer === 'household' ? (h?.id ?? '') : actor.personId;
    hasAnswered = await repo.hasBallot(ctx.db, actor.districtId, id, key);
  }
  const { orgPath: _p, closesAtDate: _d, ...consultation } = c;
  return {
    consultation,
    questions,
    canManage: canAccess(actor, 'consultation', c, 'manage'),
    canAnswer: actor.abilities.has('consultations.answer') && eligible && !hasAnswered && c.status === 'open',
    hasAnswered,
    center: questions.some((q) => q.kind === 'point') ? await repo.centerOf(ctx.db, actor.districtId, c.orgPath) : null,
  };
}

export function isInScope(c: { orgPath: string; buildingId: string | null }, h: repo.HouseholdRow): boolean {
  return h.orgPath.startsWith(c.orgPath) && (!c.buildingId || h.buildingId === c.buildingId);
}

/** Closes before the closing time, or publishes the result once closed: one versioned write with its audit row. */
export async function changeState(
  ctx: AppContext,
  actor: Actor,
  w: { id: string; version: number; to: 'closed' | 'published'; ip?: string },
): Promise<ConsultationDetail> {
  await versionedUpdate(ctx.db, {
    table: consultations,
    id: w.id,
    actor,
    ip: w.ip,
    expectedVersion: w.version,
    conflict: () => E.CHANGED(),
    load: async (tx) => {
      const c = await repo.lockConsultation(tx, actor.districtId, w.id);
      if (!c) throw E.NOT_FOUND();
      requireAccess(actor, 'consultation', c, 'manage');
      return c;
    },
    apply: async (_tx, c, now) => {
      if (c.status === 'published') throw E.ALREADY_PUBLISHED();
      if (w.to === 'published') {
        if (c.status === 'open') throw E.STILL_OPEN();
        return {
          set: { publishedAt: now },
          audit: { action: 'consultation.publish', entityType: 'consultation', entityId: c.id },
        };
      }
      if (c.status !== 'open') throw E.CLOSED({ closesAt: c.closesAt });
      return {
        set: { closedEarlyAt: now, closesAt: now },
        audit: { action: 'consultation.close', entityType: 'consultation', entityId: c.id },
      };
    },
  });
  return getConsultation(ctx, actor, w.id);
}
