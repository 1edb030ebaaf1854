import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, DEMO_PASSWORD, type TestEnv } from '../../server/testing/harness.js';

/**
 * Browser journeys in real Chromium (Debian's package, never a downloaded browser): a community
 * worker logs in, browses the tree, finds a resident with the ID masked, and is refused another
 * community's resident; the language switch turns the UI English.
 */
const SHOTS = '.tmp/screenshots';

let env: TestEnv;
let browser: Browser;
let base: string;
interface Person {
  id: string;
  name: string;
  id_cipher: string;
}
let resident: Person;
let outsider: Person;

async function loginAs(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

describe('browser: community worker journey', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    const [taihe] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '太和社区'`);
    resident = (
      await queryRows<Person>(
        env.ctx.db,
        sql`select id, name, id_cipher from people where org_path like ${'%/' + taihe!.id + '/%'} order by name_pinyin limit 1`,
      )
    )[0]!;
    outsider = (
      await queryRows<Person>(
        env.ctx.db,
        sql`select id, name, id_cipher from people where org_path not like ${'%/' + taihe!.id + '/%'} order by id limit 1`,
      )
    )[0]!;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('logs in, browses the tree, finds a resident with the ID masked, and is refused another community', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
    await loginAs(page, 'taihe');
    assert.match(await page.getByTestId('user-menu').innerText(), /太和社区|李社工/);

    await page.goto(`${base}/org`);
    const tree = page.getByTestId('org-tree');
    await tree.getByText('太和社区').first().waitFor();
    await tree.locator('.ant-tree-switcher').first().click();
    await tree.getByText('星港城').first().waitFor();
    await tree.getByText('星港城').first().click();
    await page.getByTestId('org-detail').getByText('星港城').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/org-tree.png` });

    await page.goto(`${base}/people`);
    await page.getByTestId('people-search-input').fill(resident.name);
    await page.getByTestId('people-search-submit').click();
    const table = page.getByTestId('people-table');
    await table.getByText(resident.name).first().click();
    const detail = page.getByTestId('person-detail');
    await detail.waitFor();
    const masked = await detail.getByTestId('person-id-masked').innerText();
    const full = env.ctx.crypto.decrypt(resident.id_cipher);
    assert.match(masked, /^\d{6}\*{8}[\dX]{4}$/);
    assert.equal(masked.slice(-4), full.slice(-4));
    assert.ok(!(await page.content()).includes(full), 'the full ID number is not on the page');
    await page.screenshot({ path: `${SHOTS}/person-detail.png` });

    await page.goto(`${base}/people/${outsider.id}`);
    const refusal = page.getByTestId('forbidden-result');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /不在您的管辖范围内/);
    assert.ok(!(await page.content()).includes(outsider.name), "the refused resident's name is not shown");
    await page.screenshot({ path: `${SHOTS}/refused.png` });
    await page.close();
  });

  it('switches the interface to English and back', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
    await loginAs(page, 'admin');
    await page.goto(`${base}/dashboard`);
    await page.getByTestId('coverage-chart').waitFor();
    const zh = await page.locator('body').innerText();
    assert.match(zh, /覆盖率/);
    await page.getByTestId('lang-switch').click();
    await page
      .getByText(/coverage/i)
      .first()
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/dashboard-en.png` });
    assert.ok(!(await page.locator('body').innerText()).includes('覆盖率'));
    await page.close();
  });
});
