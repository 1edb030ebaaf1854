import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, pickOption } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { GUODONG } from '../../server/demo/property.js';
import { createTestEnv, login, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';

/**
 * The seeds' 云汽园 wall as the property company lives it: 友谊街社区 dispatches the leaning wall to the
 * compound's company — 国东物业, a real party now — whose account finds the leg in its inbox and records
 * the rebuilt wall. Photos are not attached: the attachments work is not merged into this branch.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let orderId: string;

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('browser: 国东物业 receives and fulfils the 云汽园 leg', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    const cookie = await login(env.app, 'youyijie');
    const call = async (url: string, payload: object) => {
      const res = await env.app.inject({ method: 'POST', url, headers: { cookie }, payload });
      assert.ok(res.statusCode < 300, res.body);
      return res.json<{ order: { id: string; version: number } }>().order;
    };
    let order = await call('/api/work-orders', {
      channel: 'grid_patrol',
      categoryId: 'C04',
      title: '云汽园西侧围墙开裂倾斜',
      description: '小区西侧长 400 多米的围墙出现裂缝且整面墙向西倾斜，墙西是停车场',
      compoundId: await compoundId(env.ctx.db, '云汽园'),
    });
    order = await call(`/api/work-orders/${order.id}/accept`, { version: order.version });
    order = await call(`/api/work-orders/${order.id}/dispatch`, {
      version: order.version,
      legs: [{ handlerKind: 'property' }],
    });
    orderId = order.id;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('logs in as 国东物业, finds the leg in its inbox and records the rebuilt wall', async () => {
    const page = await loginPage(browser, base, 'guodong');
    await page.goto(`${base}/property`);
    await page.getByTestId('my-company').getByText(GUODONG).waitFor();
    await page.getByText('云汽园').first().waitFor();
    await shoot(page, 'property-my-company');

    await page.goto(`${base}/orders`);
    const row = page.getByTestId('orders-table').locator('tr').filter({ hasText: '云汽园西侧围墙开裂倾斜' });
    await row.first().waitFor();
    await row.locator('a').first().click();
    await page.getByTestId('order-detail').waitFor();
    const fulfil = page.locator(`[data-testid="leg-fulfil"][data-leg-handler="${GUODONG}"]`);
    await fulfil.click();
    await page.getByTestId('fulfil-result').fill('国东物业 3 天拆除危墙，重建美观坚固的护栏');
    await shoot(page, 'property-fulfil');
    await page.getByTestId('fulfil-submit').click();
    await fulfil.waitFor({ state: 'detached' });
    const [leg] = await queryRows<{ status: string; result: string; work_unit_id: string }>(
      env.ctx.db,
      sql`select status, result, work_unit_id from work_order_legs where order_id = ${orderId}`,
    );
    assert.equal(leg!.status, 'fulfilled');
    assert.match(leg!.result, /重建/);
    assert.match(leg!.work_unit_id, /^PC-/);
    await page.context().close();
  });

  it('shows the register, a compound’s change history and the unmanaged compounds to the district', async () => {
    const page = await loginPage(browser, base, 'admin');
    await page.goto(`${base}/property`);
    await page.getByText(GUODONG).first().waitFor();
    await shoot(page, 'property-register');
    await page.getByRole('tab', { name: '管理悬空小区' }).click();
    await page.getByText('按街道统计').waitFor();
    await shoot(page, 'property-unmanaged');
    await page.getByRole('tab', { name: '小区物业与更换历史' }).click();
    await page.getByTestId('compound-pick').click();
    await page.keyboard.type('云汽园');
    await page.locator('.ant-select-item-option:visible').filter({ hasText: '云汽园' }).first().click();
    await page.getByText('物业服务历史').waitFor();
    await page.getByText('已更换').first().waitFor();
    await page.getByTestId('renovations-panel').waitFor();
    await shoot(page, 'property-compound');
    await page.getByRole('tab', { name: '老旧小区改造' }).click();
    await page.getByTestId('renovation-renovated').getByText('129').waitFor();
    await page.getByTestId('renovation-inProgress').getByText('12').waitFor();
    await shoot(page, 'property-renovations');
    await page.context().close();
  });

  it('the community records the completed renovation of 星港城, which is then 已改造', async () => {
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/property`);
    await page.getByRole('tab', { name: '小区物业与更换历史' }).click();
    await page.getByTestId('compound-pick').click();
    await page.keyboard.type('星港城');
    await page.locator('.ant-select-item-option:visible').filter({ hasText: '星港城' }).first().click();
    const panel = page.getByTestId('renovations-panel');
    await panel.getByTestId('renovation-add').click();
    await panel.getByText('加装电梯（完善类）').click();
    await panel.getByTestId('renovation-investment').fill('360');
    await pickOption(page, panel.getByTestId('renovation-status'), '已完工');
    await panel.getByTestId('renovation-completed').click();
    await page.keyboard.type('2026-10-20');
    await page.keyboard.press('Enter');
    await panel.getByTestId('renovation-implementer').fill('平城区住建局（山西建投施工）');
    await panel.getByTestId('renovation-save').click();
    await panel.getByText('已完工 2026-10-20').waitFor();
    await panel.getByText('已改造', { exact: true }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/property-renovation-390.png`, fullPage: true });
    await page.context().close();
    const [row] = await queryRows<{ investment_yuan: string; renovated: boolean }>(
      env.ctx.db,
      sql`select r.investment_yuan, c.is_renovated as renovated from compound_renovations r
            join org_units c on c.district_id = r.district_id and c.id = r.compound_id
          where c.name = '星港城' and r.items @> '["elevator"]'::jsonb`,
    );
    assert.deepEqual([Number(row!.investment_yuan), row!.renovated], [3_600_000, true]);
  });

  it('publishes the 2025 evaluation of 国东物业 on 云汽园’s public page, read on a phone without login', async () => {
    const yunqi = await compoundId(env.ctx.db, '云汽园');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/p/property/140213/${yunqi}`);
    await page.getByTestId('public-compound').getByText('云汽园').waitFor();
    await page.getByText('服务评价', { exact: true }).click();
    const card = page.getByTestId('public-evaluation').filter({ hasText: '2025' });
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, new RegExp(GUODONG));
    assert.match(text, /总分 \d+\.\d{2}/);
    assert.match(text, /\d+ 户居民参与评价/);
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/public-evaluation-390.png`, fullPage: true });
    await context.close();
  });
});
