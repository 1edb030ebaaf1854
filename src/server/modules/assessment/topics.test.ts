import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type { HotspotList, TopicDetail } from '../../../shared/topics.schema.js';
import { bigrams, clusterTitles, jaccard, topicEffect } from './topics.compute.js';

/**
 * 每月一题 / 治理课题 on a hand-made half year (2023, long before the demo's orders): recurring problems of
 * one compound and one community, a cluster of similar titles, and a topic's effect, every number worked
 * out by hand in the comments.
 */
let env: TestEnv;
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;
let X: { id: string; path: string }; // 星港城 (太和社区)
let Y: { id: string; path: string }; // another compound of 太和社区
let B: { id: string; path: string }; // 碧水云天河湾 (文源社区)
let taihePath: string;

async function order(id: string, place: { id: string; path: string }, cat: string, month: string, title: string) {
  await env.ctx.db
    .execute(sql`insert into work_orders (district_id, id, no, channel, category_id, title, description, compound_id, org_path, status, created_at)
    values ('140213', ${id}, ${`WO-TPC-${id}`}, 'resident', ${cat}, ${title}, '课题测试', ${place.id}, ${place.path}, 'closed',
      ${`${month}-15T10:00:00+08:00`})`);
}

describe('topics: bigrams and Jaccard', () => {
  it('drops digits and punctuation; Jaccard by hand', () => {
    assert.deepEqual([...bigrams('2号楼，楼道灯不亮')], ['号楼', '楼楼', '楼道', '道灯', '灯不', '不亮']);
    // 楼道灯不亮了 {楼道 道灯 灯不 不亮 亮了} vs 2号楼楼道灯不亮 (6 grams): 4 shared, 7 in all
    assert.equal(jaccard(bigrams('楼道灯不亮了'), bigrams('2号楼楼道灯不亮')), 4 / 7);
    assert.equal(jaccard(bigrams('楼道灯不亮了'), bigrams('电梯故障')), 0);
  });
  it('a partial "after" compares as many months before', () => {
    const counts = [
      { month: '2023-04', pilot: true, n: 3 },
      { month: '2023-05', pilot: true, n: 1 },
      { month: '2023-05', pilot: false, n: 1 },
      { month: '2023-06', pilot: true, n: 1 },
      { month: '2023-06', pilot: false, n: 1 },
      { month: '2023-07', pilot: true, n: 1 },
      { month: '2023-07', pilot: false, n: 1 },
    ];
    // current 2023-07: after = 06, 07; before = 04, 05 → pilots 4 → 2 (−50 %), others 1 → 2 (+100 %)
    const e = topicEffect(counts, '2023-06', 3, '2023-07');
    assert.equal(e.monthsCompared, 2);
    assert.deepEqual(e.pilot, { before: 4, after: 2, change: -0.5 });
    assert.deepEqual(e.others, { before: 1, after: 2, change: 1 });
    assert.deepEqual(
      e.months.map((m) => m.month),
      ['2023-03', '2023-04', '2023-05', '2023-06', '2023-07'],
    );
  });
});

