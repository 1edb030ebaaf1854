import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { assertNoSideScroll, launchChromium, loginPage } from './support.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';
import { compoundId, orderIn } from '../../server/testing/orders.js';

/** The map with no tile server configured (this machine has no internet): markers and outlines still drawn. */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

describe('map in the browser, no tiles configured', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    const late = await orderIn(env, 'accepted');
    await env.ownerDatabase.db.execute(
      sql`update work_orders set due_at = now() - interval '1 hour' where id = ${late.id}`,
    );
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`draws compounds (overdue in red), stations and the outline at ${width}`, async () => {
      const page = await loginPage(browser, base, 'admin');
      await page.setViewportSize({ width, height });
      await page.goto(`${base}/orders?view=map`);
      await page.getByTestId('places-map').waitFor();
      await page.locator('path.map-compound').first().waitFor();
      const compounds = await page.locator('path.map-compound').count();
      const overdue = await page.locator('path.map-compound-overdue').count();
      const stations = await page.locator('path.map-station').count();
      assert.ok(compounds > 1, `compounds drawn: ${compounds}`);
      assert.ok(overdue >= 1, `overdue compounds drawn red: ${overdue}`);
      assert.ok(stations >= 1, `stations drawn: ${stations}`);
      assert.equal(await page.locator('.leaflet-tile').count(), 0, 'no tile requested');
      // each street's name over its outline
      await page.locator('.map-street-label').filter({ hasText: '水泊寺街道' }).waitFor();
      await page.locator('.leaflet-control-scale').waitFor();
      const box = await page.getByTestId('places-map').boundingBox();
      assert.ok(box && box.height > 200, 'the map has a height');
      await assertNoSideScroll(page);
      await page.screenshot({ path: `${SHOTS}/map-orders-${width}.png` });
      // a popup links to the compound's filtered orders
      // dispatched on the marker itself: at 390 px a neighbouring marker may lie on top of its centre
      await page.locator('path.map-compound-overdue').first().dispatchEvent('click');
      const link = page.locator('.leaflet-popup-content a[href*="box=overdue"]');
      await link.waitFor();
      await link.click();
      await page.waitForURL(/box=overdue&compoundId=/);

      const xinggang = await compoundId(env.ctx.db);
      await page.goto(`${base}/living-circle?compound=${encodeURIComponent(xinggang)}`);
      await page.locator('path.map-compound').first().waitFor();
      assert.ok((await page.locator('path.map-station').count()) >= 1, 'stations within 15 minutes drawn');
      await assertNoSideScroll(page, 'living circle: no horizontal overflow');
      await page.screenshot({ path: `${SHOTS}/map-circle-${width}.png`, fullPage: width < 500 });
      await page.context().close();
    });
  }
});
