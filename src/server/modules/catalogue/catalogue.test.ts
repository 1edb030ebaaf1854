import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { shanghaiDate } from '../../lib/time.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId, orderIn, PNG, type OrderFixtureCtx, type OrderState } from '../../testing/orders.js';
import type { CatalogueReply, DispatchSuggestion } from '../../../shared/catalogue.schema.js';
import type { Drill } from '../../../shared/assessment.schema.js';

/**
 * 派单目录 on the demo: two versions (CAT-V1 a year ago with the old defaults, CAT-V2 60 days ago fixing
 * the seed case), the suggestion dispatch reads, new versions, and a return blamed on the catalogue.
 */
let env: TestEnv;
let f: OrderFixtureCtx;
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));

async function get<T>(user: string, url: string): Promise<T> {
  const res = await env.as(user).get(url);
  assert.equal(res.statusCode, 200, res.body);
  return json<T>(res);
}
const entry = (c: CatalogueReply, versionId: string, categoryId: string) =>
  c.versions.find((v) => v.id === versionId)!.entries.find((e) => e.categoryId === categoryId)!;

async function acceptedOrder(categoryId: string): Promise<OrderState> {
  const created = await env.as('resident').post('/api/work-orders', {
    channel: 'resident',
    categoryId,
    title: '装修拆除楼板',
    description: '邻居装修时拆除了地下室和一层之间的楼板',
    compoundId: await compoundId(env.ctx.db),
    photos: [PNG],
  });
  assert.equal(created.statusCode, 201, created.body);
  const { order } = json<{ order: OrderState }>(created);
  const res = await env.as('taihe').post(`/api/work-orders/${order.id}/accept`, { version: order.version });
  assert.equal(res.statusCode, 200, res.body);
  return json<{ order: OrderState }>(res).order;
}

before(async () => {
  env = await createTestEnv();
  f = env;
});
after(() => env.close());