describe("topics: the month's recurring problems, topics and their effect", () => {
  before(async () => {
    env = await createTestEnv();
    const rows = await queryRows<{ name: string; id: string; path: string; parent_id: string }>(
      env.ctx.db,
      sql`select name, id, path, parent_id from org_units where name in ('星港城', '碧水云天河湾', '太和社区')`,
    );
    X = rows.find((r) => r.name === '星港城')!;
    B = rows.find((r) => r.name === '碧水云天河湾')!;
    taihePath = rows.find((r) => r.name === '太和社区')!.path;
    const [y] = await queryRows<{ id: string; path: string }>(
      env.ctx.db,
      sql`select id, path from org_units where kind = 'compound' and parent_id = ${rows.find((r) => r.name === '星港城')!.parent_id}
        and id <> ${X.id} order by id limit 1`,
    );
    Y = y!;
    await env.ctx.db
      .execute(sql`insert into work_order_categories (district_id, id, name, default_handler, accept_days, dispatch_days, handle_days)
      values ('140213', 'TPC', '课题测试', 'property', 1, 1, 5), ('140213', 'TPE', '成效测试', 'property', 1, 1, 5)`);
    // TPC, window 2023-01 … 2023-06 (month 2023-06):
    //   X: 02 ×1, 04 ×2, 06 ×3 → trend [0,1,0,2,0,3], 3 months, 6 orders: a compound candidate
    //   B: 05 ×1, 06 ×2 → 2 months: not recurring;  Y: 03 ×1
    //   太和 (X + Y): [0,1,1,2,0,3], 4 months, 7 orders, 2 compounds: a community candidate; 文源 (B only): none
    // titles of 04 … 06, by id: H1 leads; H2, H3 join (4/7 ≈ 0.57); H6 joins (4/5); H4 (3/10) and H5 (3/8) lead
    // their own; the 电梯 pair is only 2 orders → one cluster of 4 (H1 H2 H3 H6) in X and B, trend [0,0,0,1,0,3]
    await order('C1', X, 'TPC', '2023-02', '垃圾清运不及时');
    await order('H3', X, 'TPC', '2023-04', '3号楼楼道灯不亮');
    await order('H4', X, 'TPC', '2023-04', '5号楼楼道灯坏了不亮');
    await order('H1', X, 'TPC', '2023-06', '楼道灯不亮了');
    await order('H2', X, 'TPC', '2023-06', '2号楼楼道灯不亮');
    await order('H7', X, 'TPC', '2023-06', '电梯故障停运');
    await order('H5', B, 'TPC', '2023-05', '楼道灯一直不亮');
    await order('H6', B, 'TPC', '2023-06', '楼道灯不亮');
    await order('H8', B, 'TPC', '2023-06', '电梯故障');
    await order('Y1', Y, 'TPC', '2023-03', '楼道灯不亮');
    // TPE, topic from 2023-06 with pilots X and B; before = 03 04 05, after = 06 07 08:
    //   X 03 ×2, 04, 05 | 06, 08 ;  B 04 ×2 | 07 → pilots 6 → 3 (−50 %)
    //   Y 03, 05 | 06, 07, 08 → others 2 → 3 (+50 %); the 02 and 09 orders fall outside
    const tpe: [string, { id: string; path: string }, string][] = [
      ['E01', X, '2023-02'],
      ['E02', X, '2023-03'],
      ['E03', X, '2023-03'],
      ['E04', X, '2023-04'],
      ['E05', X, '2023-05'],
      ['E06', X, '2023-06'],
      ['E07', X, '2023-08'],
      ['E08', X, '2023-09'],
      ['E09', B, '2023-04'],
      ['E10', B, '2023-04'],
      ['E11', B, '2023-07'],
      ['E12', Y, '2023-03'],
      ['E13', Y, '2023-05'],
      ['E14', Y, '2023-06'],
      ['E15', Y, '2023-07'],
      ['E16', Y, '2023-08'],
    ];
    for (const [id, place, month] of tpe) await order(id, place, 'TPE', month, `成效${id}`);
  });
  after(() => env?.close());

  it('lists the compound, the community and the title cluster with counts and trend', async () => {
    const res = await env.as('admin').get('/api/assessment/hotspots?month=2023-06');
    assert.equal(res.statusCode, 200, res.body);
    const list = json<HotspotList>(res);
    assert.deepEqual(list.months, ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06']);
    const mine = list.items.filter((i) => i.categoryId === 'TPC');
    const compound = mine.filter((i) => i.kind === 'compound');
    assert.deepEqual(
      compound.map((i) => [i.key, i.trend, i.total, i.monthsWithOrders]),
      [[`${X.id}|TPC`, [0, 1, 0, 2, 0, 3], 6, 3]],
    );
    assert.equal(compound[0]!.label, '星港城');
    const community = mine.filter((i) => i.kind === 'community');
    assert.deepEqual(
      community.map((i) => [i.key, i.trend, i.total, i.compoundIds]),
      [[`${taihePath}|TPC`, [0, 1, 1, 2, 0, 3], 7, [X.id, Y.id].sort()]],
    );
    assert.equal(community[0]!.label, '太和社区');
    const clusters = mine.filter((i) => i.kind === 'cluster');
    assert.deepEqual(
      clusters.map((i) => [i.label, i.total, i.trend, i.compoundIds]),
      [['楼道灯不亮了', 4, [0, 0, 0, 1, 0, 3], [X.id, B.id].sort()]],
    );
    assert.deepEqual(
      clusters[0]!.sampleTitles.sort(),
      ['2号楼楼道灯不亮', '3号楼楼道灯不亮', '楼道灯不亮', '楼道灯不亮了'].sort(),
    );
  });

  it('the clustering itself: leaders in id order, the best leader at or above the threshold', () => {
    const t = (id: string, title: string) => ({ id, title, month: '2023-06', compoundId: 'c', categoryId: 'k' });
    const clusters = clusterTitles(
      [t('H4', '5号楼楼道灯坏了不亮'), t('H1', '楼道灯不亮了'), t('H2', '2号楼楼道灯不亮'), t('H5', '楼道灯一直不亮')],
      0.5,
    );
    assert.deepEqual(
      clusters.map((c) => c.members.map((m) => m.id)),
      [['H1', 'H2'], ['H4'], ['H5']],
    );
  });

  it('the district picks a theme; the effect compares pilots before/after with the other compounds', async () => {
    const body = {
      title: '楼道照明专项治理',
      categoryId: 'TPE',
      sourceKind: 'compound',
      sourceKey: `${X.id}|TPE`,
      startMonth: '2023-06',
      pilotCompoundIds: [X.id, B.id],
      owners: ['区住建委', '水泊寺街道'],
    };
    const street = await env.as('shuibosi').post('/api/assessment/topics', body);
    assert.equal(street.statusCode, 403);
    assert.equal(code(street), 'PERMISSION_DENIED');
    const bad = await env.as('admin').post('/api/assessment/topics', { ...body, pilotCompoundIds: [taihePath] });
    assert.equal(bad.statusCode, 400);
    assert.equal(code(bad), 'TOPIC_PILOT_UNKNOWN');
    const res = await env.as('admin').post('/api/assessment/topics', body);
    assert.equal(res.statusCode, 201, res.body);
    const { topic, effect } = json<TopicDetail>(res);
    assert.equal(effect.monthsCompared, 3);
    assert.deepEqual(effect.pilot, { before: 6, after: 3, change: -0.5 });
    assert.deepEqual(effect.others, { before: 2, after: 3, change: 0.5 });
    assert.deepEqual(
      effect.months.map((m) => [m.month, m.pilot, m.others]),
      [
        ['2023-03', 2, 1],
        ['2023-04', 3, 0],
        ['2023-05', 1, 1],
        ['2023-06', 1, 1],
        ['2023-07', 1, 1],
        ['2023-08', 1, 1],
      ],
    );
    assert.equal(topic.can.manage, true);
    const again = await env.as('admin').post('/api/assessment/topics', body);
    assert.equal(again.statusCode, 409);
    assert.equal(code(again), 'TOPIC_EXISTS');

    // actions: added (the topic's version moves), progressed, version-checked
    const added = await env.as('admin').post(`/api/assessment/topics/${topic.id}/actions`, {
      title: '更换楼道声控灯',
      owner: '星港城物业',
      dueDate: '2023-07-31',
      version: topic.version,
    });
    assert.equal(added.statusCode, 201, added.body);
    const withAction = json<TopicDetail>(added).topic;
    assert.equal(withAction.version, topic.version + 1);
    const action = withAction.actions[0]!;
    assert.equal(action.status, 'planned');
    const stale = await env.as('admin').post(`/api/assessment/topics/${topic.id}/actions`, {
      title: '再加一项',
      owner: '区住建委',
      dueDate: '2023-08-31',
      version: topic.version,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(code(stale), 'TOPIC_CONFLICT');
    const done = await env.as('admin').patch(`/api/assessment/topics/${topic.id}/actions/${action.id}`, {
      status: 'done',
      version: action.version,
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(json<TopicDetail>(done).topic.actions[0]!.status, 'done');

    // a street reads it (not manage); a resident does not
    const seen = await env.as('shuibosi').get(`/api/assessment/topics/${topic.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(json<TopicDetail>(seen).topic.can.manage, false);
    const resident = await env.as('resident').get(`/api/assessment/topics/${topic.id}`);
    assert.equal(resident.statusCode, 403);
    assert.equal(code(resident), 'PERMISSION_DENIED');

    // picked candidates are marked on the list
    const list = json<HotspotList>(await env.as('admin').get('/api/assessment/hotspots?month=2023-06'));
    assert.equal(list.items.find((i) => i.key === `${X.id}|TPE`)?.topicId ?? topic.id, topic.id);
    const audit = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${topic.id}`,
    );
    assert.equal(audit[0]!.n, 3);
  });
});
