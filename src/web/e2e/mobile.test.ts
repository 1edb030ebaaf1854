import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, DEMO_PASSWORD, login, type TestEnv } from '../../server/testing/harness.js';

/**
 * The phone app (/m/) in real Chromium at 390×844: a resident reports a problem, the 星港城 grid worker takes it
 * and records the result, the resident confirms and rates it; a request written offline is sent on reconnect.
 */
const SHOTS = '.tmp/screenshots';
const PHONE = { width: 390, height: 844 };
let env: TestEnv;
let browser: Browser;
let base: string;

async function phoneAs(username: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
  await page.goto(`${base}/m/`);
  await page.getByTestId('m-login-username').fill(username);
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await page.getByTestId('mobile-app').waitFor();
  return { ctx, page };
}

async function pickCategory(page: Page): Promise<string> {
  await page.getByTestId('m-category').click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await option.waitFor();
  const name = (await option.innerText()).trim();
  await option.click();
  return name;
}

async function orderByTitle(title: string): Promise<{ id: string; status: string; rating: number | null } | undefined> {
  const rows = await queryRows<{ id: string; status: string; rating: number | null }>(
    env.ctx.db,
    sql`select id, status, rating from work_orders where title = ${title}`,
  );
  return rows[0];
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 60; i++) {
    const v = await probe();
    if (v !== undefined && ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  const v = await probe();
  assert.ok(v !== undefined && ok(v), `condition not reached: ${JSON.stringify(v)}`);
  return v;
}

/** A camera-sized photo (4000×3000 JPEG of noise, a few MB): the phone must shrink it before upload. */
async function cameraPhoto(seed: number): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const w = 4000;
  const h = 3000;
  const raw = Buffer.alloc(w * h * 3);
  // a smooth scene with a little grain, so that it compresses like a photo does
  let x = seed * 2654435761;
  for (let i = 0; i < w * h; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const px = i % w;
    const py = Math.floor(i / w);
    const grain = (x >>> 28) - 8;
    raw[i * 3] = ((px * 255) / w + grain) & 0xff;
    raw[i * 3 + 1] = ((py * 255) / h + seed * 40 + grain) & 0xff;
    raw[i * 3 + 2] = (((px + py) * 128) / w + grain) & 0xff;
  }
  const buffer = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return { name: `IMG_${seed}.jpg`, mimeType: 'image/jpeg', buffer };
}

