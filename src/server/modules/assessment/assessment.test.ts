import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { OutboxRow } from '../notifications/notifications.repository.js';
import { paramsOf, render } from '../notifications/messages.js';
import { resolveRecipients } from '../notifications/recipients.service.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import type { Drill, Ranking, RankedUnit } from '../../../shared/assessment.schema.js';
import { rankUnits } from './rates.compute.js';

/**
 * The monthly assessment on a hand-made month (March 2024, before the demo's orders begin): six orders
 * written as timeline events, every rate worked out by hand below; then appeals, callbacks and redo orders
 * through the API on fresh orders.
 */
let env: TestEnv;
let f: OrderFixtureCtx;
const MONTH = '2024-03';
const AS_OF = '2024-04-15T00:00:00+08:00';
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;

interface Place {
  id: string;
  path: string;
}
let xinggang: Place; // 星港城, in 太和社区, 水泊寺街道
let bishui: Place; // 碧水云天河湾, in 文源社区, 水泊寺街道
const unitId: Record<string, string> = {};

const at = (local: string) => new Date(`2024-${local}:00+08:00`).toISOString();
let n = 0;
async function order(o: { key: string; place: Place; events: [string, string, Record<string, unknown>?][] }) {
  const id = `T-${o.key}`;
  await env.ctx.db
    .execute(sql`insert into work_orders (district_id, id, no, channel, category_id, title, description, compound_id, org_path, status)
    values ('140213', ${id}, ${`WO-TEST-${++n}`}, 'resident', 'TST', ${`测试工单 ${o.key}`}, '手工构造的考核样例', ${o.place.id}, ${o.place.path}, 'closed')`);
  for (const [when, type, data] of o.events)
    await env.ctx.db.execute(sql`insert into work_order_events (district_id, order_id, at, actor_role, type, data)
      values ('140213', ${id}, ${at(when)}, 'system', ${type}, ${data ? JSON.stringify(data) : null}::jsonb)`);
  return id;
}
async function leg(orderId: string, legId: string, dispatched: string, unit: string | null, status = 'fulfilled') {
  await env.ctx.db
    .execute(sql`insert into work_order_legs (district_id, id, order_id, handler_kind, work_unit_id, status, due_at, created_at)
    values ('140213', ${legId}, ${orderId}, ${unit ? 'department' : 'property'}, ${unit}, ${status},
      ${addWorkingDays(new Date(at(dispatched)), 5).toISOString()}, ${at(dispatched)})`);
}

async function get<T>(user: string, url: string): Promise<T> {
  const res = await env.as(user).get(url);
  assert.equal(res.statusCode, 200, res.body);
  return json<T>(res);
}
const ranking = (kind: string, month = MONTH, asOf: string | null = AS_OF) =>
  get<Ranking>(
    'admin',
    `/api/assessment/ranking?month=${month}&kind=${kind}${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`,
  );
const unitOf = (r: Ranking, id: string): RankedUnit => r.units.find((u) => u.id === id)!;
const values = (u: RankedUnit) => Object.fromEntries(Object.entries(u.rates).map(([k, v]) => [k, v.value]));
const near = (actual: number | null, expected: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 0.011, `${what}: ${actual} ≈ ${expected}`);

