import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client.js';
import { SEED_ROUND } from '../../demo/service-purchase.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import {
  call,
  communityId,
  ensureOrg,
  JURORS,
  PDF,
  proposalBody,
  roundIn,
  signContract,
  type PurchaseFixtureCtx,
} from '../../testing/purchase.js';

let env: TestEnv;
let f: PurchaseFixtureCtx;

interface Detail {
  proposal: {
    id: string;
    status: string;
    screening: string | null;
    screeningReason: string | null;
    sealed: boolean;
    submittedScores: number;
    expectedScores: number;
    scores: { jurorName: string; total: number }[] | null;
    myScore: { version: number; total: number } | null;
    history: { version: number }[];
    finalScore: number | null;
    rank: number | null;
    result: string | null;
    attachments: { url: string }[];
    criterionMeans: Record<string, number> | null;
  };
  can: { withdraw: boolean; score: boolean; recuse: boolean };
}
interface RoundReply {
  round: { id: string; status: string; version: number; rulesFrozen: boolean };
  funnel: {
    received: number;
    screened: number;
    shortlisted: number;
    contracted: number;
    byBuyer: { buyerName: string; buyerKind: string; contracts: number }[];
  };
  jurors: { name: string; submitted: number; expected: number }[];
  can: Record<string, boolean>;
}

const errCode = (res: LightMyRequestResponse) => json<{ error?: { code: string } }>(res).error?.code;
const score = (u: string, p: string, s: [number, number, number], reason?: string) =>
  env.as(u).put(`/api/purchase/proposals/${p}/score`, {
    scores: { effectiveness: s[0], team: s[1], potential: s[2] },
    ...(reason ? { reason } : {}),
  });

