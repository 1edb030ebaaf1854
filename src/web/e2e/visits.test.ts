import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, popupOf } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, type TestEnv } from '../../server/testing/harness.js';

/**
 * 走访慰问 in real Chromium: the 太和社区 worker records a visit in 水泊寺街道's campaign (a person found in the
 * registry, a gift, 200 元, a follow-up need) and turns the need into a work order in one step; the ledger,
 * zh and en, at 1440 and 390 px without horizontal overflow.
 */
const SHOTS = process.env.SHOTS_DIR ?? '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;

describe('browser: recording a visit whose need becomes a work order', () => {
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

  it('records the visit, converts its need, and shows the order number in the ledger', async () => {
    const [person] = await queryRows<{ id: string; name: string }>(
      env.ctx.db,
      sql`select p.id, p.name from people p join party_members m on m.person_id = p.id and m.status = 'active'
        join org_units o on o.path = p.org_path where o.name = '星港城' and p.protection is null
          and not exists (select 1 from visits v where v.person_id = p.id)
        order by p.id limit 1`,
    );
    const page = await loginPage(browser, base, 'taihe');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/party/visits`);
    await page.getByTestId('visit-campaigns').getByText('水泊寺街道走访慰问老党员、困难党员').waitFor();
    await page.screenshot({ path: `${SHOTS}/visits-1440-zh.png`, fullPage: true });

    await page.getByTestId('visit-new').click();
    const campaigns = await popupOf(page, page.getByTestId('visit-form-campaign'));
    await page.getByTestId('visit-form-campaign').click();
    await campaigns.getByText('水泊寺街道走访慰问老党员、困难党员').click();
    // the person search answers from the server: pick the option that names this person once it is there
    const people = await popupOf(page, page.getByTestId('visit-form-person'));
    await page.getByTestId('visit-form-person').click();
    await page.keyboard.type(person!.name);
    await people.locator('.ant-select-item-option', { hasText: person!.name }).first().click();
    await page.getByTestId('visit-form-visitors').click();
    await page.keyboard.type('李社工');
    await page.keyboard.press('Enter');
    await page.getByTestId('visit-form-money').fill('200');
    await page.getByTestId('visit-form-situation').fill('独居，腿脚不便');
    await page.getByTestId('visit-form-add-need').click();
    await page.getByPlaceholder('需要跟进的事项，可转为工单或转介').fill('楼道灯坏了，晚上看不见');
    await page.screenshot({ path: `${SHOTS}/visits-form-1440-zh.png` });
    await page.locator('#visit-save').click();

    await page.getByText('楼道灯坏了，晚上看不见').waitFor();
    const [need] = await queryRows<{ id: string; money_yuan: number }>(
      env.ctx.db,
      sql`select n.id, v.money_yuan from visit_needs n join visits v on v.id = n.visit_id where v.person_id = ${person!.id}`,
    );
    assert.equal(need!.money_yuan, 200);
    await page.getByTestId(`visit-need-order-${need!.id}`).click();
    await page.getByTestId('visit-order-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.locator('#visit-order-ok').click();
    const [linked] = await queryRows<{ no: string; channel: string }>(
      env.ctx.db,
      sql`select w.no, w.channel from visit_needs n join work_orders w on w.id = n.work_order_id where n.id = ${need!.id}`,
    ).then(async (rows) => {
      if (rows.length) return rows;
      await page.getByTestId(`visit-need-${need!.id}`).getByText('已转工单').waitFor();
      return queryRows<{ no: string; channel: string }>(
        env.ctx.db,
        sql`select w.no, w.channel from visit_needs n join work_orders w on w.id = n.work_order_id where n.id = ${need!.id}`,
      );
    });
    assert.equal(linked!.channel, 'party_household');
    await page.getByTestId(`visit-need-${need!.id}`).getByText(`已转工单 ${linked!.no}`).waitFor();
    await assertNoSideScroll(page, 'no horizontal overflow at 1440');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('visit-ledger').waitFor();
    await page.screenshot({ path: `${SHOTS}/visits-390-zh.png`, fullPage: true });
    await assertNoSideScroll(page, 'no horizontal overflow at 390');

    await page.evaluate(() => localStorage.setItem('linli.lang', 'en'));
    await page.reload();
    await page.getByText('Visit ledger').waitFor();
    await page.screenshot({ path: `${SHOTS}/visits-390-en.png`, fullPage: true });
    await assertNoSideScroll(page, 'no horizontal overflow at 390 (en)');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/visits-1440-en.png`, fullPage: true });
  });
});
