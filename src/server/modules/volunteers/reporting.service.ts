import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable } from '../../db/client.js';
import { badRequest, conflict, forbidden } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/working-days.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { recordEvents } from '../work-orders/work-orders.service.js';
import type {
  AssessmentConfigBody,
  AssessmentConfigDto,
  ClaimableOrderDto,
  CreateTaskBody,
  MemberRowDto,
  MembersQuery,
  MyTasksDto,
  SummaryDto,
  SummaryQuery,
  TaskDto,
  TasksQuery,
} from './volunteers.schema.js';
import { must } from '../../lib/must.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import type { AssessmentGrades, AssessmentItem } from './volunteers.tables.js';

/**
 * 双报到: in-service party members and riders report to a compound, claim its tasks (including its
 * open work orders), and their confirmed hours roll up per month to the compound and to their work
 * unit; the assessment (在职党员进小区报到服务管理考核) scores them by the district's configuration.
 */
type MemberRow = z.infer<typeof MemberRowDto>;
type Task = z.infer<typeof TaskDto>;
type Config = z.infer<typeof AssessmentConfigDto>;

export const DEFAULT_ASSESSMENT: { items: AssessmentItem[]; grades: AssessmentGrades } = {
  items: [
    { key: 'reported', label: '按时到小区报到', pointsPerUnit: 20, max: 20 },
    { key: 'monthly_hours', label: '月服务时长（每小时）', pointsPerUnit: 2, max: 40 },
    { key: 'tasks_done', label: '认领并完成任务（每项）', pointsPerUnit: 5, max: 20 },
    { key: 'activities', label: '参加志愿活动（每场）', pointsPerUnit: 2, max: 10 },
    { key: 'work_orders', label: '协助办理工单（每件）', pointsPerUnit: 5, max: 10 },
  ],
  grades: { excellent: 90, good: 75, pass: 60 },
};

const currentMonth = () => shanghaiDate(new Date()).slice(0, 7);
function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** Who sees which reported members: staff their subtree, a department its own people. */
function reportVisibility(actor: Actor): SQL {
  return scopeWhere(actor, 'compoundReport', { orgPath: sql`r.org_path`, workUnitId: sql`r.work_unit_id` });
}

async function scopedPath(q: Queryable, actor: Actor, orgUnitId?: string): Promise<string | null> {
  if (!orgUnitId) return null;
  const [u] = await queryRows<{ path: string }>(
    q,
    sql`select path from org_units where district_id = ${actor.districtId} and id = ${orgUnitId}`,
  );
  const path = must(u, 'ORG_UNIT_NOT_FOUND', '找不到该组织单位。').path;
  requireAccess(actor, 'reportingUnit', { orgPath: path });
  return path;
}

// ───────────────────────── reporting to compounds ─────────────────────────

