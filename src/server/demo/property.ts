import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { orgUnits, workUnits } from '../modules/org/org.tables.js';
import { propertyCompanies, propertyContracts, propertyPublications } from '../modules/property/property.tables.js';
import { workOrderLegs, workOrders } from '../modules/work-orders/work-orders.tables.js';
import { creditCodeCheckChar } from '../../shared/property.constants.js';
import { PROPERTY_COMPANIES } from './names.js';
import type { Random } from './random.js';

/**
 * 物业 in the demo: the companies as registered organisations (credit codes with valid check digits), one
 * service contract per managed compound — 360 of the old compounds given a company, the others 管理悬空 —
 * and the seeds' own: 国东物业 serves 云汽园 (after another company, so its history shows a change of
 * company) and 大同市辰瑞 serves 开源嘉苑. Runs after the compounds exist and before the demo accounts.
 */
export const GUODONG = '大同市国东物业服务有限公司';
export const CHENRUI = '大同市辰瑞物业服务有限公司';
const SEED_COMPANY: Record<string, string> = { 云汽园: GUODONG, 开源嘉苑: CHENRUI };
const QUALIFICATION = ['grade_1', 'grade_2', 'grade_2', 'grade_3'] as const;

/** A deterministic, valid 统一社会信用代码 for the n-th demo company (91 = enterprise, 140213 = Pingcheng). */
export function demoCreditCode(n: number): string {
  const first17 = `91140213MA0${String(n).padStart(6, '0')}`;
  return first17 + creditCodeCheckChar(first17)!;
}

