import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import { launchChromium, loginPage } from './support.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';
import { orderIn } from '../../server/testing/orders.js';

/** The order list for daily work in Chromium: filters in the URL, the Excel export of what is filtered. */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

describe('order list in the browser', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await orderIn(env, 'dispatched');
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('filters by overdue and handler unit, and exports exactly the filtered list', async () => {
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/orders?box=all`);
    await page.getByTestId('order-filters').waitFor();
    await page.getByTestId('filter-overdue').click();
    await page.waitForURL(/overdue=true/);
    // the URL changes before React (a transition) has re-rendered the box as ticked; click it only then
    await page
      .locator('.ant-checkbox-wrapper-checked')
      .filter({ has: page.getByTestId('filter-overdue') })
      .or(page.locator('.ant-checkbox-wrapper-checked[data-testid="filter-overdue"]'))
      .first()
      .waitFor();
    await page.getByTestId('filter-overdue').click();
    await page.waitForURL((u) => !u.searchParams.has('overdue'));
    await page.goto(`${base}/orders?box=all&workUnitId=W001`);
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    const shown = await page.locator('tbody tr.ant-table-row').count();
    await page.screenshot({ path: `${SHOTS}/order-list-1440.png` });
    const href = await page.getByTestId('orders-export').getAttribute('href');
    assert.match(href!, /export\.xlsx\?.*workUnitId=W001/);
    const res = await page.request.get(`${base}${href}`);
    assert.equal(res.status(), 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    assert.equal(wb.getWorksheet('工单')!.rowCount - 1, shown);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/order-list-390.png`, fullPage: true });
    await page.context().close();
  });
});
