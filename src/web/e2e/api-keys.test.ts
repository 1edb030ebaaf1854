import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, loginPage } from './support.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 接口密钥 in real Chromium: a resident issues an Open311 api_key for itself (shown once), the key works
 * on Open311 and its last use shows, then it is revoked and refused. Desktop and phone screenshots.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

describe('browser: an account issues, uses and revokes its own api_key', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('issues (shown once), lists with last use, revokes', async () => {
    const page = await loginPage(browser, base, 'resident');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('my-api-keys').click();
    await page.getByTestId('api-keys').waitFor();
    await page.getByTestId('api-key-name').fill('居民小程序');
    await page.getByTestId('api-key-issue').click();
    const secretBox = page.getByTestId('api-key-secret');
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    assert.match(secret, /^lk_/);
    await page.screenshot({ path: `${SHOTS}/api-keys-issued-1440.png` });
    await page.getByTestId('api-key-secret-close').click();
    // the key works on Open311, and the list then shows when it was used; the secret is never shown again
    const res = await env.app.inject({ method: 'GET', url: `/open311/v2/requests.xml?api_key=${secret}` });
    assert.equal(res.statusCode, 200);
    await page.reload();
    const list = page.getByTestId('api-key-list');
    await list.getByText('居民小程序').waitFor();
    assert.ok(!(await page.content()).includes(secret));
    assert.ok(!(await list.textContent())!.includes('从未使用'));
    await page.screenshot({ path: `${SHOTS}/api-keys-list-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/api-keys-list-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('api-key-revoke').click();
    await page.getByTestId('api-key-revoke-confirm').click();
    await list.getByText('已吊销', { exact: false }).waitFor();
    const refused = await env.app.inject({ method: 'GET', url: `/open311/v2/requests.xml?api_key=${secret}` });
    assert.equal(refused.statusCode, 403);
  });

  it('on a phone the page is reached from the menu drawer, without a sideways scroll', async () => {
    const page = await loginPage(browser, base, 'resident');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/`);
    await page.getByTestId('nav-drawer-open').click();
    await page.getByTestId('drawer-api-keys').click();
    await page.getByTestId('api-keys').waitFor();
    assert.equal(new URL(page.url()).pathname, '/api-keys');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.equal(widths[0], widths[1]);
    await page.screenshot({ path: `${SHOTS}/api-keys-from-drawer-390.png`, fullPage: true });
  });
});