export async function loadDemoProperty(db: Db, districtId: string, rng: Random): Promise<string> {
  const names = [GUODONG, CHENRUI, ...PROPERTY_COMPANIES];
  const companies = names.map((name, i) => ({
    districtId,
    id: `PC-${demoCreditCode(i + 1)}`,
    name,
    creditCode: demoCreditCode(i + 1),
    qualification: QUALIFICATION[i % QUALIFICATION.length]!,
    contactName: `${name.replace(/^(大同市|平城区|山西)/, '').slice(0, 2)}经理`,
    contactPhone: `0352-52${String(10000 + i * 137).slice(-5)}`,
    address: `平城区${['御河西路', '魏都大道', '文兴路', '永泰南路'][i % 4]}${10 + i}号`,
  }));
  await db
    .insert(workUnits)
    .values(companies.map((c) => ({ districtId, id: c.id, name: c.name, kind: 'enterprise' as const })))
    .onConflictDoNothing();
  await db.insert(propertyCompanies).values(companies).onConflictDoNothing();
  const idOf = new Map(companies.map((c) => [c.name, c.id]));

  const compounds = await queryRows<{ id: string; name: string; path: string; isOld: boolean; company: string | null }>(
    db,
    sql`select id, name, path, is_old as "isOld", property_company as company from ${orgUnits}
      where district_id = ${districtId} and kind = 'compound' order by id`,
  );
  // the seeds' compounds get their own company; an old one taken from 管理悬空 frees another old one, so 360 stays 360
  const managedOld = compounds.filter((c) => c.isOld && c.company && !SEED_COMPANY[c.name]);
  for (const c of compounds) {
    const seed = SEED_COMPANY[c.name];
    if (!seed) continue;
    if (c.isOld && !c.company) {
      const freed = managedOld.pop();
      if (freed) freed.company = null;
    }
    c.company = seed;
  }
  const contracts: (typeof propertyContracts.$inferInsert)[] = [];
  for (const c of compounds) {
    if (!c.company) continue;
    const startYear = c.isOld ? rng.int(2021, 2024) : rng.int(2018, 2023);
    const startsOn = `${startYear}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    const fee = c.isOld ? rng.pick([40, 50, 60]) : rng.pick([90, 120, 150]);
    const base = {
      districtId,
      compoundId: c.id,
      orgPath: c.path,
      feeStandard: `住宅 ${(fee / 100).toFixed(2)} 元/㎡·月`,
      feeCentsPerSqm: fee,
      scope: c.isOld ? '保洁、秩序维护、共用设施日常维修' : '保洁、绿化、秩序维护、共用设施设备运行维护、电梯',
    };
    if (c.name === '云汽园') {
      // another company served 云汽园 until 国东物业 took over in 2024
      contracts.push({
        ...base,
        id: rng.uuid(),
        companyId: idOf.get(PROPERTY_COMPANIES[0]!)!,
        startsOn: '2021-01-01',
        endsOn: '2023-12-31',
        status: 'ended',
        endedOn: '2024-01-01',
        endReason: 'replaced',
        endNote: '业主大会决定更换物业服务企业',
      });
      contracts.push({
        ...base,
        id: rng.uuid(),
        companyId: idOf.get(GUODONG)!,
        startsOn: '2024-01-01',
        endsOn: '2026-12-31',
      });
      continue;
    }
    contracts.push({ ...base, id: rng.uuid(), companyId: idOf.get(c.company)!, startsOn, endsOn: null });
  }
  for (let i = 0; i < contracts.length; i += 200)
    await db.insert(propertyContracts).values(contracts.slice(i, i + 200));
  // ── property ── 云汽园's published columns: its fee standards and the second quarter's statement (the third is still due)
  const yunqi = compounds.find((c) => c.name === '云汽园');
  if (yunqi) {
    const pub = {
      districtId,
      compoundId: yunqi.id,
      orgPath: yunqi.path,
      companyId: idOf.get(GUODONG)!,
      submittedBy: 'demo',
    };
    await db.insert(propertyPublications).values([
      {
        ...pub,
        id: rng.uuid(),
        column: 'fees',
        title: '物业服务收费标准',
        content: '住宅 0.50 元/㎡·月；地面停车 60 元/月',
        lines: [],
        status: 'published',
        publishedAt: new Date('2026-01-05T02:00:00Z'),
      },
      {
        ...pub,
        id: rng.uuid(),
        column: 'finance',
        title: '2026 年第二季度物业费收支公示',
        period: '2026-Q2',
        lines: [
          { label: '物业费收入', kind: 'income', amountCents: 4_260_000 },
          { label: '停车费收入', kind: 'income', amountCents: 540_000 },
          { label: '保洁与秩序维护', kind: 'expense', amountCents: 3_100_000 },
          { label: '共用设施维修', kind: 'expense', amountCents: 820_000 },
        ],
        incomeTotalCents: 4_800_000,
        expenseTotalCents: 3_920_000,
        status: 'published',
        publishedAt: new Date('2026-07-20T02:00:00Z'),
      },
    ]);
  }
  // the compounds' 物业公司 column follows the active contract
  await db.execute(sql`update ${orgUnits} o set property_company = pc.name
    from ${propertyContracts} k join ${propertyCompanies} pc on pc.district_id = k.district_id and pc.id = k.company_id
    where o.district_id = ${districtId} and k.district_id = o.district_id and k.compound_id = o.id and k.status = 'active'`);
  await db.execute(sql`update ${orgUnits} o set property_company = null
    where o.district_id = ${districtId} and o.kind = 'compound' and not exists (select 1 from ${propertyContracts} k
      where k.district_id = o.district_id and k.compound_id = o.id and k.status = 'active')`);
  const oldManaged = compounds.filter((c) => c.isOld && c.company).length;
  return `${companies.length} 家物业服务企业，${contracts.filter((c) => c.status !== 'ended').length} 份服务合同（老旧小区 ${oldManaged} 个落实物业），${compounds.length - compounds.filter((c) => c.company).length} 个管理悬空小区`;
}

/** The demo's property legs go to the company serving the order's compound (work orders load before this runs). */
export async function routeDemoPropertyLegs(db: Db, districtId: string): Promise<void> {
  await db.execute(sql`update ${workOrderLegs} l set work_unit_id = k.company_id
    from ${workOrders} o, ${propertyContracts} k
    where l.district_id = ${districtId} and l.handler_kind = 'property' and l.work_unit_id is null
      and o.district_id = l.district_id and o.id = l.order_id
      and k.district_id = o.district_id and k.compound_id = o.compound_id and k.status = 'active'`);
}
