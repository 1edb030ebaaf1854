import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, phonePage } from './support.js';
import { createTestEnv, json, type TestEnv } from '../../server/testing/harness.js';
import type { MyCanteens } from '../../shared/canteens.schema.js';
import type { Item, MyVolunteering } from '../../shared/volunteers.schema.js';

/**
 * The resident's own services on the phone (390×844): the demo resident of 星港城 — a volunteer with confirmed
 * and waiting hours, and a diner of 文源社区's happy canteen — opens my hours and points and the canteen from
 * the /m/ home, and reads the same numbers the API gives, in Chinese and in English, without sideways scroll.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
const yuan = (cents: number) => String(Number((cents / 100).toFixed(2)));
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().innerText()).trim();

describe('browser: the resident’s hours, points and canteen on the phone', () => {
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

  it('my hours and points match the API: this year’s confirmed and waiting hours, records, ledger, exchange', async () => {
    const mine = json<MyVolunteering>(await env.as('resident').get('/api/my/volunteering'));
    const items = json<{ items: Item[] }>(await env.as('resident').get('/api/love-supermarket/items')).items;
    assert.ok(mine.thisYear.confirmedHours > 0 && mine.thisYear.pendingHours > 0, 'the demo resident volunteers');
    const page = await phonePage(browser, base, 'resident');
    await assertNoSideScroll(page, 'home');
    await page.screenshot({ path: `${SHOTS}/m-resident-home.png` });
    await page.getByTestId('m-link-hours').click();
    await page.getByTestId('m-hours').waitFor();
    assert.equal(await text(page, 'm-hours-confirmed'), `${mine.thisYear.confirmedHours} 小时`);
    assert.equal(await text(page, 'm-hours-pending'), `${mine.thisYear.pendingHours} 小时`);
    assert.equal(await text(page, 'm-points-balance'), String(mine.balance));
    assert.equal(await page.getByTestId('m-record').count(), mine.records.length);
    const statuses = await page.getByTestId('m-record-status').allInnerTexts();
    assert.deepEqual(
      statuses.map((s) => s.trim()),
      mine.records.map((r) => ({ pending: '待确认', confirmed: '已确认', rejected: '未通过' })[r.status]),
    );
    assert.equal(await page.getByTestId('m-ledger-line').count(), mine.ledger.length);
    if (items.length) assert.equal(await page.getByTestId('m-exchange-item').count(), items.length);
    else await page.getByTestId('m-exchange').getByText('暂未上架可兑换物品').waitFor();
    await page.getByTestId('presence-card').waitFor();
    await assertNoSideScroll(page, 'my hours');
    await page.screenshot({ path: `${SHOTS}/m-hours.png`, fullPage: true });
    // from the activities tab too
    await page.getByTestId('m-tab-activities').click();
    await page.getByTestId('m-activities-hours').click();
    await page.getByTestId('m-hours').waitFor();
    await page.context().close();
  });

  it('the canteen shows the street’s menu priced for the resident, the subsidy line and their meals', async () => {
    const mine = json<MyCanteens>(await env.as('resident').get('/api/canteens/mine'));
    const canteen = mine.canteens[0]!;
    // the everyday set meal: the subsidised lunch at the most common price (家常两荤一素 at 15 元 in the demo)
    const lunch = canteen.menu.find((i) => i.meal === 'lunch' && i.ruleLabel !== null && i.priceCents === 1500)!;
    assert.ok(lunch, 'the demo resident is subsidised');
    const page = await phonePage(browser, base, 'resident');
    await page.getByTestId('m-link-canteen').click();
    await page.getByTestId('m-canteen').waitFor();
    assert.equal(
      await text(page, 'm-subsidy-line'),
      `按补贴规则，您享受「${lunch.ruleLabel}」：如${lunch.name}原价 ${yuan(lunch.priceCents)} 元，您付 ${yuan(lunch.payCents)} 元`,
    );
    assert.equal(await page.getByTestId('m-dish').count(), canteen.menu.length);
    const pays = (await page.getByTestId('m-dish-pay').allInnerTexts()).map((s) => s.trim()).sort();
    assert.deepEqual(pays, canteen.menu.map((i) => `您付 ${yuan(i.payCents)} 元`).sort());
    assert.equal(await page.getByTestId('m-meal').count(), mine.meals.length);
    assert.ok(mine.meals.length > 0);
    await page.getByTestId('m-diner-facts').getByText(`${mine.age} 岁`).waitFor();
    await assertNoSideScroll(page, 'canteen');
    await page.screenshot({ path: `${SHOTS}/m-canteen.png`, fullPage: true });
    await page.context().close();
  });

  it('reads in English too, still without sideways scroll', async () => {
    const page = await phonePage(browser, base, 'resident', 'en');
    await page.getByTestId('m-link-canteen').click();
    await page.getByTestId('m-subsidy-line').getByText('costs you ¥').waitFor();
    await assertNoSideScroll(page, 'canteen (en)');
    await page.screenshot({ path: `${SHOTS}/m-canteen-en.png`, fullPage: true });
    await page.goto(`${base}/m/hours`);
    await page.getByTestId('m-hours-confirmed').getByText(' h').waitFor();
    await assertNoSideScroll(page, 'my hours (en)');
    await page.screenshot({ path: `${SHOTS}/m-hours-en.png`, fullPage: true });
    await page.context().close();
  });
});