describe('派单目录 (dispatch catalogue)', () => {
  it('keeps every version; the one in force on a day is the latest that took effect by then', async () => {
    const all = await get<CatalogueReply>('admin', '/api/dispatch-catalogue');
    assert.deepEqual(
      all.versions.map((v) => [v.id, v.inForce]),
      [
        ['CAT-V2', true],
        ['CAT-V1', false],
      ],
    );
    assert.equal(all.canConfigure, true);
    const old = await get<CatalogueReply>('admin', `/api/dispatch-catalogue?on=${day(-100)}`);
    assert.deepEqual(
      old.versions.map((v) => v.id),
      ['CAT-V1'],
    );
    // the old defaults, and the change that fixed the seed case, marked as changed
    assert.deepEqual(entry(all, 'CAT-V1', 'C05').handlers, [{ handlerKind: 'department', workUnitId: 'W002' }]);
    const c05 = entry(all, 'CAT-V2', 'C05');
    assert.deepEqual(c05.handlerNames, ['平城区住房和城乡建设局', '平城区房产服务中心']);
    assert.equal(c05.changed, true);
    assert.equal(entry(all, 'CAT-V2', 'C01').changed, false);
    assert.deepEqual(await get<CatalogueReply>('shuibosi', `/api/dispatch-catalogue?on=${day(-1000)}`), {
      versions: [],
      canConfigure: false,
    });
  });

  it('dispatch suggests the units of the version in force: 住建局 with 房产服务中心 for 装修', async () => {
    const order = await acceptedOrder('C05');
    const { suggestion } = await get<DispatchSuggestion>('taihe', `/api/work-orders/${order.id}/dispatch-suggestion`);
    assert.equal(suggestion?.versionId, 'CAT-V2');
    assert.deepEqual(
      suggestion?.handlers.map((h) => h.workUnitId),
      ['W001', 'W002'],
    );
    const res = await env.as('taihe').post(`/api/work-orders/${order.id}/dispatch`, {
      version: order.version,
      legs: suggestion!.handlers.map((h) => ({ handlerKind: h.handlerKind, workUnitId: h.workUnitId ?? undefined })),
    });
    assert.equal(res.statusCode, 200, res.body);
    const [ev] = await queryRows<{ data: { catalogue: { versionId: string } } }>(
      env.ctx.db,
      sql`select data from work_order_events where order_id = ${order.id} and type = 'dispatched'`,
    );
    assert.equal(ev!.data.catalogue.versionId, 'CAT-V2', 'the dispatch keeps the version it followed');
    const denied = await env.as('resident').get(`/api/work-orders/${order.id}/dispatch-suggestion`);
    assert.equal(denied.statusCode, 403);
  });

  it('the legs take the deadline of the catalogue entry in force, not the category default', async () => {
    const [cat] = await queryRows<{ days: number }>(
      env.ctx.db,
      sql`select handle_days as days from work_order_categories where id = 'C06'`,
    );
    const days = cat!.days + 4;
    await env.ctx.db.execute(
      sql`update dispatch_catalogue_entries set handle_days = ${days} where version_id = 'CAT-V2' and category_id = 'C06'`,
    );
    const order = await acceptedOrder('C06');
    const { suggestion } = await get<DispatchSuggestion>('taihe', `/api/work-orders/${order.id}/dispatch-suggestion`);
    assert.equal(suggestion?.handleDays, days);
    const res = await env.as('taihe').post(`/api/work-orders/${order.id}/dispatch`, {
      version: order.version,
      legs: suggestion!.handlers.map((h) => ({ handlerKind: h.handlerKind, workUnitId: h.workUnitId ?? undefined })),
    });
    assert.equal(res.statusCode, 200, res.body);
    const legs = await queryRows<{ due: string }>(
      env.ctx.db,
      sql`select due_at as due from work_order_legs where order_id = ${order.id}`,
    );
    assert.ok(legs.length > 0);
    const expected = shanghaiDate(addWorkingDays(new Date(), days));
    for (const leg of legs) assert.equal(shanghaiDate(new Date(leg.due)), expected);
  });

  it('a new version takes effect on its date, never in the past, one per date, only by the district', async () => {
    const cats = (await get<CatalogueReply>('admin', '/api/dispatch-catalogue')).versions[0]!.entries;
    const body = {
      effectiveFrom: day(2),
      reason: '消防类诉求改由综合行政执法队牵头',
      entries: cats.map((e) => ({ categoryId: e.categoryId, handlers: e.handlers, handleDays: e.handleDays })),
    };
    const denied = await env.as('shuibosi').post('/api/dispatch-catalogue/versions', body);
    assert.equal(denied.statusCode, 403);
    assert.equal(code(denied), 'PERMISSION_DENIED');
    const past = await env.as('admin').post('/api/dispatch-catalogue/versions', { ...body, effectiveFrom: day(-1) });
    assert.equal(past.statusCode, 400);
    assert.equal(code(past), 'CATALOGUE_DATE_PAST');
    const unknown = await env.as('admin').post('/api/dispatch-catalogue/versions', {
      ...body,
      entries: [{ categoryId: 'NOPE', handlers: [{ handlerKind: 'community', workUnitId: null }], handleDays: 3 }],
    });
    assert.equal(code(unknown), 'CATALOGUE_CATEGORY_UNKNOWN');
    const noDept = await env.as('admin').post('/api/dispatch-catalogue/versions', {
      ...body,
      entries: [{ categoryId: 'C07', handlers: [{ handlerKind: 'department', workUnitId: null }], handleDays: 3 }],
    });
    assert.equal(code(noDept), 'CATALOGUE_UNIT_INVALID');
    const ok = await env.as('admin').post('/api/dispatch-catalogue/versions', body);
    assert.equal(ok.statusCode, 201, ok.body);
    const twice = await env.as('admin').post('/api/dispatch-catalogue/versions', body);
    assert.equal(twice.statusCode, 409);
    assert.equal(code(twice), 'CATALOGUE_DATE_TAKEN');
    const all = await get<CatalogueReply>('admin', '/api/dispatch-catalogue');
    assert.equal(all.versions.length, 3);
    assert.equal(all.versions.find((v) => v.inForce)!.id, 'CAT-V2', 'today is still under CAT-V2');
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'dispatch_catalogue.version'`,
    );
    assert.equal(audit!.n, 1);
  });

  it('a return blamed on the catalogue counts against the entry, not against the unit', async () => {
    const order = await orderIn(f, 'dispatched'); // 安全隐患 (C04) to 住建局 W001 and the property company
    const leg = order.legs.find((l) => l.workUnitId === 'W001')!;
    const res = await env.as('zhujian').post(`/api/work-orders/${order.id}/legs/${leg.id}/return`, {
      reason: '墙体开裂属房屋安全，应由房产服务中心承办',
      cause: 'catalogue',
    });
    assert.equal(res.statusCode, 200, res.body);
    const all = await get<CatalogueReply>('zhujian', '/api/dispatch-catalogue');
    assert.equal(entry(all, 'CAT-V2', 'C04').misses, 1);
    assert.equal(entry(all, 'CAT-V2', 'C05').misses, 0);
    const month = shanghaiDate(new Date()).slice(0, 7);
    const drill = await get<Drill>(
      'admin',
      `/api/assessment/drill?month=${month}&unitKind=department&unitId=W001&rate=returnRate`,
    );
    const row = drill.rows.find((r) => r.orderId === order.id)!;
    assert.equal(row.counted, 0);
    assert.match(row.detail, /派单目录有误/);
  });
});

describe('派单目录: who may read it and who may change it (every role)', () => {
  const READERS = ['admin', 'shuibosi', 'taihe', 'zhujian'];
  const OTHERS = [
    'xinggang',
    'xinggang-branch',
    'qingyuan-sw',
    'yiyuanli',
    'resident',
    'qingyuan-head',
    'minor-centre',
    'agent',
    'juror1',
    'guodong',
  ];
  for (const user of READERS)
    it(`${user} reads the catalogue`, async () => {
      await get<CatalogueReply>(user, '/api/dispatch-catalogue');
    });
  for (const user of OTHERS)
    it(`${user} may not read nor change it`, async () => {
      const res = await env.as(user).get('/api/dispatch-catalogue');
      assert.equal(res.statusCode, 403, user);
      assert.equal(code(res), 'PERMISSION_DENIED');
      const post = await env.as(user).post('/api/dispatch-catalogue/versions', {
        effectiveFrom: day(5),
        reason: '无权调整',
        entries: [{ categoryId: 'C01', handlers: [{ handlerKind: 'property', workUnitId: null }], handleDays: 3 }],
      });
      assert.equal(post.statusCode, 403, user);
    });
});
