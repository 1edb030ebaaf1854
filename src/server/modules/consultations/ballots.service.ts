import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { doubleMajority, SPECIAL_MATTERS } from '../../../shared/consultations.constants.js';
import type { Answer, AnswerInput, PaperBallotInput, Question, Results } from '../../../shared/consultations.schema.js';
import { E } from './consultations.errors.js';
import * as repo from './consultations.repository.js';
import { consultationFor, isInScope } from './consultations.service.js';

/** Answers: a resident's own, a paper ballot entered by staff, and the tally. */

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
};

/** Every answer matches its question: options from the list, a full ranking, a point; required ones present. */
export function checkAnswers(questions: Question[], answers: Answer[]): Answer[] {
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  for (const a of answers)
    if (!questions.some((q) => q.id === a.questionId)) throw E.ANSWER_UNKNOWN({ n: a.questionId });
  const out: Answer[] = [];
  for (const q of questions) {
    const a = byId.get(q.id);
    const empty =
      !a || (q.kind === 'text' ? !a.text : q.kind === 'point' ? !a.point : !a.choices || a.choices.length === 0);
    if (empty) {
      if (q.required) throw q.kind === 'point' ? E.ANSWER_POINT({ n: q.id }) : E.ANSWER_REQUIRED({ n: q.id });
      continue;
    }
    if (q.kind === 'single' || q.kind === 'multiple') {
      const c = a.choices!;
      const valid = c.every((i) => i < q.options.length) && new Set(c).size === c.length;
      if (!valid || (q.kind === 'single' && c.length !== 1)) throw E.ANSWER_CHOICE({ n: q.id });
      out.push({ questionId: q.id, choices: c });
    } else if (q.kind === 'ranking') {
      const c = a.choices!;
      const full =
        c.length === q.options.length && new Set(c).size === c.length && c.every((i) => i < q.options.length);
      if (!full) throw E.ANSWER_RANKING({ n: q.id, count: q.options.length });
      out.push({ questionId: q.id, choices: c });
    } else if (q.kind === 'text') out.push({ questionId: q.id, text: a.text! });
    else out.push({ questionId: q.id, point: a.point! });
  }
  return out;
}

export async function answer(
  ctx: AppContext,
  actor: Actor,
  w: { id: string; input: AnswerInput; ip?: string },
): Promise<{ id: string; source: 'online' }> {
  const c = await consultationFor(ctx, actor, w.id);
  const personId = personOf(actor);
  const d = actor.districtId;
  const household = await repo.householdOfPerson(ctx.db, d, personId);
  if (!household) throw E.NO_HOUSEHOLD();
  if (!isInScope(c, household)) throw E.NOT_ELIGIBLE({ scope: c.scopeName });
  if (c.status !== 'open') throw E.CLOSED({ closesAt: c.closesAt });
  const answers = checkAnswers(await repo.questionsOf(ctx.db, d, c.id), w.input.answers);
  const voterKey = c.answerPer === 'household' ? household.id : personId;
  const id = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertBallot(tx, {
        districtId: d,
        id,
        consultationId: c.id,
        voterKey,
        householdId: household.id,
        personId: c.isAnonymous ? null : personId,
        source: 'online',
        answers,
      });
      await writeAudit(
        tx,
        actor,
        // an anonymous consultation's audit row names the consultation, not the ballot
        { action: 'consultation.answer', entityType: 'consultation', entityId: c.id },
        w.ip,
      );
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw c.answerPer === 'household' ? E.ALREADY_ANSWERED_HOUSEHOLD() : E.ALREADY_ANSWERED_PERSON();
  }
  return { id, source: 'online' };
}

