import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type { Meal, MenuItem, Rule, Settlement } from '../../../shared/canteens.schema.js';

// Rules, menus, the duplicate-claims check and the settlement workbook; meals, deliveries and settling once are
// in volunteers.test.ts.
let env: TestEnv;
let xinggang: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;

describe('canteens: rules, menus, duplicate claims, settlement workbook', () => {
  before(async () => {
    env = await createTestEnv();
    xinggang = await compoundId(env.ctx.db);
  });
  after(() => env.close());

  it('saves a subsidy rule under its code and refuses inconsistent ones', async () => {
    const a = env.as('admin');
    const put = (body: object, headers?: Record<string, string>) =>
      a.put('/api/canteen-subsidy-rules/T1', body, headers);
    const elderly = { category: 'elderly', label: '测试规则', mode: 'free' };
    assert.equal(error(await put(elderly)).code, 'RULE_AGE_REQUIRED');
    assert.deepEqual(error(await put(elderly, { 'accept-language': 'en' })), {
      code: 'RULE_AGE_REQUIRED',
      message: 'An elderly subsidy needs a starting age (such as 60, 70 or 80).',
    });
    assert.equal(error(await put({ ...elderly, minAge: 70, maxAge: 60 })).code, 'RULE_AGE_INVALID');
    assert.equal(
      error(await put({ category: 'disabled', label: '测试规则', mode: 'percent', value: 120 })).code,
      'RULE_VALUE_INVALID',
    );
    await put({ category: 'disabled', label: '测试规则', mode: 'percent', value: 20 });
    const saved = json<{ rule: Rule }>(
      await put({ category: 'disabled', label: '测试规则2', mode: 'fixed', value: 300, isActive: false }),
    ).rule;
    const expected = {
      id: 'T1',
      category: 'disabled',
      label: '测试规则2',
      minAge: null,
      maxAge: null,
      mode: 'fixed',
      value: 300,
      isActive: false,
    };
    assert.deepEqual(saved, expected);
    const rules = json<{ items: Rule[] }>(await a.get('/api/canteen-subsidy-rules')).items;
    assert.deepEqual(
      rules.find((r) => r.id === 'T1'),
      expected,
    );
    const elderlyBands = rules.filter((r) => r.category === 'elderly').map((r) => r.minAge);
    assert.deepEqual(
      elderlyBands,
      [...elderlyBands].sort((x, y) => x! - y!),
      'age bands in order',
    );
  });

  it('keeps a menu per canteen, and only at canteens', async () => {
    const t = env.as('taihe');
    const party = json<{ station: { id: string } }>(
      await t.post('/api/stations', { kind: 'party_mass', name: '菜单测试党群站', orgUnitId: xinggang }),
    ).station.id;
    assert.equal(error(await t.get(`/api/canteens/${party}/menu`)).code, 'NOT_A_CANTEEN');
    assert.equal(error(await t.get('/api/canteens/nope/menu')).code, 'CANTEEN_NOT_FOUND');
    const c = json<{ station: { id: string } }>(
      await t.post('/api/stations', { kind: 'canteen', name: '菜单测试餐厅', orgUnitId: xinggang }),
    ).station.id;
    await t.post(`/api/canteens/${c}/menu-items`, { name: '红烧肉', meal: 'lunch', priceCents: 1500, isSilver: true });
    await t.post(`/api/canteens/${c}/menu-items`, { name: '豆浆', meal: 'breakfast', priceCents: 200 });
    const menu = json<{ items: MenuItem[] }>(await t.get(`/api/canteens/${c}/menu`)).items;
    assert.deepEqual(
      menu.map(({ id: _id, ...m }) => m),
      [
        { name: '豆浆', meal: 'breakfast', priceCents: 200, isSilver: false },
        { name: '红烧肉', meal: 'lunch', priceCents: 1500, isSilver: true },
      ],
    );
  });

  it('finds a claim paid twice across canteens, refuses to settle over it, and exports the month', async () => {
    const t = env.as('taihe');
    const canteen = async (name: string) =>
      json<{ station: { id: string } }>(await t.post('/api/stations', { kind: 'canteen', name, orgUnitId: xinggang }))
        .station.id;
    const c1 = await canteen('结算测试餐厅');
    const c2 = await canteen('另一结算测试餐厅');
    const [old] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from people where birth_date <= current_date - interval '81 years'
      and not (tags && array['low_income', 'disabled', 'rider']) order by id limit 1`,
    );
    const lunch = { personId: old!.id, meal: 'lunch', priceCents: 1500, servedOn: '2026-10-08' };
    const meal = json<{ meal: Meal }>(await t.post(`/api/canteens/${c1}/meals`, lunch)).meal;
    assert.deepEqual([meal.subsidyCents, meal.paidCents, meal.category], [450, 1050, 'elderly']);
    const dup = await t.post(`/api/canteens/${c2}/meals`, lunch, { 'accept-language': 'en' });
    assert.equal(dup.statusCode, 409);
    assert.equal(error(dup).code, 'DUPLICATE_CLAIM');
    await t.post(`/api/canteens/${c1}/meals`, { meal: 'dinner', priceCents: 1000, servedOn: '2026-10-09' });
    // a claim the unique index would refuse today, as an older import may hold it: the settlement check finds it
    const [row] = await queryRows<{ org_path: string }>(
      env.ctx.db,
      sql`select org_path from stations where id = ${c2}`,
    );
    // (as the owner: the app's database role may not drop an index)
    const owner = env.ownerDatabase.db;
    await owner.execute(sql`drop index if exists canteen_meals_claim_uq`);
    await owner.execute(
      sql`insert into canteen_meals (district_id, id, station_id, org_path, person_id, served_on, meal, price_cents, subsidy_cents, rule_id, category)
      select district_id, 'dup-claim', ${c2}, ${row!.org_path}, person_id, served_on, meal, price_cents, subsidy_cents, rule_id, category
      from canteen_meals where id = ${meal.id}`,
    );
    const s = json<Settlement>(await t.get(`/api/canteens/${c1}/settlements/2026-10`));
    assert.deepEqual(
      [s.meals, s.subsidisedMeals, s.diners, s.revenueCents, s.subsidyCents],
      [2, 1, 1, 1050 + 1000, 450],
    );
    assert.deepEqual(
      s.duplicates.map(({ personId: _p, personName: _n, ...d }) => d),
      [{ servedOn: '2026-10-08', meal: 'lunch', claims: 2 }],
    );
    assert.deepEqual(s.byCategory, [{ category: 'elderly', meals: 1, subsidyCents: 450 }]);
    const refused = await t.post(`/api/canteens/${c1}/settlements/2026-10`);
    assert.deepEqual(error(refused), {
      code: 'SETTLEMENT_DUPLICATES',
      message: '发现 1 条重复申领补贴，请核实后再结算。',
    });
    assert.equal(error(await t.post(`/api/canteens/${c1}/settlements/2099-10`)).code, 'SETTLEMENT_TOO_EARLY');

    const x = await t.get(`/api/canteens/${c1}/settlements/2026-10/xlsx`);
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-disposition']), /filename="canteen-2026-10\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    assert.deepEqual(rows('结算汇总').slice(0, 9), [
      ['餐厅', '结算测试餐厅'],
      ['月份', '2026-10'],
      ['就餐人次', 2],
      ['享受补贴人次', 1],
      ['就餐人数', 1],
      ['实收（元）', 20.5],
      ['补贴（元）', 4.5],
      ['重复申领', 1],
      ['结算状态', '未结算'],
    ]);
    assert.deepEqual(rows('就餐明细'), [
      ['日期', '餐次', '姓名', '价格（元）', '补贴（元）', '补贴规则', '送餐'],
      ['2026-10-08', '午餐', meal.personName, 15, 4.5, meal.ruleLabel, ''],
      ['2026-10-09', '晚餐', '', 10, 0, '', ''],
    ]);
  });
});
