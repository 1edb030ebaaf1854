import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 组织生活 in real Chromium: 星港城's branch secretary schedules a 主题党日, shows its QR code; a member
 * (the demo resident, registered in the branch) opens the link on their phone and is checked in; the
 * secretary sees the attendance. Screenshots of the pages at 1440 and 390, zh and en.
 */
const SHOTS = process.env.SHOTS_DIR ?? '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

const noOverflow = (page: Page, label: string) => assertNoSideScroll(page, `${label}: horizontal overflow`);

describe('browser: a secretary schedules a 主题党日, a member checks in by the QR link', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    env.ctx.config.publicUrl = base;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('schedule → QR → check-in → attendance shows', async () => {
    const [u] = await queryRows<{ person_id: string; branch_id: string }>(
      env.ctx.db,
      sql`select u.person_id, bc.branch_id from users u, branch_compounds bc join org_units o on o.id = bc.compound_id
        where u.username = 'resident' and o.name = '星港城'`,
    );
    const reg = await env.as('admin').post('/api/party-members', {
      personId: u!.person_id,
      partyOrgId: u!.branch_id,
      stage: 'full',
      fullOn: '2012-07-01',
    });
    assert.equal(reg.statusCode, 201, reg.body);

    const sec = await loginPage(browser, base, 'xinggang-branch');
    await sec.setViewportSize({ width: 1440, height: 900 });
    const errors: string[] = [];
    sec.on('pageerror', (e) => errors.push(e.message));
    await sec.goto(`${base}/party/life`);
    await sec
      .getByTestId('schedule-activity')
      .waitFor({ timeout: 20_000 })
      .catch(async () => {
        await sec.screenshot({ path: `${SHOTS}/party-life-failed.png` });
        assert.fail(`no schedule button; page errors: ${errors.join(' | ')}`);
      });
    await sec.getByTestId('schedule-activity').click();
    await sec.getByTestId('activity-topic').fill('主题党日：重温入党誓词');
    await sec.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = sec.getByTestId('activity-list').locator('tr').filter({ hasText: '主题党日：重温入党誓词' });
    await row.waitFor();
    await row.click();
    await sec.getByTestId('show-qr').click();
    const link = sec.getByTestId('qr-link');
    await link.waitFor();
    const url = await link.getAttribute('href');
    assert.ok(url?.startsWith(`${base}/party/scan?t=`), url ?? 'no url');
    await sec.screenshot({ path: `${SHOTS}/party-life-qr-1440.png` });

    const member = await loginPage(browser, base, 'resident');
    await member.setViewportSize({ width: 390, height: 844 });
    await member.goto(url!);
    await member.getByTestId('party-scan-result').waitFor();
    await member.screenshot({ path: `${SHOTS}/party-scan-390.png` });
    await member.goto(`${base}/my/party-life`);
    await member.getByTestId('my-party-life').getByText('主题党日：重温入党誓词').waitFor();
    await noOverflow(member, 'my party life 390');
    await member.screenshot({ path: `${SHOTS}/my-party-life-390.png`, fullPage: true });

    // the secretary sees the member present (the drawer reloads on the next open)
    await sec.reload();
    await sec.getByTestId('activity-list').locator('tr').filter({ hasText: '主题党日：重温入党誓词' }).click();
    await sec.getByTestId('activity-detail').getByText('QR').first().waitFor();
    const rate = await sec.getByTestId('activity-rate').innerText();
    assert.match(rate, /实到 1 人/);
    await sec.screenshot({ path: `${SHOTS}/party-life-attendance-1440.png` });
    await sec.keyboard.press('Escape');

    // the year: 三会一课 compliance, then the 390 px and English views
    await sec.getByRole('tab', { name: '三会一课落实' }).click();
    await sec.getByTestId('compliance').waitFor();
    await sec.screenshot({ path: `${SHOTS}/party-life-year-1440.png`, fullPage: true });
    await sec.setViewportSize({ width: 390, height: 844 });
    await noOverflow(sec, 'party life year 390');
    await sec.screenshot({ path: `${SHOTS}/party-life-year-390.png`, fullPage: true });
    await sec.evaluate(() => localStorage.setItem('linli.lang', 'en'));
    await sec.reload();
    await sec.getByTestId('activity-list').waitFor();
    await noOverflow(sec, 'party life en 390');
    await sec.screenshot({ path: `${SHOTS}/party-life-en-390.png`, fullPage: true });

    // the community worker: pick the branch down the tree, the checklist and 考核评议
    const cw = await loginPage(browser, base, 'taihe');
    await cw.setViewportSize({ width: 1440, height: 900 });
    await cw.goto(`${base}/party/life`);
    await cw.locator('.ant-select').first().click();
    // the list is virtual and its order follows the database's collation: search, do not scroll
    await cw.locator('.ant-select').first().locator('input').fill('星港城');
    await cw
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '星港城' })
      .first()
      .click();
    await cw.getByTestId('activity-list').waitFor();
    await cw.getByRole('tab', { name: '工作制度落实' }).click();
    await cw.getByTestId('checks').waitFor();
    await cw.screenshot({ path: `${SHOTS}/party-life-checks-1440.png`, fullPage: true });
    await cw.getByRole('tab', { name: '考核评议' }).click();
    await cw.getByTestId('assessments').waitFor();
    await cw.screenshot({ path: `${SHOTS}/party-life-assessment-1440.png`, fullPage: true });
  });
});
