import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { linkAttachments } from '../attachments/attachments.service.js';
import { writeAudit } from '../audit/audit.service.js';
import { createOrder } from '../work-orders/create.service.js';
import { PATROL_ORDER_CHANNEL, type AddFindingInput, type FindingResult } from '../../../shared/patrols.schema.js';
import { E } from './patrols.errors.js';
import {
  byFindingId,
  byKey,
  byOrder,
  compoundsOf,
  findingFacts,
  insertFinding,
  insertPatrolEvent,
  lockPatrol,
} from './patrols.repository.js';
import { findingsFor, finishedError, readable } from './patrols.service.js';

/**
 * 巡查发现: one step records what the worker found on a patrol — put right on the spot, or a work order
 * created through the order intake (channel 网格巡查) in the SAME transaction as the finding, the link both
 * ways (finding → order; the order's timeline names the patrol) and the audit rows. With an Idempotency-Key a
 * retried step answers with what the first one wrote, and writes nothing more.
 */
const isUniqueViolation = (err: unknown) =>
  ((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) === '23505';

export async function addFinding(
  ctx: AppContext,
  actor: Actor,
  patrolId: string,
  input: AddFindingInput,
  { idempotencyKey, ip }: { idempotencyKey?: string; ip?: string } = {},
): Promise<FindingResult> {
  const d = actor.districtId;
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{8,100}$/.test(idempotencyKey)) throw E.FINDING_KEY_INVALID();
  const replayOf = async () => {
    if (!idempotencyKey) return null;
    const [f] = await findingsFor(ctx.db, d, byKey(actor.userId, idempotencyKey));
    if (!f) return null;
    const same =
      f.compoundId === input.compoundId &&
      f.categoryId === input.categoryId &&
      f.description === input.description &&
      f.outcome === input.outcome;
    if (!same) throw E.FINDING_KEY_REUSED();
    return { finding: f, replayed: true };
  };
  const patrol = await readable(ctx, actor, patrolId);
  requireAccess(actor, 'patrol', patrol, 'record');
  const first = await replayOf();
  if (first) return first;
  if (patrol.status !== 'open') throw finishedError(patrol.endedAt);
  const compounds = await compoundsOf(ctx.db, d, [patrolId]);
  const compound = compounds.find((c) => c.id === input.compoundId);
  if (!compound) throw E.FINDING_COMPOUND_NOT_PATROLLED();
  const facts = await findingFacts(ctx.db, d, input.categoryId, input.buildingId);
  if (!facts.category_name) throw E.FINDING_CATEGORY_UNKNOWN();
  if (input.buildingId && facts.building_compound_id !== input.compoundId) throw E.FINDING_BUILDING_INVALID();
  if (input.outcome === 'resolved' && !input.resolution?.trim()) throw E.FINDING_RESOLUTION_REQUIRED();

  const id = randomUUID();
  const photoIds = [...new Set(input.attachmentIds ?? [])];
  const row = (orderId: string | null) => ({
    districtId: d,
    id,
    patrolId,
    compoundId: input.compoundId,
    buildingId: input.buildingId ?? null,
    categoryId: input.categoryId,
    description: input.description,
    outcome: input.outcome,
    resolution: input.outcome === 'resolved' ? input.resolution!.trim() : null,
    orderId,
    photoIds,
    location: input.location ?? null,
    createdBy: actor.userId,
    idempotencyKey: idempotencyKey ?? null,
    createdAt: new Date(),
  });
  /** Inside the step's transaction: the patrol must still be open (it is locked until the step commits). */
  const stillOpen = async (tx: Queryable) => {
    const locked = await lockPatrol(tx, d, patrolId);
    if (locked?.status !== 'open') throw finishedError(locked?.ended_at ?? null);
  };
  const audit = (tx: Queryable, orderId: string | null) =>
    writeAudit(
      tx,
      actor,
      {
        action: 'patrol.finding',
        entityType: 'patrol',
        entityId: patrolId,
        detail: { findingId: id, outcome: input.outcome, orderId },
      },
      ip,
    );

  try {
    if (input.outcome === 'resolved') {
      await ctx.db.transaction(async (tx) => {
        await stillOpen(tx);
        await insertFinding(tx, row(null));
        await linkAttachments(tx, actor, {
          ids: photoIds,
          purposes: ['patrol'],
          kind: 'patrol',
          recordId: patrolId,
          part: id,
          ip,
        });
        await audit(tx, null);
      });
      const [f] = await findingsFor(ctx.db, d, byFindingId(id));
      return { finding: f!, replayed: false };
    }
    const first = input.description.split('\n')[0]!.trim();
    const title = (input.title?.trim() || `巡查发现：${first}`).slice(0, 40);
    const description = input.location ? `${input.description}\n（巡查位置：${input.location}）` : input.description;
    const created = await createOrder(
      ctx,
      actor,
      {
        channel: PATROL_ORDER_CHANNEL,
        categoryId: input.categoryId,
        title: title.length >= 2 ? title : `巡查发现${title}`,
        description,
        compoundId: input.compoundId,
        ...(input.buildingId ? { buildingId: input.buildingId } : {}),
        photos: [],
        attachmentIds: photoIds,
      },
      {
        idempotencyKey,
        ip,
        alsoWrite: async (tx, orderId) => {
          await stillOpen(tx);
          await insertFinding(tx, row(orderId));
          await insertPatrolEvent(
            tx,
            {
              districtId: d,
              orderId,
              actorUserId: actor.userId,
              actorName: actor.displayName,
              actorRole: actor.role,
              at: new Date(),
            },
            {
              patrolId,
              findingId: id,
              workerName: patrol.workerName,
              patrolDate: shanghaiDate(patrol.startedAt),
              compoundName: compound.name,
            },
          );
          await audit(tx, orderId);
        },
      },
    );
    const [f] = await findingsFor(ctx.db, d, byOrder(created.order.id));
    return { finding: f!, replayed: created.replayed };
  } catch (err) {
    // the same key raced by a concurrent retry: answer with what the winner wrote
    if (!isUniqueViolation(err)) throw err;
    const again = await replayOf();
    if (again) return again;
    throw err;
  }
}
