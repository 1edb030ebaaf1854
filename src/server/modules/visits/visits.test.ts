import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type { Campaign, Visit, VisitList } from '../../../shared/visits.schema.js';

/**
 * 走访慰问 on the demo: the seed campaigns' sums, recording visits with hand-worked sums, the refusals
 * (dates, scope, a non-member as party member), a need that becomes a work order in one step, a referral,
 * and the masked .xlsx ledger.
 */
let env: TestEnv;
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;
let taiheUnit: string;
let member: { id: string; name: string };
let resident: { id: string; name: string };
let outsider: string;

async function ok<T>(res: Promise<Parameters<typeof json>[0]>, status = 200): Promise<T> {
  const r = await res;
  assert.equal(r.statusCode, status, r.body);
  return json<T>(r);
}
const countVisits = async () =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from visits`))[0]!.n;

before(async () => {
  env = await createTestEnv();
  const q = <T>(s: ReturnType<typeof sql>) => queryRows<T>(env.ctx.db, s);
  taiheUnit = (await q<{ id: string }>(sql`select id from org_units where name = '太和社区'`))[0]!.id;
  [member = { id: '', name: '' }] = await q<{ id: string; name: string }>(sql`
    select p.id, p.name from people p join party_members m on m.person_id = p.id and m.status = 'active'
    join org_units o on o.path = p.org_path where o.name = '星港城' and p.protection is null order by p.id limit 1`);
  [resident = { id: '', name: '' }] = await q<{ id: string; name: string }>(sql`
    select p.id, p.name from people p join org_units o on o.path = p.org_path where o.name = '星港城'
      and p.protection is null and not exists (select 1 from party_members m where m.person_id = p.id)
    order by p.id limit 1`);
  outsider = (
    await q<{ id: string }>(sql`select p.id from people p join org_units o on o.path = p.org_path
      where o.name = '碧水云天河湾' and p.protection is null order by p.id limit 1`)
  )[0]!.id;
});
after(() => env.close());

describe('走访慰问 (visits)', () => {
  it('the seed campaigns: 水泊寺 21 households 3,150 元 of goods and 3,500 元; 金凤 7 households 840 + 2,100 元', async () => {
    const { items } = await ok<{ items: Campaign[] }>(env.as('admin').get('/api/visit-campaigns'));
    const sbs = items.find((c) => c.id === 'VC-SBS-2026')!;
    // 21 visits × (花生油 50 + 米 60 + 面 40) = 3,150; every third (7 needy members) 500 元 = 3,500
    assert.deepEqual([sbs.visits, sbs.goodsYuan, sbs.moneyYuan, sbs.openNeeds], [21, 3150, 3500, 2]);
    assert.deepEqual(sbs.partners, ['市文明办', '市创城指挥部办公室', '市公共法律服务中心', '中国建设银行云汽支行']);
    const jf = items.find((c) => c.id === 'VC-JF-2026')!;
    // 7 households × (300 元 + a 120 元 gift box)
    assert.deepEqual([jf.visits, jf.households, jf.goodsYuan, jf.moneyYuan], [7, 7, 840, 2100]);
  });

  let campaign: Campaign;
  let visit: Visit;
  it('a community records its campaign and two visits; the sums are hand-worked', async () => {
    campaign = (
      await ok<{ campaign: Campaign }>(
        env.as('taihe').post('/api/visit-campaigns', {
          title: '太和社区2026年春节走访慰问',
          orgUnitId: taiheUnit,
          startsOn: '2026-02-01',
          endsOn: '2026-02-16',
          partners: ['中国建设银行云汽支行'],
        }),
        201,
      )
    ).campaign;
    assert.equal(campaign.canWrite, true);
    visit = (
      await ok<{ visit: Visit }>(
        env.as('taihe').post('/api/visits', {
          campaignId: campaign.id,
          personId: member.id,
          kind: 'old_member',
          visitedOn: '2026-02-05',
          visitors: ['李社工', '社区书记'],
          partners: ['中国建设银行云汽支行'],
          goods: [
            { name: '米', quantity: 2, unit: '袋', valueYuan: 120 },
            { name: '花生油', quantity: 1, unit: '桶', valueYuan: 80 },
          ],
          moneyYuan: 500,
          situation: '腿脚不便，独居',
          needs: [{ content: '楼道灯坏了，晚上上下楼看不见' }, { content: '申请居家养老上门服务' }],
        }),
        201,
      )
    ).visit;
    assert.equal(visit.goodsYuan, 200); // 120 + 80
    assert.equal(visit.isPartyMember, true);
    assert.equal(visit.placeName, '星港城');
    assert.deepEqual(
      visit.needs.map((n) => n.status),
      ['open', 'open'],
    );
    await ok(
      env.as('taihe').post('/api/visits', {
        campaignId: campaign.id,
        personId: resident.id,
        kind: 'needy_resident',
        visitedOn: '2026-02-06',
        visitors: ['李社工'],
        moneyYuan: 300,
        situation: '低保户，身体尚可',
      }),
      201,
    );
    const { items } = await ok<{ items: Campaign[] }>(env.as('taihe').get('/api/visit-campaigns'));
    const mine = items.find((c) => c.id === campaign.id)!;
    // 500 + 300 = 800 元; goods 200 + 0 = 200 元; 2 open needs
    assert.deepEqual([mine.visits, mine.moneyYuan, mine.goodsYuan, mine.openNeeds], [2, 800, 200, 2]);
    // the street's campaign is read below it, and not changed there
    assert.equal(items.find((c) => c.id === 'VC-SBS-2026')?.canWrite, false);
    const list = await ok<VisitList>(env.as('taihe').get(`/api/visits?campaignId=${campaign.id}&openNeeds=true`));
    assert.deepEqual([list.total, list.moneyYuan, list.goodsYuan], [1, 500, 200]);
  });

  it('refuses bad visits with their codes and writes nothing', async () => {
    const before = await countVisits();
    const body = {
      campaignId: campaign.id,
      personId: resident.id,
      kind: 'needy_resident',
      visitedOn: '2026-02-05',
      visitors: ['李社工'],
      situation: '身体尚可',
    };
    let res = await env.as('taihe').post('/api/visits', { ...body, visitedOn: '2026-03-01' });
    assert.equal(res.statusCode, 400);
    assert.equal(code(res), 'VISIT_OUTSIDE_CAMPAIGN');
    res = await env.as('taihe').post('/api/visits', { ...body, kind: 'old_member' }, { 'accept-language': 'en' });
    assert.equal(code(res), 'VISIT_MEMBER_REQUIRED');
    assert.match(json<{ error: { message: string } }>(res).error.message, /no party member record/);
    res = await env.as('taihe').post('/api/visits', { ...body, personId: outsider });
    assert.equal(res.statusCode, 403);
    assert.equal(code(res), 'SCOPE_FORBIDDEN');
    res = await env.as('admin').post('/api/visits', { ...body, personId: outsider });
    assert.equal(code(res), 'VISIT_PERSON_OUTSIDE_CAMPAIGN');
    res = await env.as('taihe').post('/api/visit-campaigns', {
      title: '倒序',
      orgUnitId: taiheUnit,
      startsOn: '2026-02-10',
      endsOn: '2026-02-01',
    });
    assert.equal(code(res), 'CAMPAIGN_DATES');
    assert.equal(await countVisits(), before);
  });

  it('another community, a grid worker and a department are refused', async () => {
    let res = await env.as('youyijie').get(`/api/visits/${visit.id}`);
    assert.equal(res.statusCode, 403);
    assert.equal(code(res), 'SCOPE_FORBIDDEN');
    const theirs = await ok<VisitList>(env.as('youyijie').get(`/api/visits?campaignId=${campaign.id}`));
    assert.equal(theirs.total, 0);
    for (const u of ['xinggang', 'zhujian', 'resident']) {
      res = await env.as(u).get('/api/visits');
      assert.equal(res.statusCode, 403, u);
      assert.equal(code(res), 'PERMISSION_DENIED');
    }
    // the party branch of 星港城 reads the visit made in its compound
    assert.equal(
      (await ok<{ visit: Visit }>(env.as('xinggang-branch').get(`/api/visits/${visit.id}`))).visit.id,
      visit.id,
    );
  });

  it('a need becomes a work order in one step, keeps the link, and cannot be converted twice', async () => {
    const need = visit.needs[0]!;
    const after = (
      await ok<{ visit: Visit }>(env.as('taihe').post(`/api/visit-needs/${need.id}/order`, { categoryId: 'C01' }))
    ).visit;
    const done = after.needs.find((n) => n.id === need.id)!;
    assert.equal(done.status, 'ordered');
    assert.ok(done.workOrderNo);
    const order = await ok<{ order: { channel: string; compoundName: string; description: string } }>(
      env.as('taihe').get(`/api/work-orders/${done.workOrderId}`),
    );
    assert.equal(order.order.channel, 'party_household');
    assert.equal(order.order.compoundName, '星港城');
    assert.ok(!order.order.description.includes(member.name), 'the order names the person masked');
    const res = await env.as('taihe').post(`/api/visit-needs/${need.id}/order`, { categoryId: 'C01' });
    assert.equal(res.statusCode, 409);
    assert.equal(code(res), 'NEED_NOT_OPEN');
    const orders = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where description like ${'%' + need.content}`,
    );
    assert.equal(orders[0]!.n, 1);
    const referred = (
      await ok<{ visit: Visit }>(
        env.as('taihe').post(`/api/visit-needs/${visit.needs[1]!.id}/refer`, { referredTo: '区民政局养老服务科' }),
      )
    ).visit.needs[1]!;
    assert.deepEqual([referred.status, referred.referredTo], ['referred', '区民政局养老服务科']);
    const { items } = await ok<{ items: Campaign[] }>(env.as('taihe').get('/api/visit-campaigns'));
    assert.equal(items.find((c) => c.id === campaign.id)!.openNeeds, 0);
  });

  it('exports the ledger as .xlsx with names masked and the sums in the last row', async () => {
    const res = await env.as('taihe').get(`/api/visits/xlsx?campaignId=${campaign.id}`);
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 4); // header, 2 visits, total
    const text = JSON.stringify(ws.getSheetValues());
    assert.ok(!text.includes(member.name) && !text.includes(resident.name), 'no full name');
    const last = ws.getRow(4);
    assert.deepEqual([last.getCell(1).value, last.getCell(9).value, last.getCell(10).value], ['合计', 200, 800]);
  });
});
