import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, popupOf } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 党员名册 and 组织生活 forms in real Chromium: the 太和社区 worker registers an applicant from the resident
 * registry (shown masked in the list; a second registration shows the server's refusal in the dialog) and
 * a member transferred in from outside the district with the letter number; the district admin adds a
 * working system in the settings and the community sees it on the branch's checklist of the year.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

interface Resident {
  id: string;
  name: string;
  id_masked: string;
}
async function residentsOfTaihe(n: number): Promise<Resident[]> {
  return queryRows<Resident>(
    env.ctx.db,
    sql`select p.id, p.name, p.id_masked from people p
      where p.protection is null and p.org_path like (select path || '%' from org_units where name = '太和社区')
        and p.birth_date between current_date - interval '50 years' and current_date - interval '25 years'
        and not exists (select 1 from party_members m where m.person_id = p.id)
        and (select count(*) from people q where q.name = p.name and q.org_path like (select path || '%' from org_units where name = '太和社区')) < 10
      order by p.id limit ${n}`,
  );
}
/** Searches the registry in the dialog's resident field and picks the resident by the masked ID. */
async function pickResident(page: Page, select: Locator, r: Resident): Promise<void> {
  await select.click();
  await select.locator('input').fill(r.name);
  await (
    await popupOf(page, select)
  )
    .locator('.ant-select-item-option')
    .filter({ hasText: r.id_masked })
    .first()
    .click();
}
/** The branch of 星港城, down the party tree from the community (searched: the list is virtual). */
async function pickBranch(page: Page, modal: Locator): Promise<void> {
  const level = modal.locator('[data-testid^="branch-level-"]').first();
  await level.click();
  await level.locator('input').fill('星港城');
  await (await popupOf(page, level)).locator('.ant-select-item-option').filter({ hasText: '星港城' }).first().click();
}

describe('browser: registering and transferring in members; branch-life settings', () => {
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

  it('a community worker registers an applicant and transfers a member in from outside the district', async () => {
    const [applicant, arriving] = await residentsOfTaihe(2);
    assert.ok(applicant && arriving, 'two residents of 太和社区 without a party record');
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/party/members`);
    await page.getByTestId('party-register').click();
    const modal = page.locator('.ant-modal:visible');
    await pickResident(page, page.getByTestId('register-person'), applicant);
    await pickBranch(page, modal);
    await page.screenshot({ path: `${SHOTS}/party-register-1440.png` });
    await page.locator('#register-submit').click();
    await modal.waitFor({ state: 'detached' });

    await page.getByTestId('party-members-stage').getByText('入党申请人').click();
    const row = page.getByTestId('party-members').locator('tr').filter({ hasText: applicant.name });
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(text.includes(applicant.id_masked), `masked as the registry: ${text}`);
    assert.doesNotMatch(await page.getByTestId('party-members').innerText(), /\d{17}[\dX]/, 'no full ID number');
    const [m] = await queryRows<{ stage: string; applied_on: string | null }>(
      env.ctx.db,
      sql`select stage, applied_on::text from party_members where person_id = ${applicant.id}`,
    );
    assert.equal(m!.stage, 'applicant');

    // the same resident again: the server's refusal is in the dialog
    await page.getByTestId('party-register').click();
    await pickResident(page, page.getByTestId('register-person'), applicant);
    await pickBranch(page, modal);
    await page.locator('#register-submit').click();
    await modal.getByTestId('server-error').getByText('已有党员档案').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page, 'register dialog 390');
    await page.screenshot({ path: `${SHOTS}/party-register-error-390.png` });
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });

    // 组织关系转入 from outside the district, with the letter number
    await page.getByTestId('party-transfer-in').click();
    await pickResident(page, page.getByTestId('transfer-in-person'), arriving);
    await pickBranch(page, modal);
    await page.getByTestId('transfer-in-from').fill('太原市小店区坞城街道某社区党委');
    await page.getByTestId('transfer-in-letter').fill('并组转〔2026〕018号');
    await page.getByTestId('transfer-in-full-on').click();
    await page.keyboard.type('2016-07-01');
    await page.keyboard.press('Enter');
    await modal.locator('.ant-modal-title').click();
    await page.waitForFunction(() => !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'));
    await assertNoSideScroll(page, 'transfer-in dialog 390');
    await page.screenshot({ path: `${SHOTS}/party-transfer-in-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/party-transfer-in-1440.png` });
    await page.locator('#transfer-in-submit').click();
    await modal.waitFor({ state: 'detached' });
    const [t] = await queryRows<{ stage: string; external_org: string; letter_no: string }>(
      env.ctx.db,
      sql`select m.stage, t.external_org, t.letter_no from party_members m
        join party_member_transfers t on t.member_id = m.id where m.person_id = ${arriving.id}`,
    );
    assert.deepEqual(t, {
      stage: 'full',
      external_org: '太原市小店区坞城街道某社区党委',
      letter_no: '并组转〔2026〕018号',
    });
  });

  it('the district adds a working system in the settings; the branch checklist of the year shows it', async () => {
    const admin = await loginPage(browser, base, 'admin');
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.goto(`${base}/party/life`);
    await admin.getByRole('tab', { name: '设置' }).click();
    await admin.getByTestId('life-settings').waitFor();
    const systems = await admin.locator('[data-testid^="settings-system-on-"]').count();
    await admin.getByTestId('settings-add-system').click();
    await admin.getByTestId(`settings-system-${systems}`).fill('志愿服务制度');
    await admin.screenshot({ path: `${SHOTS}/party-life-settings-1440.png`, fullPage: true });
    await admin.getByTestId('settings-save').click();
    await admin.getByText('已保存').first().waitFor();
    const [s] = await queryRows<{ version: number; names: string[] }>(
      env.ctx.db,
      sql`select version, array(select x->>'name' from jsonb_array_elements(systems) x) as names from party_life_settings`,
    );
    assert.equal(s!.version, 1);
    assert.ok(s!.names.includes('志愿服务制度'), s!.names.join());
    await admin.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(admin, 'settings 390');
    await admin.screenshot({ path: `${SHOTS}/party-life-settings-390.png`, fullPage: true });

    const cw = await loginPage(browser, base, 'taihe');
    await cw.setViewportSize({ width: 1440, height: 900 });
    await cw.goto(`${base}/party/life`);
    const level = cw.locator('.ant-select').first();
    await level.click();
    await level.locator('input').fill('星港城');
    await (await popupOf(cw, level)).locator('.ant-select-item-option').filter({ hasText: '星港城' }).first().click();
    await cw.getByTestId('activity-list').waitFor();
    assert.equal(await cw.getByRole('tab', { name: '设置' }).count(), 0, 'no settings tab without the ability');
    await cw.getByRole('tab', { name: '工作制度落实' }).click();
    await cw.getByTestId('checks').getByText('志愿服务制度').waitFor();
    await cw.screenshot({ path: `${SHOTS}/party-life-checks-new-1440.png`, fullPage: true });
  });
});
