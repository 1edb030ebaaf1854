import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage } from './support.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../server/testing/harness.js';
import { orderIn } from '../../server/testing/orders.js';
import type { OrderResponse } from '../../shared/work-orders.schema.js';

/** 签收: 住建局 signs for one leg from its 待签收 inbox and another on the order's page; the timeline says so. */
const SHOTS = '/tmp/shots-signfor';
let env: TestEnv;
let browser: Browser;
let base: string;

const noOverflow = (page: Page) => assertNoSideScroll(page);

describe('browser: 签收 of a leg', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env.close();
  });

  it('signs from the 待签收 inbox and from the order, at 1440 and 390, zh and en', async () => {
    const no = async (id: string) =>
      json<OrderResponse>(await env.as('zhujian').get(`/api/work-orders/${id}`)).order.no;
    const a = await orderIn(env, 'dispatched');
    const b = await orderIn(env, 'dispatched');
    const fromList = { id: a.id, no: await no(a.id) };
    const fromDetail = { id: b.id, no: await no(b.id) };
    const page = await loginPage(browser, base, 'zhujian');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/orders?unsigned=true`);
    const button = page.getByTestId(`order-sign-${fromList.no}`);
    await button.waitFor();
    await page.screenshot({ path: `${SHOTS}/inbox-unsigned-1440.png` });
    await button.click();
    await page.getByText('已签收，响应率自签收时刻起计').waitFor();
    await page.getByTestId(`order-row-${fromList.no}`).waitFor({ state: 'detached' });
    const d = json<OrderResponse>(await env.as('zhujian').get(`/api/work-orders/${fromList.id}`));
    const leg = d.order.legs.find((l) => l.workUnitId === 'W001')!;
    assert.ok(leg.signedAt, 'signed through the list');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/orders?unsigned=true`);
    await page.getByTestId(`order-sign-${fromDetail.no}`).waitFor();
    await noOverflow(page);
    await page.screenshot({ path: `${SHOTS}/inbox-unsigned-390.png` });

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/orders/${fromDetail.id}`);
    const row = page.locator('[data-testid="leg-row"][data-leg-handler="平城区住房和城乡建设局"]');
    await row.getByTestId('leg-unsigned').waitFor();
    await page.screenshot({ path: `${SHOTS}/detail-unsigned-1440.png` });
    await row.getByTestId('leg-sign').click();
    await row.getByTestId('leg-signed').waitFor();
    const line = page.getByTestId('event-signed');
    await line.getByText('平城区住房和城乡建设局 签收').waitFor();
    await page.screenshot({ path: `${SHOTS}/detail-signed-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await noOverflow(page);
    await page.screenshot({ path: `${SHOTS}/detail-signed-390.png`, fullPage: true });
    await page.context().close();

    const en = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await en.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    const p2 = await en.newPage();
    await p2.goto(`${base}/login`);
    await p2.getByTestId('login-username').fill('zhujian');
    await p2.getByTestId('login-password').fill(DEMO_PASSWORD);
    await p2.getByTestId('login-submit').click();
    await p2.getByTestId('user-menu').waitFor();
    await p2.goto(`${base}/orders/${fromDetail.id}`);
    await p2.getByTestId('event-signed').getByText('平城区住房和城乡建设局 signed for').waitFor();
    await p2.screenshot({ path: `${SHOTS}/detail-signed-390-en.png`, fullPage: true });
    await en.close();
  });
});
