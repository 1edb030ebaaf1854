import { and, eq, isNotNull } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.js';
import { workOrderEvents, workOrders } from '../work-orders.tables.js';

/** The 12345 import's reads and batch writes. */
export function hotlineOrders(q: Queryable, districtId: string) {
  return q
    .select({
      id: workOrders.id,
      hotlineNo: workOrders.hotlineNo,
      title: workOrders.title,
      description: workOrders.description,
      reporterName: workOrders.reporterName,
      reporterPhoneMasked: workOrders.reporterPhoneMasked,
    })
    .from(workOrders)
    .where(and(eq(workOrders.districtId, districtId), isNotNull(workOrders.hotlineNo)));
}

export async function insertOrders(tx: Tx, rows: (typeof workOrders.$inferInsert)[]) {
  await tx.insert(workOrders).values(rows);
}

export async function insertEvents(tx: Tx, rows: (typeof workOrderEvents.$inferInsert)[]) {
  await tx.insert(workOrderEvents).values(rows);
}

export async function updateOrder(
  tx: Tx,
  districtId: string,
  id: string,
  set: Partial<typeof workOrders.$inferInsert>,
) {
  await tx
    .update(workOrders)
    .set(set)
    .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)));
}
