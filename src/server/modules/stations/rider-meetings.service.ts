import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { createOrder } from '../work-orders/work-orders.service.js';
import type { ConvertDemandBody, CreateRiderMeetingBody, RiderMeeting } from '../../../shared/stations.schema.js';
import { E } from './stations.errors.js';
import * as repo from './rider-meetings.repository.js';
import { stationFor } from './stations.service.js';

/** 小哥联席会议 held at a rider station: its demands are answered on the spot or become work orders. */

async function meetingView(q: Queryable, districtId: string, id: string): Promise<RiderMeeting> {
  const meeting = await repo.meetingHead(q, districtId, id);
  if (!meeting) throw E.MEETING_NOT_FOUND();
  return { ...meeting, demands: await repo.meetingDemands(q, districtId, id) };
}

export async function listRiderMeetings(ctx: AppContext, actor: Actor): Promise<{ items: RiderMeeting[] }> {
  const items = [];
  for (const id of await repo.meetingIdsFor(ctx.db, actor)) items.push(await meetingView(ctx.db, actor.districtId, id));
  return { items };
}

export async function createRiderMeeting(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateRiderMeetingBody>,
  ip?: string,
): Promise<RiderMeeting> {
  const s = await stationFor(ctx.db, actor, input.stationId, 'write');
  if (s.kind !== 'rider' && s.kind !== 'party_mass') throw E.STATION_KIND_INVALID();
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertMeeting(tx, {
      districtId: actor.districtId,
      id,
      stationId: s.id,
      orgPath: s.orgPath,
      heldOn: input.heldOn,
      attendees: input.attendees,
      minutes: input.minutes,
      createdBy: actor.userId,
    });
    for (const d of input.demands) {
      await repo.insertDemand(tx, {
        districtId: actor.districtId,
        id: randomUUID(),
        meetingId: id,
        difficulty: d.difficulty,
        content: d.content,
      });
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'rider_meeting.create',
        entityType: 'rider_meeting',
        entityId: id,
        detail: { stationId: s.id, demands: input.demands.length },
      },
      ip,
    );
  });
  return meetingView(ctx.db, actor.districtId, id);
}

/** An open demand the actor may work on. */
async function openDemand(q: Queryable, actor: Actor, id: string) {
  const demand = await repo.demandWithMeeting(q, actor.districtId, id);
  if (!demand) throw E.DEMAND_NOT_FOUND();
  requireAccess(actor, 'station', { orgPath: demand.orgPath }, 'write', { what: '该诉求' });
  if (demand.status !== 'open') throw E.DEMAND_ALREADY_HANDLED();
  return demand;
}

/**
 * A demand becomes a work order through the work-order module's own creation service (channel
 * 'station'), keyed by an Idempotency-Key derived from the demand, so a retry never makes a second order.
 */
export async function convertDemand(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof ConvertDemandBody>,
  ip?: string,
): Promise<RiderMeeting> {
  const demand = await openDemand(ctx.db, actor, id);
  const { order } = await createOrder(
    ctx,
    actor,
    {
      channel: 'station',
      categoryId: input.categoryId,
      title: input.title ?? `小哥诉求：${demand.content.slice(0, 30)}`,
      description: `${demand.stationName}小哥联席会议提出：${demand.content}`,
      compoundId: input.compoundId,
      photos: [],
    },
    { idempotencyKey: `riderdemand-${demand.id}`, ip },
  );
  await ctx.db.transaction(async (tx) => {
    await repo.markDemandConverted(tx, actor.districtId, id, order.id);
    await writeAudit(
      tx,
      actor,
      {
        action: 'rider_demand.convert',
        entityType: 'rider_demand',
        entityId: id,
        detail: { workOrderId: order.id, no: order.no },
      },
      ip,
    );
  });
  return meetingView(ctx.db, actor.districtId, demand.meetingId);
}

export async function answerDemand(
  ctx: AppContext,
  actor: Actor,
  id: string,
  answer: string,
  ip?: string,
): Promise<RiderMeeting> {
  const demand = await openDemand(ctx.db, actor, id);
  await ctx.db.transaction(async (tx) => {
    await repo.markDemandAnswered(tx, actor.districtId, id, answer);
    await writeAudit(tx, actor, { action: 'rider_demand.answer', entityType: 'rider_demand', entityId: id }, ip);
  });
  return meetingView(ctx.db, actor.districtId, demand.meetingId);
}