export async function reportToCompound(
  ctx: AppContext,
  actor: Actor,
  input: { personId: string; compoundId: string; kind: 'in_service_party_member' | 'rider' },
  ip?: string,
): Promise<MemberRow> {
  const [c] = await queryRows<{ id: string; path: string; kind: string }>(
    ctx.db,
    sql`select id, path, kind from org_units where district_id = ${actor.districtId} and id = ${input.compoundId}`,
  );
  const compound = must(c, 'COMPOUND_NOT_FOUND', '找不到该小区。');
  if (compound.kind !== 'compound') throw badRequest('COMPOUND_REQUIRED', '只能向小区报到，请选择具体小区。');
  requireAccess(actor, 'orgUnit', { orgPath: compound.path }, 'write', { what: '该小区' });
  const [p] = await queryRows<{ tags: string[]; work_unit_id: string | null }>(
    ctx.db,
    sql`select tags, work_unit_id from people where district_id = ${actor.districtId} and id = ${input.personId}`,
  );
  const person = must(p, 'PERSON_NOT_FOUND', '找不到该人员。');
  if (!person.tags.includes(input.kind)) {
    throw badRequest(
      'REPORT_KIND_MISMATCH',
      input.kind === 'rider'
        ? '此人未登记为快递外卖小哥，请先在人口信息中添加标签。'
        : '此人未登记为在职党员（含工作单位），请先在人口信息中添加标签。',
    );
  }
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into compound_reports (district_id, person_id, kind, compound_id, org_path, work_unit_id, reported_on)
      values (${actor.districtId}, ${input.personId}, ${input.kind}, ${compound.id}, ${compound.path}, ${person.work_unit_id}, ${shanghaiDate(new Date())})
      on conflict (district_id, person_id) do update set kind = excluded.kind, compound_id = excluded.compound_id, org_path = excluded.org_path,
        work_unit_id = excluded.work_unit_id, reported_on = excluded.reported_on, is_active = true`);
    await writeAudit(
      tx,
      actor,
      {
        action: 'compound_report.report',
        entityType: 'person',
        entityId: input.personId,
        detail: { compoundId: compound.id, kind: input.kind },
      },
      ip,
    );
  });
  const { items } = await listMembers(ctx, actor, { limit: 5000 });
  return must(
    items.find((m) => m.personId === input.personId),
    'PERSON_NOT_FOUND',
    '找不到该人员。',
  );
}

export async function getAssessmentConfig(ctx: AppContext, actor: Actor, year: number): Promise<Config> {
  const [c] = await queryRows<{ items: AssessmentItem[]; grades: AssessmentGrades; version: number }>(
    ctx.db,
    sql`
    select items, grades, version from assessment_configs where district_id = ${actor.districtId} and year = ${year}`,
  );
  return c
    ? { year, items: c.items, grades: c.grades, version: c.version }
    : { year, ...DEFAULT_ASSESSMENT, version: 0 };
}

export async function saveAssessmentConfig(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof AssessmentConfigBody>,
  ip?: string,
): Promise<Config> {
  const keys = input.items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) throw badRequest('ASSESSMENT_DUPLICATE_ITEM', '考核指标不能重复。');
  const { excellent, good, pass } = input.grades;
  if (!(excellent > good && good > pass))
    throw badRequest('ASSESSMENT_GRADES_INVALID', '等次分数线须满足：优秀 > 良好 > 合格。');
  const total = input.items.reduce((s, i) => s + i.max, 0);
  if (total < excellent)
    throw badRequest('ASSESSMENT_UNREACHABLE', `各项满分合计 ${total} 分，低于优秀分数线 ${excellent}，请调整。`);
  await ctx.db.transaction(async (tx) => {
    const rows =
      input.version === 0
        ? await queryRows(
            tx,
            sql`insert into assessment_configs (district_id, year, items, grades, updated_by) values (${actor.districtId}, ${input.year}, ${JSON.stringify(input.items)}::jsonb, ${JSON.stringify(input.grades)}::jsonb, ${actor.userId})
          on conflict do nothing returning year`,
          )
        : await queryRows(
            tx,
            sql`update assessment_configs set items = ${JSON.stringify(input.items)}::jsonb, grades = ${JSON.stringify(input.grades)}::jsonb, updated_by = ${actor.userId},
          updated_at = now(), version = version + 1 where district_id = ${actor.districtId} and year = ${input.year} and version = ${input.version} returning year`,
          );
    if (rows.length === 0) throw conflict('VERSION_CONFLICT', '考核规则已被他人修改，请刷新后再保存。');
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment_config.save',
        entityType: 'assessment_config',
        entityId: String(input.year),
        detail: { items: input.items, grades: input.grades },
      },
      ip,
    );
  });
  return getAssessmentConfig(ctx, actor, input.year);
}

function score(
  config: Config,
  m: { reported: boolean; hours: number; tasksDone: number; activities: number; workOrders: number },
): { score: number; grade: MemberRow['grade'] } {
  const value: Record<AssessmentItem['key'], number> = {
    reported: m.reported ? 1 : 0,
    monthly_hours: m.hours,
    tasks_done: m.tasksDone,
    activities: m.activities,
    work_orders: m.workOrders,
  };
  const s =
    Math.round(config.items.reduce((sum, i) => sum + Math.min(i.max, value[i.key] * i.pointsPerUnit), 0) * 10) / 10;
  const g = config.grades;
  return { score: s, grade: s >= g.excellent ? 'excellent' : s >= g.good ? 'good' : s >= g.pass ? 'pass' : 'fail' };
}

export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  input: Partial<z.infer<typeof MembersQuery>> & { limit: number },
): Promise<{ month: string; items: MemberRow[] }> {
  const month = input.month ?? currentMonth();
  const [from, to] = monthRange(month);
  const path = await scopedPath(ctx.db, actor, input.orgUnitId);
  const config = await getAssessmentConfig(ctx, actor, Number(month.slice(0, 4)));
  const rows = await queryRows<{
    personId: string;
    name: string;
    kind: MemberRow['kind'];
    compoundId: string;
    compoundName: string;
    workUnitName: string | null;
    hours: number;
    tasksDone: number;
    activities: number;
    workOrders: number;
  }>(
    ctx.db,
    sql`
    with m as (
      select r.person_id, r.kind, r.compound_id, r.work_unit_id from compound_reports r
      where r.district_id = ${actor.districtId} and r.is_active and ${reportVisibility(actor)}
        ${path ? sql`and r.org_path like ${path + '%'}` : sql``} ${input.kind ? sql`and r.kind = ${input.kind}` : sql``}),
    h as (
      select s.person_id, sum(s.hours)::float8 as hours,
        count(*) filter (where s.source in ('task', 'visit'))::int as tasks, count(*) filter (where s.source = 'activity')::int as acts,
        count(*) filter (where s.source = 'work_order')::int as orders
      from service_records s join m on m.person_id = s.person_id
      where s.district_id = ${actor.districtId} and s.status = 'confirmed' and s.served_on >= ${from}::date and s.served_on < ${to}::date
      group by s.person_id)
    select m.person_id as "personId", p.name, m.kind, m.compound_id as "compoundId", c.name as "compoundName", w.name as "workUnitName",
      coalesce(h.hours, 0)::float8 as hours, coalesce(h.tasks, 0) as "tasksDone", coalesce(h.acts, 0) as activities, coalesce(h.orders, 0) as "workOrders"
    from m join people p on p.district_id = ${actor.districtId} and p.id = m.person_id
    join org_units c on c.district_id = ${actor.districtId} and c.id = m.compound_id
    left join work_units w on w.district_id = ${actor.districtId} and w.id = m.work_unit_id
    left join h on h.person_id = m.person_id
    order by hours desc, p.name limit ${input.limit}`,
  );
  return { month, items: rows.map((r) => ({ ...r, ...score(config, { ...r, reported: true }) })) };
}

export async function summary(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof SummaryQuery>,
): Promise<z.infer<typeof SummaryDto>> {
  const month = input.month ?? currentMonth();
  const [from, to] = monthRange(month);
  const path = await scopedPath(ctx.db, actor, input.orgUnitId);
  const vis = sql`r.district_id = ${actor.districtId} and r.is_active and ${reportVisibility(actor)} ${path ? sql`and r.org_path like ${path + '%'}` : sql``}`;
  const [t] = await queryRows<{ party: number; riders: number; units: number }>(
    ctx.db,
    sql`
    select count(*) filter (where r.kind = 'in_service_party_member')::int as party, count(*) filter (where r.kind = 'rider')::int as riders,
      count(distinct r.work_unit_id)::int as units from compound_reports r where ${vis}`,
  );
  const teamScope = scopeWhere(actor, 'reportingSummary', { orgPath: sql`t.org_path` });
  const [teams] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from volunteer_teams t where t.district_id = ${actor.districtId} and ${teamScope} ${path ? sql`and t.org_path like ${path + '%'}` : sql``}`,
  );
  const [acts] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from volunteer_activities t where t.district_id = ${actor.districtId} and ${teamScope}
    ${path ? sql`and t.org_path like ${path + '%'}` : sql``} and t.starts_at >= ${`${month.slice(0, 4)}-01-01T00:00:00+08:00`}::timestamptz and t.status <> 'cancelled'`,
  );
  const hoursOf = (f: string, tt: string) => sql`
    select r.person_id, r.kind, r.compound_id, r.work_unit_id, coalesce((select sum(s.hours) from service_records s where s.district_id = r.district_id and s.person_id = r.person_id
      and s.status = 'confirmed' and s.served_on >= ${f}::date and s.served_on < ${tt}::date), 0)::float8 as hours
    from compound_reports r where ${vis}`;
  const [tot] = await queryRows<{ hours: number; avg: number }>(
    ctx.db,
    sql`with x as (${hoursOf(from, to)})
    select coalesce(sum(hours), 0)::float8 as hours, coalesce(avg(hours) filter (where kind = 'in_service_party_member'), 0)::float8 as avg from x`,
  );
  const groupKey = input.by === 'work_unit' ? sql`x.work_unit_id` : sql`x.compound_id`;
  const groupName =
    input.by === 'work_unit'
      ? sql`(select name from work_units w where w.district_id = ${actor.districtId} and w.id = x.work_unit_id)`
      : sql`(select name from org_units o where o.district_id = ${actor.districtId} and o.id = x.compound_id)`;
  const groups = await queryRows<{ id: string; name: string; members: number; hours: number; avgHours: number }>(
    ctx.db,
    sql`
    with x as (${hoursOf(from, to)}) select ${groupKey} as id, ${groupName} as name, count(*)::int as members, sum(hours)::float8 as hours,
      coalesce(round((avg(hours) filter (where x.kind = 'in_service_party_member'))::numeric, 1), 0)::float8 as "avgHours"
    from x where ${groupKey} is not null and (${input.by === 'work_unit' ? sql`x.kind = 'in_service_party_member'` : sql`true`})
    group by ${groupKey} order by hours desc limit 200`,
  );
  const trend: { month: string; avgHours: number; members: number }[] = [];
  for (let i = 5; i >= 0; i--) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const mm = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const [f, tt] = monthRange(mm);
    const [row] = await queryRows<{ avg: number; n: number }>(
      ctx.db,
      sql`with x as (${hoursOf(f, tt)})
      select coalesce(round(avg(hours)::numeric, 1), 0)::float8 as avg, count(*)::int as n from x where kind = 'in_service_party_member'`,
    );
    trend.push({ month: mm, avgHours: row?.avg ?? 0, members: row?.n ?? 0 });
  }
  return {
    month,
    totals: {
      partyMembers: t?.party ?? 0,
      riders: t?.riders ?? 0,
      workUnits: t?.units ?? 0,
      teams: teams?.n ?? 0,
      activitiesThisYear: acts?.n ?? 0,
      hours: Math.round((tot?.hours ?? 0) * 10) / 10,
      avgHoursPerPartyMember: Math.round((tot?.avg ?? 0) * 10) / 10,
    },
    groups: groups.map((g) => ({ ...g, name: g.name ?? g.id })),
    trend,
  };
}

export async function membersWorkbook(
  ctx: AppContext,
  actor: Actor,
  input: Partial<z.infer<typeof MembersQuery>>,
): Promise<Buffer> {
  const { month, items } = await listMembers(ctx, actor, { ...input, limit: 5000 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`报到服务考核 ${month}`);
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '类别', key: 'kind', width: 12 },
    { header: '报到小区', key: 'compoundName', width: 18 },
    { header: '工作单位', key: 'workUnitName', width: 28 },
    { header: '服务时长（小时）', key: 'hours', width: 16 },
    { header: '完成任务', key: 'tasksDone', width: 10 },
    { header: '参加活动', key: 'activities', width: 10 },
    { header: '协办工单', key: 'workOrders', width: 10 },
    { header: '考核得分', key: 'score', width: 10 },
    { header: '等次', key: 'grade', width: 8 },
  ];
  const GRADE = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as const;
  for (const r of items)
    ws.addRow({ ...r, kind: r.kind === 'rider' ? '快递外卖小哥' : '在职党员', grade: GRADE[r.grade] });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ───────────────────────── tasks ─────────────────────────

const TASK_SELECT = sql`
  select t.id, t.compound_id as "compoundId", c.name as "compoundName", t.kind, t.title, t.description, t.work_order_id as "workOrderId", o.no as "workOrderNo",
    t.hours_estimate::float8 as "hoursEstimate", t.status, t.claimed_by as "claimedBy", p.name as "claimedByName", t.version
  from service_tasks t
  join org_units c on c.district_id = t.district_id and c.id = t.compound_id
  left join work_orders o on o.district_id = t.district_id and o.id = t.work_order_id
  left join people p on p.district_id = t.district_id and p.id = t.claimed_by`;

async function taskById(q: Queryable, districtId: string, id: string): Promise<Task> {
  const [t] = await queryRows<Task>(q, sql`${TASK_SELECT} where t.district_id = ${districtId} and t.id = ${id}`);
  return must(t, 'TASK_NOT_FOUND', '找不到该任务。');
}

export async function listTasks(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof TasksQuery>,
): Promise<{ items: Task[] }> {
  const where: SQL[] = [
    sql`t.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'task', { orgPath: sql`t.org_path` }),
  ];
  if (input.compoundId) where.push(sql`t.compound_id = ${input.compoundId}`);
  if (input.status) where.push(sql`t.status = ${input.status}`);
  return {
    items: await queryRows<Task>(
      ctx.db,
      sql`${TASK_SELECT} where ${sql.join(where, sql` and `)} order by t.created_at desc limit ${input.limit}`,
    ),
  };
}

