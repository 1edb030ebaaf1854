import { and, asc, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.js';
import { workUnits } from '../../org/org.tables.js';
import { workOrderCategories } from '../work-orders.tables.js';

/** Request categories (诉求分类) and the work units orders are dispatched to. */
export function listCategories(q: Queryable, districtId: string) {
  return q
    .select()
    .from(workOrderCategories)
    .where(eq(workOrderCategories.districtId, districtId))
    .orderBy(asc(workOrderCategories.id));
}

export async function findCategory(q: Queryable, districtId: string, id: string) {
  const [c] = await q
    .select()
    .from(workOrderCategories)
    .where(and(eq(workOrderCategories.districtId, districtId), eq(workOrderCategories.id, id)));
  return c;
}

export async function upsertCategoryRow(
  tx: Tx,
  districtId: string,
  values: Omit<typeof workOrderCategories.$inferInsert, 'districtId'>,
) {
  await tx
    .insert(workOrderCategories)
    .values({ districtId, ...values })
    .onConflictDoUpdate({ target: [workOrderCategories.districtId, workOrderCategories.id], set: values });
}

export function listWorkUnits(q: Queryable, districtId: string, functionalOnly: boolean) {
  return q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(
      functionalOnly
        ? and(eq(workUnits.districtId, districtId), eq(workUnits.isFunctionalDepartment, true))
        : eq(workUnits.districtId, districtId),
    )
    .orderBy(asc(workUnits.id));
}
