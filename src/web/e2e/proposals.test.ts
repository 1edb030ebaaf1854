import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, phonePage } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { hashPassword } from '../../server/modules/auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';
import type { Proposal } from '../../shared/proposals.schema.js';

/**
 * 居民提议 in real Chromium: the demo resident of 星港城 seconds a neighbour's proposal on the phone and raises
 * one of their own; a second neighbour makes it enough; the community worker sees the compound's proposals
 * beside its meetings, convenes one, and finds the proposal on the agenda.
 */
const SHOTS = '.tmp/screenshots';
const GARAGE = '地下车库入口加装照明和减速带';
let env: TestEnv;
let browser: Browser;
let base: string;
let xinggang: string;
let neighbour: string;

describe('browser: a residents’ proposal from the phone to the joint meeting', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    xinggang = await compoundId(env.ctx.db);
    // a neighbour in a home of their own: a person of 星港城 other than the demo resident
    const [p] = await queryRows<{ id: string; building_id: string; org_path: string }>(
      env.ctx.db,
      sql`select p.id, h.building_id, h.org_path from people p join households h on h.district_id = p.district_id and h.id = p.household_id
          where h.compound_id = ${xinggang} and p.id <> (select person_id from users where username = 'resident')
          order by p.id desc limit 1`,
    );
    await env.ctx.db
      .execute(sql`insert into households (district_id, id, building_id, compound_id, org_path, unit, room, exclusive_area)
      values ('140213', 'H-E2E-NB', ${p!.building_id}, ${xinggang}, ${p!.org_path}, '8单元', '801', 96)`);
    await env.ctx.db.execute(sql`update people set household_id = 'H-E2E-NB' where id = ${p!.id}`);
    neighbour = 'xg-neighbour';
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, person_id)
      values ('140213', 'U-xg-neighbour', ${neighbour}, '星港城邻居', ${await hashPassword(DEMO_PASSWORD)}, 'resident', ${xinggang}, ${p!.id})`);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('the resident seconds the garage proposal and raises one on the phone', async () => {
    const page = await phonePage(browser, base, 'resident');
    await page.getByTestId('m-tab-proposals').click();
    const garage = page.locator('[data-testid^="proposal-"]').filter({ hasText: GARAGE });
    await garage.getByTestId('proposal-supports').getByText('1/3 户附议').waitFor();
    await garage.getByTestId('proposal-support').click();
    await garage.getByTestId('proposal-supported').waitFor();
    await garage.getByTestId('proposal-supports').getByText('2/3 户附议').waitFor();

    await page.getByTestId('m-proposal-new').click();
    await page.getByTestId('m-proposal-title').fill('快递柜旁增设遮阳棚');
    await page.getByTestId('m-proposal-description').fill('夏天取快递时太阳直晒，老人排队很辛苦，建议加装遮阳棚');
    await page.getByTestId('m-proposal-submit').click();
    const mine = page.locator('[data-testid^="proposal-"]').filter({ hasText: '快递柜旁增设遮阳棚' });
    await mine.getByText('您家提出的提议').waitFor();
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/m-proposals-390.png`, fullPage: true });
    await page.context().close();

    const list = json<{ items: Proposal[] }>(await env.as('resident').get('/api/proposals'));
    const own = list.items.find((x) => x.title === '快递柜旁增设遮阳棚')!;
    assert.deepEqual([own.supports, own.mine, own.status], [1, true, 'open']);
  });

  it('with a third household the community finds it on the next meeting’s agenda', async () => {
    const garage = json<{ items: Proposal[] }>(await env.as(neighbour).get('/api/proposals')).items.find(
      (x) => x.title === GARAGE,
    )!;
    const seconded = await env.as(neighbour).post(`/api/proposals/${garage.id}/support`);
    assert.equal(seconded.statusCode, 200, seconded.body);

    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/meetings?compound=${xinggang}&name=${encodeURIComponent('星港城')}`);
    const card = page.getByTestId('compound-proposals');
    await card.getByText(GARAGE).waitFor();
    await card.getByText('3/3 户附议').waitFor();
    await page.screenshot({ path: `${SHOTS}/meetings-proposals-1440.png`, fullPage: true });

    const m = json<{ meeting: { id: string } }>(
      await env.as('taihe').post('/api/joint-meetings', { compoundId: xinggang, heldOn: '2026-12-09' }),
    ).meeting;
    await page.goto(`${base}/meetings/${m.id}`);
    await page.getByTestId(`agenda-proposal-${garage.id}`).getByText(GARAGE).waitFor();
    await page.getByTestId(`agenda-proposal-${garage.id}`).getByText('3 户附议').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/meeting-proposal-390.png`, fullPage: true });
    await page.context().close();

    const after = json<{ proposal: Proposal }>(await env.as('resident').get(`/api/proposals/${garage.id}`)).proposal;
    assert.deepEqual(after.meeting, { id: m.id, heldOn: '2026-12-09' });
  });
});
