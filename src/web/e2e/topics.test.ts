import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { assertNoSideScroll, launchChromium, loginPage, popupOf } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { createTestEnv, json, type TestEnv } from '../../server/testing/harness.js';
import { compoundId } from '../../server/testing/orders.js';
import type { TopicDetail } from '../../shared/topics.schema.js';

/**
 * 治理课题 in the browser: the district edits a topic (name, responsible units, one more pilot compound
 * found by search) and closes it; the server holds exactly what was saved, audited.
 */
const SHOTS = '.tmp/screenshots';
let env: TestEnv;
let browser: Browser;
let base: string;
let topicId: string;

describe('browser: editing and closing a governance topic', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    const res = await env.as('admin').post('/api/assessment/topics', {
      title: '装修拆改专项治理',
      categoryId: 'C05',
      sourceKind: 'compound',
      sourceKey: 'browser-test|C05',
      startMonth: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7),
      pilotCompoundIds: [await compoundId(env.ctx.db)],
      owners: ['区住建局'],
    });
    assert.equal(res.statusCode, 201, res.body);
    topicId = json<TopicDetail>(res).topic.id;
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('changes the name, the responsible units and the pilots, then closes the topic', async () => {
    const page = await loginPage(browser, base, 'admin');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/assessment/topics`);
    const row = page.getByTestId('topic-table').locator('tr.ant-table-row').filter({ hasText: '装修拆改专项治理' });
    await row.getByRole('button').click();
    const drawer = page.getByTestId('topic-drawer');
    await drawer.getByTestId('topic-edit').click();
    await page.getByTestId('topic-edit-title').fill('装修拆改结构专项治理');
    await page.getByTestId('topic-edit-owners').fill('区住建局、区房产服务中心');
    const pilots = page.getByTestId('topic-edit-pilots');
    const popup = await popupOf(page, pilots);
    await pilots.click();
    await page.keyboard.type('云汽园');
    // the search settles before the pick; under load a re-render can still move the list under the click: pick again
    const chosen = pilots.locator('.ant-select-selection-item').filter({ hasText: '云汽园' });
    for (let attempt = 1; ; attempt++) {
      await pilots.locator('.anticon-loading').waitFor({ state: 'detached' });
      await popup.locator('.ant-select-item-option[title="云汽园"]').first().click();
      try {
        await chosen.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        if (!(await popup.isVisible())) await pilots.click();
      }
    }
    // both pilots chosen before saving
    await pilots.locator('.ant-select-selection-item').filter({ hasText: '星港城' }).waitFor();
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${SHOTS}/topic-edit-1440.png` });
    await page.getByTestId('topic-edit-save').click();
    await drawer.getByText('区住建局、区房产服务中心').waitFor();
    await drawer.getByText('试点小区（2）', { exact: false }).waitFor();

    const saved = json<TopicDetail>(await env.as('admin').get(`/api/assessment/topics/${topicId}`)).topic;
    assert.equal(saved.title, '装修拆改结构专项治理');
    assert.deepEqual(saved.owners, ['区住建局', '区房产服务中心']);
    assert.deepEqual(saved.pilotCompounds.map((c) => c.name).sort(), ['云汽园', '星港城'].sort());

    await drawer.getByTestId('topic-close').click();
    await page.getByTestId('topic-close-ok').click();
    await drawer.getByText('已结题').waitFor();
    assert.equal(await drawer.getByTestId('topic-edit').count(), 0, 'a closed topic is no longer edited');
    const closed = json<TopicDetail>(await env.as('admin').get(`/api/assessment/topics/${topicId}`)).topic;
    assert.equal(closed.status, 'closed');
    const audits = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'assessment.topic_updated' and entity_id = ${topicId}`,
    );
    assert.equal(audits[0]!.n, 2, 'the edit and the closing, each audited');

    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/topic-closed-390.png`, fullPage: true });
    await page.context().close();
  });
});
