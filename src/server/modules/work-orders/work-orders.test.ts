import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { hashPassword } from '../auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../testing/harness.js';
import { compoundId, orderIn, PNG, type OrderFixtureCtx } from '../../testing/orders.js';
import { sweepOverdue } from './work-orders.service.js';

let env: TestEnv;
let f: OrderFixtureCtx;
const cookies = new Map<string, string>();
interface Detail {
  order: {
    id: string;
    no: string;
    status: string;
    version: number;
    dueAt: string | null;
    escalationLevel: number;
    isOverdue: boolean;
    possibleDuplicateOf: string | null;
    legs: {
      id: string;
      workUnitId: string | null;
      handlerKind: string;
      status: string;
      dueAt: string | null;
      handlerName: string;
    }[];
    events: { type: string; actorName: string | null; note: string | null }[];
    createdAt: string;
  };
  can: Record<string, unknown>;
}
const HEAD = [
  '12345工单编号',
  '受理时间',
  '诉求分类',
  '标题',
  '诉求内容',
  '社区编码',
  '小区名称',
  '联系人',
  '联系电话',
];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;

describe('work orders: 小区接单、社区派单、部门兑单', () => {
  before(async () => {
    env = await createTestEnv();
    for (const u of ['admin', 'taihe', 'youyijie', 'xinggang', 'zhujian', 'resident', 'shuibosi'])
      cookies.set(u, (await env.as(u).cookie())!);
    // an account for 房产服务中心 (W002), the second department of the seed case
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, work_unit_id)
      values ('140213', 'U-FC', 'fangchan', '区房产服务中心 张主任', ${await hashPassword(DEMO_PASSWORD)}, 'department_staff', '140213', 'W002')`);
    cookies.set('fangchan', (await env.as('fangchan').cookie())!);
    f = env;
  });
  after(() => env.close());

  it('runs the seed case: 12345 order → 太和社区 dispatches to 住建局 and 房产服务中心 → fulfilled → rated', async () => {
    const taihe = (
      await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '太和社区'`)
    )[0]!.id;
    const file = await xlsx([
      HEAD,
      [
        'SX12345-CASE-1',
        '2026-11-20 09:30',
        '装修',
        '装修拆除楼板存在安全隐患',
        '星港城小区一居民装修时把地下室和一层之间的楼板拆除',
        taihe,
        '星港城',
        '王女士',
        '13900001111',
      ],
    ]);
    assert.deepEqual(json(await env.as('admin').upload('/api/imports/hotline-12345', file)), {
      created: 1,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    const [row] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from work_orders where hotline_no = 'SX12345-CASE-1'`,
    );
    const id = row!.id;
    let d = json<Detail>(await env.as('xinggang').get(`/api/work-orders/${id}`));
    assert.equal(d.order.status, 'new');
    assert.equal(d.can.accept, true);
    // the grid worker's inbox holds it
    assert.ok(
      json<{ items: { id: string }[] }>(
        await env.as('xinggang').get('/api/work-orders?box=inbox&limit=100'),
      ).items.some((o) => o.id === id),
    );
    d = json<Detail>(await env.as('xinggang').post(`/api/work-orders/${id}/accept`, { version: d.order.version }));
    assert.equal(d.order.status, 'accepted');
    d = json<Detail>(
      await env.as('taihe').post(`/api/work-orders/${id}/dispatch`, {
        version: d.order.version,
        legs: [
          { handlerKind: 'department', workUnitId: 'W001' },
          { handlerKind: 'department', workUnitId: 'W002' },
        ],
      }),
    );
    assert.equal(d.order.status, 'dispatched');
    assert.deepEqual(
      d.order.legs.map((l) => l.handlerName).sort(),
      ['平城区房产服务中心', '平城区住房和城乡建设局'].sort(),
    );
    const zj = d.order.legs.find((l) => l.workUnitId === 'W001')!;
    const fc = d.order.legs.find((l) => l.workUnitId === 'W002')!;
    // each department sees it in its inbox and may fulfil only its own leg
    assert.ok(
      json<{ items: { id: string }[] }>(await env.as('zhujian').get('/api/work-orders?box=inbox&limit=100')).items.some(
        (o) => o.id === id,
      ),
    );
    const wrongLeg = await env
      .as('zhujian')
      .post(`/api/work-orders/${id}/legs/${fc.id}/fulfil`, { result: '越权办理' });
    assert.equal(wrongLeg.statusCode, 403);
    assert.equal(code(wrongLeg), 'LEG_FORBIDDEN');
    assert.equal(
      json<Detail>(
        await env
          .as('zhujian')
          .post(`/api/work-orders/${id}/legs/${zj.id}/fulfil`, { result: '住建局现场查看，责令恢复' }),
      ).order.status,
      'dispatched',
    );
    d = json<Detail>(
      await env.as('fangchan').post(`/api/work-orders/${id}/legs/${fc.id}/fulfil`, {
        result: '出具结构安全鉴定证明',
        evidence: ['鉴定报告编号 2026-118'],
      }),
    );
    assert.equal(d.order.status, 'fulfilled');
    d = json<Detail>(await env.as('taihe').get(`/api/work-orders/${id}`));
    assert.equal(d.can.confirm, true);
    d = json<Detail>(
      await env.as('taihe').post(`/api/work-orders/${id}/confirm`, {
        version: d.order.version,
        rating: 5,
        comment: '电话回访，居民满意',
      }),
    );
    assert.equal(d.order.status, 'closed');
    assert.deepEqual(
      d.order.events.map((e) => e.type),
      ['imported', 'accepted', 'dispatched', 'fulfilled', 'fulfilled', 'confirmed', 'closed'],
    );
    assert.ok(
      d.order.events.slice(1).every((e) => e.actorName),
      'every step says who',
    );
    // re-importing the same 12345 export changes nothing; a changed text updates, never duplicates
    assert.deepEqual(json(await env.as('admin').upload('/api/imports/hotline-12345', file)), {
      created: 0,
      updated: 0,
      unchanged: 1,
      errors: [],
    });
    const changed = await xlsx([
      HEAD,
      [
        'SX12345-CASE-1',
        '2026-11-20 09:30',
        '装修',
        '装修拆除楼板存在安全隐患（补充）',
        '补充说明',
        taihe,
        '星港城',
        '王女士',
        '13900001111',
      ],
    ]);
    assert.deepEqual(json(await env.as('admin').upload('/api/imports/hotline-12345', changed)), {
      created: 0,
      updated: 1,
      unchanged: 0,
      errors: [],
    });
    assert.equal(
      (
        await queryRows<{ n: number }>(
          env.ctx.db,
          sql`select count(*)::int as n from work_orders where hotline_no = 'SX12345-CASE-1'`,
        )
      )[0]!.n,
      1,
    );
  });

  it('lets the district configure categories and their deadlines, used by the next hand-off', async () => {
    const put = (body: object) => env.as('admin').put('/api/work-order-categories/C0401', body);
    const noUnit = await put({ name: '围墙隐患', parentId: 'C04', defaultHandler: 'department', handleDays: 2 });
    assert.equal(noUnit.statusCode, 400, 'department needs a unit');
    assert.equal(code(noUnit), 'DEPARTMENT_REQUIRED');
    const badParent = await put({ name: '围墙隐患', parentId: 'C99', defaultHandler: 'community' });
    assert.equal(badParent.statusCode, 400);
    assert.equal(code(badParent), 'CATEGORY_PARENT_INVALID');
    const ok = await put({
      name: '围墙隐患',
      parentId: 'C04',
      defaultHandler: 'department',
      defaultWorkUnitId: 'W001',
      handleDays: 2,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(
      (await env.as('taihe').put('/api/work-order-categories/C0401', { name: 'x', defaultHandler: 'community' }))
        .statusCode,
      403,
    );
    const created = json<Detail>(
      await env.as('taihe').post('/api/work-orders', {
        channel: 'grid_patrol',
        categoryId: 'C0401',
        title: '围墙倾斜',
        description: '400 米围墙倾斜',
        compoundId: await compoundId(env.ctx.db),
      }),
    );
    let d = json<Detail>(
      await env.as('taihe').post(`/api/work-orders/${created.order.id}/accept`, { version: created.order.version }),
    );
    d = json<Detail>(
      await env.as('taihe').post(`/api/work-orders/${d.order.id}/dispatch`, {
        version: d.order.version,
        legs: [{ handlerKind: 'department', workUnitId: 'W001' }],
      }),
    );
    const events = await queryRows<{ at: Date }>(
      env.ctx.db,
      sql`select at from work_order_events where order_id = ${d.order.id} and type = 'dispatched'`,
    );
    assert.equal(d.order.legs[0]!.dueAt, addWorkingDays(new Date(events[0]!.at), 2).toISOString());
  });

  it('reports bad 12345 rows and writes nothing', async () => {
    const before = (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from work_orders`))[0]!.n;
    const res = json<{ errors: { row: number; field: string }[] }>(
      await env
        .as('admin')
        .upload(
          '/api/imports/hotline-12345',
          await xlsx([
            HEAD,
            ['SX-OK-1', '2026-11-20 09:30', '装修', '标题', '内容', '140213066003', '星港城', '', ''],
            ['SX-BAD-1', '昨天', '外星人', '标题', '内容', '140213066003', '不存在小区', '', '12'],
          ]),
        ),
    );
    assert.deepEqual(
      res.errors.map((e) => e.field),
      ['受理时间', '诉求分类', '小区名称', '联系电话'],
    );
    assert.ok(res.errors.every((e) => e.row === 3));
    assert.equal(
      (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from work_orders`))[0]!.n,
      before,
    );
  });

  it('sets the accept deadline in Chinese working days and flags possible duplicates', async () => {
    const a = await orderIn(f, 'new');
    const d = json<Detail>(await env.as('taihe').get(`/api/work-orders/${a.id}`));
    assert.equal(d.order.dueAt, addWorkingDays(new Date(d.order.createdAt), 1).toISOString());
    const b = json<Detail>(
      await env.as('resident').post('/api/work-orders', {
        channel: 'resident',
        categoryId: 'C04',
        title: '又一起墙体开裂',
        description: '同一处',
        compoundId: await compoundId(env.ctx.db),
      }),
    );
    assert.ok(b.order.possibleDuplicateOf, 'same compound, same category, still open');
    assert.equal(json<Detail>(await env.as('taihe').get(`/api/work-orders/${b.order.id}`)).can.merge, true);
    assert.equal(b.can.merge, false, 'the reporting resident may not merge');
    const merged = json<Detail>(
      await env.as('taihe').post(`/api/work-orders/${b.order.id}/merge`, { intoId: b.order.possibleDuplicateOf! }),
    );
    assert.equal(merged.order.status, 'closed');
  });

  it('honours Idempotency-Key: same key and body → same order; other body → 409', async () => {
    const key = randomUUID();
    const body = {
      channel: 'resident',
      categoryId: 'C02',
      title: '垃圾未清运',
      description: '三天没有清运',
      compoundId: await compoundId(env.ctx.db),
    };
    const first = await env.as('resident').post('/api/work-orders', body, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201);
    const again = await env.as('resident').post('/api/work-orders', body, { 'idempotency-key': key });
    assert.equal(again.statusCode, 200);
    assert.equal(json<Detail>(again).order.id, json<Detail>(first).order.id);
    const other = await env
      .as('resident')
      .post('/api/work-orders', { ...body, title: '另一件事' }, { 'idempotency-key': key });
    assert.equal(other.statusCode, 409);
    assert.equal(json<{ error: { code: string } }>(other).error.code, 'IDEMPOTENCY_KEY_REUSED');
    const [n] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where title = '垃圾未清运'`,
    );
    assert.equal(n!.n, 1);
  });

  it('refuses a stale version with 409 and leaves the order as it was', async () => {
    const o = await orderIn(f, 'new');
    assert.equal(
      (await env.as('xinggang').post(`/api/work-orders/${o.id}/accept`, { version: o.version })).statusCode,
      200,
    );
    const stale = await env.as('taihe').post(`/api/work-orders/${o.id}/dispatch`, {
      version: o.version,
      legs: [{ handlerKind: 'property' }],
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(code(stale), 'VERSION_CONFLICT');
    const d = json<Detail>(await env.as('taihe').get(`/api/work-orders/${o.id}`));
    assert.equal(d.order.status, 'accepted');
    assert.equal(d.order.legs.length, 0);
  });

  it('rejects bad input with 400 and a Chinese message, writing nothing', async () => {
    const compound = await compoundId(env.ctx.db);
    for (const payload of [
      { channel: 'resident', categoryId: 'C02', title: '', description: 'x', compoundId: compound },
      {
        channel: 'resident',
        categoryId: 'C02',
        title: '标题',
        description: 'x',
        compoundId: compound,
        photos: ['data:text/html;base64,AAAA'],
      },
      {
        channel: 'resident',
        categoryId: 'C02',
        title: '标题',
        description: 'x',
        compoundId: compound,
        photos: [PNG, PNG, PNG, PNG],
      },
      { channel: 'fax', categoryId: 'C02', title: '标题', description: 'x', compoundId: compound },
    ]) {
      const res = await env.as('taihe').post('/api/work-orders', payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(json<{ error: { message: string } }>(res).error.message, /[\u4e00-\u9fff]/);
    }
    assert.equal(
      (
        await env.as('taihe').post('/api/work-orders', {
          channel: 'resident',
          categoryId: 'C99',
          title: '标题',
          description: 'x',
          compoundId: compound,
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await env.as('taihe').post('/api/work-orders', {
          channel: 'hotline_12345',
          categoryId: 'C02',
          title: '标题',
          description: 'x',
          compoundId: compound,
        })
      ).statusCode,
      400,
    );
    const o = await orderIn(f, 'accepted');
    const noDept = await env.as('taihe').post(`/api/work-orders/${o.id}/dispatch`, {
      version: o.version,
      legs: [{ handlerKind: 'department' }],
    });
    assert.equal(noDept.statusCode, 400);
    assert.equal(code(noDept), 'DEPARTMENT_REQUIRED');
    assert.equal(
      json<Detail>(await env.as('taihe').get(`/api/work-orders/${o.id}`)).order.legs.length,
      0,
      'no half-written dispatch',
    );
    const wrongState = await env.as('xinggang').post(`/api/work-orders/${o.id}/accept`, { version: o.version });
    assert.equal(wrongState.statusCode, 409);
    assert.equal(code(wrongState), 'ORDER_STATE_INVALID');
  });

  it('pauses the clock during an extension request and moves the deadline when approved', async () => {
    const o = await orderIn(f, 'extension');
    let d = json<Detail>(await env.as('taihe').get(`/api/work-orders/${o.id}`));
    const dept = d.order.legs.find((l) => l.workUnitId === 'W001')!;
    const prop = d.order.legs.find((l) => l.handlerKind === 'property')!;
    assert.equal(dept.status, 'paused');
    assert.equal(d.order.dueAt, prop.dueAt, 'a paused leg does not drive the order deadline');
    assert.equal(d.can.decideExtension, true);
    assert.equal(
      (await env.as('zhujian').post(`/api/work-orders/${o.id}/legs/${dept.id}/fulfil`, { result: '提前办结' }))
        .statusCode,
      409,
    );
    d = json<Detail>(
      await env.as('taihe').post(`/api/work-orders/${o.id}/legs/${dept.id}/extension/decide`, { approve: true }),
    );
    const after = d.order.legs.find((l) => l.id === dept.id)!;
    assert.equal(after.status, 'open');
    assert.ok(Date.parse(after.dueAt!) > Date.parse(dept.dueAt!) + 2 * 86400_000, 'three more working days');
  });

  it('escalates an overdue order exactly once, even when swept again or after a restart', async () => {
    const o = await orderIn(f, 'new');
    await env.ctx.db.execute(
      sql`update work_orders set due_at = now() - interval '2 hours', stage_due_at = now() - interval '2 hours' where id = ${o.id}`,
    );
    const first = await sweepOverdue(env.ctx);
    assert.ok(first >= 1);
    assert.equal(await sweepOverdue(env.ctx), 0);
    const d = json<Detail>(await env.as('shuibosi').get(`/api/work-orders/${o.id}`));
    assert.equal(d.order.escalationLevel, 1);
    assert.equal(d.order.isOverdue, true);
    assert.equal(d.order.events.filter((e) => e.type === 'escalated').length, 1);
    assert.ok(
      json<{ items: { id: string }[] }>(
        await env.as('shuibosi').get('/api/work-orders?box=inbox&limit=100'),
      ).items.some((x) => x.id === o.id),
      'the street sees it',
    );
    const [outboxRow] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'order.overdue' and payload->>'orderId' = ${o.id}`,
    );
    assert.equal(outboxRow!.n, 1);
    // a new deadline that is missed again escalates once more, to the district
    await env.ctx.db.execute(sql`update work_orders set due_at = now() - interval '1 hour' where id = ${o.id}`);
    assert.ok((await sweepOverdue(env.ctx)) >= 1);
    assert.equal(json<Detail>(await env.as('admin').get(`/api/work-orders/${o.id}`)).order.escalationLevel, 2);
  });

  it('scopes orders: another community is refused, a department sees only its legs, a resident only their own', async () => {
    const o = await orderIn(f, 'dispatched');
    assert.equal((await env.as('youyijie').get(`/api/work-orders/${o.id}`)).statusCode, 403);
    const other = await orderIn(f, 'accepted'); // not dispatched to 住建局
    assert.equal((await env.as('zhujian').get(`/api/work-orders/${other.id}`)).statusCode, 403);
    const deptList = json<{ items: { id: string }[] }>(
      await env.as('zhujian').get('/api/work-orders?box=all&limit=100'),
    ).items;
    assert.ok(deptList.some((x) => x.id === o.id) && !deptList.some((x) => x.id === other.id));
    const mine = json<{ items: { id: string }[] }>(
      await env.as('resident').get('/api/work-orders?box=all&limit=100'),
    ).items;
    const [reporter] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where merged_into is null and reporter_user_id = (select id from users where username = 'resident')`,
    );
    assert.equal(mine.length, Math.min(100, reporter!.n));
  });

  it('lets the reporter reopen within 7 days, then the community dispatches again', async () => {
    const o = await orderIn(f, 'closed');
    const d = json<Detail>(
      await env.as('resident').post(`/api/work-orders/${o.id}/reopen`, { reason: '墙体又出现裂缝' }),
    );
    assert.equal(d.order.status, 'accepted');
    const old = await orderIn(f, 'closed');
    await env.ctx.db.execute(sql`update work_orders set closed_at = now() - interval '8 days' where id = ${old.id}`);
    const late = await env.as('resident').post(`/api/work-orders/${old.id}/reopen`, { reason: '太晚了' });
    assert.equal(late.statusCode, 403);
    assert.equal(code(late), 'REOPEN_FORBIDDEN');
  });

  it('computes metrics from the orders, with 12345 year on year', async () => {
    const m = json<{
      received: number;
      closed: number;
      onTimeRate: number;
      satisfaction: number | null;
      hotline: { change: number | null };
      byMonth: unknown[];
      rows: unknown[];
    }>(await env.as('admin').get('/api/work-orders/metrics'));
    assert.ok(m.received > 100 && m.closed > 0);
    assert.ok(m.onTimeRate > 0.5 && m.onTimeRate <= 1);
    assert.ok(m.satisfaction! >= 1 && m.satisfaction! <= 5);
    assert.ok(Math.abs(m.hotline.change! - -0.377) < 0.08, `12345 change ${m.hotline.change}`);
    assert.ok(m.byMonth.length >= 12);
    assert.equal(m.rows.length, 18);
    const [check] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where merged_into is null and created_at >= now() - interval '12 months'`,
    );
    assert.equal(m.received, check!.n);
  });

  it('generates the joint-meeting agenda from open, overdue and disputed orders; decisions become tracked actions', async () => {
    const open = await orderIn(f, 'dispatched');
    const disputed = await orderIn(f, 'fulfilled');
    await env.as('resident').post(`/api/work-orders/${disputed.id}/confirm`, {
      version: disputed.version,
      rating: 1,
      comment: '不满意',
    });
    const res = await env.as('xinggang').post('/api/joint-meetings', {
      compoundId: await compoundId(env.ctx.db),
      heldOn: '2026-11-20',
    });
    assert.equal(res.statusCode, 201);
    const m = json<{ meeting: { id: string; version: number; agenda: { orderId: string; reason: string }[] } }>(
      res,
    ).meeting;
    assert.equal(m.agenda.find((a) => a.orderId === open.id)?.reason, 'open');
    assert.equal(m.agenda.find((a) => a.orderId === disputed.id)?.reason, 'disputed');
    const withAction = json<{ meeting: { actions: { id: string; orderId: string }[] } }>(
      await env.as('xinggang').post(`/api/joint-meetings/${m.id}/actions`, {
        title: '物业三日内重建围墙',
        orderId: open.id,
        owner: '物业公司',
        dueOn: '2026-11-23',
      }),
    );
    assert.equal(withAction.meeting.actions[0]!.orderId, open.id);
    const d = json<Detail>(await env.as('taihe').get(`/api/work-orders/${open.id}`));
    assert.ok(d.order.events.some((e) => e.type === 'meeting_decision' && e.note === '物业三日内重建围墙'));
    const saved = await env.as('xinggang').patch(`/api/joint-meetings/${m.id}`, {
      attendees: [
        { name: '星港城党支部', role: 'branch' },
        { name: '物业公司', role: 'property' },
      ],
      minutes: '议定重建围墙',
      version: m.version,
    });
    assert.equal(saved.statusCode, 200);
    const stale = await env.as('xinggang').patch(`/api/joint-meetings/${m.id}`, { minutes: 'x', version: m.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(code(stale), 'VERSION_CONFLICT');
    const otherCommunity = await env.as('youyijie').post('/api/joint-meetings', {
      compoundId: await compoundId(env.ctx.db),
      heldOn: '2026-11-20',
    });
    assert.equal(otherCommunity.statusCode, 403);
  });

  it('an order a meeting decided on closes only once the decision is done or detached with a reason', async () => {
    type M = { meeting: { id: string; actions: { id: string; orderId: string | null; status: string }[] } };
    const meeting = json<{ meeting: { id: string } }>(
      await env
        .as('taihe')
        .post('/api/joint-meetings', { compoundId: await compoundId(env.ctx.db), heldOn: '2026-11-25' }),
    ).meeting;
    const decide = async (orderId: string, title: string) =>
      json<M>(
        await env.as('taihe').post(`/api/joint-meetings/${meeting.id}/actions`, {
          title,
          orderId,
          owner: '国东物业',
          dueOn: '2026-12-10',
        }),
      ).meeting.actions.find((a) => a.orderId === orderId)!;
    const confirm = (o: { id: string; version: number }) =>
      env.as('resident').post(`/api/work-orders/${o.id}/confirm`, { version: o.version, rating: 5 });

    // detached with a reason: the order closes, the timeline says why, the decision stays with the meeting
    const first = await orderIn(f, 'fulfilled');
    const a1 = await decide(first.id, '三日内重建围墙');
    const blocked = await confirm(first);
    assert.equal(blocked.statusCode, 409);
    assert.equal(code(blocked), 'DECISION_OPEN');
    assert.match(json<{ error: { message: string } }>(blocked).error.message, /三日内重建围墙/);
    const still = json<Detail>(await env.as('taihe').get(`/api/work-orders/${first.id}`));
    assert.equal(still.order.status, 'fulfilled', 'nothing written');
    const noReason = await env.as('taihe').post(`/api/joint-meeting-actions/${a1.id}/detach`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    const detached = await env.as('taihe').post(`/api/joint-meeting-actions/${a1.id}/detach`, {
      reason: '围墙纳入老旧小区改造统一实施',
    });
    assert.equal(detached.statusCode, 200, detached.body);
    assert.equal(json<M>(detached).meeting.actions.find((a) => a.id === a1.id)!.orderId, null);
    const twice = await env.as('taihe').post(`/api/joint-meeting-actions/${a1.id}/detach`, { reason: '再次解除' });
    assert.equal(code(twice), 'ACTION_NOT_LINKED');
    const closed = await confirm(still.order);
    assert.equal(closed.statusCode, 200, closed.body);
    const ev = json<Detail>(await env.as('taihe').get(`/api/work-orders/${first.id}`)).order.events.find(
      (e) => e.type === 'meeting_decision_detached',
    );
    assert.equal(ev?.note, '围墙纳入老旧小区改造统一实施');
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'joint_meeting.action_detach' and detail->>'orderId' = ${first.id}`,
    );
    assert.equal(audit!.n, 1);

    // done: the order closes as usual
    const second = await orderIn(f, 'fulfilled');
    const a2 = await decide(second.id, '加装电动车阻车器');
    assert.equal((await confirm(second)).statusCode, 409);
    const done = await env.as('taihe').patch(`/api/joint-meeting-actions/${a2.id}`, { status: 'done' });
    assert.equal(done.statusCode, 200, done.body);
    const again = json<Detail>(await env.as('taihe').get(`/api/work-orders/${second.id}`)).order;
    assert.equal((await confirm(again)).statusCode, 200);
  });
});
