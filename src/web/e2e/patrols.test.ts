import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, DEMO_PASSWORD, type TestEnv } from '../../server/testing/harness.js';

/**
 * 网格巡查 on the phone at 390×844: xinggang starts a patrol, records a finding with a photo that becomes a work
 * order in one step, and finishes; the order's timeline names the patrol. Screenshots in zh and en.
 */
const SHOTS = '/tmp/shots-patrol';
const PHONE = { width: 390, height: 844 };
let env: TestEnv;
let browser: Browser;
let base: string;

async function phone(lang: 'zh-CN' | 'en'): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
  await page.goto(`${base}/m/`);
  await page.getByTestId('m-login-username').fill('xinggang');
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await page.getByTestId('mobile-app').waitFor();
  return page;
}

async function noHorizontalScroll(page: Page, width: number): Promise<void> {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `page is ${w}px wide at ${width}px`);
}

describe('browser: patrols on the phone at 390×844', () => {
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

  it('xinggang starts a patrol, a finding with a photo becomes an order, he finishes', async () => {
    const page = await phone('zh-CN');
    await page.getByTestId('m-tab-patrols').click();
    await page.getByTestId('m-patrols').waitFor();
    assert.equal(await page.getByTestId('m-patrol-compound').inputValue(), '星港城');
    await page.getByTestId('m-patrol-route').fill('东门—3号楼—西门');
    await page.screenshot({ path: `${SHOTS}/m-patrols-390-zh.png`, fullPage: true });
    await page.getByTestId('m-patrol-go').click();
    await page.getByTestId('m-patrol-detail').waitFor();
    await page.getByTestId('m-add-finding').click();
    await page.getByTestId('m-finding-category').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    await option.click();
    const description = '3号楼外墙瓷砖空鼓（浏览器测试）';
    await page.getByTestId('m-finding-description').fill(description);
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#8e44ad' } })
      .jpeg()
      .toBuffer();
    await page
      .getByTestId('m-finding-photos-input')
      .setInputFiles({ name: 'IMG_1.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid="m-finding-photos"][data-count="1"]').waitFor();
    await noHorizontalScroll(page, PHONE.width);
    await page.screenshot({ path: `${SHOTS}/m-finding-390-zh.png`, fullPage: true });
    await page.getByTestId('m-finding-save').click();
    await page.getByTestId('m-finding-order').waitFor();
    const [f] = await queryRows<{ order_id: string; photo_ids: string[]; channel: string; files: number }>(
      env.ctx.db,
      sql`select f.order_id, f.photo_ids, o.channel,
          (select count(*)::int from attachments a where a.linked_kind = 'work_order' and a.linked_id = o.id) as files
        from patrol_findings f join work_orders o on o.district_id = f.district_id and o.id = f.order_id
        where f.description = ${description}`,
    );
    assert.ok(f, 'the finding and its order are written');
    assert.equal(f.channel, 'grid_patrol');
    assert.equal(f.photo_ids.length, 1);
    assert.equal(f.files, 1, 'the photo went with the order');
    await page.screenshot({ path: `${SHOTS}/m-patrol-390-zh.png`, fullPage: true });

    // the order on the phone: its timeline says, in words, which patrol raised it
    await page.getByTestId('m-finding-order').click();
    await page.getByTestId('event-patrol_finding').waitFor();
    assert.match(await page.getByTestId('event-patrol_finding').innerText(), /巡查星港城时发现并转为工单/);
    await page.goBack();
    await page.getByTestId('m-finish-patrol').click();
    await page.getByTestId('m-finish-ok').click();
    await page.locator('[data-testid="m-patrol-detail"][data-status="finished"]').waitFor();
    await page.context().close();
  });

  it('screens in English at 390 and the back-office ledger at 1440 and 390', async () => {
    const page = await phone('en');
    await page.getByTestId('m-tab-patrols').click();
    await page.getByTestId('m-patrols').waitFor();
    await noHorizontalScroll(page, PHONE.width);
    await page.screenshot({ path: `${SHOTS}/m-patrols-390-en.png`, fullPage: true });
    await page.getByTestId('m-patrol').first().click();
    await page.getByTestId('m-patrol-detail').waitFor();
    await page.screenshot({ path: `${SHOTS}/m-patrol-390-en.png`, fullPage: true });
    await page.context().close();
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const ctx = await browser.newContext({ viewport: { width: w, height: h } });
        const p = await ctx.newPage();
        if (lang === 'en') await p.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
        await p.goto(`${base}/login`);
        await p.getByTestId('login-username').fill('taihe');
        await p.getByTestId('login-password').fill(DEMO_PASSWORD);
        await p.getByTestId('login-submit').click();
        await p.waitForURL((u) => !u.pathname.startsWith('/login'));
        await p.goto(`${base}/patrols`);
        await p.getByTestId('ledger-totals').waitFor();
        await noHorizontalScroll(p, w);
        await p.screenshot({ path: `${SHOTS}/ledger-${w}-${lang}.png`, fullPage: true });
        await ctx.close();
      }
    }
  });
});
