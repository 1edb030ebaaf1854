import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { communityId } from '../../testing/purchase.js';
import { DUXINGZUO_SURVEY } from '../../demo/consultations.js';
import type { ConsultationDetail, ConsultationList } from '../../../shared/consultations.schema.js';
import type { Need } from '../../../shared/service-purchase.schema.js';

/**
 * 调查民情、征求民意 → 购买服务需求: 太和社区 surveys 星港城's residents; once the survey has closed, a need comes
 * from it, counting the households that answered; an open survey, another community's survey or one out of
 * reach is refused and writes nothing.
 */
let env: TestEnv;
let taihe: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const needCount = async () =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from purchase_needs`))[0]!.n;
const need = (consultationId: string, community = taihe) => ({
  communityId: community,
  title: '老年助餐与陪诊服务',
  description: '征求意见中独居老人希望有人陪同就医、提供助餐',
  category: '为老服务',
  consultationId,
});

before(async () => {
  env = await createTestEnv();
  taihe = await communityId(env.ctx.db);
});
after(() => env.close());

describe('购买服务需求 from a consultation', () => {
  it('comes from a closed survey of the community, with the households that answered', async () => {
    const created = await env.as('taihe').post('/api/consultations', {
      title: '星港城为老服务需求调查',
      kind: 'survey',
      organiserKind: 'community',
      orgUnitId: await compoundId(env.ctx.db),
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      questions: [{ kind: 'single', prompt: '是否需要陪诊服务', options: ['需要', '不需要'] }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const survey = json<ConsultationDetail>(created).consultation;
    const answered = await env.as('resident').post(`/api/consultations/${survey.id}/answers`, {
      answers: [{ questionId: 1, choices: [0] }],
    });
    assert.equal(answered.statusCode, 201, answered.body);

    const before = await needCount();
    const open = await env.as('taihe').post('/api/purchase/needs', need(survey.id));
    assert.equal(open.statusCode, 409);
    assert.equal(error(open).code, 'NEED_CONSULTATION_OPEN');
    assert.match(error(open).message, /星港城为老服务需求调查/);
    const unknown = await env.as('taihe').post('/api/purchase/needs', need('no-such-survey'));
    assert.equal(error(unknown).code, 'NEED_CONSULTATION_NOT_FOUND');
    assert.equal(await needCount(), before, 'nothing written');

    const closed = await env.as('taihe').post(`/api/consultations/${survey.id}/close`, { version: survey.version });
    assert.equal(closed.statusCode, 200, closed.body);
    // another community's need cannot rest on 星港城's survey (水泊寺街道 reaches both of its communities)
    const elsewhere = await env
      .as('shuibosi')
      .post('/api/purchase/needs', need(survey.id, await communityId(env.ctx.db, '文源社区')));
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(error(elsewhere).code, 'NEED_CONSULTATION_ELSEWHERE');

    const res = await env.as('taihe').post('/api/purchase/needs', need(survey.id));
    assert.equal(res.statusCode, 201, res.body);
    const list = json<{ items: Need[] }>(await env.as('taihe').get('/api/purchase/needs')).items;
    const saved = list.find((n) => n.title === '老年助餐与陪诊服务')!;
    assert.deepEqual(saved.consultation, { id: survey.id, title: '星港城为老服务需求调查', ballots: 1 });
    assert.equal(saved.residents, 1, 'the households that answered, when no figure is given');
  });

  it('refuses a survey out of the caller’s reach', async () => {
    const all = json<ConsultationList>(await env.as('admin').get('/api/consultations'));
    const duxingzuo = all.items.find((c) => c.title === DUXINGZUO_SURVEY)!;
    const before = await needCount();
    const res = await env.as('taihe').post('/api/purchase/needs', need(duxingzuo.id));
    assert.equal(res.statusCode, 403);
    assert.equal(error(res).code, 'SCOPE_FORBIDDEN');
    assert.equal(await needCount(), before);
  });
});
