import type { AppContext } from '../../context.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import type { Actor } from '../access/access.policy.js';
import type { SubsidyCategory } from '../../../shared/canteens.schema.js';
import { MEAL_LABELS } from './canteens.service.js';
import { mealsBetween } from './meals.repository.js';
import { monthBounds, settlement } from './settlement.service.js';

const CATEGORY_LABELS: Record<SubsidyCategory, string> = {
  elderly: '老年人',
  low_income: '低保户',
  disabled: '残疾人',
  left_behind_family: '留守儿童家庭',
  sanitation_worker: '环卫工人',
  traffic_police: '交警',
  courier: '快递外卖小哥',
  model_worker: '劳模及见义勇为伤残人员',
};

/** The month's settlement as a workbook: a summary sheet and every meal served. */
export async function settlementWorkbook(ctx: AppContext, actor: Actor, stationId: string, m: string): Promise<Buffer> {
  const s = await settlement(ctx, actor, stationId, m);
  const meals = await mealsBetween(ctx.db, actor.districtId, stationId, monthBounds(m));
  return buildWorkbook([
    {
      kind: 'rows',
      name: '结算汇总',
      rows: [
        ['餐厅', s.stationName],
        ['月份', s.month],
        ['就餐人次', s.meals],
        ['享受补贴人次', s.subsidisedMeals],
        ['就餐人数', s.diners],
        ['实收（元）', s.revenueCents / 100],
        ['补贴（元）', s.subsidyCents / 100],
        ['重复申领', s.duplicates.length],
        ['结算状态', s.settledAt ? '已结算' : '未结算'],
        [],
        ['补贴类别', '人次', '补贴（元）'],
        ...s.byCategory.map((c) => [CATEGORY_LABELS[c.category], c.meals, c.subsidyCents / 100]),
      ],
    },
    tableSheet({
      name: '就餐明细',
      columns: [
        { header: '日期', key: 'servedOn', width: 12 },
        { header: '餐次', key: 'meal', width: 8 },
        { header: '姓名', key: 'personName', width: 12 },
        { header: '价格（元）', key: 'price', width: 10 },
        { header: '补贴（元）', key: 'subsidy', width: 10 },
        { header: '补贴规则', key: 'ruleLabel', width: 24 },
        { header: '送餐', key: 'delivery', width: 6 },
      ],
      rows: meals.map((r) => ({
        servedOn: r.servedOn,
        meal: MEAL_LABELS[r.meal],
        personName: r.personName ?? '',
        price: r.priceCents / 100,
        subsidy: r.subsidyCents / 100,
        ruleLabel: r.ruleLabel ?? '',
        delivery: r.isDelivery ? '是' : '',
      })),
    }),
  ]);
}
