import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { iso, shanghaiDate } from '../../lib/time.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import type { AppealRecord } from '../access/assessment.access.js';
import type { Appeal, AppealInput } from '../../../shared/assessment.schema.js';
import { E } from './assessment.errors.js';
import {
  appealById,
  appealColumns,
  insertAppeal,
  insertOutbox,
  listAppeals as listAppealRows,
  openAppealFor,
  orderForAssessment,
  orgUnitById,
  updateAppeal,
  workUnitById,
  type AppealRow,
} from './assessment.repository.js';
import { assessedKind } from './rates.service.js';
import { readSettings } from './settings.service.js';

/**
 * 申诉/核减. A street, community or department asks that one closed order leave its own rates, with a
 * reason and evidence, within the district's deadline (working days after closing); a reviewer the
 * district names decides. An approved appeal takes the order out of that unit's rates only.
 */
const record = (
  a: Pick<AppealRow, 'orgPath' | 'workUnitId' | 'unitKind'>,
  reviewers: readonly string[],
): AppealRecord => ({
  orgPath: a.orgPath,
  workUnitId: a.workUnitId,
  unitKind: a.unitKind,
  reviewerRoles: reviewers,
});

function dto(a: AppealRow, order: { no: string; title: string }, actor: Actor, reviewers: readonly string[]): Appeal {
  return {
    id: a.id,
    orderId: a.orderId,
    orderNo: order.no,
    orderTitle: order.title,
    unitKind: a.unitKind,
    unitId: a.unitId,
    unitName: a.unitName,
    reason: a.reason,
    explanation: a.explanation,
    evidence: a.evidence,
    status: a.status,
    filedByName: a.filedByName,
    filedAt: iso(a.filedAt),
    deadlineAt: iso(a.deadlineAt),
    decidedByName: a.decidedByName,
    decidedAt: iso(a.decidedAt),
    decisionNote: a.decisionNote,
    version: a.version,
    can: { decide: a.status === 'pending' && canAccess(actor, 'appeal', record(a, reviewers), 'decide') },
  };
}

/** The district root path (`140213/`): department appeals live there, reviewed by the district. */
const rootOf = (path: string) => path.split('/')[0] + '/';

export async function fileAppeal(ctx: AppContext, actor: Actor, input: AppealInput, ip?: string): Promise<Appeal> {
  const settings = await readSettings(ctx.db, actor.districtId);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const order = await orderForAssessment(tx, actor.districtId, input.orderId);
    if (!order) throw E.ORDER_NOT_FOUND();
    let unitName: string;
    let orgPath: string;
    let workUnitId: string | null = null;
    if (input.unitKind === 'department') {
      const wu = await workUnitById(tx, actor.districtId, input.unitId);
      if (!wu) throw E.UNIT_NOT_FOUND();
      unitName = wu.name;
      orgPath = rootOf(order.orgPath);
      workUnitId = wu.id;
    } else {
      const unit = await orgUnitById(tx, actor.districtId, input.unitId);
      if (!unit || assessedKind(unit.kind) !== input.unitKind) throw E.UNIT_NOT_FOUND();
      unitName = unit.name;
      orgPath = unit.path;
    }
    requireAccess(
      actor,
      'appeal',
      record({ orgPath, workUnitId, unitKind: input.unitKind }, settings.appealReviewers),
      'file',
    );
    const involved =
      input.unitKind === 'department' ? order.legWorkUnitIds.includes(input.unitId) : order.orgPath.startsWith(orgPath);
    requireState(involved, E.APPEAL_UNIT_NOT_INVOLVED);
    requireState(order.status === 'closed' && order.closedAt !== null, E.APPEAL_ORDER_NOT_CLOSED);
    const now = new Date();
    const deadlineAt = addWorkingDays(order.closedAt!, settings.appealDays);
    if (now > deadlineAt)
      throw E.APPEAL_DEADLINE_PASSED({ days: settings.appealDays, deadline: shanghaiDate(deadlineAt) });
    requireState(!(await openAppealFor(tx, actor.districtId, order.id, input.unitId)), E.APPEAL_EXISTS);
    await insertAppeal(tx, {
      districtId: actor.districtId,
      id,
      orderId: order.id,
      unitKind: input.unitKind,
      unitId: input.unitId,
      unitName,
      orgPath,
      workUnitId,
      reason: input.reason,
      explanation: input.explanation,
      evidence: input.evidence,
      status: 'pending',
      filedBy: actor.userId,
      filedByName: actor.displayName,
      filedAt: now,
      deadlineAt,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.appeal_filed',
        entityType: 'assessment_appeal',
        entityId: id,
        detail: { orderId: order.id, unit: `${input.unitKind}:${input.unitId}`, reason: input.reason },
      },
      ip,
    );
    await insertOutbox(tx, actor.districtId, 'assessment.appeal_filed', {
      appealId: id,
      orderId: order.id,
      no: order.no,
      unitName,
      reviewerRoles: settings.appealReviewers,
    });
  });
  return getAppeal(ctx, actor, id);
}

export async function getAppeal(ctx: AppContext, actor: Actor, id: string): Promise<Appeal> {
  const settings = await readSettings(ctx.db, actor.districtId);
  const a = await appealById(ctx.db, actor.districtId, id);
  if (!a) throw E.APPEAL_NOT_FOUND();
  requireAccess(actor, 'appeal', record(a, settings.appealReviewers));
  const order = await orderForAssessment(ctx.db, actor.districtId, a.orderId);
  return dto(a, order ?? { no: '', title: '' }, actor, settings.appealReviewers);
}

export async function listAppeals(ctx: AppContext, actor: Actor, status?: AppealRow['status']) {
  const settings = await readSettings(ctx.db, actor.districtId);
  const rows = await listAppealRows(ctx.db, actor.districtId, {
    status,
    scope: scopeWhere(actor, 'appeal', appealColumns),
  });
  return { items: rows.map((r) => dto(r.appeal, r, actor, settings.appealReviewers)) };
}

export async function decideAppeal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  step: { approve: boolean; note: string; version: number },
  ip?: string,
): Promise<Appeal> {
  const settings = await readSettings(ctx.db, actor.districtId);
  await ctx.db.transaction(async (tx) => {
    const a = await appealById(tx, actor.districtId, id, true);
    if (!a) throw E.APPEAL_NOT_FOUND();
    requireAccess(actor, 'appeal', record(a, settings.appealReviewers), 'decide');
    requireState(a.status === 'pending', E.APPEAL_DECIDED);
    if (a.version !== step.version) throw E.APPEAL_CONFLICT();
    const status = step.approve ? 'approved' : 'rejected';
    await updateAppeal(tx, actor.districtId, id, {
      status,
      decidedBy: actor.userId,
      decidedByName: actor.displayName,
      decidedAt: new Date(),
      decisionNote: step.note,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: `assessment.appeal_${status}`,
        entityType: 'assessment_appeal',
        entityId: id,
        detail: { orderId: a.orderId, unit: `${a.unitKind}:${a.unitId}`, note: step.note },
      },
      ip,
    );
    await insertOutbox(tx, actor.districtId, 'assessment.appeal_decided', {
      appealId: id,
      orderId: a.orderId,
      status,
      filedBy: a.filedBy,
    });
  });
  return getAppeal(ctx, actor, id);
}
