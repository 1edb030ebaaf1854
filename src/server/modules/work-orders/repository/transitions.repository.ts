import { and, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.js';
import { workUnits } from '../../org/org.tables.js';
import {
  outbox,
  workOrderCategories,
  workOrderEvents,
  workOrderExtensions,
  workOrderLegs,
  workOrders,
} from '../work-orders.tables.js';
import type { Leg } from './orders.repository.js';

/** The writes of the order's steps: timeline events, outbox reminders, legs and extension requests. */
export type NewEvent = Omit<typeof workOrderEvents.$inferInsert, 'id' | 'at'>;

export async function insertEvent(tx: Tx, event: NewEvent): Promise<number> {
  const [row] = await tx.insert(workOrderEvents).values(event).returning({ id: workOrderEvents.id });
  return row!.id!;
}

export async function insertOutbox(q: Queryable, districtId: string, topic: string, payload: Record<string, unknown>) {
  await q.insert(outbox).values({ districtId, topic, payload });
}

export async function categoryOf(q: Queryable, districtId: string, id: string) {
  const [c] = await q
    .select()
    .from(workOrderCategories)
    .where(and(eq(workOrderCategories.districtId, districtId), eq(workOrderCategories.id, id)));
  return c;
}

export async function workUnitExists(q: Queryable, districtId: string, id: string): Promise<boolean> {
  const [u] = await q
    .select({ id: workUnits.id })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.id, id)));
  return !!u;
}

export async function insertLeg(tx: Tx, leg: typeof workOrderLegs.$inferInsert) {
  await tx.insert(workOrderLegs).values(leg);
}

export async function updateLeg(tx: Tx, districtId: string, legId: string, set: Partial<Leg>) {
  await tx
    .update(workOrderLegs)
    .set(set)
    .where(and(eq(workOrderLegs.districtId, districtId), eq(workOrderLegs.id, legId)));
}

export async function insertExtension(tx: Tx, ext: typeof workOrderExtensions.$inferInsert) {
  await tx.insert(workOrderExtensions).values(ext);
}

export async function pendingExtension(tx: Tx, districtId: string, legId: string) {
  const [ext] = await tx
    .select()
    .from(workOrderExtensions)
    .where(
      and(
        eq(workOrderExtensions.districtId, districtId),
        eq(workOrderExtensions.legId, legId),
        eq(workOrderExtensions.status, 'pending'),
      ),
    );
  return ext;
}

export async function decideExtensionRow(
  tx: Tx,
  districtId: string,
  id: string,
  set: Pick<typeof workOrderExtensions.$inferInsert, 'status' | 'decidedBy' | 'decidedAt'>,
) {
  await tx
    .update(workOrderExtensions)
    .set(set)
    .where(and(eq(workOrderExtensions.districtId, districtId), eq(workOrderExtensions.id, id)));
}

/**
 * Marks every open order whose nearest deadline has passed as escalated for that deadline, in one
 * conditional UPDATE (so a second sweep, in another process or after a restart, finds nothing).
 */
export function escalateOverdue(tx: Tx, now: Date) {
  const o = workOrders;
  return tx
    .update(o)
    .set({
      escalationLevel: sql`least(${o.escalationLevel} + 1, 2)`,
      escalatedForDueAt: sql`${o.dueAt}`,
      version: sql`${o.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      sql`${o.status} <> 'closed' and ${o.dueAt} < ${now.toISOString()}::timestamptz
        and (${o.escalatedForDueAt} is null or ${o.escalatedForDueAt} <> ${o.dueAt})`,
    )
    .returning({
      districtId: o.districtId,
      id: o.id,
      no: o.no,
      escalationLevel: o.escalationLevel,
      dueAt: o.dueAt,
    });
}
