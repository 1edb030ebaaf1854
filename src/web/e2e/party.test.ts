import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 党建管理 in real Chromium: the 太和社区 community worker builds a joint branch for two small compounds
 * (小小区联合建) and assigns a district-seconded secretary; the party-building figures move accordingly.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

describe('browser: a community worker builds a joint branch and assigns a seconded secretary', () => {
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

  it('joint branch for two new small compounds, then a seconded secretary; the dashboard follows', async () => {
    const [c] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '太和社区'`);
    for (const name of ['太和东一院', '太和东二院']) {
      const res = await env.as('taihe').post('/api/compounds', { communityId: c!.id, name });
      assert.equal(res.statusCode, 201, res.body);
    }
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/party/admin`);
    const total = async (id: string) => Number(await page.getByTestId(id).textContent());
    await page.getByTestId('party-total-joint').waitFor({ state: 'attached' });
    const joint0 = await total('party-total-joint');
    const sec0 = await total('party-total-secretaries');
    const seconded0 = await total('party-total-seconded');

    await page.getByTestId('party-build-compounds').getByText('太和东一院').click();
    await page.getByTestId('party-build-compounds').getByText('太和东二院').click();
    await page.screenshot({ path: `${SHOTS}/party-admin-1440.png`, fullPage: true });
    await page.getByTestId('party-build-submit').click();
    await page.waitForFunction(
      ([n]) => Number(document.querySelector('[data-testid="party-total-joint"]')?.textContent) === n,
      [joint0 + 1],
    );
    const [branch] = await queryRows<{ id: string; formation: string }>(
      env.ctx.db,
      sql`select p.id, p.formation from party_orgs p where p.name = '太和东一院、太和东二院联合党支部' and p.status = 'active'`,
    );
    assert.equal(branch!.formation, 'joint');

    await page.getByTestId(`party-assign-${branch!.id}`).click();
    await page.getByTestId('party-assign-member').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('party-assign-unit').fill('平城区民政局');
    await page.getByTestId('party-assign-submit').click();
    await page.waitForFunction(
      ([n]) => Number(document.querySelector('[data-testid="party-total-secretaries"]')?.textContent) === n,
      [sec0 + 1],
    );
    assert.equal(await total('party-total-seconded'), seconded0 + 1);
    const [post] = await queryRows<{ source: string; source_unit: string; full_time: boolean }>(
      env.ctx.db,
      sql`select source, source_unit, full_time from party_posts where party_org_id = ${branch!.id} and status = 'active'`,
    );
    assert.deepEqual(post, { source: 'seconded_district', source_unit: '平城区民政局', full_time: true });
    await page.screenshot({ path: `${SHOTS}/party-admin-after-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/party-admin-390.png`, fullPage: true });

    // later the two compounds grow apart: split 太和东二院 off into its own branch from the organisation page
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/party?id=${encodeURIComponent(branch!.id)}`);
    await page.getByTestId('party-manage').getByRole('tab', { name: '挂靠 / 拆分 / 合并' }).click();
    await page.getByTestId('party-split-form').getByText('太和东二院').click();
    await page.getByTestId('party-split-submit').click();
    await page.getByText('已保存').waitFor();
    const after = await queryRows<{ name: string; formation: string }>(
      env.ctx.db,
      sql`select name, formation from party_orgs where status = 'active' and (id = ${branch!.id} or name = '太和东二院党支部') order by name`,
    );
    assert.equal(after.length, 2, JSON.stringify(after));
    assert.ok(
      after.every((r) => r.formation === 'standalone'),
      JSON.stringify(after),
    );
    await page.getByTestId('party-manage').getByRole('tab', { name: '沿革' }).click();
    await page.getByTestId('party-history').getByText('拆分').first().waitFor();
    assert.equal(
      await page.evaluate(() => document.documentElement.scrollWidth),
      1440,
      'the organisation page fits the window',
    );
  });
});
