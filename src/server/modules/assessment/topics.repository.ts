import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { prefixPattern } from '../../lib/like.js';
import { orgUnits } from '../org/org.tables.js';
import { workOrderCategories, workOrders } from '../work-orders/work-orders.tables.js';
import { governanceTopicActions, governanceTopics } from './assessment.tables.js';

/**
 * Every query of 每月一题 / 治理课题. The candidate counts are bounded by the window (the month and a few
 * before it) and the caller's order scope; titles are read for the last months only, capped.
 */
const o = workOrders;
const t = governanceTopics;
const a = governanceTopicActions;
const month = sql`to_char(${o.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
const inMonths = (first: string, last: string) =>
  sql`${o.createdAt} >= (${`${first}-01`}::date::timestamp at time zone 'Asia/Shanghai')
    and ${o.createdAt} < ((${`${last}-01`}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`;

export const orderScopeColumns = {
  districtId: sql`${o.districtId}`,
  id: sql`${o.id}`,
  orgPath: sql`${o.orgPath}`,
  reporterUserId: sql`${o.reporterUserId}`,
};

/** Orders per (compound, its path, category, month) in the window, merged duplicates left out. */
export async function compoundMonthCounts(q: Queryable, districtId: string, first: string, last: string, scope: SQL) {
  return queryRows<{ compound_id: string; org_path: string; category_id: string; month: string; n: number }>(
    q,
    sql`select ${o.compoundId} as compound_id, ${o.orgPath} as org_path, ${o.categoryId} as category_id,
      ${month} as month, count(*)::int as n
    from ${o}
    where ${o.districtId} = ${districtId} and ${o.mergedInto} is null and ${inMonths(first, last)} and ${scope}
    group by 1, 2, 3, 4`,
  );
}

/** The titles of the window's orders for clustering, newest first, at most `limit`. */
export async function titledOrders(
  q: Queryable,
  districtId: string,
  first: string,
  last: string,
  scope: SQL,
  limit: number,
) {
  return queryRows<{ id: string; title: string; month: string; compound_id: string; category_id: string }>(
    q,
    sql`select ${o.id}, ${o.title}, ${month} as month, ${o.compoundId} as compound_id, ${o.categoryId} as category_id
    from ${o}
    where ${o.districtId} = ${districtId} and ${o.mergedInto} is null and ${inMonths(first, last)} and ${scope}
    order by ${o.createdAt} desc, ${o.id} limit ${limit}`,
  );
}

export async function orgNames(q: Queryable, districtId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await q
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function orgNamesByPath(q: Queryable, districtId: string, paths: string[]) {
  if (!paths.length) return new Map<string, string>();
  const rows = await q
    .select({ path: orgUnits.path, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.path, paths)));
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** The compounds among these ids (pilots must be compounds of the district). */
export async function compoundIds(q: Queryable, districtId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await q
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, ids), eq(orgUnits.kind, 'compound')));
  return rows.map((r) => r.id);
}

export async function categoryNames(q: Queryable, districtId: string) {
  const rows = await q
    .select({ id: workOrderCategories.id, name: workOrderCategories.name })
    .from(workOrderCategories)
    .where(eq(workOrderCategories.districtId, districtId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type TopicRow = typeof governanceTopics.$inferSelect;
export type TopicActionRow = typeof governanceTopicActions.$inferSelect;

export async function topicById(q: Queryable, districtId: string, id: string, forUpdate = false) {
  const base = q
    .select()
    .from(t)
    .where(and(eq(t.districtId, districtId), eq(t.id, id)));
  const rows = forUpdate ? await base.for('update') : await base;
  return rows[0] ?? null;
}

export async function topicBySource(q: Queryable, districtId: string, kind: string, key: string) {
  const rows = await q
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.districtId, districtId), sql`${t.sourceKind} = ${kind}`, eq(t.sourceKey, key)));
  return rows[0]?.id ?? null;
}

/** Which candidates are already topics: `kind|key` → topic id. */
export async function topicSources(q: Queryable, districtId: string) {
  const rows = await q
    .select({ id: t.id, kind: t.sourceKind, key: t.sourceKey })
    .from(t)
    .where(eq(t.districtId, districtId));
  return new Map(rows.map((r) => [`${r.kind}|${r.key}`, r.id]));
}

export async function listTopics(q: Queryable, districtId: string, scope: SQL) {
  return q
    .select()
    .from(t)
    .where(and(eq(t.districtId, districtId), scope))
    .orderBy(asc(t.startMonth), asc(t.id));
}

export const topicColumns = { orgPath: sql`${t.orgPath}` };

export async function actionsOf(q: Queryable, districtId: string, topicIds: string[]) {
  if (!topicIds.length) return [];
  return q
    .select()
    .from(a)
    .where(and(eq(a.districtId, districtId), inArray(a.topicId, topicIds)))
    .orderBy(asc(a.dueDate), asc(a.id));
}

export async function actionById(q: Queryable, districtId: string, topicId: string, id: string) {
  const rows = await q
    .select()
    .from(a)
    .where(and(eq(a.districtId, districtId), eq(a.topicId, topicId), eq(a.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertTopic(tx: Tx, row: typeof governanceTopics.$inferInsert) {
  await tx.insert(t).values(row);
}

export async function insertTopicAction(tx: Tx, row: typeof governanceTopicActions.$inferInsert) {
  await tx.insert(a).values(row);
}

/** Orders of a category per month in the window, split by pilot compound or not. */
export async function effectCounts(
  q: Queryable,
  districtId: string,
  f: { categoryId: string; pilots: string[]; first: string; last: string; orgPath: string },
) {
  const pilots = f.pilots.length ? sql`${o.compoundId} in (${sql.join(f.pilots, sql`, `)})` : sql`false`;
  return queryRows<{ month: string; pilot: boolean; n: number }>(
    q,
    sql`select ${month} as month, ${pilots} as pilot, count(*)::int as n
    from ${o}
    where ${o.districtId} = ${districtId} and ${o.categoryId} = ${f.categoryId} and ${o.mergedInto} is null
      and ${o.orgPath} like ${prefixPattern(f.orgPath)} and ${inMonths(f.first, f.last)}
    group by 1, 2`,
  );
}
