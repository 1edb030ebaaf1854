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
