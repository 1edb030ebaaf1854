import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { queryRows } from '../../db/client.js';
import { shanghaiMonth } from '../../lib/time.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type { Attachment } from '../../../shared/attachments.schema.js';
import type { FindingResult, Ledger, PatrolDetail, PatrolList } from '../../../shared/patrols.schema.js';
import type { OrderDetail } from '../../../shared/work-orders.schema.js';
import type { WorkbenchResponse } from '../../../shared/workbench.schema.js';

/**
 * 网格巡查 on the demo: xinggang (星港城's grid worker) walks his grid, records a finding put right on the spot
 * and one that becomes a work order in the same transaction (retried with its key: nothing written twice), and
 * finishes; the community and street read it, the ledger counts it, others are refused.
 */
let env: TestEnv;
let xinggang: string; // 星港城
let otherCompound: string;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#2e86c1' } })
    .jpeg()
    .toBuffer();
}
async function uploaded(purpose: 'patrol' | 'request'): Promise<Attachment> {
  const res = await env
    .as('xinggang')
    .upload(`/api/attachments?purpose=${purpose}`, await photo(), '巡查.jpg', 'image/jpeg');
  assert.equal(res.statusCode, 201, res.body);
  return json<Attachment>(res);
}
/** Starts a patrol for xinggang; a patrol an earlier test left open is closed first (one open patrol at a time). */
async function start(): Promise<PatrolDetail> {
  await env.ctx.db.execute(
    sql`update patrols set status = 'finished', ended_at = now() where worker_user_id = (select id from users where username = 'xinggang') and status = 'open'`,
  );
  const res = await env.as('xinggang').post('/api/patrols', { compoundIds: [xinggang], routeNote: '东门—3号楼—西门' });
  assert.equal(res.statusCode, 201, res.body);
  return json<PatrolDetail>(res);
}
const ledgerOf = async (user: string, month: string) => {
  const res = await env.as(user).get(`/api/patrols/ledger?from=${month}`);
  assert.equal(res.statusCode, 200, res.body);
  return json<Ledger>(res);
};
const rowOf = (l: Ledger, month: string) => l.rows.find((r) => r.compoundId === xinggang && r.month === month);