describe('assessment: the month, appeals, callbacks', () => {
  before(async () => {
    env = await createTestEnv();
    f = env;
    const rows = await queryRows<{ name: string; id: string; path: string }>(
      env.ctx.db,
      sql`select name, id, path from org_units where name in ('星港城', '碧水云天河湾', '太和社区', '文源社区', '水泊寺街道')`,
    );
    for (const r of rows) unitId[r.name] = r.id;
    xinggang = rows.find((r) => r.name === '星港城')!;
    bishui = rows.find((r) => r.name === '碧水云天河湾')!;
    await env.ctx.db
      .execute(sql`insert into work_order_categories (district_id, id, name, default_handler, accept_days, dispatch_days, handle_days)
      values ('140213', 'TST', '考核测试', 'property', 1, 1, 5)`);
    // A — 太和: received Mon 03-04 09:00, accepted 15:00 (deadline: end of Tue 03-05) ✓; 住建局 W001 leg 03-04 16:00,
    //     fulfilled Wed 03-06 (W001's response deadline end of 03-05: late ✗, fulfilled on time); rated 5; closed on time.
    const A = await order({
      key: 'A',
      place: xinggang,
      events: [
        ['03-04T09:00', 'created'],
        ['03-04T15:00', 'accepted'],
        ['03-06T10:00', 'fulfilled', { legId: 'L-A1', late: false }],
        ['03-07T09:00', 'confirmed', { rating: 5 }],
        ['03-07T09:00', 'closed', { onTime: true }],
      ],
    });
    await leg(A, 'L-A1', '03-04T16:00', 'W001');
    // B — 太和: received Tue 03-05, accepted Fri 03-08 (deadline end of 03-06 ✗); W001 leg 03-08 10:30 returned 12:00
    //     (response ✓, a return ✗); W002 leg 03-08 13:00 fulfilled 03-20 late (response ✗, late ✗); rated 2; closed late.
    const B = await order({
      key: 'B',
      place: xinggang,
      events: [
        ['03-05T09:00', 'created'],
        ['03-08T10:00', 'accepted'],
        ['03-08T12:00', 'returned', { legId: 'L-B1' }],
        ['03-20T10:00', 'fulfilled', { legId: 'L-B2', late: true }],
        ['03-21T09:00', 'confirmed', { rating: 2 }],
        ['03-21T09:00', 'closed', { onTime: false }],
      ],
    });
    await leg(B, 'L-B1', '03-08T10:30', 'W001', 'returned');
    await leg(B, 'L-B2', '03-08T13:00', 'W002');
    // C — 文源: received Mon 03-11, accepted at once ✓; property leg; closed on time, not rated; a callback on 03-14:
    //     basically satisfied (0.8), resolved.
    const C = await order({
      key: 'C',
      place: bishui,
      events: [
        ['03-11T09:00', 'created'],
        ['03-11T10:00', 'accepted'],
        ['03-12T10:00', 'fulfilled', { legId: 'L-C1', late: false }],
        ['03-13T09:00', 'closed', { onTime: true }],
      ],
    });
    await leg(C, 'L-C1', '03-11T11:00', null);
    await env.ctx.db
      .execute(sql`insert into assessment_callbacks (district_id, id, order_id, org_path, outcome, resolved, called_by, called_by_name, called_at, closed_at)
      values ('140213', 'CB-C', ${C}, ${bishui.path}, 'basically_satisfied', true, 'U001', '回访员', ${at('03-14T10:00')}, ${at('03-13T09:00')})`);
    // D — 太和: received and closed in February (rated 4); redone Tue 03-05; W001 leg 03-06 10:00 fulfilled 03-14
    //     (response deadline end of 03-07 ✗, on time ✓); rated 3 (0.8, resolved); closed on time Fri 03-15.
    const D = await order({
      key: 'D',
      place: xinggang,
      events: [
        ['02-20T09:00', 'created'],
        ['02-20T10:00', 'accepted'],
        ['02-27T09:00', 'confirmed', { rating: 4 }],
        ['02-27T09:00', 'closed', { onTime: true }],
        ['03-05T09:00', 'redo'],
        ['03-14T10:00', 'fulfilled', { legId: 'L-D2', late: false }],
        ['03-15T09:00', 'confirmed', { rating: 3 }],
        ['03-15T09:00', 'closed', { onTime: true }],
      ],
    });
    await leg(D, 'L-D2', '03-06T10:00', 'W001');
    // E — 文源: received Mon 03-25, accepted ✓; W002 leg 03-25 12:00 returned 03-26 because the catalogue named the
    //     wrong unit (W002 responded ✓; the return does not count).
    const E = await order({
      key: 'E',
      place: bishui,
      events: [
        ['03-25T09:00', 'created'],
        ['03-25T11:00', 'accepted'],
        ['03-26T10:00', 'returned', { legId: 'L-E1', cause: 'catalogue' }],
      ],
    });
    await leg(E, 'L-E1', '03-25T12:00', 'W002', 'returned');
    // F — 文源: received Thu 03-28, never accepted ✗.
    await order({ key: 'F', place: bishui, events: [['03-28T09:00', 'created']] });
  });
  after(() => env.close());

  it('computes every rate of the hand-made month for the district, a street, communities and departments', async () => {
    const streets = await ranking('street');
    // District and 水泊寺 (all six orders): response A✓ B✗ C✓ E✓ F✗ = 3/5; closed A B C D: resolved A C D = 3/4,
    // satisfaction (1 + 0 + 0.8 + 0.8)/4 = 0.65, on time A C D = 3/4; legs dispatched A1 B1 B2 C1 D2 E1, returned B1
    // (E1 is the catalogue's) = 1/6; redone D of A B C D = 1/4.
    const district = {
      response: 0.6,
      resolution: 0.75,
      satisfaction: 0.65,
      onTime: 0.75,
      returnRate: 0.1667,
      redoRate: 0.25,
    };
    assert.deepEqual(values(streets.district), district);
    assert.deepEqual(values(unitOf(streets, unitId['水泊寺街道']!)), district);
    assert.deepEqual(streets.district.rates.satisfaction, { numerator: 2.6, denominator: 4, value: 0.65 });

    const communities = await ranking('community');
    const taihe = unitOf(communities, unitId['太和社区']!);
    const wenyuan = unitOf(communities, unitId['文源社区']!);
    // 太和 (A B D): response 1/2; resolution A D = 2/3; satisfaction (1 + 0 + 0.8)/3 = 0.6; on time A D = 2/3;
    // returns B1 of A1 B1 B2 D2 = 1/4; redo D of A B D = 1/3.
    assert.deepEqual(values(taihe), {
      response: 0.5,
      resolution: 0.6667,
      satisfaction: 0.6,
      onTime: 0.6667,
      returnRate: 0.25,
      redoRate: 0.3333,
    });
    // 文源 (C E F): response C E = 2/3; C: resolution 1, satisfaction 0.8, on time 1; returns none of C1 E1 = 0; redo 0/1.
    assert.deepEqual(values(wenyuan), {
      response: 0.6667,
      resolution: 1,
      satisfaction: 0.8,
      onTime: 1,
      returnRate: 0,
      redoRate: 0,
    });
    // Scores with the default weights 20/30/30/10/5/5 (returns and redo count as 1 − rate):
    // 太和 (20·0.5 + 30·0.6667 + 30·0.6 + 10·0.6667 + 5·0.75 + 5·0.6667)/100 = 61.75
    // 文源 (20·0.6667 + 30·1 + 30·0.8 + 10·1 + 5·1 + 5·1)/100 = 87.33
    near(taihe.score, 61.75, '太和 score');
    near(wenyuan.score, 87.33, '文源 score');
    assert.equal(wenyuan.rank, 1);
    assert.equal(taihe.rank, 2);
    assert.equal(wenyuan.list, 'red');
    assert.equal(taihe.list, 'black', 'two communities with a score: one on each list');
    // communities without orders that month have no score and no rank
    assert.ok(communities.units.filter((u) => u.score === null).every((u) => u.rank === null && u.list === null));

    const depts = await ranking('department');
    const w1 = unitOf(depts, 'W001');
    const w2 = unitOf(depts, 'W002');
    // 住建局 W001: legs A1 (late response) B1 (returned at once ✓) D2 (late response) = 1/3; its orders (legs not
    // returned) A D: resolved 2/2, satisfaction (1 + 0.8)/2 = 0.9; legs fulfilled A1 D2 on time = 2/2; returns B1 of
    // A1 B1 D2 = 1/3; redo D of A D = 1/2.
    assert.deepEqual(values(w1), {
      response: 0.3333,
      resolution: 1,
      satisfaction: 0.9,
      onTime: 1,
      returnRate: 0.3333,
      redoRate: 0.5,
    });
    // 房产服务中心 W002: legs B2 (fulfilled 03-20, late ✗) E1 (returned next day ✓) = 1/2; its order B: 0/1, 0/1;
    // B2 fulfilled late 0/1; returns: E1 is the catalogue's = 0/2; redo 0/1.
    assert.deepEqual(values(w2), {
      response: 0.5,
      resolution: 0,
      satisfaction: 0,
      onTime: 0,
      returnRate: 0,
      redoRate: 0,
    });
    near(w1.score, 79.5, 'W001 score: (20·0.3333 + 30·1 + 30·0.9 + 10·1 + 5·0.6667 + 5·0.5)/100 = 79.4995');
    near(w2.score, 20, 'W002 score: (20·0.5 + 5·1 + 5·1)/100');
    assert.equal(w1.rank! < w2.rank!, true);
  });

  it('the same month asked again with the same asOf gives the same numbers; asOf before an event leaves it out', async () => {
    const a = await ranking('community');
    const b = await ranking('community');
    assert.deepEqual(a, b);
    // as of 03-14 09:00 the callback of C (03-14 10:00) and D's second close (03-15) had not happened
    const early = await ranking('community', MONTH, '2024-03-14T09:00:00+08:00');
    const wenyuan = unitOf(early, unitId['文源社区']!);
    assert.equal(wenyuan.rates.satisfaction.denominator, 0, 'C closed but not yet called back');
    const taihe = unitOf(early, unitId['太和社区']!);
    assert.equal(taihe.rates.onTime.denominator, 1, 'only A had closed');
  });

  it('drills into a street’s 响应率: the orders behind the number, each with why', async () => {
    const d = await get<Drill>(
      'admin',
      `/api/assessment/drill?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}&unitKind=street&unitId=${unitId['水泊寺街道']}&rate=response`,
    );
    assert.deepEqual(d.value, { numerator: 3, denominator: 5, value: 0.6 });
    assert.deepEqual(d.rows.map((r) => [r.orderId, r.counted]).sort(), [
      ['T-A', 1],
      ['T-B', 0],
      ['T-C', 1],
      ['T-E', 1],
      ['T-F', 0],
    ]);
    assert.equal(d.hidden, 0);
    // 友谊街社区's worker sees the number but not orders outside their community
    const other = await get<Drill>(
      'youyijie',
      `/api/assessment/drill?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}&unitKind=street&unitId=${unitId['水泊寺街道']}&rate=response`,
    );
    assert.equal(other.rows.length, 0);
    assert.equal(other.hidden, 5);
  });

  it('exports the ranking as .xlsx', async () => {
    const res = await env
      .as('admin')
      .get(`/api/assessment/ranking.xlsx?month=${MONTH}&kind=community&asOf=${encodeURIComponent(AS_OF)}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.ok(res.rawPayload.length > 1000);
  });

  it('ranks ties stably: equal scores share a rank, ordered by unit id; no score comes last', () => {
    const rows = [
      { id: 'b', score: 80 },
      { id: 'd', score: null },
      { id: 'a', score: 80 },
      { id: 'c', score: 90 },
      { id: 'e', score: 70 },
    ];
    const want = [
      ['c', 1],
      ['a', 2],
      ['b', 2],
      ['e', 4],
      ['d', null],
    ];
    assert.deepEqual(
      rankUnits(rows).map((r) => [r.id, r.rank]),
      want,
    );
    assert.deepEqual(
      rankUnits([...rows].reverse()).map((r) => [r.id, r.rank]),
      want,
    );
  });

  it('weights are the district’s setting: changed with the version, audited, and they change the score', async () => {
    const s = await get<{ weights: Record<string, number>; version: number }>('admin', '/api/assessment/settings');
    const body = {
      ...s,
      weights: { response: 100, resolution: 0, satisfaction: 0, onTime: 0, returnRate: 0, redoRate: 0 },
      appealReviewers: ['district_admin'],
    };
    const denied = await env.as('shuibosi').put('/api/assessment/settings', body);
    assert.equal(denied.statusCode, 403);
    assert.equal(code(denied), 'PERMISSION_DENIED');
    const empty = await env
      .as('admin')
      .put('/api/assessment/settings', { ...body, weights: { ...body.weights, response: 0 } });
    assert.equal(code(empty), 'WEIGHTS_EMPTY');
    const off = await env
      .as('admin')
      .put('/api/assessment/settings', { ...body, weights: { ...body.weights, response: 90 } });
    assert.equal(off.statusCode, 400);
    assert.equal(code(off), 'WEIGHTS_SUM');
    assert.equal(json<{ error: { message: string } }>(off).error.message, '六项权重之和须为 100，现为 90。');
    const ok = await env.as('admin').put('/api/assessment/settings', body);
    assert.equal(ok.statusCode, 200, ok.body);
    const stale = await env.as('admin').put('/api/assessment/settings', body);
    assert.equal(code(stale), 'SETTINGS_CONFLICT');
    const taihe = unitOf(await ranking('community'), unitId['太和社区']!);
    assert.equal(taihe.score, 50, 'response only: 1/2');
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'assessment.settings'`,
    );
    assert.equal(audit!.n, 1);
    const back = await env
      .as('admin')
      .put('/api/assessment/settings', { ...s, version: s.version + 1, appealReviewers: ['district_admin'] });
    assert.equal(back.statusCode, 200, back.body);
  });
  it('an approved appeal takes the order out of that unit’s rates only, visibly marked and audited', async () => {
    const o = await orderIn(f, 'closed'); // 星港城 (太和社区), legs to 住建局 and the property company, rated
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const asOfBefore = new Date().toISOString();
    const before = {
      community: await ranking('community', month, asOfBefore),
      street: await ranking('street', month, asOfBefore),
      department: await ranking('department', month, asOfBefore),
    };
    const body = {
      orderId: o.id,
      unitKind: 'community',
      unitId: unitId['太和社区'],
      reason: 'unreasonable_demand',
      explanation: '诉求人要求物业免除全部物业费，超出政策范围。',
      evidence: ['《物业服务合同》第 12 条'],
    };
    for (const who of ['youyijie', 'shuibosi']) {
      const res = await env.as(who).post('/api/assessment/appeals', body);
      assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
      assert.equal(code(res), 'APPEAL_NOT_YOUR_UNIT');
    }
    const filed = await env.as('taihe').post('/api/assessment/appeals', body);
    assert.equal(filed.statusCode, 201, filed.body);
    const appeal = json<{ appeal: { id: string; status: string; version: number; can: { decide: boolean } } }>(
      filed,
    ).appeal;
    assert.equal(appeal.status, 'pending');
    assert.equal(appeal.can.decide, false, 'the unit does not decide its own appeal');
    assert.equal(code(await env.as('taihe').post('/api/assessment/appeals', body)), 'APPEAL_EXISTS');
    // the street may review only when the district names street staff as reviewers
    const street = await env.as('shuibosi').post(`/api/assessment/appeals/${appeal.id}/decision`, {
      approve: true,
      note: '同意',
      version: appeal.version,
    });
    assert.equal(street.statusCode, 403);
    assert.equal(code(street), 'APPEAL_REVIEW_FORBIDDEN');
    const noNote = await env
      .as('admin')
      .post(`/api/assessment/appeals/${appeal.id}/decision`, { approve: true, version: appeal.version });
    assert.equal(noNote.statusCode, 400);
    const decided = await env.as('admin').post(`/api/assessment/appeals/${appeal.id}/decision`, {
      approve: true,
      note: '经核实属不合理诉求，予以核减。',
      version: appeal.version,
    });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(json<{ appeal: { status: string } }>(decided).appeal.status, 'approved');
    const again = await env.as('admin').post(`/api/assessment/appeals/${appeal.id}/decision`, {
      approve: false,
      note: '再审',
      version: appeal.version + 1,
    });
    assert.equal(code(again), 'APPEAL_DECIDED');
    // the reviewers are told of the appeal, the filer of the decision — in words, not topic keys
    const told = async (topic: string) => {
      const [row] = await queryRows<OutboxRow>(
        env.ctx.db,
        sql`select district_id as "districtId", id, topic, payload, created_at as "createdAt" from outbox
            where topic = ${topic} and payload->>'appealId' = ${appeal.id}`,
      );
      assert.ok(row, topic);
      const to = await resolveRecipients(env.ctx.db, { ...row, id: Number(row.id) });
      const names = await queryRows<{ username: string }>(
        env.ctx.db,
        sql`select username from users where id in (${sql.join(
          to.userIds.map((u) => sql`${u}`),
          sql`, `,
        )})`,
      );
      return { names: names.map((n) => n.username), text: render(topic, paramsOf(topic, row.payload, to.extra), 'zh') };
    };
    const filedNote = await told('assessment.appeal_filed');
    assert.ok(filedNote.names.includes('admin'));
    assert.ok(!filedNote.names.includes('taihe') && !filedNote.names.includes('shuibosi'));
    assert.match(filedNote.text.body, /^太和社区对工单 \S+ 提出申诉（核减），请审核$/);
    const decidedNote = await told('assessment.appeal_decided');
    assert.deepEqual(decidedNote.names, ['taihe']);
    assert.match(decidedNote.text.body, /已核减/);

    const asOfAfter = new Date().toISOString();
    const after = {
      community: await ranking('community', month, asOfAfter),
      street: await ranking('street', month, asOfAfter),
      department: await ranking('department', month, asOfAfter),
    };
    const taiheId = unitId['太和社区']!;
    for (const kind of ['community', 'street', 'department'] as const) {
      assert.deepEqual(after[kind].district.rates, before[kind].district.rates, 'the district still counts it');
      for (const u of after[kind].units) {
        const was = unitOf(before[kind], u.id);
        if (u.id === taiheId) continue;
        assert.deepEqual(u.rates, was.rates, `${kind} ${u.name} unchanged`);
      }
    }
    const t0 = unitOf(before.community, taiheId).rates;
    const t1 = unitOf(after.community, taiheId).rates;
    // the order was received, closed (rated) and had two legs this month: each denominator loses exactly it
    assert.equal(t1.response.denominator, t0.response.denominator - 1);
    for (const k of ['resolution', 'satisfaction', 'onTime', 'redoRate'] as const)
      assert.equal(t1[k].denominator, t0[k].denominator - 1, k);
    assert.equal(t1.returnRate.denominator, t0.returnRate.denominator - 2);
    const drill = await get<Drill>(
      'admin',
      `/api/assessment/drill?month=${month}&unitKind=community&unitId=${taiheId}&rate=satisfaction`,
    );
    assert.equal(drill.rows.find((r) => r.orderId === o.id)?.excluded, true, 'marked, not counted');
    const streetDrill = await get<Drill>(
      'admin',
      `/api/assessment/drill?month=${month}&unitKind=street&unitId=${unitId['水泊寺街道']}&rate=satisfaction`,
    );
    assert.equal(streetDrill.rows.find((r) => r.orderId === o.id)?.excluded, false, 'the street still counts it');
    const audits = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select action from audit_log where entity_type = 'assessment_appeal' and entity_id = ${appeal.id} order by id`,
    );
    assert.deepEqual(
      audits.map((a) => a.action),
      ['assessment.appeal_filed', 'assessment.appeal_approved'],
    );
    const [note] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from outbox where topic like 'assessment.appeal_%' and payload->>'appealId' = ${appeal.id}`,
    );
    assert.equal(note!.n, 2, 'filed and decided notifications');
  });

  it('appeals are filed within the district’s working days after closing, only for a unit that handled the order', async () => {
    const late = await orderIn(f, 'closed');
    await env.ctx.db.execute(sql`update work_orders set closed_at = '2024-01-02T10:00:00+08:00' where id = ${late.id}`);
    const res = await env.as('taihe').post('/api/assessment/appeals', {
      orderId: late.id,
      unitKind: 'community',
      unitId: unitId['太和社区'],
      reason: 'duplicate',
      explanation: '重复',
    });
    assert.equal(res.statusCode, 409);
    assert.equal(code(res), 'APPEAL_DEADLINE_PASSED');
    assert.match(json<{ error: { message: string } }>(res).error.message, /3 个工作日/);
    const open = await orderIn(f, 'dispatched');
    const notClosed = await env.as('zhujian').post('/api/assessment/appeals', {
      orderId: open.id,
      unitKind: 'department',
      unitId: 'W001',
      reason: 'outside_jurisdiction',
      explanation: '不属于住建局职责',
    });
    assert.equal(code(notClosed), 'APPEAL_ORDER_NOT_CLOSED');
    const notInvolved = await env.as('zhujian').post('/api/assessment/appeals', {
      orderId: open.id,
      unitKind: 'department',
      unitId: 'W009',
      reason: 'outside_jurisdiction',
      explanation: '不属于职责',
    });
    assert.equal(notInvolved.statusCode, 403, 'not its own unit');
  });

  it('a dissatisfied callback sends the order back as a redo (重办) with its own deadline', async () => {
    const o = await orderIn(f, 'closed');
    await env.ctx.db.execute(sql`update work_orders set rating = null where id = ${o.id}`); // closed without a rating
    const queue = await get<{ items: { orderId: string; why: string }[] }>('shuibosi', '/api/assessment/callbacks');
    assert.equal(queue.items.find((i) => i.orderId === o.id)?.why, 'not_rated');
    const denied = await env
      .as('taihe')
      .post(`/api/assessment/callbacks/${o.id}`, { outcome: 'satisfied', resolved: true });
    assert.equal(code(denied), 'PERMISSION_DENIED');
    const outside = await env
      .as('qingyuan')
      .post(`/api/assessment/callbacks/${o.id}`, { outcome: 'satisfied', resolved: true });
    assert.equal(code(outside), 'SCOPE_FORBIDDEN');
    const missing = await env.as('shuibosi').post(`/api/assessment/callbacks/${o.id}`, { outcome: 'satisfied' });
    assert.equal(code(missing), 'CALLBACK_RESOLVED_REQUIRED');

    const before = json<{ order: { dueAt: string | null; closedAt: string } }>(
      await env.as('admin').get(`/api/work-orders/${o.id}`),
    ).order;
    const calledAt = new Date();
    const res = await env.as('shuibosi').post(`/api/assessment/callbacks/${o.id}`, {
      outcome: 'dissatisfied',
      resolved: false,
      note: '墙面仍在渗水',
    });
    assert.equal(res.statusCode, 201, res.body);
    const reply = json<{ redo: { dueAt: string } | null; callback: { calledByName: string } }>(res);
    const [cat] = await queryRows<{ dispatch_days: number }>(
      env.ctx.db,
      sql`select c.dispatch_days from work_order_categories c join work_orders o on o.category_id = c.id and o.district_id = c.district_id where o.id = ${o.id}`,
    );
    const expected = addWorkingDays(calledAt, cat!.dispatch_days).toISOString();
    assert.equal(reply.redo?.dueAt, expected, 'its own clock: the dispatch deadline counted from the callback');
    assert.equal(reply.callback.calledByName, '水泊寺街道 王主任');
    const redone = json<{
      order: { status: string; dueAt: string; closedAt: string | null; events: { type: string; note: string }[] };
    }>(await env.as('admin').get(`/api/work-orders/${o.id}`)).order;
    assert.equal(redone.status, 'accepted');
    assert.equal(redone.closedAt, null);
    assert.equal(redone.dueAt, expected);
    assert.equal(before.dueAt, null, 'the closed order had no open deadline');
    assert.deepEqual(redone.events.at(-1)?.type, 'redo');
    assert.match(redone.events.at(-1)!.note, /墙面仍在渗水/);
    const again = await get<{ items: { orderId: string }[] }>('shuibosi', '/api/assessment/callbacks');
    assert.ok(!again.items.some((i) => i.orderId === o.id), 'off the list once called back');
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const drill = await get<Drill>(
      'admin',
      `/api/assessment/drill?month=${month}&unitKind=community&unitId=${unitId['太和社区']}&rate=redoRate`,
    );
    assert.equal(drill.rows.find((r) => r.orderId === o.id)?.counted, 1, 'counts in 重办率');
    const [ob] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'order.redo' and payload->>'orderId' = ${o.id}`,
    );
    assert.equal(ob!.n, 1);
  });

  it('unreachable callers are tried up to the district’s number of times, then the order leaves the list', async () => {
    const o = await orderIn(f, 'closed');
    await env.ctx.db.execute(sql`update work_orders set rating = null where id = ${o.id}`);
    const given: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await env.as('admin').post(`/api/assessment/callbacks/${o.id}`, { outcome: 'unreachable' });
      assert.equal(res.statusCode, 201, res.body);
      given.push(json<{ givenUp: boolean }>(res).givenUp);
    }
    assert.deepEqual(given, [false, false, true]);
    const fourth = await env.as('admin').post(`/api/assessment/callbacks/${o.id}`, { outcome: 'unreachable' });
    assert.equal(code(fourth), 'CALLBACK_NOT_NEEDED');
    const list = await get<{ items: { outcome: string }[] }>('admin', `/api/assessment/callbacks/${o.id}`);
    assert.deepEqual(
      list.items.map((c) => c.outcome),
      ['unreachable', 'unreachable', 'unreachable'],
    );
  });
});
