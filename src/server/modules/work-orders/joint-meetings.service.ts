import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { attachmentsOf, linkAttachments } from '../attachments/attachments.service.js';
import { ATTACHMENTS_PER_STEP } from '../../../shared/attachments.constants.js';
import { requireUnit } from '../org/org.service.js';
import type { CreateActionInput, Meeting, UpdateMeetingInput } from '../../../shared/work-orders.schema.js';
import { E, MEETING, MEETING_COMPOUND_REQUIRED } from './work-orders.errors.js';
import {
  actionsOfMeetings,
  agendaOf,
  detachActionOrder,
  findAction,
  findMeeting,
  insertAction,
  insertMeeting,
  meetingIds,
  meetingsWithCompound,
  orderCompound,
  setActionStatus,
  updateMeetingRow,
} from './repository/meetings.repository.js';
import { insertEvent, workUnitExists } from './repository/transitions.repository.js';
import { remind } from '../notifications/remind.js';
import { proposalsOfMeetings, takeUpForMeeting } from '../proposals/proposals.repository.js';

/** 小区联席会议: the compound's parties meet over its open, overdue and disputed orders and record decisions. */
async function meetingViews(ctx: AppContext, districtId: string, ids: string[]): Promise<Meeting[]> {
  if (ids.length === 0) return [];
  const [rows, actions, proposals, files] = await Promise.all([
    meetingsWithCompound(ctx.db, districtId, ids),
    actionsOfMeetings(ctx.db, districtId, ids),
    proposalsOfMeetings(ctx.db, districtId, ids),
    attachmentsOf(ctx.db, districtId, 'meeting', ids),
  ]);
  const byId = new Map(rows.map((r) => [r.meeting.id, r]));
  return ids.flatMap((id) => {
    const m = byId.get(id);
    if (!m) return [];
    const { meeting } = m;
    return [
      {
        id: meeting.id,
        compoundId: meeting.compoundId,
        compoundName: m.compoundName,
        heldOn: meeting.heldOn,
        attendees: meeting.attendees as Meeting['attendees'],
        minutes: meeting.minutes,
        version: meeting.version,
        agenda: meeting.agenda as Meeting['agenda'],
        proposals: proposals.filter((p) => p.meetingId === id).map(({ meetingId: _m, ...p }) => p),
        actions: actions
          .filter((a) => a.meetingId === id)
          .map((a) => ({
            id: a.id,
            title: a.title,
            orderId: a.orderId,
            owner: a.owner,
            ownerUnitId: a.ownerUnitId,
            dueOn: a.dueOn,
            status: a.status,
          })),
        attachments: files.filter((f) => f.recordId === id).map(({ recordId: _r, part: _p, ...f }) => f),
      },
    ];
  });
}

async function meetingView(ctx: AppContext, districtId: string, id: string): Promise<Meeting> {
  const [m] = await meetingViews(ctx, districtId, [id]);
  if (!m) throw E.MEETING_NOT_FOUND();
  return m;
}

async function requireMeeting(ctx: AppContext, actor: Actor, id: string) {
  const m = await findMeeting(ctx.db, actor.districtId, id);
  if (!m) throw E.MEETING_NOT_FOUND();
  requireAccess(actor, 'meeting', m);
  return m;
}

export async function listMeetings(ctx: AppContext, actor: Actor, compoundId?: string): Promise<Meeting[]> {
  const path = compoundId ? (await requireUnit(ctx, actor, compoundId)).path : null;
  const rows = await meetingIds(ctx.db, actor, path);
  return meetingViews(
    ctx,
    actor.districtId,
    rows.map((r) => r.id),
  );
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: string): Promise<Meeting> {
  await requireMeeting(ctx, actor, id);
  return meetingView(ctx, actor.districtId, id);
}

/**
 * The agenda is generated from the compound's open, overdue and disputed (low-rated or reopened) orders, and
 * takes up the residents' proposals (居民提议) that have enough households behind them.
 */
export async function createMeeting(
  ctx: AppContext,
  actor: Actor,
  input: { compoundId: string; heldOn: string; ip?: string },
): Promise<Meeting> {
  const { compoundId, heldOn } = input;
  const compound = await requireUnit(ctx, actor, compoundId, '该小区');
  if (compound.kind !== 'compound') throw MEETING_COMPOUND_REQUIRED();
  const agenda = await agendaOf(ctx.db, actor.districtId, compound.id);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await insertMeeting(tx, {
      districtId: actor.districtId,
      id,
      compoundId: compound.id,
      orgPath: compound.path,
      heldOn,
      agenda,
      createdBy: actor.userId,
    });
    // 居民提议 with enough households behind them join the agenda
    const proposals = await takeUpForMeeting(tx, actor.districtId, compound.id, id);
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.create',
        entityType: 'joint_meeting',
        entityId: id,
        detail: { compoundId, heldOn, agenda: agenda.length, proposals },
      },
      input.ip,
    );
  });
  return meetingView(ctx, actor.districtId, id);
}

