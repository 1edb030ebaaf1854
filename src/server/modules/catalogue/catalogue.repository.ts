import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { workUnits } from '../org/org.tables.js';
import { workOrderCategories, workOrderEvents } from '../work-orders/work-orders.tables.js';
import { catalogueEntries, catalogueVersions } from './catalogue.tables.js';

/** All SQL of the dispatch catalogue (派单目录). */
export type CatalogueVersionRow = typeof catalogueVersions.$inferSelect;
export type CatalogueEntryRow = typeof catalogueEntries.$inferSelect;

export function listVersions(q: Queryable, districtId: string) {
  return q
    .select()
    .from(catalogueVersions)
    .where(eq(catalogueVersions.districtId, districtId))
    .orderBy(desc(catalogueVersions.effectiveFrom));
}

/** The version in force on a day (Asia/Shanghai date): the latest that took effect on or before it. */
export async function versionOn(q: Queryable, districtId: string, day: string) {
  const [v] = await q
    .select()
    .from(catalogueVersions)
    .where(and(eq(catalogueVersions.districtId, districtId), lte(catalogueVersions.effectiveFrom, day)))
    .orderBy(desc(catalogueVersions.effectiveFrom))
    .limit(1);
  return v;
}

export function entriesOf(q: Queryable, districtId: string, versionIds: string[]) {
  if (!versionIds.length) return Promise.resolve([] as CatalogueEntryRow[]);
  return q
    .select()
    .from(catalogueEntries)
    .where(
      and(
        eq(catalogueEntries.districtId, districtId),
        sql`${catalogueEntries.versionId} in (${sql.join(
          versionIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(asc(catalogueEntries.categoryId));
}

export async function entryOf(q: Queryable, districtId: string, versionId: string, categoryId: string) {
  const [e] = await q
    .select()
    .from(catalogueEntries)
    .where(
      and(
        eq(catalogueEntries.districtId, districtId),
        eq(catalogueEntries.versionId, versionId),
        eq(catalogueEntries.categoryId, categoryId),
      ),
    );
  return e;
}

export async function versionDateTaken(tx: Tx, districtId: string, day: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: catalogueVersions.id })
    .from(catalogueVersions)
    .where(and(eq(catalogueVersions.districtId, districtId), eq(catalogueVersions.effectiveFrom, day)))
    .for('update');
  return !!row;
}

export async function insertVersion(
  tx: Tx,
  version: typeof catalogueVersions.$inferInsert,
  entries: (typeof catalogueEntries.$inferInsert)[],
) {
  await tx.insert(catalogueVersions).values(version);
  if (entries.length) await tx.insert(catalogueEntries).values(entries);
}

/** Categories with their parent, and the district's departments, to name and check entries. */
export function categoryRows(q: Queryable, districtId: string) {
  return q
    .select({
      id: workOrderCategories.id,
      name: workOrderCategories.name,
      parentId: workOrderCategories.parentId,
      handleDays: workOrderCategories.handleDays,
    })
    .from(workOrderCategories)
    .where(eq(workOrderCategories.districtId, districtId));
}
export function departmentRows(q: Queryable, districtId: string) {
  return q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.kind, 'department')));
}

/** Returns blamed on the catalogue, per version and category (the entry's own miss count). */
export function catalogueMisses(q: Queryable, districtId: string) {
  const e = workOrderEvents;
  return queryRows<{ version_id: string; category_id: string; misses: number }>(
    q,
    sql`select ${e.data}->>'catalogueVersionId' as version_id, ${e.data}->>'catalogueCategoryId' as category_id,
          count(*)::int as misses
        from ${e}
        where ${e.districtId} = ${districtId} and ${e.type} = 'returned' and ${e.data}->>'cause' = 'catalogue'
        group by 1, 2`,
  );
}
