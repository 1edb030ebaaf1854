import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import {
  RISK_LEVELS,
  SERVICE_KINDS,
  type CaseStatus,
  type RiskLevel,
  type ServiceKind,
} from '../../../shared/minor-protection.constants.js';
import type { CaseSummary, MinorReport, ReportFilterInput } from '../../../shared/minor-protection.schema.js';
import { listCases } from './case-reads.service.js';
import { addDays, listCategories } from './categories.service.js';
import { MASKED_FIELDS } from './minor-protection.policy.js';
import { selectReportCounts } from './repository/reports.repository.js';

export { FIVE_HAS } from './stations.service.js';

/** Counts only — the same for every caller with minor.read, within their subtree. */
export async function getReport(ctx: AppContext, actor: Actor, q: ReportFilterInput): Promise<MinorReport> {
  const today = shanghaiDate(new Date());
  const { totals, cats, risks, streets, services } = await selectReportCounts(ctx.db, actor, {
    ...q,
    today,
    dueBy: addDays(today, 14),
  });
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

const RISK_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };
const STATUS_LABELS: Record<CaseStatus, string> = { open: '在案', closure_requested: '待审批结案', closed: '已结案' };
export const SERVICE_LABELS: Record<ServiceKind, string> = {
  policy_consultation: '政策咨询',
  emotional_support: '精神慰藉',
  counselling: '心理辅导',
  home_visit: '入户探访',
  case_followup: '个案跟踪',
  assistance: '救助帮扶',
  tutoring: '课业辅导',
};

function summaryRows(actor: Actor, report: MinorReport): unknown[][] {
  return [
    ['未成年人保护统计', `导出：${actor.displayName}`, shanghaiDate(new Date())],
    [],
    ['档案总数', report.total],
    ['在案', report.open],
    ['已结案', report.closed],
    ['覆盖社区', report.communities],
    ['14 天内应探访', report.visitsDue],
    ['探访已超期', report.visitsOverdue],
    [],
    ['困境类型', '在案数'],
    ...report.byCategory.map((c) => [c.name, c.count]),
    [],
    ['风险等级', '在案数'],
    ...report.byRisk.map((r) => [RISK_LABELS[r.riskLevel], r.count]),
    [],
    ['街道', '档案数', '高风险', '14 天内应探访', '探访超期'],
    ...report.byStreet.map((s) => [s.streetName, s.total, s.high, s.visitsDue, s.visitsOverdue]),
    [],
    ['服务类型', '次数'],
    ...report.services.map((s) => [SERVICE_LABELS[s.kind], s.count]),
  ];
}

/** An export lists at most this many files (a district has hundreds to a few thousand). */
const EXPORT_MAX_CASES = 20_000;

/** .xlsx ledger: the report, and the files the caller reaches masked by the same rule as on screen (a full ID number is never exported). */
export async function exportReport(ctx: AppContext, actor: Actor, q: ReportFilterInput, ip?: string): Promise<Buffer> {
  const report = await getReport(ctx, actor, q);
  // every file in reach, a page at a time (each page read is audited like the screen's)
  const items: CaseSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCases(
      ctx,
      actor,
      { box: 'all', limit: 200, ...(cursor ? { cursor } : {}), ...(q.streetId ? { streetId: q.streetId } : {}) },
      ip,
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < EXPORT_MAX_CASES);
  const categories = new Map((await listCategories(ctx.db, actor.districtId)).map((c) => [c.id, c.name]));
  const ledger = items.map((c) => ({
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
  }));
  const buffer = await buildWorkbook([
    { kind: 'rows', name: '统计', rows: summaryRows(actor, report) },
    tableSheet({
      name: '档案台账',
      columns: [
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
      ],
      rows: ledger,
    }),
  ]);
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
  return buffer;
}
