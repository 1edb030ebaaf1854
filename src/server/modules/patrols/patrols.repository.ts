import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { buildings, orgUnits } from '../org/org.tables.js';
import { workOrderCategories, workOrderEvents, workOrders } from '../work-orders/work-orders.tables.js';
import { patrolCompounds, patrolFindings, patrols } from './patrols.tables.js';

/** All SQL of 网格巡查. */
/** The columns the access layer scopes a patrol list by (alias `p`). */
export const PATROL_COLS = { orgPath: sql`p.org_path`, workerUserId: sql`p.worker_user_id` };
export type PatrolRow = typeof patrols.$inferSelect;
export type FindingRow = typeof patrolFindings.$inferSelect;

const inList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

export function compoundsByIds(q: Queryable, districtId: string, ids: string[]) {
  return q
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), sql`${orgUnits.id} in (${inList(ids)})`));
}

export async function openPatrolOf(q: Queryable, districtId: string, userId: string) {
  const [p] = await q
    .select()
    .from(patrols)
    .where(and(eq(patrols.districtId, districtId), eq(patrols.workerUserId, userId), eq(patrols.status, 'open')))
    .limit(1);
  return p;
}

export async function insertPatrol(tx: Tx, row: typeof patrols.$inferInsert, compoundIds: string[]) {
  await tx.insert(patrols).values(row);
  await tx
    .insert(patrolCompounds)
    .values(compoundIds.map((compoundId) => ({ districtId: row.districtId, patrolId: row.id, compoundId })));
}

export async function loadPatrol(q: Queryable, districtId: string, id: string) {
  const [p] = await q
    .select()
    .from(patrols)
    .where(and(eq(patrols.districtId, districtId), eq(patrols.id, id)));
  return p;
}

export async function lockPatrol(tx: Queryable, districtId: string, id: string) {
  const [p] = await queryRows<{ status: string; ended_at: Date | null }>(
    tx,
    sql`select status, ended_at from ${patrols} where district_id = ${districtId} and id = ${id} for update`,
  );
  return p;
}

export function compoundsOf(q: Queryable, districtId: string, patrolIds: string[]) {
  if (!patrolIds.length) return Promise.resolve([]);
  return queryRows<{ patrol_id: string; id: string; name: string }>(
    q,
    sql`select pc.patrol_id, u.id, u.name from ${patrolCompounds} pc
      join ${orgUnits} u on u.district_id = pc.district_id and u.id = pc.compound_id
      where pc.district_id = ${districtId} and pc.patrol_id in (${inList(patrolIds)})
      order by u.name`,
  );
}

export interface FindingView extends FindingRow {
  compoundName: string;
  buildingName: string | null;
  categoryName: string;
  orderNo: string | null;
  orderStatus: string | null;
}

export function findingsOf(q: Queryable, districtId: string, where: SQL) {
  return q
    .select({
      f: patrolFindings,
      compoundName: orgUnits.name,
      buildingName: buildings.name,
      categoryName: workOrderCategories.name,
      orderNo: workOrders.no,
      orderStatus: workOrders.status,
    })
    .from(patrolFindings)
    .innerJoin(
      orgUnits,
      and(eq(orgUnits.districtId, patrolFindings.districtId), eq(orgUnits.id, patrolFindings.compoundId)),
    )
    .leftJoin(
      buildings,
      and(eq(buildings.districtId, patrolFindings.districtId), eq(buildings.id, patrolFindings.buildingId)),
    )
    .innerJoin(
      workOrderCategories,
      and(
        eq(workOrderCategories.districtId, patrolFindings.districtId),
        eq(workOrderCategories.id, patrolFindings.categoryId),
      ),
    )
    .leftJoin(
      workOrders,
      and(eq(workOrders.districtId, patrolFindings.districtId), eq(workOrders.id, patrolFindings.orderId)),
    )
    .where(and(eq(patrolFindings.districtId, districtId), where))
    .orderBy(patrolFindings.createdAt, patrolFindings.id);
}
export const byPatrol = (patrolId: string) => eq(patrolFindings.patrolId, patrolId);
export const byFindingId = (id: string) => eq(patrolFindings.id, id);
export const byOrder = (orderId: string) => eq(patrolFindings.orderId, orderId);
export const byKey = (userId: string, key: string) =>
  and(eq(patrolFindings.createdBy, userId), eq(patrolFindings.idempotencyKey, key))!;

/** The category and building named by a finding: do they exist, and is the building in the compound? */
export async function findingFacts(q: Queryable, districtId: string, categoryId: string, buildingId?: string) {
  const [r] = await queryRows<{ category_name: string | null; building_compound_id: string | null }>(
    q,
    sql`select (select c.name from ${workOrderCategories} c where c.district_id = ${districtId} and c.id = ${categoryId}) as category_name,
      (select b.compound_id from ${buildings} b where b.district_id = ${districtId} and b.id = ${buildingId ?? ''}) as building_compound_id`,
  );
  return r!;
}

