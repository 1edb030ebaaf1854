import type { AppContext } from '../../context.js';
import type { ListRecordsInput, ServiceRecord } from '../../../shared/volunteers.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requireUnit } from './lookups.service.js';
import { awardPoints, DEFAULT_POINTS_PER_HOUR } from './points.service.js';
import { decideSignupOfRecord, pointsPerHourOf } from './repository/activities.repository.js';
import * as records from './repository/records.repository.js';
import { E } from './volunteers.errors.js';

/**
 * 服务时长: hours are pending until a supervisor confirms them; only confirmation earns points. Staff see
 * the records of their subtree; a department those of its own members.
 */
export async function listRecords(
  ctx: AppContext,
  actor: Actor,
  input: ListRecordsInput,
): Promise<{ items: ServiceRecord[] }> {
  const orgPath = input.orgUnitId ? (await requireUnit(ctx.db, actor, input.orgUnitId)).path : undefined;
  const { status, month, personId, limit } = input;
  return { items: await records.listRecords(ctx.db, actor, { status, month, personId, orgPath, limit }) };
}

/** Supervisor confirms (optionally correcting the hours) or rejects; confirmation awards points in the same transaction. */
export async function confirmRecord(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; approve: boolean; hours?: number },
  ip?: string,
): Promise<ServiceRecord> {
  const { id, approve } = input;
  const d = actor.districtId;
  await ctx.db.transaction(async (tx) => {
    const rec = await records.lockRecord(tx, d, id);
    if (!rec) throw E.RECORD_NOT_FOUND();
    requireAccess(actor, 'serviceRecord', { orgPath: rec.orgPath, workUnitId: rec.workUnitId }, 'confirm');
    if (actor.personId && actor.personId === rec.personId) throw E.SELF_CONFIRM_FORBIDDEN();
    if (rec.status !== 'pending') throw E.RECORD_ALREADY_DECIDED();
    const final = input.hours ?? rec.hours;
    const status = approve ? 'confirmed' : 'rejected';
    await records.decideRecord(tx, d, id, { status, hours: final, confirmedBy: actor.userId });
    let points = 0;
    if (rec.source === 'activity' && rec.sourceId) {
      points = Math.round(final * ((await pointsPerHourOf(tx, d, rec.sourceId)) ?? DEFAULT_POINTS_PER_HOUR));
      await decideSignupOfRecord(tx, d, id, { status, hours: final });
    } else {
      points = Math.round(final * DEFAULT_POINTS_PER_HOUR);
      if (rec.sourceId && (rec.source === 'task' || rec.source === 'work_order' || rec.source === 'visit'))
        await records.decideTaskOfRecord(tx, d, rec.sourceId, approve ? 'confirmed' : 'claimed');
    }
    if (approve && points > 0)
      await awardPoints(tx, actor, {
        personId: rec.personId,
        points,
        sourceType: 'service_record',
        sourceId: id,
        note: `服务时长 ${final} 小时：${rec.title}`,
      });
    await writeAudit(
      tx,
      actor,
      {
        action: approve ? 'service_record.confirm' : 'service_record.reject',
        entityType: 'service_record',
        entityId: id,
        detail: { hours: final, points: approve ? points : 0 },
      },
      ip,
    );
  });
  return (await records.recordView(ctx.db, d, id))!;
}
