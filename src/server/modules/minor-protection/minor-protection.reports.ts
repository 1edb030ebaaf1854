import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { MASKED_FIELDS } from './minor-protection.policy.js';
import type { ReportDto, ReportQuery, StationBody, StationDto } from './minor-protection.schema.js';
import { caseScopeSql, listCases, listCategories } from './minor-protection.service.js';
import { minorStations, RISK_LEVELS, SERVICE_KINDS } from './minor-protection.tables.js';

/** "五有" street minor-protection workstation standard. */
export const FIVE_HAS = [
  { key: 'site', label: '有场所' },
  { key: 'facilities', label: '有设施' },
  { key: 'staff', label: '有人员' },
  { key: 'rules', label: '有制度' },
  { key: 'ledger', label: '有台账' },
] as const;

type Station = typeof minorStations.$inferSelect;

function stationView(
  actor: Actor,
  s: Station & { street_name: string; open_cases: number },
): z.infer<typeof StationDto> {
  const checklist = FIVE_HAS.map((f) => ({
    key: f.key,
    label: f.label,
    met: s.checklist[f.key]?.met ?? false,
    note: s.checklist[f.key]?.note ?? null,
  }));
  return {
    id: s.id,
    name: s.name,
    streetName: s.street_name,
    operator: s.operator,
    openedOn: s.openedOn,
    checklist,
    metCount: checklist.filter((c) => c.met).length,
    openCases: s.open_cases,
    canEdit: canAccess(actor, 'minorStation', s, 'write'),
    version: s.version,
  };
}

async function stationRows(ctx: AppContext, actor: Actor, id?: string) {
  const rows = await queryRows<Station & { street_name: string; open_cases: number }>(
    ctx.db,
    sql`
    select s.district_id as "districtId", s.id, s.street_id as "streetId", s.org_path as "orgPath", s.name, s.operator,
      to_char(s.opened_on, 'YYYY-MM-DD') as "openedOn", s.checklist, s.version, s.updated_at as "updatedAt", st.name as street_name,
      (select count(*)::int from minor_cases mc where mc.district_id = s.district_id and mc.street_id = s.street_id and mc.status <> 'closed') as open_cases
    from minor_stations s join org_units st on st.district_id = s.district_id and st.id = s.street_id
    where s.district_id = ${actor.districtId} and ${scopeWhere(actor, 'minorStation', { orgPath: sql`s.org_path` })} ${id ? sql`and s.id = ${id}` : sql``}
    order by s.opened_on, s.id`,
  );
  return rows;
}

export async function listMinorStations(ctx: AppContext, actor: Actor) {
  return (await stationRows(ctx, actor)).map((s) => stationView(actor, s));
}

export async function updateStation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof StationBody>,
  ip?: string,
) {
  const unknown = input.checklist.filter((c) => !FIVE_HAS.some((f) => f.key === c.key));
  if (unknown.length)
    throw badRequest('CHECKLIST_ITEM_UNKNOWN', `“五有”中没有这一项：${unknown.map((u) => u.key).join('、')}。`);
  await ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(minorStations)
      .where(and(eq(minorStations.districtId, actor.districtId), eq(minorStations.id, id)))
      .for('update');
    if (!s) throw notFound('STATION_NOT_FOUND', '找不到该未保站。');
    requireAccess(actor, 'minorStation', s, 'write');
    if (s.version !== input.version) throw conflict('VERSION_CONFLICT', '该站点信息已被他人修改，请刷新后再保存。');
    const checklist = { ...s.checklist };
    for (const c of input.checklist) checklist[c.key] = { met: c.met, note: c.note };
    await tx
      .update(minorStations)
      .set({ checklist, version: s.version + 1, updatedAt: new Date() })
      .where(and(eq(minorStations.districtId, actor.districtId), eq(minorStations.id, id)));
    await writeAudit(
      tx,
      actor,
      {
        action: 'minor_station.update',
        entityType: 'minor_station',
        entityId: id,
        detail: { checklist: input.checklist.map((c) => ({ key: c.key, met: c.met })) },
      },
      ip,
    );
  });
  return stationView(actor, (await stationRows(ctx, actor, id))[0]!);
}