export async function insertFinding(tx: Queryable, row: typeof patrolFindings.$inferInsert) {
  await tx.insert(patrolFindings).values(row);
}

/** The order's timeline names the patrol that raised it (in words on the web: who, when, which patrol). */
export async function insertPatrolEvent(
  tx: Queryable,
  e: { districtId: string; orderId: string; actorUserId: string; actorName: string; actorRole: string; at: Date },
  data: Record<string, unknown>,
) {
  await tx.insert(workOrderEvents).values({ ...e, type: 'patrol_finding', note: null, data });
}

export async function finishPatrolRow(
  tx: Tx,
  districtId: string,
  id: string,
  patch: { endedAt: Date; routeNote?: string; endLocation: string | null },
) {
  await tx
    .update(patrols)
    .set({ status: 'finished', ...patch })
    .where(and(eq(patrols.districtId, districtId), eq(patrols.id, id)));
}

export interface PatrolListRow {
  id: string;
  worker_name: string;
  status: 'open' | 'finished';
  started_at: Date | string;
  ended_at: Date | string | null;
  route_note: string;
  findings: number;
  orders_raised: number;
  total: number;
}

const MONTH = (col: SQL) => sql`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')`;

export function listPatrols(
  q: Queryable,
  o: {
    districtId: string;
    scope: SQL;
    month?: string;
    compoundId?: string;
    status?: string;
    workerUserId?: string;
    limit: number;
    offset: number;
  },
) {
  const where: SQL[] = [sql`p.district_id = ${o.districtId}`, o.scope];
  if (o.month) where.push(sql`${MONTH(sql`p.started_at`)} = ${o.month}`);
  if (o.status) where.push(sql`p.status = ${o.status}`);
  if (o.workerUserId) where.push(sql`p.worker_user_id = ${o.workerUserId}`);
  if (o.compoundId)
    where.push(
      sql`exists (select 1 from ${patrolCompounds} pc where pc.district_id = p.district_id and pc.patrol_id = p.id and pc.compound_id = ${o.compoundId})`,
    );
  return queryRows<PatrolListRow>(
    q,
    sql`select p.id, p.worker_name, p.status, p.started_at, p.ended_at, p.route_note,
        (select count(*)::int from ${patrolFindings} f where f.district_id = p.district_id and f.patrol_id = p.id) as findings,
        (select count(*)::int from ${patrolFindings} f where f.district_id = p.district_id and f.patrol_id = p.id and f.order_id is not null) as orders_raised,
        count(*) over ()::int as total
      from ${patrols} p where ${sql.join(where, sql` and `)}
      order by p.started_at desc, p.id limit ${o.limit} offset ${o.offset}`,
  );
}

export interface LedgerSqlRow {
  month: string;
  community_name: string;
  compound_id: string;
  compound_name: string;
  workers: string[];
  patrols: number;
  findings: number;
  resolved: number;
  orders_raised: number;
}

/** Per compound (网格) and month: patrols that covered it, its findings, resolved on the spot, orders raised. */
export function ledgerRows(q: Queryable, districtId: string, scope: SQL, from: string, to: string) {
  return queryRows<LedgerSqlRow>(
    q,
    sql`with pm as (
        select ${MONTH(sql`p.started_at`)} as month, pc.compound_id, p.id as patrol_id, p.worker_name
        from ${patrols} p join ${patrolCompounds} pc on pc.district_id = p.district_id and pc.patrol_id = p.id
        where p.district_id = ${districtId} and ${scope}
          and ${MONTH(sql`p.started_at`)} between ${from} and ${to}
      ), fm as (
        select pm.month, f.compound_id, count(*)::int as findings,
          count(*) filter (where f.outcome = 'resolved')::int as resolved,
          count(*) filter (where f.order_id is not null)::int as orders_raised
        from ${patrolFindings} f join (select distinct month, patrol_id from pm) pm on pm.patrol_id = f.patrol_id
        where f.district_id = ${districtId}
        group by pm.month, f.compound_id
      ), g as (
        select month, compound_id, count(distinct patrol_id)::int as patrols,
          array_agg(distinct worker_name order by worker_name) as workers
        from pm group by month, compound_id
      )
      select g.month, coalesce(cm.name, '') as community_name, g.compound_id, c.name as compound_name, g.workers,
        g.patrols, coalesce(fm.findings, 0) as findings, coalesce(fm.resolved, 0) as resolved,
        coalesce(fm.orders_raised, 0) as orders_raised
      from g join ${orgUnits} c on c.district_id = ${districtId} and c.id = g.compound_id
      left join ${orgUnits} cm on cm.district_id = c.district_id and cm.id = c.parent_id
      left join fm on fm.month = g.month and fm.compound_id = g.compound_id
      order by g.month, cm.name, c.name`,
  );
}
