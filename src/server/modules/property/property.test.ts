import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { hashPassword } from '../auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { GUODONG } from '../../demo/property.js';
import { creditCodeCheckChar, isValidCreditCode } from '../../../shared/property.constants.js';
import type { Company, CompanyList, CompoundProperty, Unmanaged } from '../../../shared/property.schema.js';

let env: TestEnv;
let yunqi: string;
let xinggang: string;
let guodongId: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const code17 = (n: number) => `91140213MA1${String(n).padStart(6, '0')}`;
const validCode = (n: number) => code17(n) + creditCodeCheckChar(code17(n))!;

async function count(query: ReturnType<typeof sql>): Promise<number> {
  return (await queryRows<{ n: number }>(env.ctx.db, query))[0]!.n;
}

describe('物业: companies, service contracts, change of company, 管理悬空, the property company role', () => {
  before(async () => {
    env = await createTestEnv();
    yunqi = await compoundId(env.ctx.db, '云汽园');
    xinggang = await compoundId(env.ctx.db, '星港城');
    guodongId = (
      await queryRows<{ id: string }>(env.ctx.db, sql`select id from property_companies where name = ${GUODONG}`)
    )[0]!.id;
  });
  after(() => env.close());

  it('checks the 统一社会信用代码 check character (GB 32100-2015)', () => {
    assert.equal(isValidCreditCode('91350100M000100Y43'), true); // the standard's published example
    assert.equal(isValidCreditCode('91350100M000100Y44'), false);
    assert.equal(isValidCreditCode('91350100M000100I43'), false, 'I is not in the character set');
    assert.equal(isValidCreditCode('91350100M000100Y4'), false, '17 characters');
  });

  it('registers a company only with a valid, unused credit code, and makes it a work unit', async () => {
    const a = env.as('admin');
    const bad = code17(1) + (creditCodeCheckChar(code17(1)) === '0' ? '1' : '0');
    const refused = await a.post('/api/property/companies', { name: '测试物业有限公司', creditCode: bad });
    assert.equal(refused.statusCode, 400);
    assert.equal(error(refused).code, 'CREDIT_CODE_INVALID');
    assert.match(error(refused).message, new RegExp(`校验码应为“${creditCodeCheckChar(code17(1))}”`));
    assert.equal(await count(sql`select count(*)::int as n from work_units where name = '测试物业有限公司'`), 0);

    const res = await a.post('/api/property/companies', {
      name: '测试物业有限公司',
      creditCode: validCode(1)
        .toLowerCase()
        .replace(/(.{6})/, '$1 '),
      qualification: 'grade_2',
      contactName: '王经理',
      contactPhone: '0352-5200000',
    });
    assert.equal(res.statusCode, 201, res.body);
    const company = json<Company>(res);
    assert.equal(company.creditCode, validCode(1), 'stored upper-case without spaces');
    assert.equal(company.activeCompounds, 0);
    assert.equal(await count(sql`select count(*)::int as n from work_units where id = ${company.id}`), 1);

    const again = await a.post('/api/property/companies', { name: '另一家物业', creditCode: validCode(1) });
    assert.equal(again.statusCode, 409);
    assert.equal(error(again).code, 'CREDIT_CODE_TAKEN');
    const sameName = await a.post('/api/property/companies', { name: '测试物业有限公司', creditCode: validCode(2) });
    assert.equal(error(sameName).code, 'COMPANY_NAME_TAKEN');
    // a property company does not keep the register
    const own = await env.as('guodong').post('/api/property/companies', { name: '冒名物业', creditCode: validCode(3) });
    assert.equal(own.statusCode, 403);
  });

  it('the demo: 国东物业 serves 云汽园 after another company; 360 old compounds have a company', async () => {
    const view = json<CompoundProperty>(await env.as('youyijie').get(`/api/property/compounds/${yunqi}`));
    assert.equal(view.current?.companyName, GUODONG);
    const replaced = view.history.find((h) => h.status === 'ended');
    assert.equal(replaced?.endReason, 'replaced');
    assert.notEqual(replaced?.companyName, GUODONG);
    assert.equal(
      await count(sql`select count(*)::int as n from org_units o where o.kind = 'compound' and o.is_old
        and exists (select 1 from property_contracts k where k.compound_id = o.id and k.status = 'active')`),
      360,
    );
    // every demo company's credit code passes the check
    const codes = await queryRows<{ credit_code: string }>(env.ctx.db, sql`select credit_code from property_companies`);
    assert.ok(codes.length >= 10 && codes.every((c) => isValidCreditCode(c.credit_code)));
  });

  it('管理悬空: the unmanaged compounds are listed and counted per street, in the caller’s subtree', async () => {
    const all = json<Unmanaged>(await env.as('admin').get('/api/property/unmanaged'));
    const expected = await count(sql`select count(*)::int as n from org_units o where o.kind = 'compound'
      and not exists (select 1 from property_contracts k where k.compound_id = o.id and k.status = 'active')`);
    assert.equal(all.total, expected);
    assert.ok(all.total > 0);
    assert.equal(
      all.byStreet.reduce((s, b) => s + b.count, 0),
      all.total,
    );
    const street = json<Unmanaged>(await env.as('shuibosi').get('/api/property/unmanaged'));
    assert.ok(street.total < all.total);
    assert.ok(street.byStreet.every((b) => b.streetName === '水泊寺街道'));
  });

  it('changes the company of a compound with history, refusing a stale version, the same company and other subtrees', async () => {
    const taihe = env.as('taihe');
    const before = json<CompoundProperty>(await taihe.get(`/api/property/compounds/${xinggang}`));
    const other = json<CompanyList>(await taihe.get('/api/property/companies')).items.find(
      (c) => c.id !== before.current?.companyId,
    )!;
    const body = {
      companyId: other.id,
      startsOn: '2026-11-01',
      endsOn: '2029-10-31',
      feeStandard: '住宅 1.20 元/㎡·月',
      feeCentsPerSqm: 120,
      scope: '保洁、绿化、秩序维护',
      expectedVersion: before.contractVersion + 7,
    };
    const stale = await taihe.post(`/api/property/compounds/${xinggang}/contract`, body);
    assert.equal(stale.statusCode, 409);
    assert.equal(error(stale).code, 'CONTRACT_CHANGED');
    const bad = await taihe.post(`/api/property/compounds/${xinggang}/contract`, {
      ...body,
      expectedVersion: before.contractVersion,
      endsOn: '2026-01-01',
    });
    assert.equal(error(bad).code, 'PERIOD_INVALID');
    const outside = await env
      .as('youyijie')
      .post(`/api/property/compounds/${xinggang}/contract`, { ...body, expectedVersion: before.contractVersion });
    assert.equal(outside.statusCode, 403);
    assert.equal(error(outside).code, 'SCOPE_FORBIDDEN');
    assert.equal(
      await count(sql`select count(*)::int as n from property_contracts where compound_id = ${xinggang}`),
      before.history.length,
      'nothing written by the refusals',
    );

    const res = await taihe.post(`/api/property/compounds/${xinggang}/contract`, {
      ...body,
      expectedVersion: before.contractVersion,
    });
    assert.equal(res.statusCode, 200, res.body);
    const after1 = json<CompoundProperty>(res);
    assert.equal(after1.current?.companyId, other.id);
    assert.equal(after1.history.length, before.history.length + 1);
    if (before.current) {
      const old = after1.history.find((h) => h.id === before.current!.id)!;
      assert.equal(old.status, 'ended');
      assert.equal(old.endReason, 'replaced');
      assert.equal(old.endedOn, '2026-11-01');
    }
    const [unit] = await queryRows<{ property_company: string }>(
      env.ctx.db,
      sql`select property_company from org_units where id = ${xinggang}`,
    );
    assert.equal(unit!.property_company, other.name, "the compound's 物业公司 column follows the contract");
    assert.equal(
      await count(
        sql`select count(*)::int as n from audit_log where entity_id = ${xinggang} and action like 'property_contract.%'`,
      ),
      1,
    );
    const same = await taihe.post(`/api/property/compounds/${xinggang}/contract`, {
      ...body,
      expectedVersion: after1.contractVersion,
    });
    assert.equal(error(same).code, 'SAME_COMPANY');

    // ending it leaves the compound 管理悬空, with its last company named
    const ended = await taihe.post(`/api/property/contracts/${after1.current!.id}/end`, {
      endedOn: '2026-11-30',
      reason: 'terminated',
      note: '企业撤场',
      version: after1.current!.version,
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(json<CompoundProperty>(ended).current, null);
    const again = await taihe.post(`/api/property/contracts/${after1.current!.id}/end`, {
      endedOn: '2026-11-30',
      reason: 'terminated',
      version: after1.current!.version + 1,
    });
    assert.equal(error(again).code, 'CONTRACT_NOT_ACTIVE');
    const list = json<Unmanaged>(await taihe.get('/api/property/unmanaged'));
    const row = list.items.find((i) => i.compoundId === xinggang);
    assert.equal(row?.lastCompanyName, other.name);
  });

  it('a property company sees its own entry and compounds only, and no registry', async () => {
    const g = env.as('guodong');
    const list = json<CompanyList>(await g.get('/api/property/companies'));
    assert.deepEqual(
      list.items.map((c) => c.id),
      [guodongId],
    );
    const serving = await count(
      sql`select count(*)::int as n from property_contracts where company_id = ${guodongId} and status = 'active'`,
    );
    assert.ok(serving >= 1);
    assert.equal(list.items[0]!.activeCompounds, serving, 'counts the compounds it serves now');
    assert.equal((await g.get(`/api/property/compounds/${yunqi}`)).statusCode, 200);
    const foreign = await g.get(`/api/property/compounds/${xinggang}`);
    assert.equal(foreign.statusCode, 403);
    assert.equal(error(foreign).code, 'SCOPE_FORBIDDEN');
    const detail = json<{ contracts: { companyId: string }[] }>(await g.get(`/api/property/companies/${guodongId}`));
    assert.ok(detail.contracts.length > 0 && detail.contracts.every((c) => c.companyId === guodongId));
    assert.equal((await g.get('/api/people?q=王')).statusCode, 403);
    assert.equal((await g.get(`/api/org-units/${yunqi}`)).statusCode, 403);
    const other = json<CompanyList>(await env.as('admin').get('/api/property/companies')).items.find(
      (c) => c.id !== guodongId,
    )!;
    assert.equal((await g.get(`/api/property/companies/${other.id}`)).statusCode, 403);
  });

  it('a property leg goes to the compound’s company, which receives, reads and fulfils it', async () => {
    const yy = env.as('youyijie');
    let res = await yy.post('/api/work-orders', {
      channel: 'grid_patrol',
      categoryId: 'C04',
      title: '云汽园西侧围墙开裂倾斜',
      description: '长 400 多米的围墙出现裂缝，整面墙向西倾斜，西侧是停车场',
      compoundId: yunqi,
      reporterName: '李大爷',
      reporterPhone: '13912345678',
    });
    assert.equal(res.statusCode, 201, res.body);
    let order = json<{ order: { id: string; version: number } }>(res).order;
    order = json<{ order: { id: string; version: number } }>(
      await yy.post(`/api/work-orders/${order.id}/accept`, { version: order.version }),
    ).order;
    res = await yy.post(`/api/work-orders/${order.id}/dispatch`, {
      version: order.version,
      legs: [{ handlerKind: 'property' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const legs = json<{ order: { legs: { id: string; handlerKind: string; workUnitId: string | null }[] } }>(res).order
      .legs;
    assert.equal(legs[0]!.workUnitId, guodongId, 'the 国东物业 leg names the company');
    const [out] = await queryRows<{ payload: { workUnitId: string } }>(
      env.ctx.db,
      sql`select payload from outbox where topic = 'order.to_fulfil' order by id desc limit 1`,
    );
    assert.equal(out!.payload.workUnitId, guodongId, 'the notification names the company');

    const g = env.as('guodong');
    const inbox = json<{ items: { id: string }[] }>(await g.get('/api/work-orders?box=inbox'));
    assert.ok(
      inbox.items.some((i) => i.id === order.id),
      'in the company’s inbox',
    );
    const detail = json<{
      order: { reporterPhoneMasked: string | null; handlerName?: string; legs: { handlerName: string }[] };
      can: { fulfil: string[] };
    }>(await g.get(`/api/work-orders/${order.id}`));
    assert.deepEqual(detail.can.fulfil, [legs[0]!.id]);
    assert.equal(detail.order.legs[0]!.handlerName, GUODONG);
    assert.doesNotMatch(JSON.stringify(detail), /13912345678/, 'the full phone number never reaches the company');

    // another company's account sees nothing of it
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, work_unit_id)
      select '140213', 'U-PC2', 'other-pc', '其他物业', ${await hashPassword(DEMO_PASSWORD)}, 'property_company', '140213', id
      from property_companies where id <> ${guodongId} order by id limit 1`);
    const o = env.as('other-pc');
    assert.equal((await o.get(`/api/work-orders/${order.id}`)).statusCode, 403);
    const refused = await o.post(`/api/work-orders/${order.id}/legs/${legs[0]!.id}/fulfil`, { result: '冒领' });
    assert.equal(refused.statusCode, 403);

    res = await g.post(`/api/work-orders/${order.id}/legs/${legs[0]!.id}/fulfil`, {
      result: '国东物业 3 天拆除危墙，重建护栏',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(json<{ order: { status: string } }>(res).order.status, 'fulfilled');
  });

  it('a property company account must name a registered company', async () => {
    const res = await env.as('admin').post('/api/users', {
      username: 'pc-none',
      displayName: '无企业物业账号',
      role: 'property_company',
      orgUnitId: '140213',
      workUnitId: 'W001',
      password: 'Linli-test-2026',
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(error(res).code, 'PROPERTY_COMPANY_REQUIRED');
  });
});
