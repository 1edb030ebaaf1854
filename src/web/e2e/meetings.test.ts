import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage } from './support.js';
import { createTestEnv, json, type TestEnv } from '../../server/testing/harness.js';
import { compoundId, orderIn } from '../../server/testing/orders.js';

/**
 * A joint-meeting decision holds its order: the resident cannot close it while the decision is open; the
 * community detaches it in the meeting page with a reason, which the order's timeline then shows.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let meetingId: string;
let orderId: string;

describe('browser: detaching a meeting decision from its order', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    const order = await orderIn(env, 'fulfilled');
    orderId = order.id;
    const m = json<{ meeting: { id: string } }>(
      await env
        .as('taihe')
        .post('/api/joint-meetings', { compoundId: await compoundId(env.ctx.db), heldOn: '2026-11-26' }),
    ).meeting;
    meetingId = m.id;
    const added = await env.as('taihe').post(`/api/joint-meetings/${m.id}/actions`, {
      title: '物业三日内重建围墙',
      orderId,
      owner: '国东物业',
      dueOn: '2026-12-10',
    });
    assert.equal(added.statusCode, 200, added.body);
    const blocked = await env.as('resident').post(`/api/work-orders/${orderId}/confirm`, {
      version: order.version,
      rating: 5,
    });
    assert.equal(blocked.statusCode, 409);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('the community detaches it with a reason; the timeline says so and the order may close', async () => {
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/meetings/${meetingId}`);
    const detach = page.locator('[data-testid^="action-detach-"]');
    await detach.click();
    await page.getByTestId('detach-reason').fill('围墙纳入老旧小区改造统一实施');
    await page.screenshot({ path: `${SHOTS}/meeting-detach-1440.png` });
    await page.getByTestId('detach-ok').click();
    await detach.waitFor({ state: 'detached' });
    await page.goto(`${base}/orders/${orderId}`);
    await page.getByText('议定事项「物业三日内重建围墙」不再约束本工单').waitFor();
    await page.getByText('围墙纳入老旧小区改造统一实施').first().waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/order-detached-390.png`, fullPage: true });
    await page.context().close();
    const order = json<{ order: { version: number } }>(await env.as('taihe').get(`/api/work-orders/${orderId}`)).order;
    const closed = await env.as('resident').post(`/api/work-orders/${orderId}/confirm`, {
      version: order.version,
      rating: 5,
    });
    assert.equal(closed.statusCode, 200, closed.body);
  });
});