// ───────────────────────── reports ─────────────────────────

/** Counts only — the same for every caller with minor.read, within their subtree. */
export async function getReport(
  ctx: AppContext,
  actor: Actor,
  q: z.infer<typeof ReportQuery>,
): Promise<z.infer<typeof ReportDto>> {
  const vis = sql`${caseScopeSql(actor)} ${q.streetId ? sql`and mc.street_id = ${q.streetId}` : sql``}`;
  const t = shanghaiDate(new Date());
  const soon = new Date(`${t}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 14);
  const dueBy = soon.toISOString().slice(0, 10);
  const [totals] = await queryRows<{
    total: number;
    open: number;
    closed: number;
    communities: number;
    due: number;
    overdue: number;
  }>(
    ctx.db,
    sql`
    select count(*)::int as total, count(*) filter (where mc.status <> 'closed')::int as open, count(*) filter (where mc.status = 'closed')::int as closed,
      count(distinct mc.community_id)::int as communities,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due >= ${t}::date and mc.next_visit_due <= ${dueBy}::date)::int as due,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due < ${t}::date)::int as overdue
    from minor_cases mc where ${vis}`,
  );
  const cats = await queryRows<{ id: string; count: number }>(
    ctx.db,
    sql`
    select c as id, count(*)::int as count from minor_cases mc, unnest(mc.categories) c where ${vis} and mc.status <> 'closed' group by c`,
  );
  const risks = await queryRows<{ risk_level: (typeof RISK_LEVELS)[number]; count: number }>(
    ctx.db,
    sql`
    select mc.risk_level, count(*)::int as count from minor_cases mc where ${vis} and mc.status <> 'closed' group by mc.risk_level`,
  );
  const streets = await queryRows<{
    street_id: string;
    street_name: string;
    total: number;
    high: number;
    due: number;
    overdue: number;
  }>(
    ctx.db,
    sql`
    select mc.street_id, st.name as street_name, count(*)::int as total, count(*) filter (where mc.risk_level = 'high' and mc.status <> 'closed')::int as high,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due >= ${t}::date and mc.next_visit_due <= ${dueBy}::date)::int as due,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due < ${t}::date)::int as overdue
    from minor_cases mc join org_units st on st.district_id = mc.district_id and st.id = mc.street_id
    where ${vis} group by mc.street_id, st.name order by mc.street_id`,
  );
  const services = await queryRows<{ kind: (typeof SERVICE_KINDS)[number]; count: number }>(
    ctx.db,
    sql`
    select s.kind, count(*)::int as count from minor_services s join minor_cases mc on mc.district_id = s.district_id and mc.id = s.case_id
    where ${vis} ${q.from ? sql`and s.served_on >= ${q.from}::date` : sql``} ${q.to ? sql`and s.served_on <= ${q.to}::date` : sql``}
    group by s.kind`,
  );
  const categories = await listCategories(ctx.db, actor.districtId);
  return {
    total: totals?.total ?? 0,
    open: totals?.open ?? 0,
    closed: totals?.closed ?? 0,
    communities: totals?.communities ?? 0,
    byCategory: categories.map((c) => ({ id: c.id, name: c.name, count: cats.find((x) => x.id === c.id)?.count ?? 0 })),
    byRisk: RISK_LEVELS.map((r) => ({ riskLevel: r, count: risks.find((x) => x.risk_level === r)?.count ?? 0 })),
    byStreet: streets.map((s) => ({
      streetId: s.street_id,
      streetName: s.street_name,
      total: s.total,
      high: s.high,
      visitsDue: s.due,
      visitsOverdue: s.overdue,
    })),
    visitsDue: totals?.due ?? 0,
    visitsOverdue: totals?.overdue ?? 0,
    services: SERVICE_KINDS.map((k) => ({ kind: k, count: services.find((x) => x.kind === k)?.count ?? 0 })),
  };
}

const RISK_LABELS = { low: '低', medium: '中', high: '高' } as const;
const STATUS_LABELS = { open: '在案', closure_requested: '待审批结案', closed: '已结案' } as const;
export const SERVICE_LABELS: Record<(typeof SERVICE_KINDS)[number], string> = {
  policy_consultation: '政策咨询',
  emotional_support: '精神慰藉',
  counselling: '心理辅导',
  home_visit: '入户探访',
  case_followup: '个案跟踪',
  assistance: '救助帮扶',
  tutoring: '课业辅导',
};

/** .xlsx ledger: the report, and the files the caller reaches masked by the same rule as on screen (a full ID number is never exported). */
export async function exportReport(
  ctx: AppContext,
  actor: Actor,
  q: z.infer<typeof ReportQuery>,
  ip?: string,
): Promise<Buffer> {
  const report = await getReport(ctx, actor, q);
  const { items } = await listCases(
    ctx,
    actor,
    { box: 'all', limit: 200, offset: 0, ...(q.streetId ? { streetId: q.streetId } : {}) },
    ip,
  );
  const categories = new Map((await listCategories(ctx.db, actor.districtId)).map((c) => [c.id, c.name]));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const sum = wb.addWorksheet('统计');
  sum.addRow(['未成年人保护统计', `导出：${actor.displayName}`, shanghaiDate(new Date())]);
  sum.addRow([]);
  sum.addRow(['档案总数', report.total]);
  sum.addRow(['在案', report.open]);
  sum.addRow(['已结案', report.closed]);
  sum.addRow(['覆盖社区', report.communities]);
  sum.addRow(['14 天内应探访', report.visitsDue]);
  sum.addRow(['探访已超期', report.visitsOverdue]);
  sum.addRow([]);
  sum.addRow(['困境类型', '在案数']);
  for (const c of report.byCategory) sum.addRow([c.name, c.count]);
  sum.addRow([]);
  sum.addRow(['风险等级', '在案数']);
  for (const r of report.byRisk) sum.addRow([RISK_LABELS[r.riskLevel], r.count]);
  sum.addRow([]);
  sum.addRow(['街道', '档案数', '高风险', '14 天内应探访', '探访超期']);
  for (const s of report.byStreet) sum.addRow([s.streetName, s.total, s.high, s.visitsDue, s.visitsOverdue]);
  sum.addRow([]);
  sum.addRow(['服务类型', '次数']);
  for (const s of report.services) sum.addRow([SERVICE_LABELS[s.kind], s.count]);
  sum.getColumn(1).width = 18;
  const ws = wb.addWorksheet('档案台账');
  ws.columns = [
    { header: '档案编号', key: 'no', width: 14 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '性别', key: 'gender', width: 6 },
    { header: '年龄', key: 'age', width: 6 },
    { header: '街道', key: 'street', width: 12 },
    { header: '社区', key: 'community', width: 14 },
    { header: '困境类型', key: 'cats', width: 22 },
    { header: '风险等级', key: 'risk', width: 8 },
    { header: '状态', key: 'status', width: 10 },
    { header: '负责社工', key: 'worker', width: 16 },
    { header: '上次探访', key: 'last', width: 12 },
    { header: '下次探访', key: 'next', width: 12 },
    { header: '探访超期', key: 'overdue', width: 8 },
  ];
  for (const c of items) {
    ws.addRow({
      no: c.caseNo,
      name: c.identityVisible ? c.name : c.nameMasked,
      gender: c.gender === 'M' ? '男' : '女',
      age: c.age ?? c.ageBand,
      street: c.streetName,
      community: c.communityName ?? '',
      cats: c.categories.map((x) => categories.get(x) ?? x).join('、'),
      risk: RISK_LABELS[c.riskLevel],
      status: STATUS_LABELS[c.status],
      worker: c.workerName ?? '',
      last: c.lastVisitOn ?? '',
      next: c.nextVisitDue ?? '',
      overdue: c.isVisitOverdue ? '是' : '',
    });
  }
  ws.getRow(1).font = { bold: true };
  const shown = items.filter((i) => i.identityVisible).map((i) => i.id);
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_report.export',
      entityType: 'minor_case',
      entityId: null,
      detail: {
        rows: items.length,
        identityShownFor: shown,
        fields: shown.length ? ['name', ...MASKED_FIELDS] : [...MASKED_FIELDS],
      },
    },
    ip,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
