import type { AppContext } from '../../context.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import type {
  LedgerEntry,
  LedgerInput,
  ListRecordsInput,
  MembersInput,
  ServiceRecord,
} from '../../../shared/volunteers.schema.js';
import type { Actor } from '../access/access.policy.js';
import { listLedger } from './points.service.js';
import { listRecords } from './records.service.js';
import { listMembers } from './reporting.service.js';

/** The .xlsx downloads: the points ledger, the service-hours ledger, the month's assessment of reported members. */
const LEDGER_KIND: Record<LedgerEntry['kind'], string> = { earn: '获得', redeem: '兑换', adjust: '调整' };
const SOURCE: Record<ServiceRecord['source'], string> = {
  activity: '志愿活动',
  task: '认领任务',
  work_order: '协办工单',
  visit: '走访',
  import: '导入',
};
const RECORD_STATUS: Record<ServiceRecord['status'], string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '已驳回',
};
const GRADE = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as const;

export async function ledgerWorkbook(ctx: AppContext, actor: Actor, input: LedgerInput): Promise<Buffer> {
  const { items } = await listLedger(ctx, actor, { ...input, limit: 500 });
  const rows = items.map((r) => ({
    ...r,
    kind: LEDGER_KIND[r.kind],
    createdAt: new Date(r.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
  }));
  return buildWorkbook([
    tableSheet({
      name: '积分台账',
      columns: [
        { header: '时间', key: 'createdAt', width: 22 },
        { header: '姓名', key: 'personName', width: 12 },
        { header: '类型', key: 'kind', width: 8 },
        { header: '积分变动', key: 'delta', width: 10 },
        { header: '余额', key: 'balanceAfter', width: 10 },
        { header: '阵地', key: 'stationName', width: 24 },
        { header: '说明', key: 'note', width: 40 },
      ],
      rows,
    }),
  ]);
}

export async function recordsWorkbook(ctx: AppContext, actor: Actor, input: ListRecordsInput): Promise<Buffer> {
  const { items } = await listRecords(ctx, actor, { ...input, limit: 500 });
  const rows = items.map((r) => ({ ...r, source: SOURCE[r.source], status: RECORD_STATUS[r.status] }));
  return buildWorkbook([
    tableSheet({
      name: '服务时长台账',
      columns: [
        { header: '服务日期', key: 'servedOn', width: 12 },
        { header: '姓名', key: 'personName', width: 12 },
        { header: '服务地点', key: 'orgUnitName', width: 20 },
        { header: '来源', key: 'source', width: 10 },
        { header: '内容', key: 'title', width: 30 },
        { header: '时长（小时）', key: 'hours', width: 12 },
        { header: '状态', key: 'status', width: 10 },
        { header: '积分', key: 'points', width: 8 },
      ],
      rows,
    }),
  ]);
}

export async function membersWorkbook(ctx: AppContext, actor: Actor, input: Partial<MembersInput>): Promise<Buffer> {
  const { month, items } = await listMembers(ctx, actor, { ...input, limit: 5000 });
  const rows = items.map((r) => ({
    ...r,
    kind: r.kind === 'rider' ? '快递外卖小哥' : '在职党员',
    grade: GRADE[r.grade],
  }));
  return buildWorkbook([
    tableSheet({
      name: `报到服务考核 ${month}`,
      columns: [
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
      ],
      rows,
    }),
  ]);
}
