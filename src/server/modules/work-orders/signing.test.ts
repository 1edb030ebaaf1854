import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import type { OrderList, OrderResponse } from '../../../shared/work-orders.schema.js';
import type { Ranking } from '../../../shared/assessment.schema.js';

/** 签收: the handler unit signs for its leg (who, when, a `signed` event); the department's 响应率 counts from it. */
let env: TestEnv;
let f: OrderFixtureCtx;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const detail = async (user: string, id: string) =>
  json<OrderResponse>(await env.as(user).get(`/api/work-orders/${id}`));
const deptLeg = (d: OrderResponse) => d.order.legs.find((l) => l.workUnitId === 'W001')!;

describe('work orders: 签收 of a leg', () => {
  before(async () => {
    env = await createTestEnv();
    f = env;
  });
  after(() => env.close());

  it('lets 住建局 sign for its leg once, from the 待签收 inbox, with who and when on the leg and the timeline', async () => {
    const o = await orderIn(f, 'dispatched');
    let d = await detail('zhujian', o.id);
    const leg = deptLeg(d);
    assert.equal(leg.signedAt, null);
    assert.deepEqual(d.can.sign, [leg.id]);
    assert.deepEqual(d.order.toSign, [leg.id]);

    const waiting = json<OrderList>(await env.as('zhujian').get('/api/work-orders?box=inbox&unsigned=true&limit=100'));
    const row = waiting.items.find((x) => x.id === o.id);
    assert.ok(row, 'the order is in 住建局’s 待签收 list');
    assert.deepEqual(row.toSign, [leg.id]);

    // another unit, a resident and a community worker may not sign for 住建局
    const community = await env.as('xinggang').post(`/api/work-orders/${o.id}/legs/${leg.id}/sign`, {});
    assert.equal(community.statusCode, 403);
    assert.equal(error(community).code, 'LEG_FORBIDDEN');
    assert.equal((await env.as('resident').post(`/api/work-orders/${o.id}/legs/${leg.id}/sign`, {})).statusCode, 403);

    const before = Date.now();
    d = json<OrderResponse>(
      await env.as('zhujian').post(`/api/work-orders/${o.id}/legs/${leg.id}/sign`, { note: '刘科长负责' }),
    );
    const signed = deptLeg(d);
    assert.ok(signed.signedAt && Date.parse(signed.signedAt) >= before - 1000);
    assert.equal(signed.signedByName, '区住建局 刘科长');
    assert.equal(signed.status, 'open');
    assert.deepEqual(d.can.sign, []);
    const ev = d.order.events.filter((e) => e.type === 'signed');
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.actorName, '区住建局 刘科长');
    assert.equal(ev[0]!.data?.legId, leg.id);
    assert.equal(ev[0]!.data?.workUnitId, 'W001');
    assert.equal(ev[0]!.note, '刘科长负责');
    // the property leg of the same order still waits for the community (it acts for the company)
    assert.equal(d.order.legs.find((l) => l.handlerKind === 'property')!.signedAt, null);

    const again = await env.as('zhujian').post(`/api/work-orders/${o.id}/legs/${leg.id}/sign`, {});
    assert.equal(again.statusCode, 409);
    assert.equal(error(again).code, 'LEG_ALREADY_SIGNED');
    assert.equal(error(again).message, '该派单已签收，无需重复签收。');
    const en = await env.app.inject({
      method: 'POST',
      url: `/api/work-orders/${o.id}/legs/${leg.id}/sign`,
      headers: { cookie: (await env.as('zhujian').cookie())!, 'accept-language': 'en' },
      payload: {},
    });
    assert.equal(error(en).message, 'This assignment has already been signed for.');
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'work_order.sign' and entity_id = ${o.id}`,
    );
    assert.equal(audit!.n, 1, 'one audit row for one 签收');

    const still = json<OrderList>(await env.as('zhujian').get('/api/work-orders?box=inbox&unsigned=true&limit=100'));
    assert.ok(!still.items.some((x) => x.id === o.id), 'signed: out of 待签收');
    const signedBox = json<OrderList>(
      await env.as('zhujian').get('/api/work-orders?box=inbox&unsigned=false&limit=100'),
    );
    assert.ok(
      signedBox.items.some((x) => x.id === o.id),
      'still in the inbox, among the signed',
    );
  });

  it('signs implicitly when a leg is fulfilled or extended without 签收, at that moment', async () => {
    const o = await orderIn(f, 'dispatched');
    const leg = deptLeg(await detail('zhujian', o.id));
    const d = json<OrderResponse>(
      await env.as('zhujian').post(`/api/work-orders/${o.id}/legs/${leg.id}/fulfil`, { result: '已现场核查' }),
    );
    const done = deptLeg(d);
    assert.equal(done.status, 'fulfilled');
    assert.equal(done.signedAt, done.fulfilledAt, 'signed when fulfilled');
    // no 签收 event of its own: the fulfilment is the response, marked as having signed the leg
    assert.ok(!d.order.events.some((e) => e.type === 'signed'));
    assert.equal(d.order.events.at(-1)!.type, 'fulfilled');
    assert.equal(d.order.events.at(-1)!.data?.signedNow, true);
    // a fulfilled leg cannot be signed for any more
    const late = await env.as('zhujian').post(`/api/work-orders/${o.id}/legs/${leg.id}/sign`, {});
    assert.equal(late.statusCode, 403);
    assert.equal(error(late).code, 'LEG_FORBIDDEN');

    const x = await orderIn(f, 'extension');
    const ext = deptLeg(await detail('zhujian', x.id));
    assert.ok(ext.signedAt, 'asking for more days signs the leg');
    const xd = await detail('zhujian', x.id);
    assert.equal(xd.order.events.at(-1)!.type, 'extension_requested');
    assert.equal(xd.order.events.at(-1)!.data?.signedNow, true);
  });

  it('counts a department’s 响应率 from its 签收, not from its fulfilment', async () => {
    const [xg] = await queryRows<{ id: string; path: string }>(
      env.ctx.db,
      sql`select id, path from org_units where name = '星港城'`,
    );
    await env.ctx.db
      .execute(sql`insert into work_order_categories (district_id, id, name, default_handler, accept_days, dispatch_days, handle_days)
      values ('140213', 'TSG', '签收测试', 'department', 1, 1, 5)`);
    const at = (local: string) => new Date(`2024-05-${local}:00+08:00`).toISOString();
    // May 2024, before the demo's orders. Both legs dispatched Mon 05-13 10:00 to 住建局; response deadline
    // (1 working day) Tue 05-14 10:00. S1 signed 05-13 11:00 (✓) and fulfilled Thu 05-16 (after the deadline:
    // counted by fulfilment it would be ✗); S2 signed Thu 05-16 09:00 (✗). By hand: 1 / 2 = 0.5.
    for (const [key, signedAt, fulfilledAt] of [
      ['S1', '13T11:00', '16T15:00'],
      ['S2', '16T09:00', '17T10:00'],
    ] as const) {
      const id = `T-${key}`;
      await env.ctx.db
        .execute(sql`insert into work_orders (district_id, id, no, channel, category_id, title, description, compound_id, org_path, status)
        values ('140213', ${id}, ${`WO-SIGN-${key}`}, 'resident', 'TSG', ${`签收样例 ${key}`}, '手工构造', ${xg!.id}, ${xg!.path}, 'fulfilled')`);
      await env.ctx.db
        .execute(sql`insert into work_order_legs (district_id, id, order_id, handler_kind, work_unit_id, status, due_at, created_at, signed_at, fulfilled_at)
        values ('140213', ${`L-${key}`}, ${id}, 'department', 'W001', 'fulfilled', ${at('20T10:00')}, ${at('13T10:00')}, ${at(signedAt)}, ${at(fulfilledAt)})`);
      for (const [when, type] of [
        ['13T09:00', 'created'],
        ['13T09:30', 'accepted'],
        [signedAt, 'signed'],
        [fulfilledAt, 'fulfilled'],
      ] as const)
        await env.ctx.db.execute(sql`insert into work_order_events (district_id, order_id, at, actor_role, type, data)
          values ('140213', ${id}, ${at(when)}, 'department_staff', ${type}, ${JSON.stringify({ legId: `L-${key}`, late: false })}::jsonb)`);
    }
    const r = json<Ranking>(
      await env
        .as('admin')
        .get(
          `/api/assessment/ranking?month=2024-05&kind=department&asOf=${encodeURIComponent('2024-06-15T00:00:00+08:00')}`,
        ),
    );
    const w001 = r.units.find((u) => u.id === 'W001')!;
    assert.deepEqual(
      { n: w001.rates.response.numerator, d: w001.rates.response.denominator, v: w001.rates.response.value },
      { n: 1, d: 2, v: 0.5 },
    );
    const drill = json<{ rows: { no: string; counted: number; detail: string }[] }>(
      await env
        .as('admin')
        .get(
          `/api/assessment/drill?month=2024-05&unitKind=department&unitId=W001&rate=response&asOf=${encodeURIComponent('2024-06-15T00:00:00+08:00')}`,
        ),
    );
    const s1 = drill.rows.find((x) => x.no === 'WO-SIGN-S1')!;
    assert.equal(s1.counted, 1);
    assert.match(s1.detail, /签收 2024-05-13 11:00/);
    assert.equal(drill.rows.find((x) => x.no === 'WO-SIGN-S2')!.counted, 0);
  });
});