/** The files linked to an order (purpose, bytes, the stored photo's size in pixels). */
async function orderFiles(
  orderId: string,
): Promise<{ purpose: string; size: number; width: number; height: number }[]> {
  const rows = await queryRows<{ id: string; purpose: string; size: number }>(
    env.ctx.db,
    sql`select id, purpose, size from attachments where linked_kind = 'work_order' and linked_id = ${orderId} order by created_at`,
  );
  const out = [];
  for (const r of rows) {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/attachments/${r.id}`,
      headers: { cookie: await login(env.app, 'taihe') },
    });
    const meta = await sharp(res.rawPayload).metadata();
    out.push({ purpose: r.purpose, size: Number(r.size), width: meta.width ?? 0, height: meta.height ?? 0 });
  }
  return out;
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= PHONE.width, `page is ${w}px wide at ${PHONE.width}px`);
}

describe('browser: the phone app at 390×844', () => {
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

  it('a resident reports, the grid worker takes it and records the result, the resident confirms and rates it', async () => {
    const title = '3号楼楼道灯不亮';
    const resident = await phoneAs('resident');
    const r = resident.page;
    await r.getByTestId('m-tab-new').click();
    await pickCategory(r);
    // the resident's own compound is filled in
    assert.equal(await r.getByTestId('m-compound').inputValue(), '星港城');
    await r.getByTestId('m-description').fill(`${title}\n2 单元一到三层的灯一周没亮了`);
    const original = await cameraPhoto(1);
    await r.getByTestId('m-photos-input').setInputFiles([original, await cameraPhoto(2)]);
    await r.locator('[data-testid="m-photos"][data-count="2"]').waitFor();
    await r.screenshot({ path: `${SHOTS}/m-new-request-390-zh.png`, fullPage: true });
    await noHorizontalScroll(r);
    await r.getByTestId('m-submit').click();
    await Promise.race([
      r.getByTestId('m-order').waitFor(),
      r
        .locator('[data-testid="m-new-request"] .ant-alert-error')
        .waitFor()
        .then(async () => assert.fail(await r.locator('.ant-alert-error').innerText())),
    ]);
    const created = await waitFor(
      () => orderByTitle(title),
      (o) => o.status === 'new',
    );
    assert.match(await r.getByTestId('m-order-status').innerText(), /等待小区接单/);
    // both photos went up compressed (longest side 1600 px, far smaller than the camera's file) and show
    await r.getByTestId('m-order-photos').locator('img').nth(1).waitFor();
    const sent = await orderFiles(created.id);
    assert.equal(sent.length, 2);
    for (const f of sent) {
      assert.equal(f.purpose, 'request');
      assert.equal(Math.max(f.width, f.height), 1600);
      assert.ok(f.size < original.buffer.length / 2, `${f.size} bytes sent for a ${original.buffer.length}-byte photo`);
    }
    await r.getByTestId('m-order-due').waitFor();
    // under 待办 as the resident's own request in progress, and in 我的诉求
    await r.goto(`${base}/m/`);
    await r
      .locator('[data-testid="m-group"][data-kind="my_requests"]')
      .locator(`[data-target-id="${created.id}"]`)
      .waitFor();
    await r.getByTestId('m-view-mine').click();
    await r.locator(`[data-testid="m-request"][data-order-id="${created.id}"]`).waitFor();
    await r.screenshot({ path: `${SHOTS}/m-my-requests-390-zh.png`, fullPage: true });

    // the grid worker: the new order is on his to-do list; he takes it
    const grid = await phoneAs('xinggang');
    const g = grid.page;
    const item = g
      .locator('[data-testid="m-group"][data-kind="orders_to_accept"]')
      .locator(`[data-target-id="${created.id}"]`);
    await item.waitFor();
    await g.screenshot({ path: `${SHOTS}/m-grid-todo-390-zh.png`, fullPage: true });
    await item.click();
    await g.getByTestId('m-accept').click();
    await waitFor(
      () => orderByTitle(title),
      (o) => o.status === 'accepted',
    );

    // the community dispatches it to the compound (a community leg the grid worker may work)
    const detail = await env.app.inject({
      method: 'GET',
      url: `/api/work-orders/${created.id}`,
      headers: { cookie: await login(env.app, 'taihe') },
    });
    const version = detail.json<{ order: { version: number } }>().order.version;
    const dispatched = await env.app.inject({
      method: 'POST',
      url: `/api/work-orders/${created.id}/dispatch`,
      headers: { cookie: await login(env.app, 'taihe') },
      payload: { version, legs: [{ handlerKind: 'community' }] },
    });
    assert.equal(dispatched.statusCode, 200, dispatched.body);

    await g.goto(`${base}/m/orders/${created.id}`);
    await g.getByTestId('m-result').fill('已更换 2 单元一至三层楼道灯');
    await g.getByTestId('m-result-photos-input').setInputFiles([await cameraPhoto(3)]);
    await g.locator('[data-testid="m-result-photos"][data-count="1"]').waitFor();
    await g.screenshot({ path: `${SHOTS}/m-grid-result-390-zh.png`, fullPage: true });
    await g.getByTestId('m-fulfil').click();
    await waitFor(
      () => orderByTitle(title),
      (o) => o.status === 'fulfilled',
    );
    const results = (await orderFiles(created.id)).filter((f) => f.purpose === 'order_result');
    assert.equal(results.length, 1);
    assert.equal(Math.max(results[0]!.width, results[0]!.height), 1600);
    await grid.ctx.close();

    // the resident confirms and rates it
    await r.goto(`${base}/m/`);
    const toRate = r
      .locator('[data-testid="m-group"][data-kind="results_to_confirm"]')
      .locator(`[data-target-id="${created.id}"]`);
    await toRate.click();
    await r.getByTestId('m-confirm-card').waitFor();
    await r.getByTestId('m-rating').locator('.ant-rate-star').nth(3).click();
    await r.getByTestId('m-comment').fill('很快就修好了');
    await r.screenshot({ path: `${SHOTS}/m-confirm-390-zh.png`, fullPage: true });
    await r.getByTestId('m-confirm').click();
    const closed = await waitFor(
      () => orderByTitle(title),
      (o) => o.status === 'closed',
    );
    assert.equal(closed.rating, 4);
    await r.getByTestId('m-reopen-card').waitFor();
    await r.screenshot({ path: `${SHOTS}/m-closed-390-zh.png`, fullPage: true });
    await resident.ctx.close();
  });

  it('keeps a request written offline as a draft and sends it once the phone is back online', async () => {
    const title = '小区东门路灯不亮';
    const { ctx, page } = await phoneAs('resident', 'en');
    await page.getByTestId('m-tab-new').click();
    await pickCategory(page);
    await page.getByTestId('m-description').fill(`${title}\nthe light at the east gate is out`);
    await page.getByTestId('m-photos-input').setInputFiles([await cameraPhoto(4)]);
    await page.locator('[data-testid="m-photos"][data-count="1"]').waitFor();
    await ctx.setOffline(true);
    await page.getByTestId('m-offline').waitFor();
    await page.getByTestId('m-submit').click();
    await page.getByTestId('m-draft').filter({ hasText: title }).waitFor();
    await page.screenshot({ path: `${SHOTS}/m-offline-draft-390-en.png`, fullPage: true });
    assert.equal(await orderByTitle(title), undefined);

    await ctx.setOffline(false);
    const sent = await waitFor(
      () => orderByTitle(title),
      () => true,
    );
    assert.equal(sent.status, 'new');
    await page.getByTestId('m-draft').waitFor({ state: 'detached' });
    // the photo kept with the draft went with it
    const files = await orderFiles(sent.id);
    assert.deepEqual(
      files.map((f) => [f.purpose, Math.max(f.width, f.height)]),
      [['request', 1600]],
    );
    // sent once: the idempotency key makes a second send a replay
    const [row] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where title = ${title}`,
    );
    assert.equal(Number(row!.n), 1);
    await page.screenshot({ path: `${SHOTS}/m-home-390-en.png`, fullPage: true });
    await ctx.close();
  });

  it('serves the installable shell: manifest and service worker', async () => {
    const manifest = await fetch(`${base}/m.webmanifest`);
    assert.equal(manifest.status, 200);
    const m = (await manifest.json()) as { start_url: string; scope: string; icons: { sizes: string }[] };
    assert.equal(m.start_url, '/m/');
    assert.ok(m.icons.some((i) => i.sizes === '512x512'));
    const sw = await fetch(`${base}/m-sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type') ?? '', /javascript/);
    const { ctx, page } = await phoneAs('resident');
    const registered = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration('/m/');
      return reg?.scope ?? null;
    });
    assert.equal(registered, `${base}/m/`);
    await ctx.close();
  });
  it('the back office: header and drawer menu at 390 px, the whole sider reachable and untruncated at 1440×900 in English', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: PHONE });
    const p = await phone.newPage();
    await p.goto(`${base}/login`);
    await p.getByTestId('login-username').fill('taihe');
    await p.getByTestId('login-password').fill(DEMO_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('workbench').waitFor();
    for (const id of ['user-display-name', 'lang-switch', 'logout', 'nav-drawer-open']) {
      const box = await p.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} is on screen`);
    }
    await noHorizontalScroll(p);
    await p.screenshot({ path: `${SHOTS}/workbench-390-zh.png`, fullPage: true });
    await p.getByTestId('nav-drawer-open').click();
    await p.getByTestId('main-menu').getByText('工单', { exact: true }).click();
    await p.getByTestId('orders-page').waitFor();
    await p.getByTestId('orders-box-all').click();
    await p.locator('[data-testid="orders-table"][data-layout="cards"]').waitFor();
    await noHorizontalScroll(p);
    await p.screenshot({ path: `${SHOTS}/orders-cards-390-zh.png` });
    await phone.close();

    const desk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const d = await desk.newPage();
    await d.addInitScript(() => window.localStorage.setItem('linli.lang', 'en'));
    await d.goto(`${base}/login`);
    await d.getByTestId('login-username').fill('admin');
    await d.getByTestId('login-password').fill(DEMO_PASSWORD);
    await d.getByTestId('login-submit').click();
    await d.getByTestId('workbench').waitFor();
    await d.screenshot({ path: `${SHOTS}/workbench-1440-en.png` });
    const labels = d.getByTestId('main-menu').locator('.ant-menu-title-content');
    const truncated = await labels.evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
    assert.deepEqual(truncated, []);
    const last = d.getByTestId('main-menu').getByText('Accounts');
    await last.scrollIntoViewIfNeeded();
    const item = await last.boundingBox();
    const bar = await d.getByTestId('sider-collapse').boundingBox();
    assert.ok(item && bar && item.y + item.height <= bar.y, 'the last item sits above the collapse button');
    await desk.close();
  });
});
