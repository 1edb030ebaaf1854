import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { orgUnits, workUnits } from '../org/org.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { whistleSummons, whistles } from './whistles.tables.js';

/** All SQL of 吹哨报到. */
export type WhistleRow = typeof whistles.$inferSelect;
export type SummonRow = typeof whistleSummons.$inferSelect;

export async function orgUnitById(q: Queryable, districtId: string, id: string) {
  const [u] = await q
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return u;
}

export function departmentsByIds(q: Queryable, districtId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
  return q
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.kind, 'department'), inArray(workUnits.id, ids)));
}

export async function insertWhistle(
  tx: Tx,
  row: typeof whistles.$inferInsert,
  summons: (typeof whistleSummons.$inferInsert)[],
) {
  await tx.insert(whistles).values(row);
  await tx.insert(whistleSummons).values(summons);
}

export async function lockWhistle(tx: Tx, districtId: string, id: string) {
  const [w] = await tx
    .select()
    .from(whistles)
    .where(and(eq(whistles.districtId, districtId), eq(whistles.id, id)))
    .for('update');
  return w;
}

export async function whistleById(q: Queryable, districtId: string, id: string) {
  const [w] = await q
    .select()
    .from(whistles)
    .where(and(eq(whistles.districtId, districtId), eq(whistles.id, id)));
  return w;
}

export function summonsOf(q: Queryable, districtId: string, whistleIds: string[]) {
  if (!whistleIds.length) return Promise.resolve([] as SummonRow[]);
  return q
    .select()
    .from(whistleSummons)
    .where(and(eq(whistleSummons.districtId, districtId), inArray(whistleSummons.whistleId, whistleIds)))
    .orderBy(asc(whistleSummons.workUnitId));
}

export async function updateSummon(
  tx: Tx,
  districtId: string,
  whistleId: string,
  workUnitId: string,
  set: Partial<typeof whistleSummons.$inferInsert>,
) {
  await tx
    .update(whistleSummons)
    .set(set)
    .where(
      and(
        eq(whistleSummons.districtId, districtId),
        eq(whistleSummons.whistleId, whistleId),
        eq(whistleSummons.workUnitId, workUnitId),
      ),
    );
}

/** The columns the access layer's list predicate reads. */
export const whistleScopeColumns = {
  districtId: sql`${whistles.districtId}`,
  id: sql`${whistles.id}`,
  orgPath: sql`${whistles.orgPath}`,
};

/** The whistles the scope predicate lets through, newest appointment first. */
export function listWhistles(
  q: Queryable,
  districtId: string,
  scope: SQL,
  filter: { status?: string; start?: Date; end?: Date },
) {
  const parts: SQL[] = [eq(whistles.districtId, districtId), scope];
  if (filter.status) parts.push(sql`${whistles.status} = ${filter.status}`);
  if (filter.start && filter.end)
    parts.push(
      sql`${whistles.onSiteAt} >= ${filter.start.toISOString()} and ${whistles.onSiteAt} < ${filter.end.toISOString()}`,
    );
  return q
    .select()
    .from(whistles)
    .where(and(...parts))
    .orderBy(desc(whistles.onSiteAt), asc(whistles.id))
    .limit(200);
}

/** Names to show: compounds, departments, linked orders' numbers. */
export async function namesFor(q: Queryable, districtId: string, rows: WhistleRow[], summons: SummonRow[]) {
  const compoundIds = [...new Set(rows.map((r) => r.compoundId))];
  const unitIds = [...new Set(summons.map((s) => s.workUnitId))];
  const orderIds = [...new Set(rows.map((r) => r.orderId).filter((x): x is string => !!x))];
  const [compounds, units, orders] = await Promise.all([
    compoundIds.length
      ? q
          .select({ id: orgUnits.id, name: orgUnits.name })
          .from(orgUnits)
          .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, compoundIds)))
      : [],
    departmentsByIds(q, districtId, unitIds),
    orderIds.length
      ? q
          .select({ id: workOrders.id, no: workOrders.no })
          .from(workOrders)
          .where(and(eq(workOrders.districtId, districtId), inArray(workOrders.id, orderIds)))
      : [],
  ]);
  return {
    compound: new Map(compounds.map((c) => [c.id, c.name])),
    department: new Map(units.map((u) => [u.id, u.name])),
    orderNo: new Map(orders.map((o) => [o.id, o.no])),
  };
}

/** One summons as the month's figures see it: appointed in the window, facts as they stood at asOf. */
export interface SummonFact {
  work_unit_id: string;
  on_site_at: Date;
  grace_minutes: number;
  checked_in_at: Date | null;
  closed_at: Date | null;
  rating: string | null;
}

export function summonFacts(q: Queryable, districtId: string, start: Date, end: Date, asOf: Date) {
  const w = whistles;
  const s = whistleSummons;
  const at = asOf.toISOString();
  return queryRows<SummonFact>(
    q,
    sql`select ${s.workUnitId} as work_unit_id, ${w.onSiteAt} as on_site_at, ${w.graceMinutes} as grace_minutes,
          case when ${s.checkedInAt} <= ${at} then ${s.checkedInAt} end as checked_in_at,
          case when ${w.closedAt} <= ${at} then ${w.closedAt} end as closed_at,
          case when ${s.ratedAt} <= ${at} then ${s.rating} end as rating
        from ${s} join ${w} on ${w.districtId} = ${s.districtId} and ${w.id} = ${s.whistleId}
        where ${s.districtId} = ${districtId} and ${w.onSiteAt} >= ${start.toISOString()}
          and ${w.onSiteAt} < ${end.toISOString()} and ${w.openedAt} <= ${at}`,
  );
}