export async function createTask(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateTaskBody>,
  ip?: string,
): Promise<Task> {
  const [c] = await queryRows<{ path: string; kind: string }>(
    ctx.db,
    sql`select path, kind from org_units where district_id = ${actor.districtId} and id = ${input.compoundId}`,
  );
  const compound = must(c, 'COMPOUND_NOT_FOUND', '找不到该小区。');
  if (compound.kind !== 'compound') throw badRequest('COMPOUND_REQUIRED', '任务须发布到具体小区。');
  requireAccess(actor, 'orgUnit', { orgPath: compound.path }, 'write', { what: '该小区' });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into service_tasks (district_id, id, compound_id, org_path, kind, title, description, hours_estimate, created_by)
      values (${actor.districtId}, ${id}, ${input.compoundId}, ${compound.path}, ${input.kind}, ${input.title}, ${input.description}, ${input.hoursEstimate ?? null}, ${actor.userId})`);
    await writeAudit(
      tx,
      actor,
      { action: 'service_task.create', entityType: 'service_task', entityId: id, detail: { title: input.title } },
      ip,
    );
  });
  return taskById(ctx.db, actor.districtId, id);
}

/** The compounds a person may serve: where they live and where they reported to. */
async function compoundsOf(q: Queryable, actor: Actor, personId: string): Promise<string[]> {
  const rows = await queryRows<{ path: string }>(
    q,
    sql`
    select p.org_path as path from people p where p.district_id = ${actor.districtId} and p.id = ${personId}
    union select r.org_path from compound_reports r where r.district_id = ${actor.districtId} and r.person_id = ${personId} and r.is_active`,
  );
  return rows.map((r) => r.path);
}

export async function myTasks(ctx: AppContext, actor: Actor): Promise<z.infer<typeof MyTasksDto>> {
  const personId = personOf(actor);
  const paths = await compoundsOf(ctx.db, actor, personId);
  if (paths.length === 0) return { tasks: [], orders: [] };
  const inPaths = sql.join(
    paths.map((p) => sql`${p}`),
    sql`, `,
  );
  const tasks = await queryRows<Task>(
    ctx.db,
    sql`${TASK_SELECT} where t.district_id = ${actor.districtId} and t.org_path in (${inPaths})
    and (t.status = 'open' or t.claimed_by = ${personId}) order by t.created_at desc limit 100`,
  );
  // open work orders of those compounds, to lend a hand with (the order's own flow stays with the work-order module)
  const orders = await queryRows<z.infer<typeof ClaimableOrderDto>>(
    ctx.db,
    sql`
    select o.id, o.no, o.title, c.name as "compoundName", o.status,
      exists (select 1 from service_tasks t where t.district_id = o.district_id and t.work_order_id = o.id and t.status <> 'cancelled') as claimed
    from work_orders o join org_units c on c.district_id = o.district_id and c.id = o.compound_id
    where o.district_id = ${actor.districtId} and o.org_path in (${inPaths}) and o.status in ('accepted', 'dispatched') and o.merged_into is null
    order by o.created_at desc limit 50`,
  );
  return { tasks, orders };
}

export async function claimTask(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<Task> {
  const personId = personOf(actor);
  const paths = await compoundsOf(ctx.db, actor, personId);
  await ctx.db.transaction(async (tx) => {
    const [t] = await queryRows<{ org_path: string; status: string }>(
      tx,
      sql`select org_path, status from service_tasks where district_id = ${actor.districtId} and id = ${id} for update`,
    );
    const task = must(t, 'TASK_NOT_FOUND', '找不到该任务。');
    requireAccess(actor, 'task', { orgPath: task.org_path, claimantPaths: paths }, 'claim');
    if (task.status !== 'open') throw conflict('TASK_TAKEN', '该任务已被认领，请选择其他任务。');
    await tx.execute(
      sql`update service_tasks set status = 'claimed', claimed_by = ${personId}, claimed_at = now(), version = version + 1 where district_id = ${actor.districtId} and id = ${id}`,
    );
    await writeAudit(tx, actor, { action: 'service_task.claim', entityType: 'service_task', entityId: id }, ip);
  });
  return taskById(ctx.db, actor.districtId, id);
}

/** 认领工单: a reported member takes on an open order of their compound; it appears on the order's timeline. */
export async function claimOrder(ctx: AppContext, actor: Actor, orderId: string, ip?: string): Promise<Task> {
  const personId = personOf(actor);
  const paths = await compoundsOf(ctx.db, actor, personId);
  const id = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      const [o] = await queryRows<{
        id: string;
        no: string;
        title: string;
        compound_id: string;
        org_path: string;
        status: string;
        merged_into: string | null;
      }>(
        tx,
        sql`
        select id, no, title, compound_id, org_path, status, merged_into from work_orders where district_id = ${actor.districtId} and id = ${orderId} for update`,
      );
      const order = must(o, 'ORDER_NOT_FOUND', '找不到该工单。');
      requireAccess(actor, 'task', { orgPath: order.org_path, claimantPaths: paths }, 'claim', { what: '该工单' });
      if (!(order.status === 'accepted' || order.status === 'dispatched') || order.merged_into)
        throw conflict('ORDER_NOT_CLAIMABLE', '只有已接单、正在办理的工单可以认领协办。');
      await tx.execute(sql`insert into service_tasks (district_id, id, compound_id, org_path, kind, title, work_order_id, status, claimed_by, claimed_at, created_by)
        values (${actor.districtId}, ${id}, ${order.compound_id}, ${order.org_path}, 'work_order', ${`协办工单 ${order.no}：${order.title}`}, ${order.id}, 'claimed', ${personId}, now(), ${actor.userId})`);
      await recordEvents(tx, actor, actor.districtId, order.id, [
        { type: 'volunteer_claimed', note: `${actor.displayName} 认领协办`, data: { taskId: id, personId } },
      ]);
      await writeAudit(
        tx,
        actor,
        { action: 'service_task.claim_order', entityType: 'work_order', entityId: order.id, detail: { taskId: id } },
        ip,
      );
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw conflict('ORDER_ALREADY_CLAIMED', '该工单已有人认领协办。');
    throw err;
  }
  return taskById(ctx.db, actor.districtId, id);
}

/** The claimant reports the task done with the hours spent: a pending service record for the supervisor. */
export async function completeTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  hours: number,
  note?: string,
  ip?: string,
): Promise<Task> {
  const personId = personOf(actor);
  await ctx.db.transaction(async (tx) => {
    const [t] = await queryRows<{
      status: string;
      claimed_by: string | null;
      kind: string;
      title: string;
      compound_id: string;
      org_path: string;
    }>(
      tx,
      sql`
      select status, claimed_by, kind, title, compound_id, org_path from service_tasks where district_id = ${actor.districtId} and id = ${id} for update`,
    );
    const task = must(t, 'TASK_NOT_FOUND', '找不到该任务。');
    if (task.claimed_by !== personId) throw forbidden('TASK_NOT_YOURS', '只能完成自己认领的任务。');
    if (task.status !== 'claimed') throw conflict('TASK_STATE_INVALID', '该任务已提交或已确认。');
    const [p] = await queryRows<{ work_unit_id: string | null }>(
      tx,
      sql`select work_unit_id from people where district_id = ${actor.districtId} and id = ${personId}`,
    );
    const source = task.kind === 'work_order' ? 'work_order' : task.kind === 'visit' ? 'visit' : 'task';
    await tx.execute(
      sql`delete from service_records where district_id = ${actor.districtId} and source = ${source} and source_id = ${id} and status = 'rejected'`,
    );
    await tx.execute(sql`insert into service_records (district_id, id, person_id, org_unit_id, org_path, work_unit_id, source, source_id, title, served_on, hours)
      values (${actor.districtId}, ${randomUUID()}, ${personId}, ${task.compound_id}, ${task.org_path}, ${p?.work_unit_id ?? null}, ${source}, ${id},
        ${note ? `${task.title}（${note}）` : task.title}, ${shanghaiDate(new Date())}, ${hours})`);
    await tx.execute(
      sql`update service_tasks set status = 'done', done_at = now(), version = version + 1 where district_id = ${actor.districtId} and id = ${id}`,
    );
    await writeAudit(
      tx,
      actor,
      { action: 'service_task.complete', entityType: 'service_task', entityId: id, detail: { hours } },
      ip,
    );
  });
  return taskById(ctx.db, actor.districtId, id);
}
