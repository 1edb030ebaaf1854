import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { roundIn, type PurchaseFixtureCtx } from '../../testing/purchase.js';
import type { RoundDetail } from '../../../shared/service-purchase.schema.js';
import { createNotificationWorker } from '../notifications/notifications.worker.js';

/**
 * 更正公告: the agent amends a published call while it is open. The rules: something must change, the
 * deadline only moves later, and a change to the scope, eligibility or budget needs at least five days
 * before the deadline. A refused amendment writes nothing; an accepted one is one transaction with the
 * round, the amendment row, the audit row and the notice to the registered organisations.
 */
let env: TestEnv;
let f: PurchaseFixtureCtx;
const DAY = 86_400_000;
const errCode = (res: LightMyRequestResponse) => json<{ error?: { code: string } }>(res).error?.code;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();
const amend = (id: string, body: object) => env.as('agent').post(`/api/purchase/rounds/${id}/amendments`, body);
const detail = async (id: string, user = 'agent') =>
  json<RoundDetail>(await env.as(user).get(`/api/purchase/rounds/${id}`));
const counts = async (id: string) =>
  (
    await queryRows<{ amendments: number; audits: number; notices: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from purchase_round_amendments where round_id = ${id}) as amendments,
        (select count(*)::int from audit_log where action = 'purchase.round.amend' and entity_id = ${id}) as audits,
        (select count(*)::int from outbox where topic = 'purchase.round_amended' and payload->>'roundId' = ${id}) as notices`,
    )
  )[0]!;

describe('更正公告 (amendments to a published call)', () => {
  before(async () => {
    env = await createTestEnv();
    f = env;
  });
  after(() => env.close());

  it('amends the budget and extends the deadline, with the reason, the history, the audit row and the notice', async () => {
    const r = await roundIn(f, 'open', 0);
    const before = (await detail(r.roundId)).round;
    assert.equal((await detail(r.roundId)).can.amend, true);
    const deadline = inDays(10);
    const res = await amend(r.roundId, {
      version: r.version,
      rationale: '追加市级福彩公益金，预算增加并顺延截止时间',
      budgetCents: 12_000_000,
      deadlineAt: deadline,
    });
    assert.equal(res.statusCode, 201, res.body);
    const after = json<RoundDetail>(res);
    assert.equal(after.round.budgetCents, 12_000_000);
    assert.equal(after.round.deadlineAt, new Date(deadline).toISOString());
    assert.equal(after.round.version, r.version + 1);
    assert.equal(after.round.eligibility, before.eligibility, 'fields not sent are unchanged');
    assert.equal(after.amendments.length, 1);
    const a = after.amendments[0]!;
    assert.equal(a.seq, 1);
    assert.equal(a.rationale, '追加市级福彩公益金，预算增加并顺延截止时间');
    assert.deepEqual(a.changes, [
      { field: 'budgetCents', before: 10_000_000, after: 12_000_000 },
      { field: 'deadlineAt', before: before.deadlineAt, after: new Date(deadline).toISOString() },
    ]);
    assert.deepEqual(await counts(r.roundId), { amendments: 1, audits: 1, notices: 1 });
    // the applicants read it on the round; they may not amend
    const seen = await detail(r.roundId, 'yiyuanli');
    assert.equal(seen.amendments.length, 1);
    assert.equal(seen.can.amend, false);
    // a second amendment is no. 2
    const second = await amend(r.roundId, {
      version: r.version + 1,
      rationale: '更正标题中的错别字',
      title: '测试批次（更正）',
    });
    assert.equal(second.statusCode, 201, second.body);
    assert.deepEqual(
      json<RoundDetail>(second).amendments.map((x) => x.seq),
      [1, 2],
    );
  });

  it('publishes the call as it was and each amendment as a tenderAmendment release', async () => {
    const r = await roundIn(f, 'open', 0);
    await amend(r.roundId, {
      version: r.version,
      rationale: '扩大服务范围并顺延',
      scope: '社区文体与养老服务',
      deadlineAt: inDays(8),
    });
    const pkg = json<{ releases: { id: string; tag: string[]; tender?: Record<string, unknown> }[] }>(
      await env.as(null).get(`/api/purchase/rounds/${r.roundId}/ocds`),
    );
    const tags = pkg.releases.map((x) => x.tag.join('+'));
    assert.deepEqual(tags, ['planning', 'tender', 'tenderAmendment']);
    const [, call, amended] = pkg.releases;
    assert.equal(call!.tender!.description, '社区文体服务');
    assert.equal(amended!.tender!.description, '社区文体与养老服务');
    assert.equal(
      (amended!.tender!.tenderPeriod as { endDate: string }).endDate >
        (call!.tender!.tenderPeriod as { endDate: string }).endDate,
      true,
    );
    const [am] = amended!.tender!.amendments as { amendsReleaseID: string; releaseID: string; description: string }[];
    assert.equal(am!.amendsReleaseID, call!.id);
    assert.equal(am!.releaseID, amended!.id);
    assert.match(am!.description, /服务范围已修改；申报截止时间由 .+ 改为 .+。/);
  });

  it('refuses what the rules forbid with a clear code, and writes nothing', async () => {
    const r = await roundIn(f, 'open', 0);
    const before = (await detail(r.roundId)).round;
    const refuse = async (body: object, status: number, code: string) => {
      const res = await amend(r.roundId, { version: r.version, rationale: '测试更正的原因说明', ...body });
      assert.equal(res.statusCode, status, res.body);
      assert.equal(errCode(res), code);
    };
    await refuse({ title: before.title, budgetCents: before.budgetCents }, 400, 'AMENDMENT_EMPTY');
    await refuse({}, 400, 'AMENDMENT_EMPTY');
    await refuse(
      { deadlineAt: new Date(Date.parse(before.deadlineAt) - 3_600_000).toISOString() },
      400,
      'DEADLINE_SHORTENED',
    );
    // one day left: a new scope needs the deadline five days out
    await refuse({ scope: '新的服务范围' }, 400, 'AMENDMENT_TOO_LATE');
    await refuse({ eligibility: '新的申报条件', deadlineAt: inDays(4) }, 400, 'AMENDMENT_TOO_LATE');
    await refuse({ title: '改个标题', version: r.version - 1 }, 409, 'VERSION_CONFLICT');
    const short = await amend(r.roundId, { version: r.version, rationale: '短', title: '改个标题' });
    assert.equal(short.statusCode, 400);
    assert.match(json<{ error: { message: string } }>(short).error.message, /请写明更正的原因/);
    const now = (await detail(r.roundId)).round;
    assert.deepEqual(now, before, 'nothing changed');
    assert.deepEqual(await counts(r.roundId), { amendments: 0, audits: 0, notices: 0 });
    // a title or a later deadline alone may change even with one day left
    const ok = await amend(r.roundId, {
      version: r.version,
      rationale: '顺延一天便于纸质材料送达',
      deadlineAt: inDays(2),
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('amends only an open call: not a draft, not after the deadline', async () => {
    const draft = await roundIn(f, 'draft');
    const res = await amend(draft.roundId, { version: draft.version, rationale: '草稿不能发更正公告', title: '草稿' });
    assert.equal(res.statusCode, 409);
    assert.equal(errCode(res), 'AMEND_NOT_OPEN');
    const closed = await roundIn(f, 'closed', 0);
    const late = await amend(closed.roundId, {
      version: closed.version,
      rationale: '截止后不能更正',
      deadlineAt: inDays(9),
    });
    assert.equal(late.statusCode, 409);
    assert.equal(errCode(late), 'AMEND_NOT_OPEN');
    assert.equal((await detail(closed.roundId)).can.amend, false);
  });

  it('tells every registered social organisation, and nobody else, in the app', async () => {
    const r = await roundIn(f, 'open', 0);
    await amend(r.roundId, { version: r.version, rationale: '顺延截止时间三天', deadlineAt: inDays(4) });
    const [row] = await queryRows<{ payload: { title: string; seq: number } }>(
      env.ctx.db,
      sql`select payload from outbox where topic = 'purchase.round_amended' and payload->>'roundId' = ${r.roundId}`,
    );
    assert.equal(row!.payload.seq, 1);
    assert.match(row!.payload.title, /测试批次/);
    const worker = createNotificationWorker(env.ctx, { sweepMs: 60 * 60_000 });
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }
    type Inbox = { items: { topic: string; title: string; href: string }[] };
    const told = (u: string) =>
      env
        .as(u)
        .get('/api/notifications')
        .then((res) => json<Inbox>(res).items.filter((i) => i.topic === 'purchase.round_amended'));
    for (const org of ['yiyuanli', 'huimin']) {
      const items = await told(org);
      assert.ok(
        items.some((i) => i.href === `/purchase/rounds/${r.roundId}` && i.title === '申报通知更正公告'),
        org,
      );
    }
    for (const other of ['juror1', 'taihe', 'agent']) assert.deepEqual(await told(other), [], `${other} is not told`);
  });
});
