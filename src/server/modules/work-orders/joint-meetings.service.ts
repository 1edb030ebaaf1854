import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requireUnit } from '../org/org.service.js';
import { orgUnits } from '../org/org.tables.js';
import { jointMeetingActions, jointMeetings, workOrders } from './work-orders.tables.js';

const ATTENDEE_ROLES = ['branch', 'owners_committee', 'property', 'department', 'resident', 'other'] as const;

export const MeetingDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  heldOn: z.string(),
  attendees: z.array(z.object({ name: z.string(), role: z.string() })),
  minutes: z.string(),
  version: z.number().int(),
  agenda: z.array(z.object({ orderId: z.string(), no: z.string(), title: z.string(), reason: z.string() })),
  actions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      orderId: z.string().nullable(),
      owner: z.string(),
      dueOn: z.string(),
      status: z.enum(['open', 'done']),
    }),
  ),
});
type Meeting = z.infer<typeof MeetingDto>;

export const CreateMeetingBody = z.object({
  compoundId: z.string().min(1).max(60),
  heldOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
});
export const UpdateMeetingBody = z.object({
  attendees: z
    .array(z.object({ name: z.string().trim().min(1).max(40), role: z.enum(ATTENDEE_ROLES) }))
    .max(50)
    .optional(),
  minutes: z.string().max(20000).optional(),
  version: z.number().int().positive(),
});
export const CreateActionBody = z.object({
  title: z.string().trim().min(2, '请填写决议事项').max(200),
  orderId: z.string().max(60).optional(),
  owner: z.string().trim().min(1, '请填写责任方').max(60),
  dueOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
});
export const UpdateActionBody = z.object({ status: z.enum(['open', 'done']) });

async function meetingView(ctx: AppContext, districtId: string, id: string): Promise<Meeting> {
  const [m] = await ctx.db
    .select({ meeting: jointMeetings, compoundName: orgUnits.name })
    .from(jointMeetings)
    .innerJoin(
      orgUnits,
      and(eq(orgUnits.districtId, jointMeetings.districtId), eq(orgUnits.id, jointMeetings.compoundId)),
    )
    .where(and(eq(jointMeetings.districtId, districtId), eq(jointMeetings.id, id)));
  if (!m) throw notFound('MEETING_NOT_FOUND', '找不到该联席会议。');
  const actions = await ctx.db
    .select()
    .from(jointMeetingActions)
    .where(and(eq(jointMeetingActions.districtId, districtId), eq(jointMeetingActions.meetingId, id)))
    .orderBy(asc(jointMeetingActions.createdAt));
  const { meeting } = m;
  return {
    id: meeting.id,
    compoundId: meeting.compoundId,
    compoundName: m.compoundName,
    heldOn: meeting.heldOn,
    attendees: meeting.attendees,
    minutes: meeting.minutes,
    version: meeting.version,
    agenda: meeting.agenda,
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      orderId: a.orderId,
      owner: a.owner,
      dueOn: a.dueOn,
      status: a.status,
    })),
  };
}

async function requireMeeting(ctx: AppContext, actor: Actor, id: string) {
  const [m] = await ctx.db
    .select()
    .from(jointMeetings)
    .where(and(eq(jointMeetings.districtId, actor.districtId), eq(jointMeetings.id, id)));
  if (!m) throw notFound('MEETING_NOT_FOUND', '找不到该联席会议。');
  requireAccess(actor, 'meeting', m);
  return m;
}

export async function listMeetings(ctx: AppContext, actor: Actor, compoundId?: string): Promise<Meeting[]> {
  const path = compoundId ? (await requireUnit(ctx, actor, compoundId)).path : null;
  const rows = await ctx.db
    .select({ id: jointMeetings.id })
    .from(jointMeetings)
    .where(
      and(
        eq(jointMeetings.districtId, actor.districtId),
        scopeWhere(actor, 'meeting', { orgPath: sql`${jointMeetings.orgPath}` }),
        path ? sql`${jointMeetings.orgPath} like ${path.replace(/[\\%_]/g, '\\$&') + '%'}` : undefined,
      ),
    )
    .orderBy(desc(jointMeetings.heldOn))
    .limit(100);
  return Promise.all(rows.map((r) => meetingView(ctx, actor.districtId, r.id)));
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: string): Promise<Meeting> {
  await requireMeeting(ctx, actor, id);
  return meetingView(ctx, actor.districtId, id);
}