/** A paper ballot collected door to door (纸质票), entered by the organiser's staff and marked as such. */
export async function enterPaperBallot(
  ctx: AppContext,
  actor: Actor,
  w: { id: string; input: PaperBallotInput; ip?: string },
): Promise<{ id: string; source: 'paper' }> {
  const c = await consultationFor(ctx, actor, w.id);
  requireAccess(actor, 'consultation', c, 'manage');
  // paper collected before the closing may be entered after it, but a published result stays as published
  if (c.status === 'published') throw E.ALREADY_PUBLISHED();
  const d = actor.districtId;
  const householdId = w.input.householdId ?? null;
  if (!householdId && (c.answerPer === 'household' || c.kind === 'owners_decision')) throw E.HOUSEHOLD_REQUIRED();
  if (householdId) {
    const h = await repo.findHousehold(ctx.db, d, householdId);
    if (!h || !isInScope(c, h)) throw E.HOUSEHOLD_NOT_IN_SCOPE();
  }
  const answers = checkAnswers(await repo.questionsOf(ctx.db, d, c.id), w.input.answers);
  const id = randomUUID();
  const voterKey = householdId && c.answerPer === 'household' ? householdId : `paper:${id}`;
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertBallot(tx, {
        districtId: d,
        id,
        consultationId: c.id,
        voterKey,
        householdId,
        source: 'paper',
        enteredBy: actor.userId,
        note: w.input.note ?? '',
        answers,
      });
      await writeAudit(
        tx,
        actor,
        { action: 'consultation.paper_ballot', entityType: 'consultation', entityId: c.id, detail: { householdId } },
        w.ip,
      );
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw E.PAPER_DUPLICATE();
  }
  return { id, source: 'paper' };
}

const centi = (area: string | null) => Math.round(Number(area ?? 0) * 100);

/** Live to the organiser; to everyone else in scope once published. */
export async function results(ctx: AppContext, actor: Actor, id: string): Promise<Results> {
  const c = await consultationFor(ctx, actor, id);
  const isOrganiser = canAccess(actor, 'consultation', c, 'manage');
  if (!isOrganiser && c.status !== 'published') throw E.RESULTS_HIDDEN();
  const d = actor.districtId;
  const [questions, ballots, totals] = await Promise.all([
    repo.questionsOf(ctx.db, d, id),
    repo.ballotsOf(ctx.db, d, id),
    repo.scopeTotals(ctx.db, d, c),
  ]);
  const tallies = questions.map((q) => {
    const counts = q.options.map(() => 0);
    const paperCounts = q.options.map(() => 0);
    const texts: string[] = [];
    const points: { lat: number; lng: number }[] = [];
    let answered = 0;
    for (const b of ballots) {
      const a = b.answers.find((x) => x.questionId === q.id);
      if (!a) continue;
      answered++;
      if (q.kind === 'ranking')
        a.choices?.forEach((opt, rank) => (counts[opt] = (counts[opt] ?? 0) + q.options.length - 1 - rank));
      else
        for (const opt of a.choices ?? []) {
          counts[opt] = (counts[opt] ?? 0) + 1;
          if (b.source === 'paper') paperCounts[opt] = (paperCounts[opt] ?? 0) + 1;
        }
      if (a.text) texts.push(a.text);
      if (a.point) points.push(a.point);
    }
    return {
      questionId: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options,
      answered,
      counts,
      paperCounts,
      texts,
      points,
    };
  });
  let decision: Results['decision'] = null;
  if (c.kind === 'owners_decision') {
    const voters = ballots.filter((b) => b.householdId);
    const agree = voters.filter((b) => b.answers[0]?.choices?.[0] === 0);
    const sum = (bs: repo.BallotRow[]) => bs.reduce((s, b) => s + centi(b.area), 0);
    const special = c.matter !== null && SPECIAL_MATTERS.has(c.matter);
    const input = {
      totalArea: totals.areaCenti,
      totalOwners: totals.households,
      participatingArea: sum(voters),
      participatingOwners: voters.length,
      agreeArea: sum(agree),
      agreeOwners: agree.length,
      special,
    };
    decision = {
      ...input,
      totalArea: input.totalArea / 100,
      participatingArea: input.participatingArea / 100,
      agreeArea: input.agreeArea / 100,
      ...doubleMajority(input),
    };
  }
  const { orgPath: _p, closesAtDate: _d, ...consultation } = c;
  return {
    consultation,
    ballots: ballots.length,
    paperBallots: ballots.filter((b) => b.source === 'paper').length,
    eligible: c.answerPer === 'household' ? totals.households : totals.people,
    questions: tallies,
    decision,
    respondents: isOrganiser && !c.isAnonymous ? ballots.map((b) => ({ name: b.name ?? '—', source: b.source })) : [],
  };
}
