import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { DUXINGZUO_SURVEY } from '../../demo/consultations.js';
import { doubleMajority } from '../../../shared/consultations.constants.js';
import type { ConsultationDetail, ConsultationList, Results } from '../../../shared/consultations.schema.js';

let env: TestEnv;
let xinggang: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const ballots = async (id: string) =>
  (
    await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from consultation_ballots where consultation_id = ${id}`,
    )
  )[0]!.n;

/** A building of 星港城 with `n` households of 90 m² each (rooms 101, 102 …). */
async function newBuilding(name: string, n: number): Promise<{ id: string }> {
  const [c] = await queryRows<{ path: string }>(env.ctx.db, sql`select path from org_units where id = ${xinggang}`);
  const id = `B-${name}`;
  await env.ctx.db.execute(sql`insert into buildings (district_id, id, compound_id, org_path, name)
    values ('140213', ${id}, ${xinggang}, ${c!.path}, ${name})`);
  for (let i = 1; i <= n; i++)
    await env.ctx.db
      .execute(sql`insert into households (district_id, id, building_id, compound_id, org_path, unit, room, exclusive_area)
      values ('140213', ${`${id}-${i}`}, ${id}, ${xinggang}, ${c!.path}, '1单元', ${`10${i}`}, 90)`);
  return { id };
}

const survey = (orgUnitId: string) => ({
  title: '楼道充电桩设置征求意见',
  kind: 'survey',
  organiserKind: 'community',
  orgUnitId,
  closesAt: inDays(7),
  questions: [
    { kind: 'single', prompt: '是否需要充电桩', options: ['需要', '不需要'] },
    { kind: 'multiple', prompt: '常用的车', options: ['电动自行车', '电动汽车', '都没有'] },
    { kind: 'ranking', prompt: '优先顺序', options: ['安全', '价格', '距离'] },
    { kind: 'point', prompt: '放在哪里' },
    { kind: 'text', prompt: '其他', required: false },
  ],
});
const goodAnswers = [
  { questionId: 1, choices: [0] },
  { questionId: 2, choices: [0, 1] },
  { questionId: 3, choices: [2, 0, 1] },
  { questionId: 4, point: { lat: 40.09, lng: 113.32 } },
];

describe('征求民意 / 议事协商: consultations, one answer per household, paper ballots, double majority', () => {
  before(async () => {
    env = await createTestEnv();
    xinggang = await compoundId(env.ctx.db, '星港城');
  });
  after(() => env.close());

  it('double majority, worked by hand (民法典 第278条)', () => {
    // 10 owners, 900 m²; 7 owners with 610 m² vote (610×3 = 1830 ≥ 1800, 7×3 = 21 ≥ 20); 4 with 310 m² agree
    const base = { totalArea: 900, totalOwners: 10, participatingArea: 610, participatingOwners: 7, agreeArea: 310 };
    assert.deepEqual(doubleMajority({ ...base, agreeOwners: 4, special: false }), {
      participationMet: true,
      consentMet: true, // 310 > 305 and 4 > 3.5
      passed: true,
    });
    // special (筹集维修资金): 310 < 3/4 × 610 = 457.5
    assert.equal(doubleMajority({ ...base, agreeOwners: 4, special: true }).passed, false);
    // exactly 2/3 participates (600 of 900 m², 8 of 12 owners): enough; exactly half agrees: not enough
    const edge = { totalArea: 900, totalOwners: 12, participatingArea: 600, participatingOwners: 8, special: false };
    assert.deepEqual(doubleMajority({ ...edge, agreeArea: 300, agreeOwners: 5 }), {
      participationMet: true,
      consentMet: false,
      passed: false,
    });
    // exactly 3/4 of the participants (6 of 8, 450 of 600 m²) carries a special matter
    assert.equal(doubleMajority({ ...edge, agreeArea: 450, agreeOwners: 6, special: true }).passed, true);
    // area enough (700 of 900) but 6 of 10 owners is under 2/3
    const fewOwners = { ...base, participatingArea: 700, participatingOwners: 6, agreeArea: 600, agreeOwners: 6 };
    assert.equal(doubleMajority({ ...fewOwners, special: false }).participationMet, false);
  });

  it('the demo: 都星座小区 fitness survey is closed, published, with online and paper answers', async () => {
    const list = json<ConsultationList>(await env.as('admin').get('/api/consultations?status=published'));
    const s = list.items.find((c) => c.title === DUXINGZUO_SURVEY)!;
    assert.ok(s, 'the survey is in the demo');
    assert.ok(s.ballots > 0);
    const r = json<Results>(await env.as('admin').get(`/api/consultations/${s.id}/results`));
    assert.equal(r.consultation.status, 'published');
    assert.ok(r.ballots < 2 || (r.paperBallots > 0 && r.paperBallots < r.ballots), 'online and paper answers');
    assert.equal(r.questions[1]!.kind, 'ranking');
    assert.ok(r.questions[2]!.points.length > 0);
    const area = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from households where exclusive_area is null`,
    );
    assert.equal(area[0]!.n, 0, 'every household has its 专有部分面积');
  });

  it('a resident answers once per household; a second answer, a bad answer or a stranger changes nothing', async () => {
    const created = await env.as('taihe').post('/api/consultations', survey(xinggang));
    assert.equal(created.statusCode, 201, created.body);
    const id = json<ConsultationDetail>(created).consultation.id;

    const detail = json<ConsultationDetail>(await env.as('resident').get(`/api/consultations/${id}`));
    assert.equal(detail.canAnswer, true);
    // the map-point question's map opens on 星港城's surveyed location
    const [loc] = await queryRows<{ lat: number; lng: number }>(
      env.ctx.db,
      sql`select lat, lng from place_locations where kind = 'compound' and entity_id = ${xinggang}`,
    );
    if (loc) assert.deepEqual(detail.center, { lat: loc.lat, lng: loc.lng });
    else assert.equal(detail.center, null);
    assert.equal(detail.canManage, false);

    const bad = await env.as('resident').post(`/api/consultations/${id}/answers`, {
      answers: [...goodAnswers.slice(0, 2), { questionId: 3, choices: [0, 0, 1] }, goodAnswers[3]],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(error(bad).code, 'ANSWER_RANKING');
    const single = await env.as('resident').post(`/api/consultations/${id}/answers`, {
      answers: [{ questionId: 1, choices: [0, 1] }, ...goodAnswers.slice(1)],
    });
    assert.equal(error(single).code, 'ANSWER_CHOICE');
    const noPoint = await env.as('resident').post(`/api/consultations/${id}/answers`, {
      answers: goodAnswers.slice(0, 3),
    });
    assert.equal(error(noPoint).code, 'ANSWER_POINT');
    assert.equal(await ballots(id), 0);

    const ok = await env.as('resident').post(`/api/consultations/${id}/answers`, { answers: goodAnswers });
    assert.equal(ok.statusCode, 201, ok.body);
    const again = await env.as('resident').post(`/api/consultations/${id}/answers`, { answers: goodAnswers });
    assert.equal(again.statusCode, 409);
    assert.equal(error(again).code, 'ALREADY_ANSWERED_HOUSEHOLD');
    assert.match(error(again).message, /每户限一份/);
    assert.equal(await ballots(id), 1);

    // the unique index, not only the check: a direct second row for the household is refused by the database
    await assert.rejects(
      env.ctx.db
        .execute(sql`insert into consultation_ballots (district_id, id, consultation_id, voter_key, source, answers)
        select district_id, 'dup', consultation_id, voter_key, 'paper', answers from consultation_ballots where consultation_id = ${id}`),
      (err: { code?: string; cause?: { code?: string } }) => (err.cause?.code ?? err.code) === '23505',
    );

    // paper ballots: the resident's household again is refused; another household of 星港城 counts, marked paper
    const [mine] = await queryRows<{ household_id: string }>(
      env.ctx.db,
      sql`select p.household_id from users u join people p on p.district_id = u.district_id and p.id = u.person_id where u.username = 'resident'`,
    );
    const dup = await env.as('taihe').post(`/api/consultations/${id}/paper-ballots`, {
      householdId: mine!.household_id,
      answers: goodAnswers,
    });
    assert.equal(error(dup).code, 'PAPER_DUPLICATE');
    const [other] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from households where compound_id = ${xinggang} and id <> ${mine!.household_id} order by id limit 1`,
    );
    const paper = await env.as('taihe').post(`/api/consultations/${id}/paper-ballots`, {
      householdId: other!.id,
      answers: [{ questionId: 1, choices: [1] }, ...goodAnswers.slice(1)],
    });
    assert.equal(paper.statusCode, 201, paper.body);
    const outside = await env.as('taihe').post(`/api/consultations/${id}/paper-ballots`, { answers: goodAnswers });
    assert.equal(error(outside).code, 'HOUSEHOLD_REQUIRED');

    // results: live to the organiser, hidden from residents until published after closing
    const live = json<Results>(await env.as('taihe').get(`/api/consultations/${id}/results`));
    assert.deepEqual(live.questions[0]!.counts, [1, 1]);
    assert.deepEqual(live.questions[0]!.paperCounts, [0, 1]);
    assert.deepEqual(
      live.questions[2]!.counts,
      [1 + 1, 0, 2 + 2],
      'Borda points: option 3 first (2), option 1 second (1), option 2 last (0)',
    );
    assert.equal(live.respondents.length, 2);
    const hidden = await env.as('resident').get(`/api/consultations/${id}/results`);
    assert.equal(hidden.statusCode, 403);
    assert.equal(error(hidden).code, 'RESULTS_HIDDEN');
    const early = await env.as('taihe').post(`/api/consultations/${id}/publish`, { version: 1 });
    assert.equal(error(early).code, 'STILL_OPEN');
    const closed = await env.as('taihe').post(`/api/consultations/${id}/close`, { version: 1 });
    assert.equal(closed.statusCode, 200, closed.body);
    const late = await env.as('resident').post(`/api/consultations/${id}/answers`, { answers: goodAnswers });
    assert.equal(error(late).code, 'CLOSED');
    const stale = await env.as('taihe').post(`/api/consultations/${id}/publish`, { version: 1 });
    assert.equal(error(stale).code, 'CHANGED');
    assert.equal((await env.as('taihe').post(`/api/consultations/${id}/publish`, { version: 2 })).statusCode, 200);
    const third = await newBuilding('公布后楼', 1);
    const afterPublish = await env.as('taihe').post(`/api/consultations/${id}/paper-ballots`, {
      householdId: `${third.id}-1`,
      answers: goodAnswers,
    });
    assert.equal(afterPublish.statusCode, 409);
    assert.equal(error(afterPublish).code, 'ALREADY_PUBLISHED');
    const published = json<Results>(await env.as('resident').get(`/api/consultations/${id}/results`));
    assert.equal(published.ballots, 2);
    assert.equal(published.respondents.length, 0, 'residents do not see who answered');
  });

  it('scope: another community cannot organise for 星港城, nor a resident outside it answer', async () => {
    const refused = await env.as('youyijie').post('/api/consultations', survey(xinggang));
    assert.equal(refused.statusCode, 403);
    assert.equal(error(refused).code, 'SCOPE_FORBIDDEN');
    const grid = await env.as('xinggang').post('/api/consultations', survey(xinggang));
    assert.equal(error(grid).code, 'PERMISSION_DENIED');
    const b = await newBuilding('矩阵外楼', 0);
    const building = await env.as('taihe').post('/api/consultations', { ...survey(xinggang), buildingId: b!.id });
    const id = json<ConsultationDetail>(building).consultation.id;
    // the list a resident sees holds only what asks their household: not another building's consultation
    const mine = json<ConsultationList>(await env.as('resident').get('/api/consultations?status=open'));
    assert.ok(!mine.items.some((c) => c.id === id), 'another building’s consultation is not listed for the resident');
    const wide = json<ConsultationDetail>(await env.as('taihe').post('/api/consultations', survey(xinggang)));
    const mineNow = json<ConsultationList>(await env.as('resident').get('/api/consultations?status=open'));
    assert.ok(
      mineNow.items.some((c) => c.id === wide.consultation.id),
      'the compound-wide one is listed',
    );
    const staff = json<ConsultationList>(await env.as('taihe').get('/api/consultations?status=open'));
    assert.ok(
      staff.items.some((c) => c.id === id),
      'the organiser lists it',
    );
    const out = await env.as('resident').post(`/api/consultations/${id}/answers`, { answers: goodAnswers });
    assert.equal(out.statusCode, 403);
    assert.equal(error(out).code, 'NOT_ELIGIBLE');
    assert.equal(await ballots(id), 0);
    const past = await env.as('taihe').post('/api/consultations', { ...survey(xinggang), closesAt: inDays(-1) });
    assert.equal(error(past).code, 'CLOSES_IN_PAST');
  });

  it("an owners' decision counts area and heads from the ledger: ordinary passes, special fails", async () => {
    // a building of six 专有部分: 101 has 180 m², the five others 90 m² — 630 m² in all
    const b = await newBuilding('议事楼', 6);
    const homes = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from households where building_id = ${b.id} order by room`,
    );
    await env.ctx.db.execute(sql`update households set exclusive_area = 180 where id = ${homes[0]!.id}`);
    const body = (matter: string) => ({
      title: '使用维修资金更换电梯',
      kind: 'owners_decision',
      organiserKind: 'owners_committee',
      orgUnitId: xinggang,
      buildingId: b!.id,
      matter,
      closesAt: inDays(7),
    });
    // 4 of 6 owners vote (4×3 = 12 ≥ 12) with 450 of 630 m² (450×3 = 1350 ≥ 1260): participation met.
    // 102, 103, 104 agree (270 m²), 101 (180 m²) opposes: 270×2 = 540 > 450 and 3×2 > 4 — an ordinary matter passes;
    // a special one needs 270×4 = 1080 ≥ 450×3 = 1350: it fails on the area although 3 of 4 owners agree.
    for (const matter of ['use_maintenance_fund', 'raise_maintenance_fund']) {
      const res = await env.as('taihe').post('/api/consultations', body(matter));
      assert.equal(res.statusCode, 201, res.body);
      const id = json<ConsultationDetail>(res).consultation.id;
      for (let i = 0; i < 4; i++) {
        const r = await env.as('taihe').post(`/api/consultations/${id}/paper-ballots`, {
          householdId: homes[i]!.id,
          answers: [{ questionId: 1, choices: [i === 0 ? 1 : 0] }],
        });
        assert.equal(r.statusCode, 201, r.body);
      }
      const d = json<Results>(await env.as('taihe').get(`/api/consultations/${id}/results`)).decision!;
      assert.deepEqual(
        [d.totalOwners, d.totalArea, d.participatingOwners, d.participatingArea, d.agreeOwners, d.agreeArea],
        [6, 630, 4, 450, 3, 270],
      );
      assert.equal(d.participationMet, true);
      assert.equal(d.special, matter === 'raise_maintenance_fund');
      assert.equal(d.consentMet, matter === 'use_maintenance_fund');
      assert.equal(d.passed, matter === 'use_maintenance_fund', `${matter}: ${JSON.stringify(d)}`);
    }
    const anonymous = await env.as('taihe').post('/api/consultations', { ...body('rebuild'), isAnonymous: true });
    assert.equal(error(anonymous).code, 'DECISION_SHAPE');
  });
});
