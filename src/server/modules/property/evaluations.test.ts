import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type {
  Evaluation,
  EvaluationList,
  Ranking,
  Scheme,
  SchemeList,
} from '../../../shared/property-evaluations.schema.js';
import type { PublicPage } from '../../../shared/property-publications.schema.js';
import { GUODONG } from '../../demo/property.js';
import { computeResult } from './evaluation-results.service.js';

let env: TestEnv;
let xinggang: string;
let yunqi: string;
let district: string;
let streetOfXinggang: string;
let rootId: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const count = async (table: 'property_evaluation_schemes' | 'property_evaluations' | 'consultations') =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** 星港城's street scheme for 2027: three items, residents 60 / branch 25 / owners' committee 15. */
const streetScheme = () => ({
  orgUnitId: streetOfXinggang,
  year: 2027,
  items: [
    { name: '服务态度', weight: 40 },
    { name: '环境卫生', weight: 35 },
    { name: '设施维护', weight: 25 },
  ],
  residentsWeight: 60,
  branchWeight: 25,
  committeeWeight: 15,
  bottomCount: 1,
  scoreLine: 80,
});

describe('物业服务质量评价: the weighting, worked by hand', () => {
  it('means, party scores and the total in hundredths of a point', () => {
    // three households: item 1 → 100, 80, 100; item 2 → 80, 80, 60; item 3 → 100, 60, 40
    const counts = [
      [2, 1, 0, 0, 0],
      [0, 2, 1, 0, 0],
      [1, 0, 1, 1, 0],
    ];
    const r = computeResult({ ...streetScheme(), items: streetScheme().items }, counts, 3, [90, 80, 70], [85, 75, 60]);
    // 280/3 = 93.33, 220/3 = 73.33, 200/3 = 66.67
    assert.deepEqual(r.residentItems, [9333, 7333, 6667]);
    // (40×9333 + 35×7333 + 25×6667) / 100 = 796650 / 100 = 7966.5 → 79.67
    assert.equal(r.residentsScore, 7967);
    // (40×90 + 35×80 + 25×70) = 8150 → 81.50; (40×85 + 35×75 + 25×60) = 7525 → 75.25
    assert.equal(r.branchScore, 8150);
    assert.equal(r.committeeScore, 7525);
    // (60×7967 + 25×8150 + 15×7525) / 100 = 794645 / 100 → 79.46
    assert.equal(r.total, 7946);
    // no answers: no residents' score, so no total
    const none = computeResult(
      streetScheme(),
      [
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ],
      0,
      [90, 80, 70],
      null,
    );
    assert.equal(none.residentsScore, null);
    assert.equal(none.total, null);
  });
});

