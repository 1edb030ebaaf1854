import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { workOrders } from '../../work-orders/work-orders.tables.js';
import type { ClaimableOrder, Task } from '../../../../shared/volunteers.schema.js';
import { compoundReports, serviceTasks } from '../volunteers.tables.js';

/** 认领任务: a compound's tasks and visits, and the work orders its members lend a hand with. */
const TASK_SELECT = sql`
  select t.id, t.compound_id as "compoundId", c.name as "compoundName", t.kind, t.title, t.description, t.work_order_id as "workOrderId", o.no as "workOrderNo",
    t.hours_estimate::float8 as "hoursEstimate", t.status, t.claimed_by as "claimedBy", p.name as "claimedByName", t.version
  from ${serviceTasks} t
  join ${orgUnits} c on c.district_id = t.district_id and c.id = t.compound_id
  left join ${workOrders} o on o.district_id = t.district_id and o.id = t.work_order_id
  left join ${people} p on p.district_id = t.district_id and p.id = t.claimed_by`;

export async function taskView(q: Queryable, districtId: string, id: string): Promise<Task | undefined> {
  const [t] = await queryRows<Task>(q, sql`${TASK_SELECT} where t.district_id = ${districtId} and t.id = ${id}`);
  return t;
}

/** The tasks of the actor's subtree, newest first. */
export async function listTasks(
  q: Queryable,
  actor: Actor,
  f: { compoundId?: string; status?: Task['status']; limit: number },
): Promise<Task[]> {
  const limit = f.limit;
  const where: SQL[] = [
    sql`t.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'task', { orgPath: sql`t.org_path` }),
  ];
  if (f.compoundId) where.push(sql`t.compound_id = ${f.compoundId}`);
  if (f.status) where.push(sql`t.status = ${f.status}`);
  return queryRows<Task>(
    q,
    sql`${TASK_SELECT} where ${sql.join(where, sql` and `)} order by t.created_at desc limit ${limit}`,
  );
}

const inList = (paths: string[]) =>
  sql.join(
    paths.map((p) => sql`${p}`),
    sql`, `,
  );

/** Open tasks of these compounds, and the person's own claims there. */
export async function tasksFor(q: Queryable, districtId: string, personId: string, paths: string[]): Promise<Task[]> {
  return queryRows<Task>(
    q,
    sql`${TASK_SELECT} where t.district_id = ${districtId} and t.org_path in (${inList(paths)})
    and (t.status = 'open' or t.claimed_by = ${personId}) order by t.created_at desc limit 100`,
  );
}

/** Open work orders of these compounds, to lend a hand with (the order's own flow stays with its module). */
export async function claimableOrders(q: Queryable, districtId: string, paths: string[]): Promise<ClaimableOrder[]> {
  return queryRows<ClaimableOrder>(
    q,
    sql`
    select o.id, o.no, o.title, c.name as "compoundName", o.status,
      exists (select 1 from ${serviceTasks} t where t.district_id = o.district_id and t.work_order_id = o.id and t.status <> 'cancelled') as claimed
    from ${workOrders} o join ${orgUnits} c on c.district_id = o.district_id and c.id = o.compound_id
    where o.district_id = ${districtId} and o.org_path in (${inList(paths)}) and o.status in ('accepted', 'dispatched') and o.merged_into is null
    order by o.created_at desc limit 50`,
  );
}

/** The compounds a person may serve: where they live and where they reported to. */
export async function compoundPathsOf(q: Queryable, districtId: string, personId: string): Promise<string[]> {
  const rows = await queryRows<{ path: string }>(
    q,
    sql`
    select p.org_path as path from ${people} p where p.district_id = ${districtId} and p.id = ${personId}
    union select r.org_path from ${compoundReports} r where r.district_id = ${districtId} and r.person_id = ${personId} and r.is_active`,
  );
  return rows.map((r) => r.path);
}

export async function insertTask(q: Queryable, row: typeof serviceTasks.$inferInsert): Promise<void> {
  await q.insert(serviceTasks).values(row);
}

export interface TaskRow {
  status: Task['status'];
  claimedBy: string | null;
  kind: Task['kind'];
  title: string;
  compoundId: string;
  orgPath: string;
}

export async function lockTask(q: Queryable, districtId: string, id: string): Promise<TaskRow | undefined> {
  const t = serviceTasks;
  const [row] = await q
    .select({
      status: t.status,
      claimedBy: t.claimedBy,
      kind: t.kind,
      title: t.title,
      compoundId: t.compoundId,
      orgPath: t.orgPath,
    })
    .from(t)
    .where(and(eq(t.districtId, districtId), eq(t.id, id)))
    .for('update');
  return row;
}

export async function updateTask(
  q: Queryable,
  districtId: string,
  id: string,
  set: Partial<typeof serviceTasks.$inferInsert>,
): Promise<void> {
  await q
    .update(serviceTasks)
    .set({ ...set, version: sql`${serviceTasks.version} + 1` })
    .where(and(eq(serviceTasks.districtId, districtId), eq(serviceTasks.id, id)));
}

export interface OrderRow {
  id: string;
  no: string;
  title: string;
  compoundId: string;
  orgPath: string;
  status: string;
  mergedInto: string | null;
}

export async function lockOrder(q: Queryable, districtId: string, id: string): Promise<OrderRow | undefined> {
  const o = workOrders;
  const [row] = await q
    .select({
      id: o.id,
      no: o.no,
      title: o.title,
      compoundId: o.compoundId,
      orgPath: o.orgPath,
      status: o.status,
      mergedInto: o.mergedInto,
    })
    .from(o)
    .where(and(eq(o.districtId, districtId), eq(o.id, id)))
    .for('update');
  return row;
}