export async function updateMeeting(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateMeetingInput & { ip?: string },
): Promise<Meeting> {
  await requireMeeting(ctx, actor, id);
  const fileIds = [...new Set(input.attachmentIds ?? [])];
  await ctx.db.transaction(async (tx) => {
    if (!(await updateMeetingRow(tx, actor.districtId, id, input))) throw MEETING.versionConflict();
    // the version bump above holds the row: two saves cannot both pass the count
    if (fileIds.length > 0) {
      const has = (await attachmentsOf(tx, actor.districtId, 'meeting', [id])).length;
      if (has + fileIds.length > ATTACHMENTS_PER_STEP) throw E.MEETING_FILES_FULL({ max: ATTACHMENTS_PER_STEP, has });
      await linkAttachments(tx, actor, {
        ids: fileIds,
        purposes: ['meeting'],
        kind: 'meeting',
        recordId: id,
        ip: input.ip,
      });
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.update',
        entityType: 'joint_meeting',
        entityId: id,
        ...(fileIds.length > 0 ? { detail: { attachmentIds: fileIds } } : {}),
      },
      input.ip,
    );
  });
  return meetingView(ctx, actor.districtId, id);
}

/** A decision becomes a tracked action, linked to an order on the agenda when it is about one. */
export async function addAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CreateActionInput & { ip?: string },
): Promise<Meeting> {
  const m = await requireMeeting(ctx, actor, id);
  if (input.orderId && (await orderCompound(ctx.db, actor.districtId, input.orderId)) !== m.compoundId)
    throw E.ORDER_NOT_IN_COMPOUND();
  if (input.ownerUnitId && !(await workUnitExists(ctx.db, actor.districtId, input.ownerUnitId)))
    throw E.OWNER_UNIT_NOT_FOUND();
  const compound = await requireUnit(ctx, actor, m.compoundId, '该小区');
  await ctx.db.transaction(async (tx) => {
    const actionId = randomUUID();
    await insertAction(tx, {
      districtId: actor.districtId,
      id: actionId,
      meetingId: id,
      title: input.title,
      orderId: input.orderId ?? null,
      owner: input.owner,
      ownerUnitId: input.ownerUnitId ?? null,
      dueOn: input.dueOn,
    });
    // the department or property company named by the decision is told, with what and by when
    if (input.ownerUnitId)
      await remind(tx, actor.districtId, 'meeting.action_assigned', {
        meetingId: id,
        actionId,
        orderId: input.orderId ?? null,
        ownerUnitId: input.ownerUnitId,
        title: input.title,
        dueOn: input.dueOn,
        heldOn: m.heldOn,
        compoundName: compound.name,
        orgPath: compound.path,
      });
    if (input.orderId) {
      await insertEvent(tx, {
        districtId: actor.districtId,
        orderId: input.orderId,
        actorUserId: actor.userId,
        actorName: actor.displayName,
        actorRole: actor.role,
        type: 'meeting_decision',
        note: input.title,
        data: { meetingId: id, actionId, owner: input.owner, dueOn: input.dueOn },
      });
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.action_add',
        entityType: 'joint_meeting',
        entityId: id,
        detail: { actionId, orderId: input.orderId ?? null, ownerUnitId: input.ownerUnitId ?? null },
      },
      input.ip,
    );
  });
  return meetingView(ctx, actor.districtId, id);
}

export async function updateAction(
  ctx: AppContext,
  actor: Actor,
  input: { actionId: string; status: 'open' | 'done'; ip?: string },
): Promise<Meeting> {
  const { actionId, status } = input;
  const a = await findAction(ctx.db, actor.districtId, actionId);
  if (!a) throw E.ACTION_NOT_FOUND();
  await requireMeeting(ctx, actor, a.meetingId);
  await ctx.db.transaction(async (tx) => {
    await setActionStatus(tx, actor.districtId, actionId, status);
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.action_update',
        entityType: 'joint_meeting',
        entityId: a.meetingId,
        detail: { actionId, status },
      },
      input.ip,
    );
  });
  return meetingView(ctx, actor.districtId, a.meetingId);
}

/**
 * 解除关联: the meeting takes its decision off an order (the decision stays, as a meeting's own item), with
 * the reason on the order's timeline — so the order may close although the decision is still open.
 */
export async function detachAction(
  ctx: AppContext,
  actor: Actor,
  input: { actionId: string; reason: string; ip?: string },
): Promise<Meeting> {
  const a = await findAction(ctx.db, actor.districtId, input.actionId);
  if (!a) throw E.ACTION_NOT_FOUND();
  await requireMeeting(ctx, actor, a.meetingId);
  if (!a.orderId || a.status !== 'open') throw E.ACTION_NOT_LINKED();
  const orderId = a.orderId;
  await ctx.db.transaction(async (tx) => {
    await detachActionOrder(tx, actor.districtId, a.id);
    await insertEvent(tx, {
      districtId: actor.districtId,
      orderId,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      type: 'meeting_decision_detached',
      note: input.reason,
      data: { meetingId: a.meetingId, actionId: a.id, title: a.title },
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.action_detach',
        entityType: 'joint_meeting',
        entityId: a.meetingId,
        detail: { actionId: a.id, orderId, reason: input.reason },
      },
      input.ip,
    );
  });
  return meetingView(ctx, actor.districtId, a.meetingId);
}