describe('物业服务质量评价: scheme → open → residents, branch, committee → publish → ranking', () => {
  before(async () => {
    env = await createTestEnv();
    xinggang = await compoundId(env.ctx.db, '星港城');
    yunqi = await compoundId(env.ctx.db, '云汽园');
    const [r] = await queryRows<{ district: string; street: string; root: string }>(
      env.ctx.db,
      sql`select x.district_id as district, cm.parent_id as street,
          (select id from org_units where kind = 'district' and district_id = x.district_id) as root
        from org_units x join org_units cm on cm.district_id = x.district_id and cm.id = x.parent_id where x.id = ${xinggang}`,
    );
    district = r!.district;
    streetOfXinggang = r!.street;
    rootId = r!.root;
  });
  after(() => env.close());

  let scheme: Scheme;
  let evaluation: Evaluation;

  it('refuses weights that do not sum to 100, in Chinese, and writes nothing', async () => {
    const before = await count('property_evaluation_schemes');
    const items = await env.as('shuibosi').post('/api/property/evaluation-schemes', {
      ...streetScheme(),
      items: [
        { name: '服务态度', weight: 40 },
        { name: '环境卫生', weight: 30 },
        { name: '设施维护', weight: 25 },
      ],
    });
    assert.equal(items.statusCode, 400, items.body);
    assert.equal(error(items).code, 'ITEM_WEIGHTS_NOT_100');
    assert.match(error(items).message, /权重合计应为 100，现为 95/);
    const parties = await env
      .as('shuibosi')
      .post('/api/property/evaluation-schemes', { ...streetScheme(), committeeWeight: 25 });
    assert.equal(error(parties).code, 'PARTY_WEIGHTS_NOT_100');
    assert.match(error(parties).message, /合计应为 100，现为 110/);
    const en = await env
      .as('shuibosi')
      .post(
        '/api/property/evaluation-schemes',
        { ...streetScheme(), committeeWeight: 25 },
        { 'accept-language': 'en' },
      );
    assert.match(error(en).message, /sum to 110/);
    // another street's staff cannot set 水泊寺's; a community cannot set one at all
    const other = await env.as('qingyuan').post('/api/property/evaluation-schemes', streetScheme());
    assert.equal(other.statusCode, 403);
    assert.equal(error(other).code, 'SCOPE_FORBIDDEN');
    const community = await env.as('taihe').post('/api/property/evaluation-schemes', streetScheme());
    assert.equal(error(community).code, 'PERMISSION_DENIED');
    assert.equal(await count('property_evaluation_schemes'), before);
  });

  it('the street sets its own 2027 scheme once', async () => {
    const res = await env.as('shuibosi').post('/api/property/evaluation-schemes', streetScheme());
    assert.equal(res.statusCode, 201, res.body);
    scheme = json<Scheme>(res);
    assert.equal(scheme.canEdit, true);
    const again = await env.as('shuibosi').post('/api/property/evaluation-schemes', streetScheme());
    assert.equal(again.statusCode, 409);
    assert.equal(error(again).code, 'SCHEME_EXISTS');
    const list = json<SchemeList>(await env.as('shuibosi').get('/api/property/evaluation-schemes'));
    assert.ok(list.items.some((s) => s.id === scheme.id));
    assert.ok(
      list.items.some((s) => s.orgUnitId === rootId && s.year === 2025),
      'the district scheme is read from below',
    );
    assert.deepEqual(
      list.configurableUnits.map((u) => u.id),
      [streetOfXinggang],
    );
  });

  it('opens for a compound under contract only, once a year, on the nearest scheme', async () => {
    const bare = await env
      .as('admin')
      .post('/api/compounds', { communityId: await parentOf(xinggang), name: '无物业测试小区' });
    assert.equal(bare.statusCode, 201, bare.body);
    const bareId = json<{ unit: { id: string } }>(bare).unit.id;
    const before = await count('consultations');
    const noContract = await env
      .as('taihe')
      .post(`/api/property/compounds/${bareId}/evaluations`, { year: 2027, closesAt: inAWeek() });
    assert.equal(noContract.statusCode, 409, noContract.body);
    assert.equal(error(noContract).code, 'NO_CONTRACT');
    assert.match(error(noContract).message, /没有物业服务合同/);
    const noScheme = await env
      .as('xinggang-branch')
      .post(`/api/property/compounds/${xinggang}/evaluations`, { year: 2031, closesAt: inAWeek() });
    assert.equal(error(noScheme).code, 'NO_SCHEME');
    // the company cannot open its own evaluation; 友谊街 does not reach 星港城
    assert.equal(
      error(
        await env
          .as('guodong')
          .post(`/api/property/compounds/${xinggang}/evaluations`, { year: 2027, closesAt: inAWeek() }),
      ).code,
      'PERMISSION_DENIED',
    );
    assert.equal(
      error(
        await env
          .as('youyijie')
          .post(`/api/property/compounds/${xinggang}/evaluations`, { year: 2027, closesAt: inAWeek() }),
      ).code,
      'SCOPE_FORBIDDEN',
    );
    assert.equal(await count('consultations'), before);

    const res = await env
      .as('xinggang-branch')
      .post(`/api/property/compounds/${xinggang}/evaluations`, { year: 2027, closesAt: inAWeek() });
    assert.equal(res.statusCode, 201, res.body);
    evaluation = json<Evaluation>(res);
    assert.deepEqual(
      evaluation.items.map((i) => i.name),
      ['服务态度', '环境卫生', '设施维护'],
      'the street scheme, not the district one',
    );
    assert.equal(evaluation.status, 'open');
    assert.equal(evaluation.canScoreBranch, true);
    assert.equal(await count('consultations'), before + 1);
    // the survey: one rated question per item, one anonymous answer per household
    const survey = json<{
      consultation: { answerPer: string; isAnonymous: boolean };
      questions: { options: string[] }[];
    }>(await env.as('resident').get(`/api/consultations/${evaluation.consultationId}`));
    assert.equal(survey.consultation.answerPer, 'household');
    assert.equal(survey.consultation.isAnonymous, true);
    assert.equal(survey.questions.length, 3);
    assert.equal(survey.questions[0]!.options[0], '非常满意（100 分）');

    const second = await env
      .as('taihe')
      .post(`/api/property/compounds/${xinggang}/evaluations`, { year: 2027, closesAt: inAWeek() });
    assert.equal(second.statusCode, 409);
    assert.equal(error(second).code, 'ALREADY_EVALUATED');
    assert.match(error(second).message, /2027 年的物业服务评价已经发起/);
    // the scheme is frozen now
    const patch = await env
      .as('shuibosi')
      .patch(`/api/property/evaluation-schemes/${scheme.id}`, { ...streetScheme(), version: scheme.version });
    assert.equal(patch.statusCode, 409);
    assert.equal(error(patch).code, 'SCHEME_FROZEN');
  });

  it('collects the residents (one per household), the branch and the committee; refuses scores out of range', async () => {
    const c = evaluation.consultationId;
    const answer = (levels: number[]) => levels.map((l, i) => ({ questionId: i + 1, choices: [l] }));
    const online = await env.as('resident').post(`/api/consultations/${c}/answers`, { answers: answer([0, 1, 0]) });
    assert.equal(online.statusCode < 300, true, online.body);
    const twice = await env.as('resident').post(`/api/consultations/${c}/answers`, { answers: answer([4, 4, 4]) });
    assert.equal(error(twice).code, 'ALREADY_ANSWERED_HOUSEHOLD');
    // 星港城 has two households at the test scale: a third of its own for the hand-worked three answers
    await env.ownerDatabase.db
      .execute(sql`insert into households (district_id, id, building_id, compound_id, org_path, unit, room)
      select district_id, 'HH-EVAL-3', (select id from buildings where compound_id = ${xinggang} order by id limit 1), id, path, '1单元', '909'
      from org_units where id = ${xinggang}`);
    const homes = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select h.id from households h where h.compound_id = ${xinggang} and h.id is distinct from (
        select p.household_id from people p join users u on u.district_id = p.district_id and u.person_id = p.id
        where u.username = 'resident') order by h.id limit 2`,
    );
    for (const [h, levels] of [
      [homes[0]!.id, [1, 1, 2]],
      [homes[1]!.id, [0, 2, 3]],
    ] as const) {
      const res = await env
        .as('taihe')
        .post(`/api/consultations/${c}/paper-ballots`, { householdId: h, answers: answer([...levels]) });
      assert.ok(res.statusCode < 300, res.body);
    }
    let e = json<Evaluation>(await env.as('xinggang-branch').get(`/api/property/evaluations/${evaluation.id}`));
    assert.equal(e.ballots, 3);
    assert.deepEqual(e.residentItems, [9333, 7333, 6667]);
    assert.equal(e.residentsScore, 7967);

    const before = e.version;
    const range = await env
      .as('xinggang-branch')
      .put(`/api/property/evaluations/${e.id}/scores`, { party: 'branch', scores: [101, 80, 70], version: before });
    assert.equal(range.statusCode, 400);
    assert.equal(error(range).code, 'SCORE_OUT_OF_RANGE');
    assert.match(error(range).message, /“服务态度”的得分 101 超出范围/);
    const short = await env
      .as('xinggang-branch')
      .put(`/api/property/evaluations/${e.id}/scores`, { party: 'branch', scores: [90, 80], version: before });
    assert.equal(error(short).code, 'SCORE_COUNT');
    const wrongParty = await env
      .as('taihe')
      .put(`/api/property/evaluations/${e.id}/scores`, { party: 'branch', scores: [90, 80, 70], version: before });
    assert.equal(wrongParty.statusCode, 403);
    assert.equal(error(wrongParty).code, 'BRANCH_SCORE_ROLE');
    const stale = await env
      .as('xinggang-branch')
      .put(`/api/property/evaluations/${e.id}/scores`, { party: 'branch', scores: [90, 80, 70], version: before - 1 });
    assert.equal(error(stale).code, 'EVALUATION_CHANGED');
    e = json<Evaluation>(await env.as('xinggang-branch').get(`/api/property/evaluations/${e.id}`));
    assert.equal(e.version, before, 'nothing written');
    assert.equal(e.branchScores, null);

    const ok = await env
      .as('xinggang-branch')
      .put(`/api/property/evaluations/${e.id}/scores`, { party: 'branch', scores: [90, 80, 70], version: before });
    assert.equal(ok.statusCode, 200, ok.body);
    e = json<Evaluation>(ok);
    assert.equal(e.branchScore, 8150);
    assert.equal(e.total, null, 'no total before the committee has scored');
    evaluation = e;
  });

  it('publishes only after the survey closed and both parties scored, then freezes', async () => {
    const publish = (who: string) =>
      env.as(who).post(`/api/property/evaluations/${evaluation.id}/publish`, { version: evaluation.version });
    const open = await publish('xinggang-branch');
    assert.equal(open.statusCode, 409);
    assert.equal(error(open).code, 'SURVEY_STILL_OPEN');
    const survey = json<{ consultation: { version: number } }>(
      await env.as('taihe').get(`/api/consultations/${evaluation.consultationId}`),
    );
    const closed = await env
      .as('taihe')
      .post(`/api/consultations/${evaluation.consultationId}/close`, { version: survey.consultation.version });
    assert.ok(closed.statusCode < 300, closed.body);
    const missing = await publish('xinggang-branch');
    assert.equal(error(missing).code, 'COMMITTEE_SCORES_MISSING');

    const committee = await env.as('xinggang-branch').put(`/api/property/evaluations/${evaluation.id}/scores`, {
      party: 'committee',
      scores: [85, 75, 60],
      version: evaluation.version,
    });
    assert.equal(error(committee).code, 'COMMITTEE_SCORE_ROLE');
    const res = await env.as('taihe').put(`/api/property/evaluations/${evaluation.id}/scores`, {
      party: 'committee',
      scores: [85, 75, 60],
      version: evaluation.version,
    });
    assert.equal(res.statusCode, 200, res.body);
    evaluation = json<Evaluation>(res);
    assert.equal(evaluation.committeeScore, 7525);
    assert.equal(evaluation.total, 7946);
    assert.equal(evaluation.canPublish, true);

    const pub = await publish('xinggang-branch');
    assert.equal(pub.statusCode, 200, pub.body);
    const done = json<Evaluation>(pub);
    assert.equal(done.status, 'published');
    assert.equal(done.total, 7946);
    assert.equal(done.consultationStatus, 'published');
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${evaluation.id}`,
    );
    assert.equal(audit!.n, 4, 'open, branch, committee, publish');
    const after = await env.as('taihe').put(`/api/property/evaluations/${evaluation.id}/scores`, {
      party: 'committee',
      scores: [10, 10, 10],
      version: done.version,
    });
    assert.equal(error(after).code, 'ALREADY_PUBLISHED');
  });

  it('the street sees its compounds ranked with the bottom listed; the public page shows the result', async () => {
    const r = json<Ranking>(await env.as('shuibosi').get('/api/property/evaluation-ranking?year=2027'));
    assert.equal(r.items.length, 1);
    assert.equal(r.items[0]!.compoundId, xinggang);
    assert.equal(r.items[0]!.total, 7946);
    assert.equal(r.bottomCount, 1);
    assert.equal(r.scoreLine, 80);
    assert.deepEqual(
      r.bottom.map((b) => b.compoundId),
      [xinggang],
      '79.46 < 80 and last',
    );
    // another street sees none of it
    assert.equal(
      json<Ranking>(await env.as('qingyuan').get('/api/property/evaluation-ranking?year=2027')).items.length,
      0,
    );

    // the demo's 2025: ranked best first, the district's bottom two (and any under 70) listed worst first
    const y = json<Ranking>(await env.as('admin').get('/api/property/evaluation-ranking?year=2025'));
    assert.ok(y.items.length >= 3, 'demo evaluations');
    const totals = y.items.map((i) => i.total!);
    assert.deepEqual(
      totals,
      [...totals].sort((a, b) => b - a),
    );
    assert.equal(y.bottomCount, 2);
    const tail = y.items.slice(-2).map((i) => i.id);
    for (const id of tail) assert.ok(y.bottom.some((b) => b.id === id));
    for (const b of y.bottom) assert.ok(tail.includes(b.id) || b.total! < 7000);
    assert.ok(y.items.some((i) => i.compoundName === '云汽园' && i.companyName === GUODONG));
    // the count and score line can be asked for
    const zero = json<Ranking>(await env.as('admin').get('/api/property/evaluation-ranking?year=2025&bottom=0&line=0'));
    assert.equal(zero.bottom.length, 0);

    const page = json<PublicPage>(await env.as(null).get(`/api/public/property/${district}/compounds/${xinggang}`));
    const ev = page.evaluations.find((x) => x.year === 2027)!;
    assert.equal(ev.total, 7946);
    assert.equal(ev.ballots, 3);
    assert.deepEqual(
      ev.items.map((i) => i.residents),
      [9333, 7333, 6667],
    );
    assert.doesNotMatch(JSON.stringify(page), /星港城居民/);
  });

  it('the company sees its own published results, never an open one nor a resident’s answer', async () => {
    const list = json<EvaluationList>(await env.as('guodong').get('/api/property/evaluations?year=2025'));
    assert.deepEqual(
      list.items.map((i) => i.compoundId),
      [yunqi],
    );
    const mine = json<Evaluation>(await env.as('guodong').get(`/api/property/evaluations/${list.items[0]!.id}`));
    assert.equal(mine.companyName, GUODONG);
    assert.ok(mine.total! > 0);
    assert.doesNotMatch(JSON.stringify(mine), /householdId|voterKey|choices/);
    // the survey behind it is not the company's to read
    assert.equal((await env.as('guodong').get(`/api/consultations/${mine.consultationId}`)).statusCode, 403);
    // another company's evaluation
    assert.equal((await env.as('guodong').get(`/api/property/evaluations/${evaluation.id}`)).statusCode, 403);
    // 友谊街 opens 云汽园's 2026: not the company's until published
    const open = await env
      .as('youyijie')
      .post(`/api/property/compounds/${yunqi}/evaluations`, { year: 2026, closesAt: inAWeek() });
    assert.equal(open.statusCode, 201, open.body);
    const id = json<Evaluation>(open).id;
    assert.equal(
      json<EvaluationList>(await env.as('guodong').get('/api/property/evaluations?year=2026')).items.length,
      0,
    );
    const hidden = await env.as('guodong').get(`/api/property/evaluations/${id}`);
    assert.equal(hidden.statusCode, 404);
    assert.equal(error(hidden).code, 'EVALUATION_NOT_FOUND');
  });
});

async function parentOf(id: string): Promise<string> {
  const [r] = await queryRows<{ parent_id: string }>(env.ctx.db, sql`select parent_id from org_units where id = ${id}`);
  return r!.parent_id;
}
