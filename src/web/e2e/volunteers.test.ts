import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loginPage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, login, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';

/**
 * A volunteer's points in real Chromium: 太和社区 shows the activity's QR codes → the 星港城 resident
 * opens the check-in and the check-out code → the community confirms 2 hours (20 points) → the
 * resident sees the points → the love-supermarket counter redeems an item with them.
 */
const SHOTS = '.tmp/screenshots';
const TITLE = '星港城助老志愿服务（浏览器测试）';
let env: TestEnv;
let browser: Browser;
let base: string;
let personId: string;

async function pageAs(username: string): Promise<Page> {
  return loginPage(browser, base, username);
}

async function balance(): Promise<number> {
  return (
    await queryRows<{ balance: number }>(
      env.ctx.db,
      sql`select coalesce((select balance from points_accounts where person_id = ${personId}), 0) as balance`,
    )
  )[0]!.balance;
}

describe('browser: a check-in earns points that are redeemed', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    env.ctx.config.publicUrl = base; // the QR codes link to the public URL (LINLI_PUBLIC_URL), here the test server
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/volunteer-activities',
      headers: { cookie: await login(env.app, 'taihe') },
      payload: {
        title: TITLE,
        kind: 'elder_care',
        orgUnitId: await compoundId(env.ctx.db),
        startsAt: new Date(Date.now() - 600_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    personId = (
      await queryRows<{ person_id: string }>(env.ctx.db, sql`select person_id from users where username = 'resident'`)
    )[0]!.person_id;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('checks in and out by QR, gets 2 hours confirmed for 20 points and redeems them at the love supermarket', async () => {
    // the community shows the activity's two codes
    const staff = await pageAs('taihe');
    await staff.goto(`${base}/volunteers?tab=activities`);
    await staff.locator(`[data-testid="activity-qr"][data-activity="${TITLE}"]`).click();
    const qrIn = staff.getByTestId('qr-in');
    await qrIn.locator('svg').waitFor();
    const inUrl = await qrIn.getAttribute('data-url');
    const outUrl = await staff.getByTestId('qr-out').getAttribute('data-url');
    assert.ok(inUrl?.startsWith(`${base}/volunteer/scan?t=`) && outUrl, 'codes lead to the scan page');
    await staff.screenshot({ path: `${SHOTS}/volunteer-qr.png` });

    // the resident scans both
    const resident = await pageAs('resident');
    const before = await balance();
    await resident.goto(inUrl!);
    await resident.locator('[data-testid="scan-result"][data-phase="in"]').waitFor();
    await resident.goto(outUrl!);
    await resident.locator('[data-testid="scan-result"][data-phase="out"]').waitFor();
    assert.equal(await balance(), before, 'unconfirmed hours earn nothing');

    // the community confirms 2 hours
    await staff.goto(`${base}/volunteers?tab=pending`);
    const row = staff.getByTestId('pending-table').locator('tr').filter({ hasText: TITLE });
    await row.locator('input').first().fill('2');
    await row.getByTestId('record-confirm').click();
    await row.waitFor({ state: 'detached' });
    assert.equal(await balance(), before + 20);

    // the resident sees the points and, at the counter, shows a presence code from their own account
    await resident.goto(`${base}/my-volunteering`);
    await resident.getByTestId('my-ledger').getByText('+20').first().waitFor();
    await resident.getByTestId('presence-make').click();
    const code = (await resident.getByTestId('presence-code').innerText()).trim();
    assert.match(code, /^\d{6}$/);
    assert.equal(await resident.getByTestId('presence-qr').getAttribute('data-payload'), `linli-presence:${code}`);
    await resident.getByTestId('presence-qr').locator('svg').waitFor();
    await resident.screenshot({ path: `${SHOTS}/my-volunteering.png`, fullPage: true });
    await resident.context().close();

    // the love-supermarket counter: a 星港城 station with a 15-point item
    const station = await env.app.inject({
      method: 'POST',
      url: '/api/stations',
      headers: { cookie: await login(env.app, 'taihe') },
      payload: { kind: 'party_mass', name: '星港城党群服务站（测试）', orgUnitId: await compoundId(env.ctx.db) },
    });
    const stationId = station.json<{ station: { id: string } }>().station.id;
    await env.app.inject({
      method: 'POST',
      url: '/api/love-supermarket/items',
      headers: { cookie: await login(env.app, 'taihe') },
      payload: { stationId, name: '测试洗衣液', pointsCost: 15, stock: 3 },
    });
    await staff.goto(`${base}/volunteers?tab=ledger`);
    await staff.getByTestId('redeem-station').click();
    await staff
      .locator('.ant-select-item-option:visible')
      .filter({ hasText: '星港城党群服务站（测试）' })
      .first()
      .click();
    const search = staff.locator('input[data-testid="redeem-person"], [data-testid="redeem-person"] input').first();
    await search.fill(code);
    await search.press('Enter');
    await staff.getByTestId('redeem-balance').waitFor();
    await staff.getByTestId('redeem-item').click();
    await staff.locator('.ant-select-item-option:visible').filter({ hasText: '测试洗衣液' }).first().click();
    await staff.getByTestId('redeem-submit').click();
    for (let i = 0; i < 50 && (await balance()) !== before + 5; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await balance(), before + 5);
    await staff.getByTestId('ledger-table').getByText('-15').first().waitFor();
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'points.redeem' and entity_id = ${personId}`,
    );
    assert.equal(audit!.n, 1, 'the redemption is audited');
    const [used] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from points_presence_codes where person_id = ${personId} and used_at is not null`,
    );
    assert.equal(used!.n, 1, 'the presence code is used up');
    await staff.screenshot({ path: `${SHOTS}/points-ledger.png`, fullPage: true });
    await staff.context().close();
  });

  it('shows the canteen settlement and the 15-minute living circle', async () => {
    const admin = await pageAs('admin');
    await admin.goto(`${base}/canteens`);
    await admin.getByTestId('canteens-page').getByText('文源社区幸福餐厅').first().waitFor();
    // last month's settlement of the demo's elderly diners, by subsidy category (the rules table names 老年人 too)
    const elderly = admin.getByTestId('settlement-table').locator('tr').filter({ hasText: '老年人' });
    await elderly.waitFor();
    const [meals, subsidy] = (await elderly.locator('td').allInnerTexts()).slice(1).map(Number);
    assert.ok(meals! > 0 && subsidy! > 0, `elderly meals settled with a subsidy: ${meals} meals, ${subsidy} yuan`);
    await admin.screenshot({ path: `${SHOTS}/canteen.png`, fullPage: true });
    await admin.goto(`${base}/volunteers?tab=teams`);
    await admin.getByTestId('teams-total').getByText('1210').waitFor();
    await admin.goto(`${base}/volunteers?tab=overview`);
    await admin.getByTestId('hours-trend-chart').locator('canvas').waitFor();
    await admin.screenshot({ path: `${SHOTS}/volunteers-overview.png`, fullPage: true });
    // the riders' joint meeting: a demand answered on the spot
    await admin.goto(`${base}/rider-meetings`);
    const demand = admin.locator('tr').filter({ hasText: '希望开设电动车维修与安全驾驶培训' });
    await demand.getByRole('button', { name: '当场答复' }).click();
    await admin.locator('.ant-modal textarea').fill('街道工会下月开设电动车维修培训');
    await admin.locator('.ant-modal .ant-btn-primary').click();
    await demand.getByText('街道工会下月开设电动车维修培训').waitFor();
    await admin.context().close();
    const resident = await pageAs('resident');
    await resident.goto(`${base}/living-circle`);
    await resident.getByTestId('living-circle-page').getByText('星港城').first().waitFor();
    // the stations within 15 minutes' walk of 星港城, nearest first
    const rows = resident.getByTestId('circle-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    const minutes = (await rows.locator('td:nth-child(3)').allInnerTexts()).map(Number);
    assert.ok(minutes.length > 0, 'stations in the living circle');
    assert.ok(
      minutes.every((m, i) => m <= 15 && (i === 0 || minutes[i - 1]! <= m)),
      `within 15 minutes, nearest first: ${minutes.join(', ')}`,
    );
    await resident.screenshot({ path: `${SHOTS}/living-circle.png`, fullPage: true });
    await resident.context().close();
  });
});
