import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, loginPage, phonePage } from './support.js';
import { createNotificationWorker } from '../../server/modules/notifications/notifications.worker.js';
import type { JobWorker } from '../../server/lib/jobs.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';

/**
 * The bell in real Chromium: the 星港城 grid worker has the app open; a resident reports a problem in
 * 星港城; within 5 s the bell shows it (pushed over Server-Sent Events by the running worker), and a click
 * on it opens the order. The same on the phone (/m/), and a dispatch reaches the department's phone.
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

  it('on the phone: the grid worker’s bell counts a new order within 5 s, and the message opens it', async () => {
    const page = await phonePage(browser, base, 'xinggang');
    const bell = page.getByTestId('m-bell');
    await bell.waitFor();
    await page.waitForTimeout(1500); // the stream is open
    const before = Number(await bell.getAttribute('data-unread'));
    const created = Date.now();
    const res = await env.as('resident').post('/api/work-orders', {
      channel: 'resident',
      categoryId: 'C04',
      title: '楼道声控灯不亮',
      description: '5 号楼 1 单元楼道灯坏了一周',
      compoundId: await compoundId(env.ctx.db),
    });
    assert.equal(res.statusCode, 201, res.body);
    const orderId = res.json<{ order: { id: string } }>().order.id;
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="m-bell"]')?.getAttribute('data-unread') ?? 0) > n,
      before,
      { timeout: 5000 },
    );
    assert.ok(Date.now() - created <= 5000);
    await bell.click();
    const item = page.locator('[data-testid="m-notification"][data-topic="order.to_accept"]').filter({
      hasText: '楼道声控灯不亮',
    });
    await item.click();
    await page.waitForURL(`**/m/orders/${orderId}`);
    await page.screenshot({ path: `${SHOTS}/m-notification-order-390.png`, fullPage: true });
    await page.context().close();
  });

  it('on the phone: a dispatch to 住建局 reaches its staff within 5 s', async () => {
    const page = await phonePage(browser, base, 'zhujian');
    const bell = page.getByTestId('m-bell');
    await bell.waitFor();
    await page.waitForTimeout(1500);
    const before = Number(await bell.getAttribute('data-unread'));
    const call = async (user: string, url: string, payload: object) => {
      const r = await env.as(user).post(url, payload);
      assert.ok(r.statusCode < 300, r.body);
      return r.json<{ order: { id: string; version: number } }>().order;
    };
    let order = await call('resident', '/api/work-orders', {
      channel: 'resident',
      categoryId: 'C04',
      title: '阳台外墙砖松动有坠落危险',
      description: '7 号楼外墙砖松动，楼下是人行道',
      compoundId: await compoundId(env.ctx.db),
    });
    order = await call('taihe', `/api/work-orders/${order.id}/accept`, { version: order.version });
    const dispatched = Date.now();
    await call('taihe', `/api/work-orders/${order.id}/dispatch`, {
      version: order.version,
      legs: [{ handlerKind: 'department', workUnitId: 'W001' }],
    });
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="m-bell"]')?.getAttribute('data-unread') ?? 0) > n,
      before,
      { timeout: 5000 },
    );
    assert.ok(Date.now() - dispatched <= 5000);
    await bell.click();
    await page
      .locator('[data-testid="m-notification"][data-topic="order.to_fulfil"]')
      .filter({ hasText: '阳台外墙砖松动有坠落危险' })
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/m-notification-dispatch-390.png`, fullPage: true });
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
