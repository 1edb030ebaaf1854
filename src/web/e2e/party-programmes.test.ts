import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, pickOption, popupOf } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 六大工程 in real Chromium: the 水泊寺街道 street user reports a training on 履职能力提升工程 touching
 * 星港城 and designates 星港城 a district-level 党建示范点; the programme's indicator, the progress log and
 * the party-building dashboard's counts move. The page fits a 390 px phone.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

/** Types into a searchable select and clicks the option with that title. */
async function searchPick(page: Page, select: Locator, text: string): Promise<void> {
  const popup = await popupOf(page, select);
  await select.click();
  await select.locator('input[role="combobox"]').first().pressSequentially(text);
  await popup.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('browser: a street reports programme progress and designates a 示范点', () => {
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

  it('progress entry and 示范点 from the 六大工程 page; the dashboard counts follow', async () => {
    const page = await loginPage(browser, base, 'shuibosi');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/party/admin`);
    const total = async (id: string) => Number(await page.getByTestId(id).textContent());
    await page.getByTestId('party-total-sites').waitFor({ state: 'attached' });
    const sites0 = await total('party-total-sites');
    const entries0 = await total('party-total-programme-entries');

    await page.goto(`${base}/party/programmes`);
    const trainees = page.getByTestId('indicator-capability-trainees');
    await trainees.waitFor();
    const actual0 = Number(await trainees.getAttribute('data-actual'));
    await page.getByTestId('programme-add-capability').click();
    await pickOption(page, page.getByTestId('progress-indicator'), '参训干部（人次）');
    const value = page.getByTestId('progress-value');
    const valueInput = (await value.evaluate((e) => e.tagName)) === 'INPUT' ? value : value.locator('input');
    await valueInput.fill('40');
    await page.getByTestId('progress-note').fill('街道组织小区党支部书记轮训，星港城小区书记参训。');
    await searchPick(page, page.getByTestId('progress-units'), '星港城');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${SHOTS}/party-programmes-form-1440.png` });
    await page.getByTestId('progress-submit').click();
    await page.waitForFunction(
      ([n]) =>
        Number(document.querySelector('[data-testid="indicator-capability-trainees"]')?.getAttribute('data-actual')) ===
        n,
      [actual0 + 40],
    );
    await page.getByTestId('progress-log').getByText('星港城小区书记参训').waitFor();

    await searchPick(page, page.getByTestId('site-compound'), '星港城');
    await page.getByTestId('site-note').fill('小区党群服务站和联席会议示范');
    await page.getByTestId('site-submit').click();
    await page.getByTestId('site-list').getByText('星港城', { exact: true }).waitFor();
    const [site] = await queryRows<{ level: string; year: number; revoked_at: Date | null }>(
      env.ctx.db,
      sql`select s.level, s.year, s.revoked_at from party_demonstration_sites s
          join org_units o on o.id = s.subject_id where o.name = '星港城'`,
    );
    assert.deepEqual(site, { level: 'district', year: new Date().getFullYear(), revoked_at: null });
    await page.screenshot({ path: `${SHOTS}/party-programmes-1440.png`, fullPage: true });

    await page.goto(`${base}/party/admin`);
    await page.waitForFunction(
      ([n]) => Number(document.querySelector('[data-testid="party-total-sites"]')?.textContent) === n,
      [sites0 + 1],
    );
    assert.equal(await total('party-total-programme-entries'), entries0 + 1);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/party/programmes`);
    await page.getByTestId('programme-capability').waitFor();
    await assertNoSideScroll(page, 'the 六大工程 page fits a phone');
    await page.screenshot({ path: `${SHOTS}/party-programmes-390.png`, fullPage: true });
  });

  it('the district sets up next year from this year and adjusts a target', async () => {
    const page = await loginPage(browser, base, 'admin');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/party/programmes`);
    await page.getByTestId('programme-capability').waitFor();
    const next = new Date().getFullYear() + 1;
    await pickOption(page, page.getByTestId('programmes-year'), String(next));
    await page.getByTestId('programmes-open-year').click();
    await page.getByTestId('programme-capability').waitFor();
    assert.equal(await page.locator('[data-testid^="programme-count-"]').count(), 6);

    await page.getByTestId('programme-targets-capability').click();
    const target = page.getByTestId('target-trainings');
    const input = (await target.evaluate((e) => e.tagName)) === 'INPUT' ? target : target.locator('input');
    await input.fill('26');
    await page.getByTestId('targets-save').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="indicator-capability-trainings"]')?.textContent?.includes('/ 26'),
    );
    const [row] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from party_programmes where year = ${next}`,
    );
    assert.equal(row!.n, 6);
    await page.screenshot({ path: `${SHOTS}/party-programmes-next-year-1440.png`, fullPage: true });
    await page.close();
  });
});
