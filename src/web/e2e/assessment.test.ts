import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, DEMO_PASSWORD, json, login, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';

/**
 * The district opens the monthly ranking, drills into a street's 响应率 and sees the orders behind it.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let streetId: string;

describe('browser: the monthly assessment ranking and its drill-down', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    // an order received this month in 星港城 (水泊寺街道), so the street's 响应率 has orders behind it
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie: await login(env.app, 'admin') },
      payload: {
        channel: 'grid_patrol',
        categoryId: 'C05',
        title: '装修拆除楼板',
        description: '星港城一居民装修时拆除地下室与一层之间的楼板',
        compoundId: await compoundId(env.ctx.db),
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const [s] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '水泊寺街道'`);
    streetId = s!.id;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env.close();
  });

  it('ranks the streets, and 水泊寺街道’s 响应率 opens the orders it counts', async () => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const drill = json<{ rows: { no: string }[]; value: { denominator: number } }>(
      await env
        .as('admin')
        .get(`/api/assessment/drill?month=${month}&unitKind=street&unitId=${streetId}&rate=response`),
    );
    assert.ok(drill.value.denominator >= 1);
    const page = await loginPage(browser, base, 'admin');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/assessment`);
    await page.getByTestId('assessment-ranking-page').waitFor();
    await page.getByText('指标口径').waitFor();
    const cell = page.getByTestId(`rate-${streetId}-response`);
    await cell.waitFor();
    await page.screenshot({ path: `${SHOTS}/assessment-ranking.png` });
    await cell.click();
    const drawer = page.getByTestId('assessment-drill');
    await drawer.getByText('水泊寺街道 · 响应率').waitFor();
    for (const r of drill.rows.slice(0, 5)) await drawer.getByText(r.no).waitFor();
    const rows = await drawer.locator('tbody tr.ant-table-row').count();
    assert.equal(rows, Math.min(drill.rows.length, 50));
    await page.screenshot({ path: `${SHOTS}/assessment-drill.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/assessment-drill-phone.png` });
    await page.context().close();
  });

  it('the district changes a weight on the settings page and the street’s composite score moves', async () => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    type Street = { id: string; score: number | null; rates: Record<string, { value: number | null }> };
    const scoreNow = async () =>
      json<{ units: Street[] }>(
        await env.as('admin').get(`/api/assessment/ranking?month=${month}&kind=street`),
      ).units.find((u) => u.id === streetId)!;
    const before = await scoreNow();
    const page = await loginPage(browser, base, 'admin');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/assessment/settings`);
    await page.getByTestId('assessment-settings').waitFor();
    // each weight stands beside its rate's definition
    await page.getByTestId('weight-row-response').getByText('签收').waitFor();
    await page.getByTestId('weights-sum').getByText('合计 100 / 100').waitFor();
    mkdirSync('/tmp/shots-signfor', { recursive: true });
    await page.screenshot({ path: '/tmp/shots-signfor/settings-1440.png', fullPage: true });
    // all weight on 响应率: the composite becomes the 响应率 × 100 (when it counted anything)
    const set = async (k: string, v: number) => {
      const input = page.locator(`#weight-${k}`);
      await input.fill(String(v));
      await input.blur();
    };
    await set('response', 90);
    await page.getByTestId('weights-error').getByText('六项权重之和为 170，须等于 100（多了 70）。').waitFor();
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true, 'no save while the sum is wrong');
    await page.screenshot({ path: '/tmp/shots-signfor/settings-error-1440.png' });
    for (const k of ['resolution', 'satisfaction', 'onTime', 'returnRate', 'redoRate']) await set(k, 0);
    await set('response', 100);
    await page.getByTestId('weights-sum').getByText('合计 100 / 100').waitFor();
    await page.getByTestId('settings-save').click();
    await page.getByText('已保存（版本 1）').waitFor();
    const after = await scoreNow();
    const response = after.rates.response!.value;
    assert.ok(response !== null);
    assert.equal(after.score, Math.round(response * 10000) / 100, 'response only');
    // (on this fixture the street's score may already be 0 under the defaults; the formula above is the check)
    void before;
    await page.goto(`${base}/assessment`);
    await page.getByTestId('assessment-ranking-page').waitFor();
    await page.getByTestId(`rate-${streetId}-response`).waitFor();
    await page.getByText(after.score!.toFixed(2)).first().waitFor();

    // someone else saves in between: the page shows the conflict and loads their values
    await page.goto(`${base}/assessment/settings`);
    await page.getByTestId('assessment-settings').waitFor();
    const current = json<Record<string, unknown>>(await env.as('admin').get('/api/assessment/settings'));
    const other = await env.as('admin').put('/api/assessment/settings', { ...current, callbackTries: 5 });
    assert.equal(other.statusCode, 200, other.body);
    await set('onTime', 0);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-conflict').getByText('设置已被他人修改（当前版本 2）', { exact: false }).waitFor();
    assert.equal(await page.locator('#setting-callbackTries').inputValue(), '5');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page, 'no overflow');
    await page.screenshot({ path: '/tmp/shots-signfor/settings-390.png', fullPage: true });
    await page.context().close();

    const en = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const p2 = await en.newPage();
    await p2.goto(`${base}/login`);
    await p2.getByTestId('login-username').fill('admin');
    await p2.getByTestId('login-password').fill(DEMO_PASSWORD);
    await p2.getByTestId('login-submit').click();
    await p2.getByTestId('user-menu').waitFor();
    await p2.goto(`${base}/assessment/settings`);
    await p2.getByText('Weights of the composite score').waitFor();
    await p2.screenshot({ path: '/tmp/shots-signfor/settings-390-en.png', fullPage: true });
    await en.close();
  });
});
