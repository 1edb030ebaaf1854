import { asc, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.js';
import { minorCategories } from '../minor-protection.tables.js';

export type CategoryRule = typeof minorCategories.$inferSelect;

export function selectCategories(q: Queryable, districtId: string): Promise<CategoryRule[]> {
  return q
    .select()
    .from(minorCategories)
    .where(eq(minorCategories.districtId, districtId))
    .orderBy(asc(minorCategories.sort), asc(minorCategories.id));
}

export async function upsertCategoryRow(
  tx: Tx,
  districtId: string,
  id: string,
  input: Omit<typeof minorCategories.$inferInsert, 'districtId' | 'id'>,
): Promise<CategoryRule> {
  const [row] = await tx
    .insert(minorCategories)
    .values({ districtId, id, ...input })
    .onConflictDoUpdate({ target: [minorCategories.districtId, minorCategories.id], set: input })
    .returning();
  return row!;
}
