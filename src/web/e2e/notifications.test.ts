import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, loginPage } from './support.js';
import { createNotificationWorker } from '../../server/modules/notifications/notifications.worker.js';
import type { JobWorker } from '../../server/lib/jobs.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';

/**
 * The bell in real Chromium: the 星港城 grid worker has the app open; a resident reports a problem in
 * 星港城; within 5 s the bell shows it (pushed over Server-Sent Events by the running worker), and a click
 * on it opens the order.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let worker: JobWorker;
let base: string;

describe('browser: notifications', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    worker = createNotificationWorker(env.ctx, { pollMs: 200 });
    worker.start();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await env?.close();
  });

  it('a grid worker sees a new order in the bell within 5 s of its creation', async () => {
    const page = await loginPage(browser, base, 'xinggang');
    await page.goto(`${base}/orders`);
    await page.getByTestId('notification-bell').waitFor();
    await page.waitForTimeout(1500); // the stream is open
    const before = Number((await page.getByTestId('notification-badge').textContent())?.trim() || 0);

    const created = Date.now();
    const res = await env.as('resident').post('/api/work-orders', {
      channel: 'resident',
      categoryId: 'C04',
      title: '单元门禁损坏无法关闭',
      description: '3 号楼 2 单元门禁坏了好几天',
      compoundId: await compoundId(env.ctx.db),
    });
    assert.equal(res.statusCode, 201, res.body);
    const orderId = res.json<{ order: { id: string } }>().order.id;

    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="notification-badge"]')?.textContent?.trim() || 0) > n,
      before,
      { timeout: 5000 },
    );
    const elapsed = Date.now() - created;
    assert.ok(elapsed <= 5000, `${elapsed} ms`);

    await page.getByTestId('notification-bell').click();
    const item = page.locator(`[data-testid="notification-item"][data-href="/orders/${orderId}"]`);
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /新诉求待接单/);
    await page.screenshot({ path: `${SHOTS}/notification-bell.png` });
    await item.click();
    await page.waitForURL(`**/orders/${orderId}`);
    await page.getByTestId('order-detail').waitFor();

    // the full list, the settings page, at phone width too
    await page.goto(`${base}/notifications`);
    await page.getByTestId('notification-row').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/notifications-list.png` });
    await page.goto(`${base}/notifications/settings`);
    await page.getByTestId('pref-save').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/notification-settings-390.png`, fullPage: true });
    await page.context().close();
  });

  it('an administrator opens the failed-deliveries view; others are turned away', async () => {
    const admin = await loginPage(browser, base, 'admin');
    await admin.goto(`${base}/notifications/dead-letters`);
    await admin.getByText('投递失败任务').first().waitFor();
    await admin.screenshot({ path: `${SHOTS}/notification-dead-letters.png` });
    await admin.context().close();
  });
});
