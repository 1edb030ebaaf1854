import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * Minor protection in real Chromium: 清远街道's social worker finds an overdue visit in red on the dashboard,
 * opens the child's file (identity shown), records a home visit; the street's staff open the same file and
 * are refused the child's identity (masked record, counts and risk only). The worker adds a photo to the file's
 * 个案材料, which the street never sees.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let caseId: string;
let caseNo: string;
let childName: string;

async function pageAs(username: string): Promise<Page> {
  return loginPage(browser, base, username);
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('browser: minor protection', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    const [c] = await queryRows<{ id: string; case_no: string; name_cipher: string }>(
      env.ctx.db,
      sql`
      select mc.id, mc.case_no, p.name_cipher from minor_cases mc
      join users u on u.district_id = mc.district_id and u.id = mc.worker_user_id
      join people p on p.district_id = mc.district_id and p.id = mc.person_id
      where u.username = 'qingyuan-sw' order by mc.case_no limit 1`,
    );
    ({ id: caseId, case_no: caseNo } = c!);
    childName = env.ctx.crypto.decrypt(c!.name_cipher);
    // the visit is 3 days overdue
    await env.ctx.db.execute(sql`update minor_cases set next_visit_due = current_date - 3 where id = ${caseId}`);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('a social worker sees the overdue visit in red, opens the file and records a home visit', async () => {
    const sw = await pageAs('qingyuan-sw');
    // the social worker lands on the workbench (工作台) and opens the minor-protection page
    await sw.getByTestId('workbench').waitFor();
    await sw.goto(`${base}/minor`);
    await sw.getByTestId('minor-page').waitFor();
    const overdue = sw.getByTestId('tasks-overdue');
    const row = overdue.locator('tr').filter({ hasText: caseNo });
    const due = row.locator('[data-testid="visit-due"][data-overdue="true"]');
    await due.waitFor();
    const color = await due.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
    assert.ok(r! > 150 && g! < 100 && b! < 100, `overdue date is red, got ${color}`);
    await sw.screenshot({ path: `${SHOTS}/minor-dashboard.png`, fullPage: true });

    await row.getByTestId(`case-link-${caseNo}`).click();
    await sw.getByTestId('child-file').waitFor();
    assert.equal((await sw.getByTestId('field-name').innerText()).trim(), childName);
    assert.equal(await sw.getByTestId('identity-masked').count(), 0);
    const servicesBefore = (
      await queryRows<{ n: number }>(
        env.ctx.db,
        sql`select count(*)::int as n from minor_services where case_id = ${caseId}`,
      )
    )[0]!.n;

    await sw.getByTestId('visit-open').click();
    await sw.getByTestId('visit-dialog').waitFor();
    await sw.getByTestId('visit-dialog').getByText('较差').click();
    await sw.getByTestId('visit-dialog').getByTestId('visit-notes').fill('冬季取暖不足，孩子衣物单薄');
    await sw
      .getByTestId('visit-dialog')
      .getByTestId('service-outcome')
      .fill('入户探访，孩子状态稳定，链接爱心企业捐助冬衣');
    await sw.screenshot({ path: `${SHOTS}/minor-visit-form.png` });
    await sw.getByTestId('visit-submit').click();
    await sw.getByTestId('visit-dialog').waitFor({ state: 'hidden' });
    await sw.getByTestId('last-visit').filter({ hasText: today() }).waitFor();
    assert.equal(await sw.locator('[data-testid="visit-due"][data-overdue="true"]').count(), 0);
    await sw.screenshot({ path: `${SHOTS}/minor-child-file.png`, fullPage: true });

    const [s] = await queryRows<{ n: number; last: string; kind: string }>(
      env.ctx.db,
      sql`
      select (select count(*)::int from minor_services where case_id = ${caseId}) as n, to_char(mc.last_visit_on, 'YYYY-MM-DD') as last,
        (select kind from minor_services where case_id = ${caseId} order by created_at desc limit 1) as kind
      from minor_cases mc where mc.id = ${caseId}`,
    );
    assert.equal(s!.n, servicesBefore + 1);
    assert.equal(s!.last, today());
    assert.equal(s!.kind, 'home_visit');
    await sw.context().close();
  });

  it('the social worker adds a photo to the file’s 个案材料 and sees it listed', async () => {
    const sw = await pageAs('qingyuan-sw');
    await sw.setViewportSize({ width: 1440, height: 900 });
    await sw.goto(`${base}/minor/${caseId}`);
    const card = sw.getByTestId('case-materials');
    await card.waitFor();
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#8e44ad' } })
      .png()
      .toBuffer();
    await card.locator('input[type=file]').setInputFiles({ name: '居住环境.png', mimeType: 'image/png', buffer: png });
    await card.locator('.ant-upload-list-item-done').waitFor();
    await sw.getByTestId('case-material-note').fill('入户时拍摄的居住环境');
    await sw.getByTestId('case-material-save').click();
    await card.getByTestId('case-material-files').locator('img[alt="居住环境.png"]').waitFor();
    await card.locator('.ant-upload-list-item').waitFor({ state: 'detached' });
    await sw.getByTestId('case-event-materials_added').getByText('入户时拍摄的居住环境').waitFor();
    await sw.screenshot({ path: `${SHOTS}/minor-materials-1440.png`, fullPage: true });
    await sw.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(sw);
    await sw.context().close();
    const [n] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from attachments where linked_kind = 'minor_case' and linked_id = ${caseId}
          and name = '居住环境.png'`,
    );
    assert.equal(n!.n, 1);
  });

  it('a street user is refused the child’s identity and sees a masked record', async () => {
    const street = await pageAs('qingyuan');
    await street.goto(`${base}/minor/${caseId}`);
    await street.getByTestId('child-file').waitFor();
    await street.getByTestId('identity-masked').waitFor();
    const shown = (await street.getByTestId('field-name').innerText()).trim();
    assert.notEqual(shown, childName);
    assert.equal(shown, '受保护未成年人');
    const text = await street.locator('body').innerText();
    assert.ok(!text.includes(childName), 'the child’s name is nowhere on the page');
    assert.ok(text.includes('身份信息已隐藏'));
    assert.equal(await street.getByTestId('field-guardians').count(), 0);
    assert.equal(await street.getByTestId('visit-open').count(), 0);
    assert.equal(await street.getByTestId('case-materials').count(), 0, 'no materials for a masked reader');
    assert.ok(!text.includes('居住环境'), 'nor their names');
    await street.getByTestId('risk-tag').first().waitFor();
    await street.screenshot({ path: `${SHOTS}/minor-masked.png`, fullPage: true });
    // the read was audited as a masked read by this user
    const [a] = await queryRows<{ identity: boolean }>(
      env.ctx.db,
      sql`
      select (l.detail->>'identity')::boolean as identity from audit_log l join users u on u.id = l.actor_user_id
      where l.action = 'minor_case.read' and l.entity_id = ${caseId} and u.username = 'qingyuan' order by l.id desc limit 1`,
    );
    assert.equal(a!.identity, false);
    await street.context().close();
  });
});
