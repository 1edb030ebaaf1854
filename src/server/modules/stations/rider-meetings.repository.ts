import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { stations } from '../org/org.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import type { Demand, Difficulty } from '../../../shared/stations.schema.js';
import { riderDemands, riderMeetings } from './stations.tables.js';

/** The queries of the riders' joint meetings (小哥联席会议) and their demands. */

export async function meetingHead(q: Queryable, districtId: string, id: string) {
  const [m] = await q
    .select({
      id: riderMeetings.id,
      stationId: riderMeetings.stationId,
      stationName: stations.name,
      heldOn: riderMeetings.heldOn,
      attendees: riderMeetings.attendees,
      minutes: riderMeetings.minutes,
    })
    .from(riderMeetings)
    .innerJoin(
      stations,
      and(eq(stations.districtId, riderMeetings.districtId), eq(stations.id, riderMeetings.stationId)),
    )
    .where(and(eq(riderMeetings.districtId, districtId), eq(riderMeetings.id, id)));
  return m;
}

export function meetingDemands(q: Queryable, districtId: string, meetingId: string): Promise<Demand[]> {
  return q
    .select({
      id: riderDemands.id,
      difficulty: riderDemands.difficulty,
      content: riderDemands.content,
      status: riderDemands.status,
      answer: riderDemands.answer,
      workOrderId: riderDemands.workOrderId,
      workOrderNo: workOrders.no,
    })
    .from(riderDemands)
    .leftJoin(
      workOrders,
      and(eq(workOrders.districtId, riderDemands.districtId), eq(workOrders.id, riderDemands.workOrderId)),
    )
    .where(and(eq(riderDemands.districtId, districtId), eq(riderDemands.meetingId, meetingId)))
    .orderBy(riderDemands.createdAt, riderDemands.id);
}

/** The latest 50 meetings the actor may read. */
export async function meetingIdsFor(q: Queryable, actor: Actor): Promise<string[]> {
  const rows = await q
    .select({ id: riderMeetings.id })
    .from(riderMeetings)
    .where(
      and(
        eq(riderMeetings.districtId, actor.districtId),
        scopeWhere(actor, 'station', { orgPath: sql`${riderMeetings.orgPath}` }),
      ),
    )
    .orderBy(desc(riderMeetings.heldOn))
    .limit(50);
  return rows.map((r) => r.id);
}

export async function insertMeeting(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    stationId: string;
    orgPath: string;
    heldOn: string;
    attendees: number;
    minutes: string;
    createdBy: string;
  },
): Promise<void> {
  await tx.insert(riderMeetings).values(row);
}

export async function insertDemand(
  tx: Tx,
  row: { districtId: string; id: string; meetingId: string; difficulty: Difficulty; content: string },
): Promise<void> {
  await tx.insert(riderDemands).values(row);
}

/** A demand with its meeting's scope and its station's name. */
export async function demandWithMeeting(q: Queryable, districtId: string, id: string) {
  const [d] = await q
    .select({
      id: riderDemands.id,
      meetingId: riderDemands.meetingId,
      status: riderDemands.status,
      content: riderDemands.content,
      difficulty: riderDemands.difficulty,
      orgPath: riderMeetings.orgPath,
      stationName: stations.name,
    })
    .from(riderDemands)
    .innerJoin(
      riderMeetings,
      and(eq(riderMeetings.districtId, riderDemands.districtId), eq(riderMeetings.id, riderDemands.meetingId)),
    )
    .innerJoin(
      stations,
      and(eq(stations.districtId, riderMeetings.districtId), eq(stations.id, riderMeetings.stationId)),
    )
    .where(and(eq(riderDemands.districtId, districtId), eq(riderDemands.id, id)));
  return d;
}

/** An open demand becomes a work order (a demand already handled stays as it is). */
export async function markDemandConverted(tx: Tx, districtId: string, id: string, workOrderId: string): Promise<void> {
  await tx
    .update(riderDemands)
    .set({ status: 'converted', workOrderId })
    .where(and(eq(riderDemands.districtId, districtId), eq(riderDemands.id, id), eq(riderDemands.status, 'open')));
}

export async function markDemandAnswered(tx: Tx, districtId: string, id: string, answer: string): Promise<void> {
  await tx
    .update(riderDemands)
    .set({ status: 'answered', answer })
    .where(and(eq(riderDemands.districtId, districtId), eq(riderDemands.id, id)));
}
