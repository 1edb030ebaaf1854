import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, json, login, type TestEnv } from '../../server/testing/harness.js';
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
});
