import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import { ASSESSMENT_GRADES, gradeOf, type AssessmentSubject } from '../../../shared/party-life.constants.js';
import type { PartyAssessment } from '../../../shared/party-life.schema.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requireBranch } from './activities.service.js';
import { E } from './party-life.errors.js';
import { BRANCH_COLUMNS } from './repository/activities.repository.js';
import * as repo from './repository/records.repository.js';
import type { AssessmentRow } from './repository/records.repository.js';
import { effectiveSettings } from './settings.service.js';

/**
 * 考核评议: once a year the community or street committee scores a branch, and its secretary, on the
 * district's items (each with its maximum); the total gives the grade (优秀 ≥ 90 %, 良好 ≥ 80 %, 一般 ≥ 60 %,
 * 较差 below). Entering it again replaces the year's scores (audited).
 */
export async function enterAssessment(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; year: number; subject: AssessmentSubject; scores: Record<string, number>; note?: string },
  ip?: string,
): Promise<PartyAssessment> {
  const settings = await effectiveSettings(ctx.db, actor.districtId);
  const items = settings.assessmentItems[input.subject];
  for (const key of Object.keys(input.scores))
    if (!items.some((i) => i.key === key)) throw E.SCORE_ITEM_UNKNOWN({ key });
  for (const i of items) {
    const score = input.scores[i.key];
    if (score === undefined) throw E.SCORE_MISSING({ name: i.name });
    if (score > i.maxScore) throw E.SCORE_OVER_MAX({ name: i.name, max: i.maxScore, score });
  }
  const total = Math.round(items.reduce((s, i) => s + input.scores[i.key]!, 0) * 10) / 10;
  const maxTotal = items.reduce((s, i) => s + i.maxScore, 0);
  const grade = gradeOf(total, maxTotal);
  await ctx.db.transaction(async (tx) => {
    const b = await requireBranch(tx, actor, input.id, 'review');
    let memberId: string | null = null;
    if (input.subject === 'secretary') {
      const m = await repo.secretaryMemberOf(tx, actor.districtId, b.secretaryPersonId);
      if (!m) throw E.NO_SECRETARY();
      memberId = m.id;
    }
    const scores = Object.fromEntries(items.map((i) => [i.key, input.scores[i.key]!]));
    await repo.upsertAssessment(tx, {
      districtId: actor.districtId,
      id: randomUUID(),
      partyOrgId: b.id,
      year: input.year,
      subject: input.subject,
      memberId,
      scores,
      total,
      maxTotal,
      grade,
      note: input.note ?? null,
      enteredBy: actor.userId,
    });
    const detail = { partyOrgId: b.id, year: input.year, subject: input.subject, scores, total, grade };
    await writeAudit(
      tx,
      actor,
      { action: 'party_assessment.enter', entityType: 'party_org', entityId: b.id, detail },
      ip,
    );
  });
  const [row] = (await list(ctx, actor, { year: input.year, partyOrgId: input.id })).filter(
    (r) => r.subject === input.subject,
  );
  return row!;
}

function toAssessment(
  r: AssessmentRow,
  itemsOf: (s: AssessmentSubject) => { key: string; name: string; maxScore: number }[],
) {
  const items = itemsOf(r.subject);
  return {
    partyOrgId: r.partyOrgId,
    partyOrgName: r.partyOrgName,
    year: r.year,
    subject: r.subject,
    secretaryName: r.subject === 'secretary' ? r.secretaryName : null,
    scores: Object.entries(r.scores).map(([key, score]) => {
      const i = items.find((x) => x.key === key);
      return { key, name: i?.name ?? key, score, maxScore: i?.maxScore ?? 0 };
    }),
    total: Number(r.total),
    maxTotal: r.maxTotal,
    grade: r.grade,
    note: r.note,
    enteredAt: iso(r.updatedAt),
  };
}

async function list(ctx: AppContext, actor: Actor, query: { year: number; partyOrgId?: string }) {
  if (query.partyOrgId) await requireBranch(ctx.db, actor, query.partyOrgId);
  const settings = await effectiveSettings(ctx.db, actor.districtId);
  const scope = scopeWhere(actor, 'branchLife', BRANCH_COLUMNS);
  const rows = await repo.assessmentsOf(ctx.db, { districtId: actor.districtId, scope, ...query });
  return rows.map((r) => toAssessment(r, (s) => settings.assessmentItems[s]));
}

export async function listAssessments(ctx: AppContext, actor: Actor, query: { year: number; partyOrgId?: string }) {
  const items = await list(ctx, actor, query);
  const grades = Object.fromEntries(
    ASSESSMENT_GRADES.map((g) => [g, items.filter((i) => i.grade === g).length]),
  ) as Record<(typeof ASSESSMENT_GRADES)[number], number>;
  return { items, grades };
}
