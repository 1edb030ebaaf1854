import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { launchChromium, loginPage, popupOf } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, login, type TestEnv } from '../../server/testing/harness.js';

/**
 * Account management in real Chromium: the 水泊寺 street admin opens a grid-worker account for 星港城
 * (a compound of the street), resets its password (one-time password shown once) and disables it;
 * the minor-protection roles are not offered to a street.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

describe('browser: a street admin manages a grid-worker account', () => {
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

  it('creates, resets and disables a grid worker in 星港城; minor roles are not offered', async () => {
    const page = await loginPage(browser, base, 'shuibosi');
    await page.goto(`${base}/`);
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('users-create').click();

    // the roles offered are the street's grantable ones: no minor-protection role, nothing above the street's identity access
    await page.getByTestId('users-create-role').click();
    const popup = await popupOf(page, page.getByTestId('users-create-role'));
    const options = popup.locator('.ant-select-item-option');
    // the list is complete once the option every street may grant is there
    await popup.locator('.ant-select-item-option[title="网格员"]').waitFor();
    const offered = await options.allInnerTexts();
    assert.ok(offered.includes('网格员'), offered.join(','));
    for (const refused of ['未保站站长', '社工', '市未成年人保护中心', '社区工作者', '区级管理员'])
      assert.ok(!offered.includes(refused), `${refused} offered: ${offered.join(',')}`);
    // choose by keyboard: a click on an option while the dropdown still animates open can miss under load
    await popup.locator('.ant-select-item-option-active').waitFor();
    for (let i = 0; i < offered.indexOf('网格员'); i++) await page.keyboard.press('ArrowDown');
    await popup.locator('.ant-select-item-option-active[title="网格员"]').waitFor();
    await page.keyboard.press('Enter');
    // the unit picker opens once the role is chosen
    await page.locator('[data-testid="users-create-unit"]:not(.ant-select-disabled)').waitFor();

    await page.getByTestId('users-create-unit').click();
    await page.keyboard.type('星港城');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '星港城' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('users-create-display-name').fill('星港城 网格员孙');
    await page.getByTestId('users-create-username').fill('xg-grid-e2e');
    await page.getByTestId('users-create-password').fill('Browser2026pass');
    await page.screenshot({ path: `${SHOTS}/users-create.png` });
    await page.getByTestId('users-create-submit').click();

    // the new account opens in the drawer
    const detail = page.getByTestId('users-detail');
    await detail.waitFor();
    assert.match(await detail.innerText(), /xg-grid-e2e[\s\S]*网格员[\s\S]*星港城/);
    await login(env.app, 'xg-grid-e2e', 'Browser2026pass');

    // reset: a one-time password, shown once, that logs in
    await page.getByTestId('users-reset').click();
    await page.getByTestId('users-reset-submit').click();
    const shown = (await page.getByTestId('users-generated-password').innerText()).trim();
    assert.match(shown, /^[A-Za-z]{8}\d{4}$/);
    await page.screenshot({ path: `${SHOTS}/users-reset.png` });
    await page.getByTestId('users-reset-done').click();
    await login(env.app, 'xg-grid-e2e', shown);

    // disable
    await page.getByTestId('users-disable').click();
    await page.getByTestId('users-disable-confirm').click();
    await page.getByTestId('users-enable').waitFor();
    assert.match(await page.getByTestId('users-detail-status').innerText(), /已停用/);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xg-grid-e2e', password: shown },
    });
    assert.equal(res.statusCode, 401, res.body);

    const audit = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select a.action from audit_log a join users u on u.id = a.entity_id where u.username = 'xg-grid-e2e' and a.action like 'user.%' order by a.id`,
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['user.create', 'user.password_reset', 'user.disable'],
    );
    await page.context().close();
  });
});