/** The agenda is generated from the compound's open, overdue and disputed (low-rated or reopened) orders. */
export async function createMeeting(
  ctx: AppContext,
  actor: Actor,
  compoundId: string,
  heldOn: string,
  ip?: string,
): Promise<Meeting> {
  const compound = await requireUnit(ctx, actor, compoundId, '该小区');
  if (compound.kind !== 'compound') throw badRequest('COMPOUND_REQUIRED', '联席会议以小区为单位召开，请选择小区。');
  const agenda = await queryRows<{ orderId: string; no: string; title: string; reason: string }>(
    ctx.db,
    sql`
    select o.id as "orderId", o.no, o.title,
      case when o.status <> 'closed' and o.due_at < now() then 'overdue'
           when o.status <> 'closed' then 'open'
           else 'disputed' end as reason
    from work_orders o
    where o.district_id = ${actor.districtId} and o.compound_id = ${compound.id} and o.merged_into is null
      and (o.status <> 'closed'
        or (o.closed_at > now() - interval '90 days' and (o.rating <= 2
          or exists (select 1 from work_order_events e where e.district_id = o.district_id and e.order_id = o.id and e.type = 'reopened'))))
    order by (o.status <> 'closed' and o.due_at < now()) desc, o.created_at
    limit 200`,
  );
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(jointMeetings).values({
      districtId: actor.districtId,
      id,
      compoundId: compound.id,
      orgPath: compound.path,
      heldOn,
      agenda,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.create',
        entityType: 'joint_meeting',
        entityId: id,
        detail: { compoundId, heldOn, agenda: agenda.length },
      },
      ip,
    );
  });
  return meetingView(ctx, actor.districtId, id);
}

export async function updateMeeting(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof UpdateMeetingBody>,
  ip?: string,
): Promise<Meeting> {
  await requireMeeting(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(jointMeetings)
      .set({
        ...(input.attendees ? { attendees: input.attendees } : {}),
        ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
        version: sql`${jointMeetings.version} + 1`,
      })
      .where(
        and(
          eq(jointMeetings.districtId, actor.districtId),
          eq(jointMeetings.id, id),
          eq(jointMeetings.version, input.version),
        ),
      )
      .returning({ id: jointMeetings.id });
    if (!rows.length) throw conflict('VERSION_CONFLICT', '会议记录已被他人修改，请刷新后再保存。');
    await writeAudit(tx, actor, { action: 'joint_meeting.update', entityType: 'joint_meeting', entityId: id }, ip);
  });
  return meetingView(ctx, actor.districtId, id);
}

/** A decision becomes a tracked action, linked to an order on the agenda when it is about one. */
export async function addAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof CreateActionBody>,
  ip?: string,
): Promise<Meeting> {
  const m = await requireMeeting(ctx, actor, id);
  if (input.orderId) {
    const [o] = await ctx.db
      .select({ compoundId: workOrders.compoundId })
      .from(workOrders)
      .where(and(eq(workOrders.districtId, actor.districtId), eq(workOrders.id, input.orderId)));
    if (!o || o.compoundId !== m.compoundId) throw badRequest('ORDER_NOT_IN_COMPOUND', '关联的工单不属于本小区。');
  }
  await ctx.db.transaction(async (tx) => {
    const actionId = randomUUID();
    await tx.insert(jointMeetingActions).values({
      districtId: actor.districtId,
      id: actionId,
      meetingId: id,
      title: input.title,
      orderId: input.orderId ?? null,
      owner: input.owner,
      dueOn: input.dueOn,
    });
    if (input.orderId) {
      await tx.execute(sql`insert into work_order_events (district_id, order_id, actor_user_id, actor_role, type, note, data)
        values (${actor.districtId}, ${input.orderId}, ${actor.userId}, ${actor.role}, 'meeting_decision', ${input.title}, ${JSON.stringify({ meetingId: id, actionId, owner: input.owner, dueOn: input.dueOn })}::jsonb)`);
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.action_add',
        entityType: 'joint_meeting',
        entityId: id,
        detail: { actionId, orderId: input.orderId ?? null },
      },
      ip,
    );
  });
  return meetingView(ctx, actor.districtId, id);
}

export async function updateAction(
  ctx: AppContext,
  actor: Actor,
  actionId: string,
  status: 'open' | 'done',
  ip?: string,
): Promise<Meeting> {
  const [a] = await ctx.db
    .select()
    .from(jointMeetingActions)
    .where(and(eq(jointMeetingActions.districtId, actor.districtId), eq(jointMeetingActions.id, actionId)));
  if (!a) throw notFound('ACTION_NOT_FOUND', '找不到该决议事项。');
  await requireMeeting(ctx, actor, a.meetingId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(jointMeetingActions)
      .set({ status })
      .where(and(eq(jointMeetingActions.districtId, actor.districtId), eq(jointMeetingActions.id, actionId)));
    await writeAudit(
      tx,
      actor,
      {
        action: 'joint_meeting.action_update',
        entityType: 'joint_meeting',
        entityId: a.meetingId,
        detail: { actionId, status },
      },
      ip,
    );
  });
  return meetingView(ctx, actor.districtId, a.meetingId);
}
