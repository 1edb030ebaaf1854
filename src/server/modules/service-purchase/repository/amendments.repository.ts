import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { purchaseRoundAmendments } from '../service-purchase.tables.js';

/** 更正公告 of a round, in the order they were made. */
export type Amendment = typeof purchaseRoundAmendments.$inferSelect;

export function amendmentRows(q: Queryable, districtId: string, roundId: string): Promise<Amendment[]> {
  return q
    .select()
    .from(purchaseRoundAmendments)
    .where(and(eq(purchaseRoundAmendments.districtId, districtId), eq(purchaseRoundAmendments.roundId, roundId)))
    .orderBy(asc(purchaseRoundAmendments.seq));
}

export async function insertAmendment(q: Queryable, row: typeof purchaseRoundAmendments.$inferInsert): Promise<void> {
  await q.insert(purchaseRoundAmendments).values(row);
}
