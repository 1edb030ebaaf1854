import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId, orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import type { Ranking } from '../../../shared/assessment.schema.js';
import type { Whistle, WhistleList } from '../../../shared/whistles.schema.js';
import type { OutboxRow } from '../notifications/notifications.repository.js';
import { hrefOf, paramsOf, render } from '../notifications/messages.js';
import { resolveRecipients } from '../notifications/recipients.service.js';
import { attendanceOf, departmentFigures } from './whistles.compute.js';

/**
 * 吹哨报到: 水泊寺街道 summons 住建局 (W001, login zhujian) and 城管局 to 星港城; on time / late / absent
 * worked by hand; close and rate; the refusals; the month's 报到率 and satisfaction in the assessment.
 */
let env: TestEnv;
let f: OrderFixtureCtx;
let xinggang: string;
let cg: string; // 城管局
const ZJ = 'W001';
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function open(user: string, body: Record<string, unknown> = {}): Promise<Whistle> {
  const res = await env.as(user).post('/api/whistles', {
    title: '楼板被拆除',
    problem: '地下室与一层之间的楼板被拆除',
    compoundId: xinggang,
    departmentIds: [ZJ, cg],
    onSiteAt: inHours(2),
    reason: '须住建鉴定、城管执法',
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ whistle: Whistle }>(res).whistle;
}
async function post(user: string, url: string, body: unknown = {}, status = 200): Promise<Whistle> {
  const res = await env.as(user).post(url, body);
  assert.equal(res.statusCode, status, res.body);
  return json<{ whistle: Whistle }>(res).whistle;
}
const summon = (w: Whistle, dept: string) => w.summons.find((s) => s.departmentId === dept)!;

before(async () => {
  env = await createTestEnv();
  f = env;
  xinggang = await compoundId(env.ctx.db);
  const [u] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from work_units where name = '平城区城市管理局'`,
  );
  cg = u!.id;
});
after(() => env.close());

describe('吹哨报到: attendance rules (pure)', () => {
  const onSiteAt = new Date('2025-03-05T09:00:00+08:00');
  const at = (s: string) => new Date(`2025-03-05T${s}:00+08:00`);
  it('on time up to the appointed time plus the grace, late after, absent only once closed', () => {
    const base = { onSiteAt, graceMinutes: 30, closedAt: null };
    assert.equal(attendanceOf({ ...base, checkedInAt: at('08:40') }), 'on_time');
    assert.equal(attendanceOf({ ...base, checkedInAt: at('09:30') }), 'on_time'); // exactly 09:00 + 30 min
    assert.equal(attendanceOf({ ...base, checkedInAt: at('09:31') }), 'late');
    assert.equal(attendanceOf({ ...base, graceMinutes: 0, checkedInAt: at('09:01') }), 'late');
    assert.equal(attendanceOf({ ...base, checkedInAt: null }), 'pending');
    assert.equal(attendanceOf({ ...base, checkedInAt: null, closedAt: at('18:00') }), 'absent');
  });
});

describe('吹哨报到: open, check in, record, close, rate', () => {
  it('the street opens a whistle linked to an order; the summoned department sees it and checks in on time', async () => {
    const order = await orderIn(f, 'dispatched');
    const w = await open('shuibosi', { orderId: order.id });
    assert.equal(w.status, 'open');
    assert.equal(w.ownerName, '水泊寺街道');
    assert.equal(w.compoundName, '星港城');
    assert.deepEqual(w.summons.map((s) => s.attendance).sort(), ['pending', 'pending']);
    assert.deepEqual(w.can, { checkIn: false, report: false, close: true, rate: false });
    assert.equal(new Date(w.onTimeUntil).getTime() - new Date(w.onSiteAt).getTime(), 30 * 60_000);

    const mine = json<WhistleList>(await env.as('zhujian').get('/api/whistles?status=open'));
    const seen = mine.items.find((x) => x.id === w.id)!;
    assert.deepEqual(seen.can, { checkIn: true, report: false, close: false, rate: false });
    assert.equal(mine.canBlow, false);

    const checked = await post('zhujian', `/api/whistles/${w.id}/check-in`, { note: '刘科长带 2 人到场' });
    assert.equal(summon(checked, ZJ).attendance, 'on_time');
    assert.equal(summon(checked, ZJ).checkedInByName, '区住建局 刘科长');
    assert.equal(summon(checked, cg).attendance, 'pending');
    assert.equal(checked.version, w.version + 1);
    const again = await env.as('zhujian').post(`/api/whistles/${w.id}/check-in`, {});
    assert.equal(again.statusCode, 409);
    assert.equal(code(again), 'WHISTLE_ALREADY_CHECKED_IN');

    const done = await post('zhujian', `/api/whistles/${w.id}/report`, { action: '委托鉴定机构检测，下达整改通知' });
    assert.equal(summon(done, ZJ).action, '委托鉴定机构检测，下达整改通知');

    // the linked order's timeline tells it in words
    const detail = json<{ order: { events: { type: string; note: string | null }[] } }>(
      await env.as('taihe').get(`/api/work-orders/${order.id}`),
    );
    const blown = detail.order.events.find((e) => e.type === 'whistle_blown')!;
    assert.match(
      blown.note!,
      /^水泊寺街道吹哨：楼板被拆除。召集 平城区住房和城乡建设局、平城区城市管理局 于 .* 到星港城现场/,
    );
    const checkIn = detail.order.events.find((e) => e.type === 'whistle_checked_in')!;
    assert.match(checkIn.note!, /^平城区住房和城乡建设局 报到（按时，约定 .*）：刘科长带 2 人到场$/);

    // rating before the close is refused; the close marks 城管局 absent; then each department is rated once
    const early = await env.as('shuibosi').post(`/api/whistles/${w.id}/ratings`, {
      version: done.version,
      ratings: [{ departmentId: ZJ, rating: 'satisfied' }],
    });
    assert.equal(early.statusCode, 409);
    assert.equal(code(early), 'WHISTLE_NOT_CLOSED');
    const stale = await env.as('shuibosi').post(`/api/whistles/${w.id}/close`, { note: '已处置', version: w.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(code(stale), 'WHISTLE_CHANGED');
    const byCommunity = await env
      .as('taihe')
      .post(`/api/whistles/${w.id}/close`, { note: '已处置', version: done.version });
    assert.equal(byCommunity.statusCode, 403);
    assert.equal(code(byCommunity), 'WHISTLE_MANAGE_FORBIDDEN');

    const closed = await post('shuibosi', `/api/whistles/${w.id}/close`, { note: '已处置', version: done.version });
    assert.equal(closed.status, 'closed');
    assert.equal(summon(closed, cg).attendance, 'absent');
    assert.equal(summon(closed, ZJ).attendance, 'on_time');
    assert.equal(closed.can.rate, true);
    const late = await env.as('zhujian').post(`/api/whistles/${w.id}/report`, { action: '补充' });
    assert.equal(late.statusCode, 409);
    assert.equal(code(late), 'WHISTLE_CLOSED');

    const rated = await post('shuibosi', `/api/whistles/${w.id}/ratings`, {
      version: closed.version,
      ratings: [
        { departmentId: ZJ, rating: 'satisfied', comment: '处置及时' },
        { departmentId: cg, rating: 'dissatisfied', comment: '未到场' },
      ],
    });
    assert.equal(summon(rated, ZJ).rating, 'satisfied');
    assert.equal(summon(rated, cg).ratingComment, '未到场');
    assert.equal(rated.can.rate, false);
    const twice = await env.as('shuibosi').post(`/api/whistles/${w.id}/ratings`, {
      version: rated.version,
      ratings: [{ departmentId: ZJ, rating: 'dissatisfied' }],
    });
    assert.equal(code(twice), 'WHISTLE_ALREADY_RATED');

    // every write left its audit row
    const audit = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select action from audit_log where entity_type = 'whistle' and entity_id = ${w.id} order by id`,
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['whistle.open', 'whistle.check_in', 'whistle.report', 'whistle.close', 'whistle.rate'],
    );
  });

  it("tells the summoned departments' staff, and only them, when and where to be", async () => {
    const w = await open('shuibosi', { title: '通知测试：楼道裂缝' });
    const [row] = await queryRows<OutboxRow>(
      env.ctx.db,
      sql`select district_id as "districtId", id, topic, payload, created_at as "createdAt" from outbox
          where topic = 'whistle.blown' and payload->>'whistleId' = ${w.id}`,
    );
    assert.ok(row, 'the reminder is written with the whistle');
    const to = await resolveRecipients(env.ctx.db, { ...row, id: Number(row.id) });
    const staff = await queryRows<{ id: string; username: string }>(
      env.ctx.db,
      sql`select id, username from users where role = 'department_staff' and is_active and work_unit_id in (${ZJ}, ${cg})`,
    );
    assert.ok(staff.some((u) => u.username === 'zhujian'));
    assert.deepEqual([...to.userIds].sort(), staff.map((u) => u.id).sort());
    const [place] = await queryRows<{ path: string }>(
      env.ctx.db,
      sql`select path from org_units where id = ${xinggang}`,
    );
    assert.equal(to.path, place!.path, "a group robot of the compound's street may hear it");
    const text = render('whistle.blown', paramsOf('whistle.blown', row.payload, to.extra), 'zh');
    assert.equal(text.title, '吹哨报到');
    assert.match(
      text.body,
      /^水泊寺街道吹哨：通知测试：楼道裂缝。请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 到星港城现场报到$/,
    );
    assert.equal(hrefOf('whistle.blown', row.payload), `/whistles?whistle=${w.id}`);
  });

  it('a check-in after the appointed time plus grace is late (the appointment moved 2 hours back)', async () => {
    const w = await open('taihe');
    await env.ctx.db.execute(sql`update whistles set on_site_at = now() - interval '2 hours' where id = ${w.id}`);
    const checked = await post('zhujian', `/api/whistles/${w.id}/check-in`);
    assert.equal(summon(checked, ZJ).attendance, 'late');
    assert.equal(checked.ownerName, '太和社区');
    // the community that blew it closes it; the street above may too (taihe's one: shown to shuibosi as closable)
    const asStreet = json<{ whistle: Whistle }>(await env.as('shuibosi').get(`/api/whistles/${w.id}`)).whistle;
    assert.equal(asStreet.can.close, true);
  });

  it('refusals: time in the past, outside scope, a department not summoned, unknown department, order elsewhere', async () => {
    const past = await env.as('shuibosi').post('/api/whistles', {
      title: 't',
      problem: 'p',
      compoundId: xinggang,
      departmentIds: [ZJ],
      onSiteAt: inHours(-1),
      reason: 'r',
    });
    assert.equal(past.statusCode, 400);
    assert.equal(code(past), 'WHISTLE_TIME_PAST');
    const en = await env
      .as('shuibosi')
      .post(
        '/api/whistles',
        { title: 't', problem: 'p', compoundId: xinggang, departmentIds: [ZJ], onSiteAt: inHours(-1), reason: 'r' },
        { 'accept-language': 'en' },
      );
    assert.match(json<{ error: { message: string } }>(en).error.message, /has already passed/);

    const outside = await env.as('qingyuan').post('/api/whistles', {
      title: 't',
      problem: 'p',
      compoundId: xinggang,
      departmentIds: [ZJ],
      onSiteAt: inHours(3),
      reason: 'r',
    });
    assert.equal(outside.statusCode, 403);
    assert.equal(code(outside), 'SCOPE_FORBIDDEN');

    const unknown = await env.as('shuibosi').post('/api/whistles', {
      title: 't',
      problem: 'p',
      compoundId: xinggang,
      departmentIds: ['W999'],
      onSiteAt: inHours(3),
      reason: 'r',
    });
    assert.equal(code(unknown), 'WHISTLE_DEPARTMENT_UNKNOWN');
    const twice = await env.as('shuibosi').post('/api/whistles', {
      title: 't',
      problem: 'p',
      compoundId: xinggang,
      departmentIds: [ZJ, ZJ],
      onSiteAt: inHours(3),
      reason: 'r',
    });
    assert.equal(code(twice), 'WHISTLE_DEPARTMENT_TWICE');

    const [other] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from org_units where name = '碧水云天河湾'`,
    );
    const order = await orderIn(f, 'accepted'); // in 星港城
    const elsewhere = await env.as('shuibosi').post('/api/whistles', {
      title: 't',
      problem: 'p',
      compoundId: other!.id,
      orderId: order.id,
      departmentIds: [ZJ],
      onSiteAt: inHours(3),
      reason: 'r',
    });
    assert.equal(code(elsewhere), 'WHISTLE_ORDER_ELSEWHERE');

    // a linked order alone names the place: its compound
    const fromOrder = await open('shuibosi', { compoundId: undefined, orderId: order.id });
    assert.equal(fromOrder.compoundName, '星港城');
    assert.equal(fromOrder.orderId, order.id);
    assert.ok(fromOrder.orderNo);
    const nowhere = await env.as('shuibosi').post('/api/whistles', {
      title: 't',
      problem: 'p',
      departmentIds: [ZJ],
      onSiteAt: inHours(3),
      reason: 'r',
    });
    assert.equal(code(nowhere), 'WHISTLE_PLACE_REQUIRED');

    // summoned: 城管局 only — 住建局 neither sees it nor may check in
    const w = await open('shuibosi', { departmentIds: [cg] });
    const notMine = await env.as('zhujian').post(`/api/whistles/${w.id}/check-in`, {});
    assert.equal(notMine.statusCode, 403);
    assert.equal(code(notMine), 'WHISTLE_NOT_SUMMONED');
    assert.equal((await env.as('zhujian').get(`/api/whistles/${w.id}`)).statusCode, 403);
    const list = json<WhistleList>(await env.as('zhujian').get('/api/whistles'));
    assert.ok(!list.items.some((x) => x.id === w.id));
    // another community of the district does not see it; the district does
    assert.ok(!json<WhistleList>(await env.as('youyijie').get('/api/whistles')).items.some((x) => x.id === w.id));
    assert.ok(json<WhistleList>(await env.as('admin').get('/api/whistles')).items.some((x) => x.id === w.id));
  });
});

describe('吹哨报到 in the departments’ assessment: a hand-worked March 2025', () => {
  /**
   * 住建局 (W001): A 03-05 09:00 in 09:20 on time, satisfied · B 03-12 14:00 in 14:45 late, basically
   * satisfied · C 03-20 10:00 never, closed 18:00 absent, dissatisfied · D 03-31 23:50 in 04-01 00:10 on
   * time (appointed in March), not rated · E 04-01 00:05 is April's.
   * → received 4, on time 2, late 1, absent 1, 报到率 2/4 = 0.5, satisfaction (1 + 0.8 + 0) / 3 = 0.6.
   * 城管局: A in 09:40 late · C absent → received 2, 报到率 0/2 = 0, no rating.
   * As of 03-20 12:00: C's time passed unattended (decided, not absent yet) and D not yet due →
   * 住建局 报到率 1/3 = 0.3333, ratings then A and B only → 0.9.
   */
  before(async () => {
    const t = (s: string) => `${s}+08:00`;
    const whistle = (id: string, onSite: string, closed: string | null) => sql`insert into whistles
      (district_id, id, title, problem, reason, compound_id, org_path, owner_unit_id, owner_path, owner_name,
       on_site_at, grace_minutes, status, opened_by_name, opened_at, closed_at, version)
      select '140213', ${id}, ${id}, 'p', 'r', c.id, c.path, s.id, s.path, s.name, ${t(onSite)}::timestamptz, 30,
        ${closed ? 'closed' : 'open'}, '测试', '2025-03-01T08:00:00+08:00'::timestamptz, ${closed ? t(closed) : null}::timestamptz, 1
      from org_units c, org_units s where c.name = '星港城' and s.name = '水泊寺街道'`;
    const summon = (w: string, unit: string, inAt: string | null, rating: string | null, ratedAt: string | null) =>
      sql`insert into whistle_summons (district_id, whistle_id, work_unit_id, checked_in_at, rating, rated_at)
        values ('140213', ${w}, ${unit}, ${inAt ? t(inAt) : null}::timestamptz, ${rating}, ${ratedAt ? t(ratedAt) : null}::timestamptz)`;
    for (const q of [
      whistle('T-A', '2025-03-05T09:00:00', '2025-03-05T17:00:00'),
      whistle('T-B', '2025-03-12T14:00:00', '2025-03-12T19:00:00'),
      whistle('T-C', '2025-03-20T10:00:00', '2025-03-20T18:00:00'),
      whistle('T-D', '2025-03-31T23:50:00', null),
      whistle('T-E', '2025-04-01T00:05:00', null),
      summon('T-A', ZJ, '2025-03-05T09:20:00', 'satisfied', '2025-03-05T18:00:00'),
      summon('T-A', cg, '2025-03-05T09:40:00', null, null),
      summon('T-B', ZJ, '2025-03-12T14:45:00', 'basically_satisfied', '2025-03-12T20:00:00'),
      summon('T-C', ZJ, null, 'dissatisfied', '2025-03-20T18:30:00'),
      summon('T-C', cg, null, null, null),
      summon('T-D', ZJ, '2025-04-01T00:10:00', null, null),
      summon('T-E', ZJ, '2025-04-01T00:06:00', 'satisfied', '2025-04-01T09:00:00'),
    ])
      await env.ctx.db.execute(q);
  });

  it('the ranking of departments shows whistles received, 报到率 and satisfaction', async () => {
    const res = await env.as('admin').get('/api/assessment/ranking?month=2025-03&kind=department');
    assert.equal(res.statusCode, 200, res.body);
    const r = json<Ranking>(res);
    const zj = r.units.find((u) => u.id === ZJ)!;
    assert.deepEqual(zj.whistle, {
      received: 4,
      onTime: 2,
      late: 1,
      absent: 1,
      checkInRate: 0.5,
      rated: 3,
      satisfaction: 0.6,
    });
    assert.deepEqual(r.units.find((u) => u.id === cg)!.whistle, {
      received: 2,
      onTime: 0,
      late: 1,
      absent: 1,
      checkInRate: 0,
      rated: 0,
      satisfaction: null,
    });
    const quiet = r.units.find((u) => u.id !== ZJ && u.id !== cg)!;
    assert.equal(quiet.whistle!.received, 0);
    assert.equal(quiet.whistle!.checkInRate, null);
    assert.equal(r.district.whistle, null);
    const streets = json<Ranking>(await env.as('admin').get('/api/assessment/ranking?month=2025-03&kind=street'));
    assert.equal(streets.units[0]!.whistle, null);
  });

  it('as it stood on 2025-03-20 12:00: the same month gives the numbers of that moment', async () => {
    const asOf = encodeURIComponent('2025-03-20T12:00:00+08:00');
    const r = json<Ranking>(
      await env.as('admin').get(`/api/assessment/ranking?month=2025-03&kind=department&asOf=${asOf}`),
    );
    assert.deepEqual(r.units.find((u) => u.id === ZJ)!.whistle, {
      received: 4,
      onTime: 1,
      late: 1,
      absent: 0,
      checkInRate: 0.3333,
      rated: 2,
      satisfaction: 0.9,
    });
  });

  it('departmentFigures is the same arithmetic on plain facts', () => {
    const d = (s: string) => new Date(`${s}+08:00`);
    const m = departmentFigures(
      [
        {
          work_unit_id: 'X',
          on_site_at: d('2025-05-01T09:00:00'),
          grace_minutes: 10,
          checked_in_at: d('2025-05-01T09:10:00'),
          closed_at: null,
          rating: 'basically_satisfied',
        },
        {
          work_unit_id: 'X',
          on_site_at: d('2025-05-02T09:00:00'),
          grace_minutes: 10,
          checked_in_at: null,
          closed_at: null,
          rating: null,
        },
        {
          work_unit_id: 'X',
          on_site_at: d('2025-05-03T09:00:00'),
          grace_minutes: 10,
          checked_in_at: null,
          closed_at: null,
          rating: null,
        },
      ],
      d('2025-05-02T12:00:00'),
    );
    // the first on time; the second's time passed (decided, not on time); the third not yet due
    assert.deepEqual(m.get('X'), {
      received: 3,
      onTime: 1,
      late: 0,
      absent: 0,
      checkInRate: 0.5,
      rated: 1,
      satisfaction: 0.8,
    });
  });
});
