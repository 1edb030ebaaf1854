import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';
import { call, JURORS, roundIn, type PurchaseFixtureCtx } from '../../server/testing/purchase.js';

/**
 * A roadshow juror in real Chromium: juror1 opens the proposal, scores the three criteria, sees
 * only their own score while the others are sealed; once the other four jurors have submitted the
 * scores unseal. The agent's round page shows the seed round's funnel (155 → 95 → 63 → 62).
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let f: PurchaseFixtureCtx;
let proposalId: string;

async function pageAs(username: string): Promise<Page> {
  return loginPage(browser, base, username);
}

async function scoreRows(juror: string): Promise<{ version: number; total: number }[]> {
  return queryRows(
    env.ctx.db,
    sql`select s.version, s.total from purchase_scores s join users u on u.id = s.juror_user_id where s.proposal_id = ${proposalId} and u.username = ${juror} order by s.version`,
  );
}

describe('browser: a juror scores a proposal at the roadshow', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    f = env;
    proposalId = (await roundIn(f, 'scoring', 1)).proposalIds[0]!;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('scores, stays sealed until all jurors have submitted, then sees the panel', async () => {
    const juror = await pageAs('juror1');
    // the juror's home is the workbench now; the purchase pages hold the round and its proposal
    await juror.goto(`${base}/purchase`);
    await juror.getByTestId('purchase-page').waitFor();
    await juror.goto(`${base}/purchase/proposals/${proposalId}`);
    await juror.getByTestId('score-card').waitFor();
    await juror.getByTestId('score-effectiveness').fill('90');
    await juror.getByTestId('score-team').fill('80');
    await juror.getByTestId('score-potential').fill('70');
    await juror.getByTestId('score-submit').click();
    await juror.getByTestId('my-score').waitFor();
    assert.deepEqual(await scoreRows('juror1'), [{ version: 1, total: 81 }]); // 0.4·90 + 0.3·80 + 0.3·70
    assert.match(await juror.getByTestId('sealed-tag').innerText(), /密封/);
    assert.match(await juror.getByTestId('score-progress').innerText(), /1 \/ 应提交 5/);
    assert.equal(await juror.getByTestId('scores-table').count(), 0, 'other jurors’ scores are sealed');
    await juror.screenshot({ path: `${SHOTS}/purchase-juror-sealed.png`, fullPage: true });

    // an amendment needs a reason and becomes version 2
    await juror.getByTestId('score-effectiveness').fill('95');
    await juror.getByTestId('score-reason').fill('复核路演答辩后上调');
    await juror.getByTestId('score-submit').click();
    await juror.getByText('v2').first().waitFor();
    assert.deepEqual(
      (await scoreRows('juror1')).map((s) => s.version),
      [1, 2],
    );

    for (const j of JURORS.slice(1))
      await call(f, j, 'PUT', `/api/purchase/proposals/${proposalId}/score`, {
        scores: { effectiveness: 75, team: 75, potential: 75 },
      });
    await juror.reload();
    await juror.getByTestId('scores-table').waitFor();
    assert.match(await juror.getByTestId('sealed-tag').innerText(), /解封/);
    assert.equal(await juror.getByTestId('scores-table').locator('tbody tr').count(), 5);
    await juror.screenshot({ path: `${SHOTS}/purchase-juror-unsealed.png`, fullPage: true });
    await juror.context().close();
  });

  it('publishes a 更正公告 on an open call at 1440 px; the organisation reads it on a phone', async () => {
    const r = await roundIn(f, 'open', 0);
    const agent = await pageAs('agent');
    await agent.setViewportSize({ width: 1440, height: 900 });
    await agent.goto(`${base}/purchase/rounds/${r.roundId}`);
    await agent.getByTestId('amend-open').click();
    await agent.getByTestId('amend-rationale').fill('应多家社会组织申请，申报条件增加在大同市登记的社会组织');
    await agent.getByTestId('amend-eligibility').fill('在平城区或大同市依法登记的社会组织');
    // one day is left: a new eligibility needs five, so the server refuses until the deadline moves
    await agent.getByTestId('amend-submit').click();
    await agent.getByText(/距截止时间不足 5 日/).waitFor();
    const deadline = agent.getByTestId('amend-deadline');
    await deadline.click();
    await deadline.fill(
      new Date(Date.now() + 8 * 86_400_000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 19),
    );
    await deadline.press('Enter');
    await agent.getByTestId('amend-submit').click();
    await agent.getByTestId('amendment').waitFor();
    await agent.screenshot({ path: `${SHOTS}/purchase-amendment-agent.png`, fullPage: true });
    const [row] = await queryRows<{ seq: number; fields: string[]; eligibility: string; days: number }>(
      env.ctx.db,
      sql`select a.seq, array(select jsonb_array_elements(a.changes)->>'field') as fields, r.eligibility,
        round(extract(epoch from r.deadline_at - now()) / 86400)::int as days
        from purchase_round_amendments a join purchase_rounds r on r.district_id = a.district_id and r.id = a.round_id where r.id = ${r.roundId}`,
    );
    assert.deepEqual(row, {
      seq: 1,
      fields: ['eligibility', 'deadlineAt'],
      eligibility: '在平城区或大同市依法登记的社会组织',
      days: 8,
    });
    await agent.context().close();

    const org = await pageAs('yiyuanli');
    await org.setViewportSize({ width: 390, height: 844 });
    await org.goto(`${base}/purchase/rounds/${r.roundId}`);
    const card = org.getByTestId('amendment');
    await card.waitFor();
    assert.match(
      await card.innerText(),
      /第 1 号[\s\S]*申报条件增加在大同市登记[\s\S]*在平城区或大同市依法登记的社会组织/,
    );
    assert.equal(await org.getByTestId('amend-open').count(), 0, 'an applicant may not amend');
    assert.equal(await org.evaluate(() => document.documentElement.scrollWidth), 390);
    await org.screenshot({ path: `${SHOTS}/purchase-amendment-org-390.png`, fullPage: true });
    await org.context().close();
  });

  it('shows the agent the seed round funnel', async () => {
    const agent = await pageAs('agent');
    await agent.goto(`${base}/purchase/rounds/R2025-02`);
    const funnel = agent.getByTestId('purchase-funnel');
    await funnel.waitFor();
    assert.equal(await funnel.getAttribute('data-values'), '155,95,63,62');
    await agent.getByTestId('purchase-buyers').locator('canvas').waitFor();
    await agent.screenshot({ path: `${SHOTS}/purchase-funnel.png`, fullPage: true });
    await agent.context().close();
  });
});
