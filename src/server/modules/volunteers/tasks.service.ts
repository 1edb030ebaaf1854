import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import type { CreateTaskInput, MyTasks, Task, TasksInput } from '../../../shared/volunteers.schema.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { recordEvents } from '../work-orders/work-orders.service.js';
import { findPerson, findUnit } from './repository/lookups.repository.js';
import { deleteRejectedRecords, insertRecord } from './repository/records.repository.js';
import * as tasks from './repository/tasks.repository.js';
import { E } from './volunteers.errors.js';

/**
 * 认领任务: a compound publishes tasks and visits; people who live or reported there claim them (or lend
 * a hand on one of its open work orders) and report them done with the hours spent.
 */
async function taskById(ctx: AppContext, actor: Actor, id: string): Promise<Task> {
  const t = await tasks.taskView(ctx.db, actor.districtId, id);
  if (!t) throw E.TASK_NOT_FOUND();
  return t;
}

export async function listTasks(ctx: AppContext, actor: Actor, input: TasksInput): Promise<{ items: Task[] }> {
  return { items: await tasks.listTasks(ctx.db, actor, input) };
}

export async function createTask(ctx: AppContext, actor: Actor, input: CreateTaskInput, ip?: string): Promise<Task> {
  const compound = await findUnit(ctx.db, actor.districtId, input.compoundId);
  if (!compound) throw E.COMPOUND_NOT_FOUND();
  if (compound.kind !== 'compound') throw E.COMPOUND_REQUIRED();
  requireAccess(actor, 'orgUnit', { orgPath: compound.path }, 'write', { what: '该小区' });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tasks.insertTask(tx, {
      districtId: actor.districtId,
      id,
      compoundId: input.compoundId,
      orgPath: compound.path,
      kind: input.kind,
      title: input.title,
      description: input.description,
      hoursEstimate: input.hoursEstimate ?? null,
      createdBy: actor.userId,
    });
    const entry = {
      action: 'service_task.create',
      entityType: 'service_task',
      entityId: id,
      detail: { title: input.title },
    };
    await writeAudit(tx, actor, entry, ip);
  });
  return taskById(ctx, actor, id);
}

export async function myTasks(ctx: AppContext, actor: Actor): Promise<MyTasks> {
  const personId = personOf(actor);
  const paths = await tasks.compoundPathsOf(ctx.db, actor.districtId, personId);
  if (paths.length === 0) return { tasks: [], orders: [] };
  return {
    tasks: await tasks.tasksFor(ctx.db, actor.districtId, personId, paths),
    orders: await tasks.claimableOrders(ctx.db, actor.districtId, paths),
  };
}

export async function claimTask(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<Task> {
  const personId = personOf(actor);
  const paths = await tasks.compoundPathsOf(ctx.db, actor.districtId, personId);
  await ctx.db.transaction(async (tx) => {
    const task = await tasks.lockTask(tx, actor.districtId, id);
    if (!task) throw E.TASK_NOT_FOUND();
    requireAccess(actor, 'task', { orgPath: task.orgPath, claimantPaths: paths }, 'claim');
    if (task.status !== 'open') throw E.TASK_TAKEN();
    await tasks.updateTask(tx, actor.districtId, id, { status: 'claimed', claimedBy: personId, claimedAt: new Date() });
    await writeAudit(tx, actor, { action: 'service_task.claim', entityType: 'service_task', entityId: id }, ip);
  });
  return taskById(ctx, actor, id);
}

const uniqueViolation = (err: unknown) =>
  ((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) === '23505';

/** 认领工单: a reported member takes on an open order of their compound; it appears on the order's timeline. */
export async function claimOrder(ctx: AppContext, actor: Actor, orderId: string, ip?: string): Promise<Task> {
  const personId = personOf(actor);
  const paths = await tasks.compoundPathsOf(ctx.db, actor.districtId, personId);
  const id = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      const order = await tasks.lockOrder(tx, actor.districtId, orderId);
      if (!order) throw E.ORDER_NOT_FOUND();
      requireAccess(actor, 'task', { orgPath: order.orgPath, claimantPaths: paths }, 'claim', { what: '该工单' });
      if (!(order.status === 'accepted' || order.status === 'dispatched') || order.mergedInto)
        throw E.ORDER_NOT_CLAIMABLE();
      await tasks.insertTask(tx, {
        districtId: actor.districtId,
        id,
        compoundId: order.compoundId,
        orgPath: order.orgPath,
        kind: 'work_order',
        title: `协办工单 ${order.no}：${order.title}`,
        workOrderId: order.id,
        status: 'claimed',
        claimedBy: personId,
        claimedAt: new Date(),
        createdBy: actor.userId,
      });
      await recordEvents(tx, { actor, districtId: actor.districtId, orderId: order.id }, [
        { type: 'volunteer_claimed', note: `${actor.displayName} 认领协办`, data: { taskId: id, personId } },
      ]);
      const entry = {
        action: 'service_task.claim_order',
        entityType: 'work_order',
        entityId: order.id,
        detail: { taskId: id },
      };
      await writeAudit(tx, actor, entry, ip);
    });
  } catch (err) {
    if (uniqueViolation(err)) throw E.ORDER_ALREADY_CLAIMED();
    throw err;
  }
  return taskById(ctx, actor, id);
}

/** The claimant reports the task done with the hours spent: a pending service record for the supervisor. */
export async function completeTask(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; hours: number; note?: string },
  ip?: string,
): Promise<Task> {
  const { id, hours, note } = input;
  const personId = personOf(actor);
  const d = actor.districtId;
  await ctx.db.transaction(async (tx) => {
    const task = await tasks.lockTask(tx, d, id);
    if (!task) throw E.TASK_NOT_FOUND();
    if (task.claimedBy !== personId) throw E.TASK_NOT_YOURS();
    if (task.status !== 'claimed') throw E.TASK_STATE_INVALID();
    const person = await findPerson(tx, d, personId);
    const source = task.kind === 'work_order' ? 'work_order' : task.kind === 'visit' ? 'visit' : 'task';
    await deleteRejectedRecords(tx, d, source, id);
    await insertRecord(tx, {
      districtId: d,
      id: randomUUID(),
      personId,
      orgUnitId: task.compoundId,
      orgPath: task.orgPath,
      workUnitId: person?.workUnitId ?? null,
      source,
      sourceId: id,
      title: note ? `${task.title}（${note}）` : task.title,
      servedOn: shanghaiDate(new Date()),
      hours,
    });
    await tasks.updateTask(tx, d, id, { status: 'done', doneAt: new Date() });
    await writeAudit(
      tx,
      actor,
      { action: 'service_task.complete', entityType: 'service_task', entityId: id, detail: { hours } },
      ip,
    );
  });
  return taskById(ctx, actor, id);
}
