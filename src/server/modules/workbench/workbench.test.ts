import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import type { WorkbenchGroup, WorkbenchResponse } from '../../../shared/workbench.schema.js';
import type { WorkbenchKind } from '../../../shared/workbench.constants.js';

/** 工作台 per role: each kind holds exactly what waits for this person's step, scoped by the access layer. */
let env: TestEnv;
let f: OrderFixtureCtx;

async function bench(user: string): Promise<WorkbenchResponse> {
  const res = await env.as(user).get('/api/workbench');
  assert.equal(res.statusCode, 200, res.body);
  return json<WorkbenchResponse>(res);
}
async function group(user: string, kind: WorkbenchKind): Promise<WorkbenchGroup | undefined> {
  return (await bench(user)).groups.find((g) => g.kind === kind);
}
const ids = (g: WorkbenchGroup | undefined) => (g?.items ?? []).map((i) => i.targetId);

describe('workbench: what waits for each role', () => {
  before(async () => {
    env = await createTestEnv();
    f = env;
  });
  after(() => env.close());

  it('refuses a caller who is not signed in', async () => {
    const res = await env.as(null).get('/api/workbench');
    assert.equal(res.statusCode, 401);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'AUTH_REQUIRED');
  });

  it('shows each role its own kinds only', async () => {
    const kinds = async (u: string) => (await bench(u)).groups.map((g) => g.kind);
    assert.deepEqual(await kinds('xinggang'), [
      'orders_to_accept',
      'legs_to_handle',
      'hours_to_confirm',
      'patrols_to_follow',
    ]);
    assert.deepEqual(await kinds('resident'), ['results_to_confirm', 'my_requests', 'my_activities']);
    assert.deepEqual(await kinds('zhujian'), ['legs_to_handle', 'referrals_to_acknowledge']);
    assert.deepEqual(await kinds('juror1'), ['proposals_to_score']);
    assert.deepEqual(await kinds('admin'), ['extensions_to_decide', 'escalations']);
    assert.deepEqual(await kinds('agent'), []);
    assert.ok((await kinds('taihe')).includes('orders_to_dispatch'));
    assert.ok((await kinds('qingyuan-head')).includes('closures_to_approve'));
    assert.ok((await kinds('qingyuan-sw')).includes('visits_due'));
    assert.ok(!(await kinds('minor-centre')).includes('visits_due'));
  });

  it('a new request waits for the grid worker of its compound, and is the resident’s own open request', async () => {
    const o = await orderIn(f, 'new');
    const accept = await group('xinggang', 'orders_to_accept');
    assert.ok(ids(accept).includes(o.id));
    assert.equal(accept!.items.find((i) => i.targetId === o.id)!.target, 'order');
    // another community's worker does not see it
    assert.ok(!ids(await group('youyijie', 'orders_to_accept')).includes(o.id));
    // the resident: under 我的诉求 (in progress), not under 待我评价
    assert.ok(ids(await group('resident', 'my_requests')).includes(o.id));
    assert.ok(!ids(await group('resident', 'results_to_confirm')).includes(o.id));
    // and on the orders page it is under 待办 too, not only under 进行中
    const inbox = json<{ items: { id: string }[] }>(
      await env.as('resident').get('/api/work-orders?box=inbox&limit=100'),
    );
    assert.ok(inbox.items.some((i) => i.id === o.id));
    // the count is the whole count, not the page
    const [row] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where status = 'new' and merged_into is null
        and org_path like (select u.path from org_units u where u.name = '星港城' and u.kind = 'compound') || '%'`,
    );
    assert.equal(accept!.count, Number(row!.n));
  });

  it('once accepted it moves to the community’s dispatch list; once dispatched the department’s leg waits', async () => {
    const accepted = await orderIn(f, 'accepted');
    assert.ok(!ids(await group('xinggang', 'orders_to_accept')).includes(accepted.id));
    assert.ok(ids(await group('taihe', 'orders_to_dispatch')).includes(accepted.id));

    const d = await orderIn(f, 'dispatched');
    const legs = await group('zhujian', 'legs_to_handle');
    const deptLeg = d.legs.find((l) => l.workUnitId === 'W001')!;
    assert.ok(legs!.items.some((i) => i.id === deptLeg.id && i.targetId === d.id));
    // the property leg is the community's to work, not the department's
    const propLeg = d.legs.find((l) => l.handlerKind === 'property')!;
    assert.ok(!legs!.items.some((i) => i.id === propLeg.id));
    assert.ok((await group('taihe', 'legs_to_handle'))!.items.some((i) => i.id === propLeg.id));
  });

  it('extension requests wait for the community and the district; escalations for the street and district', async () => {
    const o = await orderIn(f, 'extension');
    assert.ok(ids(await group('taihe', 'extensions_to_decide')).includes(o.id));
    assert.ok(ids(await group('admin', 'extensions_to_decide')).includes(o.id));
    assert.ok(!ids(await group('youyijie', 'extensions_to_decide')).includes(o.id));

    const e = await orderIn(f, 'accepted');
    const up = await env.as('taihe').post(`/api/work-orders/${e.id}/escalate`, { reason: '需要街道协调' });
    assert.equal(up.statusCode, 200, up.body);
    assert.ok(ids(await group('shuibosi', 'escalations')).includes(e.id));
    // level 1 is the street's; the district sees it once supervised
    assert.ok(!ids(await group('admin', 'escalations')).includes(e.id));
    const sup = await env.as('shuibosi').post(`/api/work-orders/${e.id}/supervise`, { note: '请加快办理' });
    assert.equal(sup.statusCode, 200, sup.body);
    assert.ok(ids(await group('admin', 'escalations')).includes(e.id));
  });

  it('a fulfilled request waits for the resident’s rating, then leaves the workbench', async () => {
    const o = await orderIn(f, 'fulfilled');
    assert.ok(ids(await group('resident', 'results_to_confirm')).includes(o.id));
    assert.ok(!ids(await group('resident', 'my_requests')).includes(o.id));
    assert.ok(ids(await group('taihe', 'orders_to_close')).includes(o.id));
    const r = await env.as('resident').post(`/api/work-orders/${o.id}/confirm`, { version: o.version, rating: 4 });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(!ids(await group('resident', 'results_to_confirm')).includes(o.id));
  });

  it('colours the clock: red past due, amber after 2/3 of the time, green before', async () => {
    const o = await orderIn(f, 'new');
    const clockOf = async () => (await group('xinggang', 'orders_to_accept'))!.items.find((i) => i.targetId === o.id);
    const set = (created: string, due: string) =>
      env.ctx.db.execute(
        sql`update work_orders set created_at = now() + ${created}::interval, stage_due_at = now() + ${due}::interval where id = ${o.id}`,
      );
    await set('-1 hour', '+9 hours');
    assert.equal((await clockOf())!.clock, 'green');
    await set('-8 hours', '+2 hours');
    assert.equal((await clockOf())!.clock, 'amber');
    await set('-12 hours', '-1 hour');
    const red = await clockOf();
    assert.equal(red!.clock, 'red');
    assert.ok(Date.parse(red!.dueAt!) < Date.now());
    assert.ok((await group('xinggang', 'orders_to_accept'))!.red >= 1);
  });

  it('a juror sees the proposals still to score in a round being scored, not those scored or recused', async () => {
    const [round] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from purchase_rounds limit 1`);
    await env.ctx.db.execute(sql`update purchase_rounds set status = 'scoring' where id = ${round!.id}`);
    const open = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select p.id from purchase_proposals p join purchase_scores s on s.proposal_id = p.id and s.juror_user_id = 'U-JUROR1'
        where p.round_id = ${round!.id} and p.screening = 'pass' and p.status = 'submitted' order by p.id limit 2`,
    );
    assert.equal(open.length, 2);
    await env.ctx.db.execute(
      sql`delete from purchase_scores where juror_user_id = 'U-JUROR1' and proposal_id in (${open[0]!.id}, ${open[1]!.id})`,
    );
    const g = await group('juror1', 'proposals_to_score');
    assert.deepEqual(ids(g).sort(), open.map((p) => p.id).sort());
    assert.equal(g!.count, 2);
    assert.equal((await group('juror2', 'proposals_to_score'))!.count, 0);
    await env.ctx.db.execute(sql`update purchase_rounds set status = 'awarded' where id = ${round!.id}`);
    assert.equal((await group('juror1', 'proposals_to_score'))!.count, 0);
  });

  it('minor protection: visits due for the assigned worker, closures for the station head; names stay masked', async () => {
    const [c] = await queryRows<{ id: string; name_masked: string; worker_user_id: string }>(
      env.ctx.db,
      sql`select mc.id, mc.name_masked, mc.worker_user_id from minor_cases mc join users u on u.id = mc.worker_user_id
        where u.username = 'qingyuan-sw' and mc.status = 'open' limit 1`,
    );
    assert.ok(c);
    await env.ctx.db.execute(
      sql`update minor_cases set next_visit_due = (now() at time zone 'Asia/Shanghai')::date - 2 where id = ${c.id}`,
    );
    const visits = await group('qingyuan-sw', 'visits_due');
    const item = visits!.items.find((i) => i.targetId === c.id);
    assert.equal(item?.clock, 'red');
    assert.equal(item?.subtitle, c.name_masked);
    assert.ok(!ids(await group('kaiyuan-sw', 'visits_due')).includes(c.id));

    await env.ctx.db.execute(sql`update minor_cases set status = 'closure_requested' where id = ${c.id}`);
    assert.ok(ids(await group('qingyuan-head', 'closures_to_approve')).includes(c.id));
    assert.ok(ids(await group('minor-centre', 'closures_to_approve')).includes(c.id));
    assert.ok(!ids(await group('qingyuan-sw', 'visits_due')).includes(c.id));
  });

  it('a resident’s signed-up activity waits under my activities', async () => {
    const [unit] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from org_units where name = '星港城' and kind = 'compound'`,
    );
    const starts = new Date(Date.now() - 60 * 60_000);
    const created = await env.as('xinggang').post('/api/volunteer-activities', {
      title: '楼道清理',
      kind: 'environment',
      orgUnitId: unit!.id,
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 3 * 60 * 60_000).toISOString(),
    });
    assert.equal(created.statusCode, 201, created.body);
    const activity = json<{ activity: { id: string } }>(created).activity;
    const before = (await group('resident', 'my_activities'))!.count;
    const s = await env.as('resident').post(`/api/volunteer-activities/${activity.id}/signups`, {});
    assert.equal(s.statusCode, 201, s.body);
    const g = await group('resident', 'my_activities');
    assert.equal(g!.count, before + 1);
    assert.ok(ids(g).includes(activity.id));
    // another resident's workbench does not hold it
    assert.ok(!ids(await group('xinggang', 'my_activities')).includes(activity.id));
  });
});
