import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, popupOf } from './support.js';
import { createTestEnv, json, type TestEnv } from '../../server/testing/harness.js';
import { compoundId, orderIn } from '../../server/testing/orders.js';
import { queryRows } from '../../server/db/client.js';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';

/**
 * A joint-meeting decision holds its order: the resident cannot close it while the decision is open; the
 * community detaches it in the meeting page with a reason, which the order's timeline then shows. A
 * decision names 国东物业 from the list of units, which is then told; the street reads the meeting. The community
 * uploads a photo with the minutes, which the meeting then lists (and the street sees).
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

  it('names 国东物业 as the owner of a 云汽园 decision, and the company is told', async () => {
    const yunqi = await compoundId(env.ctx.db, '云汽园');
    const m = json<{ meeting: { id: string } }>(
      await env.as('youyijie').post('/api/joint-meetings', { compoundId: yunqi, heldOn: '2026-11-18' }),
    ).meeting;
    const page = await loginPage(browser, base, 'youyijie');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/meetings/${m.id}`);
    await page.getByTestId('action-title').fill('三日内重建西侧围墙');
    const unit = page.getByTestId('action-owner-unit');
    await unit.click();
    await page.keyboard.type('国东');
    await (await popupOf(page, unit)).locator('.ant-select-item-option[title="大同市国东物业服务有限公司"]').click();
    assert.equal(await page.getByTestId('action-owner').inputValue(), '大同市国东物业服务有限公司');
    await page.getByTestId('action-due').click();
    await page.keyboard.type('2026-11-21');
    await page.keyboard.press('Enter');
    await page.getByTestId('action-add').click();
    await page.getByTestId('meeting-actions').getByText('已通知').waitFor();
    await page.screenshot({ path: `${SHOTS}/meeting-owner-unit-1440.png` });
    await page.context().close();
    const saved = json<{ meeting: { actions: { id: string; ownerUnitId: string | null }[] } }>(
      await env.as('youyijie').get(`/api/joint-meetings/${m.id}`),
    ).meeting.actions;
    assert.equal(saved.length, 1);
    const [told] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'meeting.action_assigned'
            and payload->>'actionId' = ${saved[0]!.id} and payload->>'ownerUnitId' = ${saved[0]!.ownerUnitId}`,
    );
    assert.equal(told!.n, 1);
  });

  it('uploads a photo with the minutes; the saved meeting lists it and serves its thumbnail', async () => {
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/meetings/${meetingId}`);
    await page.getByTestId('meeting-minutes').fill('议定：物业三日内重建围墙，社区跟踪');
    const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#1f77b4' } })
      .png()
      .toBuffer();
    await page
      .getByTestId('meeting-files')
      .locator('input[type=file]')
      .setInputFiles({ name: '会议现场.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('meeting-files').locator('.ant-upload-list-item-done').waitFor();
    await page.getByTestId('meeting-save').click();
    const saved = page.getByTestId('meeting-saved-files').locator('img[alt="会议现场.png"]');
    await saved.waitFor();
    // the picker is empty again: the photo is the meeting's now
    await page.getByTestId('meeting-files').locator('.ant-upload-list-item').waitFor({ state: 'detached' });
    const thumb = await page.evaluate(
      async (src) => (await fetch(src, { credentials: 'include' })).status,
      (await saved.getAttribute('src')) ?? '',
    );
    assert.equal(thumb, 200);
    await page.screenshot({ path: `${SHOTS}/meeting-files-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page);
    await page.context().close();
    const m = json<{ meeting: { minutes: string; attachments: { name: string }[] } }>(
      await env.as('shuibosi').get(`/api/joint-meetings/${meetingId}`),
    ).meeting;
    assert.equal(m.minutes, '议定：物业三日内重建围墙，社区跟踪');
    assert.deepEqual(
      m.attachments.map((a) => a.name),
      ['会议现场.png'],
    );
  });

  it('the street reads the meetings of its compounds, without the controls to run them', async () => {
    const page = await loginPage(browser, base, 'shuibosi');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/meetings`);
    const row = page.getByTestId('meetings-table').locator(`a[href="/meetings/${meetingId}"]`);
    await row.click();
    await page.getByTestId('meeting-actions').getByText('物业三日内重建围墙').waitFor();
    assert.equal(await page.getByTestId('meeting-action-form').count(), 0);
    assert.equal(await page.getByTestId('meeting-save').count(), 0);
    assert.equal(await page.getByTestId('attendee-add').count(), 0);
    // the photo the community saved with the minutes, without a picker to add more
    await page.getByTestId('meeting-saved-files').locator('img[alt="会议现场.png"]').waitFor();
    assert.equal(await page.getByTestId('meeting-files').locator('input[type=file]').count(), 0);
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/meeting-street-390.png`, fullPage: true });
    await page.context().close();
  });
});