describe('government purchase of services', () => {
  before(async () => {
    env = await createTestEnv();
    f = env;
    for (const u of ['admin', 'agent', 'yiyuanli', 'huimin', 'taihe', 'youyijie', 'shuibosi', 'resident', ...JURORS])
      await call(f, u, 'GET', '/api/auth/me');
  });
  after(() => env.close());

  it('demo reproduces the seed round: 155 → 95 → 63 → 62 contracts in 12 streets and 1 township, 东街街道 13', async () => {
    const r = await call<RoundReply>(f, 'admin', 'GET', '/api/purchase/rounds/R2025-02');
    assert.deepEqual(
      {
        received: r.funnel.received,
        screened: r.funnel.screened,
        shortlisted: r.funnel.shortlisted,
        contracted: r.funnel.contracted,
      },
      {
        received: SEED_ROUND.received,
        screened: SEED_ROUND.screened,
        shortlisted: SEED_ROUND.shortlisted,
        contracted: SEED_ROUND.contracted,
      },
    );
    assert.deepEqual(r.funnel.byBuyer[0], { buyerName: '东街街道', buyerKind: 'street', contracts: 13 });
    assert.equal(r.funnel.byBuyer.filter((b) => b.buyerKind === 'street').length, 12);
    assert.equal(r.funnel.byBuyer.filter((b) => b.buyerKind === 'township').length, 1);
    assert.equal(
      r.funnel.byBuyer.reduce((s, b) => s + b.contracts, 0),
      62,
    );
    // the 东街 projects are tai chi, calligraphy and painting, handicrafts
    const cats = await queryRows<{ category: string }>(
      env.ctx.db,
      sql`select distinct p.category from purchase_contracts c join purchase_proposals p on p.district_id = c.district_id and p.id = c.proposal_id where c.buyer_name = '东街街道' order by 1`,
    );
    assert.deepEqual(cats.map((c) => c.category).sort(), ['太极拳', '手工艺', '书画'].sort());
    // delivery is alive: activities recorded, tranches released, some projects evaluated
    const [live] = await queryRows<{ deliveries: number; released: number; completed: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from purchase_deliveries) as deliveries,
      (select count(*)::int from purchase_milestones where released_at is not null) as released, (select count(*)::int from purchase_contracts where status = 'completed') as completed`,
    );
    assert.ok(live!.deliveries > 300 && live!.released > 62 && live!.completed > 0, JSON.stringify(live));
    // the street sees only its own contracts; the organisation only its own
    const shuibosi = await call<{ items: { buyerName: string }[] }>(
      f,
      'shuibosi',
      'GET',
      '/api/purchase/contracts?roundId=R2025-02',
    );
    assert.ok(shuibosi.items.length > 0 && shuibosi.items.every((c) => c.buyerName === '水泊寺乡'));
    const huimin = await call<{ items: { orgName: string }[] }>(f, 'huimin', 'GET', '/api/purchase/contracts');
    assert.equal(huimin.items.length, 3);
  });

  it('runs a round: call, proposals with attachments, withdraw, deadline on server time, screening visible to the applicant', async () => {
    const need = await env.as('taihe').post('/api/purchase/needs', {
      communityId: await communityId(env.ctx.db),
      title: '老年人想学太极拳',
      description: '居民议事会提出',
      category: '太极拳',
      residents: 120,
    });
    assert.equal(need.statusCode, 201, need.body);
    assert.equal(
      errCode(
        await env.as('youyijie').post('/api/purchase/needs', {
          communityId: await communityId(env.ctx.db),
          title: '越权登记',
          description: '不是本社区',
          category: '其他',
        }),
      ),
      'SCOPE_FORBIDDEN',
    );
    const fx = await roundIn(f, 'open', 2);
    const target = await communityId(env.ctx.db);
    // huimin may apply too; other organisations never see yiyuanli's proposal
    const mine = await call<Detail>(
      f,
      'huimin',
      'POST',
      `/api/purchase/rounds/${fx.roundId}/proposals`,
      proposalBody(target, '惠民手工坊', [{ name: '预算.pdf', dataUrl: PDF }]),
    );
    assert.equal(
      errCode(await env.as('huimin').get(`/api/purchase/proposals/${fx.proposalIds[0]}`)),
      'SCOPE_FORBIDDEN',
    );
    assert.equal(
      (await call<{ items: unknown[] }>(f, 'huimin', 'GET', `/api/purchase/rounds/${fx.roundId}/proposals`)).items
        .length,
      1,
    );
    const att = await env
      .as('yiyuanli')
      .get(
        (await call<Detail>(f, 'yiyuanli', 'GET', `/api/purchase/proposals/${fx.proposalIds[0]}`)).proposal
          .attachments[0]!.url,
      );
    assert.equal(att.statusCode, 200);
    assert.equal(att.headers['content-type'], 'application/pdf');
    // a proposal across two streets is refused: contracts are signed per street
    const other = await communityId(env.ctx.db, '友谊街社区');
    assert.equal(
      errCode(
        await env.as('yiyuanli').post(`/api/purchase/rounds/${fx.roundId}/proposals`, {
          ...proposalBody(target),
          targetCommunityIds: [target, other],
        }),
      ),
      'TARGETS_ACROSS_STREETS',
    );
    // withdraw before the deadline
    const w = await call<Detail>(f, 'yiyuanli', 'POST', `/api/purchase/proposals/${fx.proposalIds[1]}/withdraw`);
    assert.equal(w.proposal.status, 'withdrawn');
    // screening before the deadline is refused
    assert.equal(
      errCode(await env.as('agent').post(`/api/purchase/proposals/${fx.proposalIds[0]}/screen`, { pass: true })),
      'DEADLINE_NOT_REACHED',
    );
    await env.ctx.db.execute(
      sql`update purchase_rounds set deadline_at = now() - interval '1 second' where id = ${fx.roundId}`,
    );
    const late = await env.as('yiyuanli').post(`/api/purchase/rounds/${fx.roundId}/proposals`, proposalBody(target));
    assert.equal(late.statusCode, 409);
    assert.equal(errCode(late), 'CALL_CLOSED');
    assert.match(late.body, /截止/);
    assert.equal(
      errCode(await env.as('huimin').post(`/api/purchase/proposals/${mine.proposal.id}/withdraw`)),
      'CALL_CLOSED',
    );
    // fail needs a reason; the applicant sees it
    assert.equal(
      errCode(await env.as('agent').post(`/api/purchase/proposals/${mine.proposal.id}/screen`, { pass: false })),
      'REASON_REQUIRED',
    );
    await call(f, 'agent', 'POST', `/api/purchase/proposals/${mine.proposal.id}/screen`, {
      pass: false,
      reason: '缺少以往服务的资金使用证明',
    });
    const seen = await call<Detail>(f, 'huimin', 'GET', `/api/purchase/proposals/${mine.proposal.id}`);
    assert.deepEqual([seen.proposal.screening, seen.proposal.screeningReason], ['fail', '缺少以往服务的资金使用证明']);
    const r = await call<RoundReply>(f, 'agent', 'GET', `/api/purchase/rounds/${fx.roundId}`);
    assert.equal(r.round.status, 'screening');
    assert.deepEqual([r.funnel.received, r.funnel.screened], [2, 0]);
    // scoring cannot open while a proposal is unscreened
    assert.equal(
      errCode(await env.as('agent').post(`/api/purchase/rounds/${fx.roundId}/open-scoring`)),
      'SCREENING_INCOMPLETE',
    );
  });

  it('seals scores until every non-recused juror has submitted; amendments are audited new versions; rules freeze', async () => {
    const fx = await roundIn(f, 'scoring', 1);
    const p = fx.proposalIds[0]!;
    const r = await call<RoundReply>(f, 'agent', 'GET', `/api/purchase/rounds/${fx.roundId}`);
    assert.equal(r.round.rulesFrozen, true);
    const patch = await env.as('agent').patch(`/api/purchase/rounds/${fx.roundId}`, {
      version: r.round.version,
      criteria: [{ key: 'effectiveness', name: '有效性', weight: 100 }],
    });
    assert.equal(errCode(patch), 'RULES_FROZEN');
    assert.equal(
      errCode(await env.as('agent').put(`/api/purchase/rounds/${fx.roundId}/jurors`, { userIds: [] })),
      'RULES_FROZEN',
    );
    // the applicant cannot score; an unassigned juror neither
    assert.equal(errCode(await score('yiyuanli', p, [90, 90, 90])), 'PERMISSION_DENIED');
    assert.equal((await score('juror1', p, [90, 80, 70])).statusCode, 200);
    assert.equal(errCode(await score('juror1', p, [95, 80, 70])), 'AMEND_REASON_REQUIRED');
    assert.equal(
      errCode(await env.as('juror1').put(`/api/purchase/proposals/${p}/score`, { scores: { effectiveness: 90 } })),
      'SCORES_INCOMPLETE',
    );
    const amended = await call<Detail>(f, 'juror1', 'PUT', `/api/purchase/proposals/${p}/score`, {
      scores: { effectiveness: 95, team: 80, potential: 70 },
      reason: '复核路演视频后上调有效性',
    });
    assert.equal(amended.proposal.myScore!.version, 2);
    assert.equal(amended.proposal.history.length, 2);
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'purchase.proposal.score' and entity_id = ${p} and detail ->> 'amended' = 'true'`,
    );
    assert.equal(audit!.n, 1);
    await score('juror2', p, [60, 60, 60]);
    // sealed: nobody — not even the agent — sees individual scores yet
    let a = await call<Detail>(f, 'agent', 'GET', `/api/purchase/proposals/${p}`);
    assert.deepEqual(
      [a.proposal.sealed, a.proposal.scores, a.proposal.submittedScores, a.proposal.expectedScores],
      [true, null, 2, 5],
    );
    const j2 = await call<Detail>(f, 'juror2', 'GET', `/api/purchase/proposals/${p}`);
    assert.equal(j2.proposal.scores, null);
    assert.equal(j2.proposal.myScore!.total, 60);
    // juror5 has a conflict of interest: recused, no longer expected
    await call(f, 'juror5', 'POST', `/api/purchase/proposals/${p}/recuse`, { reason: '曾任该组织理事' });
    assert.equal(errCode(await score('juror5', p, [80, 80, 80])), 'RECUSED');
    await score('juror3', p, [70, 70, 70]);
    a = await call<Detail>(f, 'agent', 'GET', `/api/purchase/proposals/${p}`);
    assert.deepEqual([a.proposal.sealed, a.proposal.expectedScores], [true, 4]);
    await score('juror4', p, [100, 100, 100]);
    a = await call<Detail>(f, 'agent', 'GET', `/api/purchase/proposals/${p}`);
    assert.equal(a.proposal.sealed, false);
    assert.equal(a.proposal.scores!.length, 4);
    // the organisation still sees no individual scores
    assert.equal((await call<Detail>(f, 'yiyuanli', 'GET', `/api/purchase/proposals/${p}`)).proposal.scores, null);
    await call(f, 'agent', 'POST', `/api/purchase/rounds/${fx.roundId}/notice`);
    // juror totals 0.4·e + 0.3·t + 0.3·p: 83 (amended), 60, 70, 100 → mean of all four (drop-high-low off) = 78.25
    const res = await call<Detail>(f, 'yiyuanli', 'GET', `/api/purchase/proposals/${p}`);
    assert.deepEqual([res.proposal.finalScore, res.proposal.rank, res.proposal.result], [78.25, 1, 'recommended']);
    assert.equal(errCode(await score('juror1', p, [10, 10, 10], '改分')), 'SCORING_CLOSED');
  });

  it('drops the highest and lowest score and breaks ties by the lead criterion, then the lower budget', async () => {
    await ensureOrg(f);
    const target = await communityId(env.ctx.db);
    const created = await call<{ round: { id: string } }>(f, 'agent', 'POST', '/api/purchase/rounds', {
      year: 2026,
      title: '排名规则测试',
      scope: '社区服务',
      eligibility: '社会组织',
      budgetCents: 10_000_000,
      deadlineAt: new Date(Date.now() + 3600_000).toISOString(),
      places: 2,
      passScore: 60,
      dropHighLow: true,
      criteria: [
        { key: 'effectiveness', name: '有效性', weight: 50 },
        { key: 'team', name: '团队潜力', weight: 25 },
        { key: 'potential', name: '项目潜力', weight: 25 },
      ],
    });
    const id = created.round.id;
    await call(f, 'agent', 'POST', `/api/purchase/rounds/${id}/publish`);
    const body = (title: string, cents: number) => ({
      ...proposalBody(target, title),
      budgetLines: [{ item: '经费', amountCents: cents }],
    });
    const A = (
      await call<Detail>(f, 'yiyuanli', 'POST', `/api/purchase/rounds/${id}/proposals`, body('甲项目', 3_000_000))
    ).proposal.id;
    const B = (
      await call<Detail>(f, 'yiyuanli', 'POST', `/api/purchase/rounds/${id}/proposals`, body('乙项目', 2_000_000))
    ).proposal.id;
    const C = (
      await call<Detail>(f, 'yiyuanli', 'POST', `/api/purchase/rounds/${id}/proposals`, body('丙项目', 1_000_000))
    ).proposal.id;
    await env.ctx.db.execute(
      sql`update purchase_rounds set deadline_at = now() - interval '1 second' where id = ${id}`,
    );
    for (const p of [A, B, C]) await call(f, 'agent', 'POST', `/api/purchase/proposals/${p}/screen`, { pass: true });
    const jurorIds = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from users where username like 'juror%' order by username`,
    );
    await call(f, 'agent', 'PUT', `/api/purchase/rounds/${id}/jurors`, { userIds: jurorIds.map((j) => j.id) });
    await call(f, 'agent', 'POST', `/api/purchase/rounds/${id}/open-scoring`);
    // A: totals 100, 80, 80, 80, 0 → drop 100 and 0 → 80; lead (有效性) mean 80
    // B: totals 80 ×5, but 有效性 90 → also 80 after the drop, lead mean 90 → ahead of A
    // C: same as A with a lower budget → ahead of A on the budget rule
    const sheet: Record<string, [number, number, number][]> = {
      [A]: [
        [100, 100, 100],
        [80, 80, 80],
        [80, 80, 80],
        [80, 80, 80],
        [0, 0, 0],
      ],
      [B]: [
        [90, 70, 70],
        [90, 70, 70],
        [90, 70, 70],
        [90, 70, 70],
        [90, 70, 70],
      ],
      [C]: [
        [100, 100, 100],
        [80, 80, 80],
        [80, 80, 80],
        [80, 80, 80],
        [0, 0, 0],
      ],
    };
    assert.equal(errCode(await env.as('agent').post(`/api/purchase/rounds/${id}/notice`)), 'SCORING_INCOMPLETE');
    for (const [p, rows] of Object.entries(sheet))
      for (const [i, s] of rows.entries()) assert.equal((await score(JURORS[i]!, p, s)).statusCode, 200);
    await call(f, 'agent', 'POST', `/api/purchase/rounds/${id}/notice`);
    const list = await call<{ items: { id: string; finalScore: number; rank: number; result: string }[] }>(
      f,
      'agent',
      'GET',
      `/api/purchase/rounds/${id}/proposals`,
    );
    assert.deepEqual(
      list.items.map((x) => [x.id, x.finalScore, x.rank, x.result]),
      [
        [B, 80, 1, 'recommended'],
        [C, 80, 2, 'recommended'],
        [A, 80, 3, 'not_recommended'],
      ],
    );
  });

  it('public notice: objections recorded and answered, award after the period, contracts per street with tranches on accepted evidence', async () => {
    const fx = await roundIn(f, 'notice', 2);
    assert.equal(errCode(await env.as('agent').post(`/api/purchase/rounds/${fx.roundId}/award`)), 'NOTICE_NOT_OVER');
    let r = await call<RoundReply & { objections: { id: string }[] }>(
      f,
      'resident',
      'POST',
      `/api/purchase/rounds/${fx.roundId}/objections`,
      { proposalId: fx.proposalIds[1], content: '该项目以往服务人次与社区台账不符' },
    );
    await call(f, 'taihe', 'POST', `/api/purchase/rounds/${fx.roundId}/objections`, { content: '建议公开评审规则' });
    r = await call(f, 'agent', 'GET', `/api/purchase/rounds/${fx.roundId}`);
    assert.equal(r.objections.length, 2);
    await env.ctx.db.execute(
      sql`update purchase_rounds set notice_ends_at = now() - interval '1 second' where id = ${fx.roundId}`,
    );
    assert.equal(
      errCode(
        await env.as('resident').post(`/api/purchase/rounds/${fx.roundId}/objections`, {
          content: '公示期已过还能提吗',
        }),
      ),
      'NOT_IN_NOTICE',
    );
    assert.equal(errCode(await env.as('agent').post(`/api/purchase/rounds/${fx.roundId}/award`)), 'OBJECTIONS_OPEN');
    await call(f, 'agent', 'POST', `/api/purchase/objections/${r.objections[0]!.id}/answer`, {
      answer: '经核查属实，取消推荐',
      upheld: true,
    });
    await call(f, 'agent', 'POST', `/api/purchase/objections/${r.objections[1]!.id}/answer`, {
      answer: '评审规则已随通知公布',
      upheld: false,
    });
    r = await call(f, 'agent', 'POST', `/api/purchase/rounds/${fx.roundId}/award`);
    assert.deepEqual([r.round.status, r.funnel.shortlisted, r.funnel.contracted], ['awarded', 2, 0]);
    const contracts = await call<{ items: { id: string; buyerName: string; status: string }[] }>(
      f,
      'shuibosi',
      'GET',
      `/api/purchase/contracts?roundId=${fx.roundId}`,
    );
    assert.deepEqual(
      contracts.items.map((c) => [c.buyerName, c.status]),
      [['水泊寺街道', 'pending']],
    );
    const cid = contracts.items[0]!.id;
    // another street cannot see or sign it; the tranches must add up
    assert.equal(errCode(await env.as('youyijie').get(`/api/purchase/contracts/${cid}`)), 'SCOPE_FORBIDDEN');
    const c0 = await call<{ contract: { version: number; amountCents: number } }>(
      f,
      'shuibosi',
      'GET',
      `/api/purchase/contracts/${cid}`,
    );
    assert.equal(
      errCode(
        await env.as('shuibosi').post(`/api/purchase/contracts/${cid}/sign`, {
          version: c0.contract.version,
          periodStart: '2026-12-01',
          periodEnd: '2027-11-30',
          milestones: [{ title: '一期', dueOn: '2027-01-01', trancheCents: 1 }],
        }),
      ),
      'TRANCHES_MISMATCH',
    );
    await signContract(f, cid, 2);
    let c = await call<{
      contract: {
        status: string;
        milestones: { id: string; status: string }[];
        releasedCents: number;
        activities: number;
        beneficiaries: number;
        targetCommunities: { id: string }[];
      };
      can: Record<string, boolean>;
    }>(f, 'yiyuanli', 'GET', `/api/purchase/contracts/${cid}`);
    assert.equal(c.can.deliver, true);
    const [m1, m2] = c.contract.milestones;
    assert.equal(
      errCode(
        await env.as('yiyuanli').post(`/api/purchase/contracts/${cid}/deliveries`, {
          communityId: await communityId(env.ctx.db, '友谊街社区'),
          heldOn: '2026-12-05',
          title: '太极拳教学',
          beneficiaries: 30,
        }),
      ),
      'COMMUNITY_NOT_TARGETED',
    );
    await call(f, 'yiyuanli', 'POST', `/api/purchase/contracts/${cid}/deliveries`, {
      communityId: c.contract.targetCommunities[0]!.id,
      heldOn: '2026-12-05',
      title: '太极拳教学',
      beneficiaries: 30,
    });
    assert.equal(
      errCode(
        await env.as('shuibosi').post(`/api/purchase/contracts/${cid}/milestones/${m1!.id}/review`, { accept: true }),
      ),
      'MILESTONE_STATE_INVALID',
    );
    await call(f, 'yiyuanli', 'POST', `/api/purchase/contracts/${cid}/milestones/${m1!.id}/evidence`, {
      evidence: '签到表与照片',
    });
    assert.equal(
      errCode(
        await env.as('shuibosi').post(`/api/purchase/contracts/${cid}/milestones/${m1!.id}/review`, { accept: false }),
      ),
      'REASON_REQUIRED',
    );
    await call(f, 'shuibosi', 'POST', `/api/purchase/contracts/${cid}/milestones/${m1!.id}/review`, {
      accept: true,
      note: '同意拨付',
    });
    assert.equal(
      errCode(await env.as('shuibosi').post(`/api/purchase/contracts/${cid}/evaluate`, { score: 90, comment: '良好' })),
      'MILESTONES_OPEN',
    );
    await call(f, 'yiyuanli', 'POST', `/api/purchase/contracts/${cid}/milestones/${m2!.id}/evidence`, {
      evidence: '总结报告',
    });
    await call(f, 'shuibosi', 'POST', `/api/purchase/contracts/${cid}/milestones/${m2!.id}/review`, { accept: true });
    await call(f, 'shuibosi', 'POST', `/api/purchase/contracts/${cid}/evaluate`, {
      score: 92,
      comment: '居民满意度高',
    });
    c = await call(f, 'taihe', 'GET', `/api/purchase/contracts/${cid}`);
    assert.deepEqual(
      [c.contract.status, c.contract.releasedCents, c.contract.activities, c.contract.beneficiaries],
      ['completed', c0.contract.amountCents, 1, 30],
    );
    const funnel = await call<RoundReply>(f, 'agent', 'GET', `/api/purchase/rounds/${fx.roundId}`);
    assert.equal(funnel.funnel.contracted, 1);
  });

  it('refuses bad input with 4xx and actionable Chinese messages', async () => {
    const bad = await env.as('agent').post('/api/purchase/rounds', {
      year: 2026,
      title: 'x',
      scope: '',
      budgetCents: -1,
      places: 0,
      deadlineAt: 'tomorrow',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(errCode(await env.as('agent').get('/api/purchase/rounds/nope')), 'ROUND_NOT_FOUND');
    assert.equal(
      errCode(
        await env.as('huimin').post('/api/purchase/orgs', {
          name: '重复登记的组织',
          creditCode: '52140200MJ0000002Y',
          legalRep: '某某',
        }),
      ),
      'ORG_ALREADY_REGISTERED',
    );
    const draft = await roundIn(f, 'draft');
    // drafts are invisible to everyone but the agent, and not published as OCDS
    assert.equal(errCode(await env.as('yiyuanli').get(`/api/purchase/rounds/${draft.roundId}`)), 'ROUND_NOT_FOUND');
    assert.equal((await env.as(null).get(`/api/purchase/rounds/${draft.roundId}/ocds`)).statusCode, 404);
    assert.equal(
      json<{ error: { message: string } }>(
        await env.as('agent').post(`/api/purchase/rounds/${draft.roundId}/open-scoring`),
      ).error.message.length > 4,
      true,
    );
  });
});
