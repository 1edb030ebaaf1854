import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, popupOf } from './support.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 吹哨报到 in the browser: 水泊寺街道 blows the whistle at 星港城 summoning 住建局, 住建局 checks in and
 * records what it did, the street closes and rates it. Screenshots at 1440 and 390, zh and en.
 */
const SHOTS = process.env.LINLI_SHOTS ?? '/tmp/shots-whistle';
let env: TestEnv;
let browser: Browser;
let base: string;

/** Types into a searching select and clicks the option that holds the text, in that select's own popup. */
async function searchAndPick(page: Page, select: Locator, text: string): Promise<void> {
  const popup = await popupOf(page, select);
  await select.click();
  await page.keyboard.type(text);
  await popup.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}
/** Tomorrow 10:00 in Beijing time, as a datetime-local value. */
function tomorrowTen(): string {
  const d = new Date(Date.now() + 8 * 3600_000 + 86_400_000);
  return `${d.toISOString().slice(0, 10)}T10:00`;
}

describe('吹哨报到 in the browser', () => {
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

  it('the street opens a whistle, 住建局 checks in and records, the street closes and rates it', async () => {
    const street = await loginPage(browser, base, 'shuibosi');
    await street.goto(`${base}/whistles`);
    await street.getByTestId('whistles-page').waitFor();
    await street.getByTestId('whistle-new').click();
    await searchAndPick(street, street.getByTestId('whistle-compound'), '星港城');
    await street.getByTestId('whistle-title').fill('浏览器测试：楼道裂缝');
    await street.getByTestId('whistle-problem').fill('2 号楼楼道出现贯通裂缝');
    await searchAndPick(street, street.getByTestId('whistle-departments'), '住房和城乡建设局');
    await street.keyboard.press('Escape');
    await street.getByTestId('whistle-when').fill(tomorrowTen());
    await street.getByTestId('whistle-reason').fill('结构安全须住建局鉴定');
    await street.getByTestId('whistle-submit').click();
    const card = street.locator('[data-testid^="whistle-"]').filter({ hasText: '浏览器测试：楼道裂缝' }).first();
    await card.waitFor();
    await card.getByText('待报到').waitFor();
    const testId = (await card.getAttribute('data-testid'))!;
    await street.screenshot({ path: `${SHOTS}/whistles-street-1440.png`, fullPage: true });

    const dept = await loginPage(browser, base, 'zhujian');
    await dept.goto(`${base}/whistles`);
    const mine = dept.getByTestId(testId);
    await mine.waitFor();
    await mine.getByTestId('whistle-checkin').click();
    await dept.getByTestId('whistle-step-text').fill('刘科长到场');
    await dept.getByTestId('whistle-step-ok').click();
    await mine.getByTestId('summon-W001').getByText('按时报到').waitFor();
    await mine.getByTestId('whistle-report').click();
    await dept.getByTestId('whistle-step-text').fill('现场勘查，委托鉴定');
    await dept.getByTestId('whistle-step-ok').click();
    await mine.getByText('现场处置：现场勘查，委托鉴定').waitFor();
    await dept.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(dept);
    await dept.screenshot({ path: `${SHOTS}/whistles-dept-390.png`, fullPage: true });
    await dept.context().close();

    await street.reload();
    const again = street.getByTestId(testId);
    await again.getByText('按时报到').waitFor();
    await again.getByTestId('whistle-close').click();
    await street.getByTestId('whistle-step-text').fill('已鉴定，无结构风险');
    await street.getByTestId('whistle-step-ok').click();
    await street.getByTestId('whistle-step-text').waitFor({ state: 'hidden' });
    await street.locator('.ant-segmented-item').filter({ hasText: '已结束' }).click();
    const closed = street.getByTestId(testId);
    await closed.getByTestId('whistle-rate').click();
    await street.getByTestId('rate-W001').locator('.ant-segmented-item').filter({ hasText: '满意' }).first().click();
    await street.getByTestId('whistle-step-ok').click();
    await closed.getByTestId('summon-rating').filter({ hasText: '满意' }).waitFor();
    assert.equal(await closed.getByTestId('whistle-rate').count(), 0, 'rated once: no more rating button');
    await street.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const)
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const)
      it(`the page and the departments' ranking at ${width} (${lang})`, async () => {
        const page = await loginPage(browser, base, 'shuibosi');
        if (lang === 'en') {
          await page.evaluate(() => window.localStorage.setItem('linli.lang', 'en'));
        }
        await page.setViewportSize({ width, height });
        await page.goto(`${base}/whistles`);
        await page.getByTestId('whistles-page').waitFor();
        await page.locator('.ant-segmented-item').nth(2).click();
        await page.getByTestId('whistle-WH-DEMO-1').waitFor();
        await assertNoSideScroll(page);
        await page.screenshot({ path: `${SHOTS}/whistles-${lang}-${width}.png`, fullPage: width < 500 });
        await page.goto(`${base}/assessment?kind=department`);
        await page.getByTestId('assessment-ranking-page').waitFor();
        await page.locator('.ant-table-row').first().waitFor();
        await assertNoSideScroll(page);
        await page.screenshot({ path: `${SHOTS}/ranking-dept-${lang}-${width}.png` });
        await page.context().close();
      });
});