before(async () => {
  env = await createTestEnv();
  xinggang = await compoundId(env.ctx.db);
  const [c] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from org_units where kind = 'compound' and id <> ${xinggang} order by id limit 1`,
  );
  otherCompound = c!.id;
});
after(() => env.close());

describe('网格巡查 (patrols)', () => {
  it('starts only over compounds of the worker’s own grid, and only for a grid worker', async () => {
    const out = await env.as('xinggang').post('/api/patrols', { compoundIds: [xinggang, otherCompound] });
    assert.equal(out.statusCode, 400, out.body);
    assert.equal(code(out), 'PATROL_COMPOUND_INVALID');
    const none = await env.as('xinggang').post('/api/patrols', { compoundIds: [] });
    assert.equal(none.statusCode, 400);
    const community = await env.as('taihe').post('/api/patrols', { compoundIds: [xinggang] });
    assert.equal(community.statusCode, 403);
    assert.equal(code(community), 'PERMISSION_DENIED');
    const p = await start();
    assert.equal(p.status, 'open');
    assert.deepEqual(p.compoundNames, ['星港城']);
    assert.equal(p.canRecord, true);
    assert.equal(p.findingList.length, 0);
    // a second start while this one is open is refused and writes nothing
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          env.ctx.db,
          sql`select count(*)::int as n from patrols where worker_user_id = (select id from users where username = 'xinggang')`,
        )
      )[0]!.n;
    const before = await count();
    const second = await env.as('xinggang').post('/api/patrols', { compoundIds: [xinggang] });
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(code(second), 'PATROL_ALREADY_OPEN');
    assert.equal(await count(), before);
  });

  it('records a finding resolved on the spot, and one that becomes an order in one step; a retry writes nothing more', async () => {
    const month = shanghaiMonth(new Date());
    const before = rowOf(await ledgerOf('taihe', month), month) ?? {
      patrols: 0,
      findings: 0,
      resolved: 0,
      ordersRaised: 0,
    };
    const p = await start();
    assert.equal(shanghaiMonth(new Date(p.startedAt)), month, 'started in the month read before');
    const [b] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from buildings where compound_id = ${xinggang} order by id limit 1`,
    );

    // resolved on the spot: a note of how is required
    const noNote = await env.as('xinggang').post(`/api/patrols/${p.id}/findings`, {
      compoundId: xinggang,
      categoryId: 'C07',
      description: '消防通道被电动车堵住',
      outcome: 'resolved',
    });
    assert.equal(noNote.statusCode, 400);
    assert.equal(code(noNote), 'FINDING_RESOLUTION_REQUIRED');
    const spotPhoto = await uploaded('patrol');
    const spot = await env.as('xinggang').post(`/api/patrols/${p.id}/findings`, {
      compoundId: xinggang,
      buildingId: b!.id,
      categoryId: 'C07',
      description: '消防通道被电动车堵住',
      outcome: 'resolved',
      resolution: '联系车主当场挪走',
      attachmentIds: [spotPhoto.id],
    });
    assert.equal(spot.statusCode, 201, spot.body);
    const s = json<FindingResult>(spot).finding;
    assert.equal(s.outcome, 'resolved');
    assert.equal(s.orderId, null);
    assert.deepEqual(
      s.photos.map((x) => x.id),
      [spotPhoto.id],
    );

    // becomes an order: the order, the finding, the link both ways in one step
    const orderPhoto = await uploaded('request');
    const key = `patrol-test-${p.id.slice(0, 8)}`;
    const body = {
      compoundId: xinggang,
      buildingId: b!.id,
      categoryId: 'C04',
      description: '3号楼外墙瓷砖空鼓，有脱落风险',
      outcome: 'order',
      attachmentIds: [orderPhoto.id],
      location: '37.85612,113.58231',
    };
    const first = await env.as('xinggang').post(`/api/patrols/${p.id}/findings`, body, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201, first.body);
    const f = json<FindingResult>(first);
    assert.equal(f.replayed, false);
    assert.equal(f.finding.outcome, 'order');
    assert.ok(f.finding.orderId && f.finding.orderNo);
    assert.deepEqual(
      f.finding.photos.map((x) => x.id),
      [orderPhoto.id],
    );
    const order = json<{ order: OrderDetail }>(
      await env.as('taihe').get(`/api/work-orders/${f.finding.orderId}`),
    ).order;
    assert.equal(order.channel, 'grid_patrol');
    assert.equal(order.title, '巡查发现：3号楼外墙瓷砖空鼓，有脱落风险');
    assert.match(order.description, /巡查位置：37\.85612,113\.58231/);
    assert.deepEqual(
      order.attachments.map((a) => a.id),
      [orderPhoto.id],
    );
    const ev = order.events.find((e) => e.type === 'patrol_finding');
    assert.ok(ev, 'the order timeline names the patrol');
    assert.equal(ev.data?.patrolId, p.id);
    assert.equal(ev.data?.findingId, f.finding.id);
    assert.equal(ev.actorName, '星港城小区 网格员赵');
    assert.deepEqual(
      order.events.map((e) => e.type),
      ['created', 'patrol_finding'],
    );

    // the retry (a lost answer on the phone) answers with the same finding and order, writing nothing
    const again = await env.as('xinggang').post(`/api/patrols/${p.id}/findings`, body, { 'idempotency-key': key });
    assert.equal(again.statusCode, 200, again.body);
    const g = json<FindingResult>(again);
    assert.equal(g.replayed, true);
    assert.equal(g.finding.id, f.finding.id);
    assert.equal(g.finding.orderId, f.finding.orderId);
    const [n] = await queryRows<{ orders: number; findings: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from work_orders where title = ${order.title}) as orders,
        (select count(*)::int from patrol_findings where patrol_id = ${p.id}) as findings`,
    );
    assert.deepEqual(n, { orders: 1, findings: 2 });
    // the same key for another finding is refused, not silently answered with the first
    const reused = await env
      .as('xinggang')
      .post(
        `/api/patrols/${p.id}/findings`,
        { ...body, description: '另一处问题', attachmentIds: [] },
        { 'idempotency-key': key },
      );
    assert.equal(reused.statusCode, 409, reused.body);
    assert.equal(code(reused), 'FINDING_KEY_REUSED');

    const detail = json<PatrolDetail>(await env.as('taihe').get(`/api/patrols/${p.id}`));
    assert.equal(detail.findings, 2);
    assert.equal(detail.ordersRaised, 1);
    assert.equal(detail.canRecord, false, 'the community reads, it does not record');

    // the ledger counts this patrol: hand-worked, +1 patrol, +2 findings, +1 on the spot, +1 order
    const after = rowOf(await ledgerOf('taihe', month), month)!;
    assert.deepEqual(
      [after.patrols, after.findings, after.resolved, after.ordersRaised],
      [before.patrols + 1, before.findings + 2, before.resolved + 1, before.ordersRaised + 1],
    );
    assert.ok(after.workers.includes('星港城小区 网格员赵'));
    const street = rowOf(await ledgerOf('shuibosi', month), month)!;
    assert.equal(street.patrols, after.patrols);
    assert.equal(rowOf(await ledgerOf('youyijie', month), month), undefined, 'another community sees no 星港城 line');

    // the photos: the community reads them; another community does not; the uploader's own, of course
    assert.equal((await env.as('taihe').get(`/api/attachments/${spotPhoto.id}`)).statusCode, 200);
    assert.equal((await env.as('youyijie').get(`/api/attachments/${spotPhoto.id}`)).statusCode, 404);
    assert.equal((await env.as('taihe').get(`/api/attachments/${orderPhoto.id}`)).statusCode, 200);
  });

  it('a finding that cannot be written leaves no order behind (one transaction)', async () => {
    const p = await start();
    const title = '巡查发现：井盖缺失（事务测试）';
    // make the finding's insert fail inside the step: the order written before it must roll back with it
    await env.ownerDatabase.db.execute(
      sql.raw(`create or replace function patrol_test_fail() returns trigger
      language plpgsql as $$ begin raise exception 'finding refused by test'; end $$`),
    );
    await env.ownerDatabase.db.execute(
      sql.raw(
        `create trigger patrol_test_fail before insert on patrol_findings for each row execute function patrol_test_fail()`,
      ),
    );
    try {
      const res = await env
        .as('xinggang')
        .post(
          `/api/patrols/${p.id}/findings`,
          { compoundId: xinggang, categoryId: 'C04', description: '井盖缺失（事务测试）', outcome: 'order' },
          { 'idempotency-key': `patrol-tx-${p.id.slice(0, 8)}` },
        );
      assert.equal(res.statusCode, 500, res.body);
    } finally {
      await env.ownerDatabase.db.execute(sql.raw(`drop trigger patrol_test_fail on patrol_findings`));
    }
    const [n] = await queryRows<{ orders: number; findings: number; keys: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from work_orders where title = ${title}) as orders,
        (select count(*)::int from patrol_findings where patrol_id = ${p.id}) as findings,
        (select count(*)::int from idempotency_keys where key = ${`patrol-tx-${p.id.slice(0, 8)}`}) as keys`,
    );
    assert.deepEqual(n, { orders: 0, findings: 0, keys: 0 });
    // and the same step, retried once the fault is gone, goes through
    const ok = await env
      .as('xinggang')
      .post(
        `/api/patrols/${p.id}/findings`,
        { compoundId: xinggang, categoryId: 'C04', description: '井盖缺失（事务测试）', outcome: 'order' },
        { 'idempotency-key': `patrol-tx-${p.id.slice(0, 8)}` },
      );
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('refuses a finding outside the patrol, a building of another compound, an unknown category', async () => {
    const p = await start();
    const post = (b: object) =>
      env.as('xinggang').post(`/api/patrols/${p.id}/findings`, {
        compoundId: xinggang,
        categoryId: 'C02',
        description: '垃圾桶满溢',
        outcome: 'resolved',
        resolution: '已清运',
        ...b,
      });
    assert.equal(code(await post({ compoundId: otherCompound })), 'FINDING_COMPOUND_NOT_PATROLLED');
    const [ob] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from buildings where compound_id <> ${xinggang} order by id limit 1`,
    );
    assert.equal(code(await post({ buildingId: ob!.id })), 'FINDING_BUILDING_INVALID');
    assert.equal(code(await post({ categoryId: 'C99-none' })), 'FINDING_CATEGORY_UNKNOWN');
  });

  it('finishes: no more findings, no second finish; the workbench item goes away', async () => {
    const open = json<WorkbenchResponse>(await env.as('xinggang').get('/api/workbench'));
    const item = open.groups.find((g) => g.kind === 'patrols_to_follow')!;
    assert.ok(item.count >= 1, 'open patrols wait on the workbench');
    assert.equal(item.items[0]!.target, 'patrol');
    const mine = json<PatrolList>(await env.as('xinggang').get('/api/patrols?status=open&mine=true'));
    for (const p of mine.items) {
      const res = await env.as('xinggang').post(`/api/patrols/${p.id}/finish`, { routeNote: '全程走完' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(json<PatrolDetail>(res).status, 'finished');
    }
    const p = mine.items[0]!;
    const twice = await env.as('xinggang').post(`/api/patrols/${p.id}/finish`, {});
    assert.equal(twice.statusCode, 409);
    assert.equal(code(twice), 'PATROL_FINISHED');
    const late = await env.as('xinggang').post(`/api/patrols/${p.id}/findings`, {
      compoundId: xinggang,
      categoryId: 'C02',
      description: '垃圾桶满溢',
      outcome: 'resolved',
      resolution: '已清运',
    });
    assert.equal(late.statusCode, 409);
    assert.equal(code(late), 'PATROL_FINISHED');
    const closed = json<WorkbenchResponse>(await env.as('xinggang').get('/api/workbench'));
    assert.equal(closed.groups.find((g) => g.kind === 'patrols_to_follow')!.count, 0);
  });

  it('is read by community, street and district in scope; refused to others', async () => {
    const list = json<PatrolList>(await env.as('xinggang').get('/api/patrols?mine=true&limit=200'));
    const id = list.items[0]!.id;
    for (const u of ['xinggang', 'taihe', 'shuibosi', 'admin'])
      assert.equal((await env.as(u).get(`/api/patrols/${id}`)).statusCode, 200, u);
    for (const [u, c] of [
      ['youyijie', 'SCOPE_FORBIDDEN'],
      ['qingyuan', 'SCOPE_FORBIDDEN'],
      ['xinggang-branch', 'PERMISSION_DENIED'],
      ['zhujian', 'PERMISSION_DENIED'],
      ['resident', 'PERMISSION_DENIED'],
    ]) {
      const res = await env.as(u!).get(`/api/patrols/${id}`);
      assert.equal(res.statusCode, 403, u);
      assert.equal(code(res), c, u);
    }
    const other = json<PatrolList>(await env.as('youyijie').get('/api/patrols?limit=200'));
    assert.equal(other.items.filter((p) => p.compoundNames.includes('星港城')).length, 0);
    assert.ok(json<PatrolList>(await env.as('shuibosi').get('/api/patrols?limit=200')).total >= list.total);
    const community = await env.as('taihe').post(`/api/patrols/${id}/finish`, {});
    assert.equal(code(community), 'PERMISSION_DENIED');
  });

  it('the demo holds a month of xinggang’s patrols in 星港城; the ledger exports as .xlsx', async () => {
    const demo = await queryRows<{ n: number; findings: number }>(
      env.ctx.db,
      sql`select count(*)::int as n, (select count(*)::int from patrol_findings where id like 'DEMO-PATROL-%') as findings
        from patrols where id like 'DEMO-PATROL-%'`,
    );
    assert.equal(demo[0]!.n, 20, 'two days in three of the last 30');
    assert.ok(demo[0]!.findings >= 10);
    const month = shanghaiMonth(new Date());
    const [y, m] = month.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const res = await env.as('taihe').get(`/api/patrols/ledger.xlsx?from=${prev}&to=${month}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('巡查台账')!;
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), [
      '月份',
      '社区',
      '小区（网格）',
      '网格员',
      '巡查次数',
      '发现问题',
      '现场处理',
      '转工单',
    ]);
    const ledger = json<Ledger>(await env.as('taihe').get(`/api/patrols/ledger?from=${prev}&to=${month}`));
    const last = ws.getRow(ws.rowCount).values as unknown[];
    assert.equal(last[1], '合计');
    assert.equal(last[5], ledger.totals.patrols);
    assert.ok(ledger.totals.patrols >= 20 + 4);
    const bad = await env.as('taihe').get(`/api/patrols/ledger?from=${month}&to=${prev}`);
    assert.equal(code(bad), 'LEDGER_RANGE_INVALID');
  });
});
