import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, loginPage, phonePage, pickOption } from './support.js';
import { queryRows } from '../../server/db/client.js';
import { hashPassword } from '../../server/modules/auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../server/testing/harness.js';

/**
 * 征求民意 in real Chromium: the 都星座小区 party branch opens a fitness survey with every kind of question,
 * residents of several households answer it on the phone (/m/), a second member of an answered household is
 * refused with the server's Chinese message, the branch enters a paper ballot, closes and publishes the result,
 * and a resident reads it. An owners' decision shows its double majority.
 */
const SHOTS = process.env.SHOTS_DIR ?? '.tmp/screenshots';
const PHONE = { width: 390, height: 844 };
const TITLE = '都星座小区健身器材二期征求意见';
let env: TestEnv;
let browser: Browser;
let base: string;
let compound: { id: string; path: string } | undefined;
/** households A (answers online, two members with accounts), B and C (online), D (a paper ballot) */
let homes: Record<'A' | 'B' | 'C' | 'D', string>;

async function phoneAs(username: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ ctx: BrowserContext; page: Page }> {
  const page = await phonePage(browser, base, username, lang);
  return { ctx: page.context(), page };
}

async function noHorizontalScroll(page: Page, width: number): Promise<void> {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `page is ${w}px wide at ${width}px`);
}

async function pick(page: Page, testId: string, label: string): Promise<void> {
  await pickOption(page, page.getByTestId(testId), label);
}

const ballots = async (source?: string) =>
  (
    await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from consultation_ballots x join consultations c on c.district_id = x.district_id and c.id = x.consultation_id
        where c.title = ${TITLE} ${source ? sql`and x.source = ${source}` : sql``}`,
    )
  )[0]!.n;

/** Opens the survey on the phone and fills in the answers of one household. */
async function answerOnPhone(
  page: Page,
  a: { single: string; multiple: string[]; rankUp?: number; text?: string },
): Promise<void> {
  await page.getByTestId('m-tab-consultations').click();
  await page.getByTestId(`m-consult-${TITLE}`).click();
  await page.getByTestId('m-answer-form').waitFor();
  await page.getByTestId('question-1').getByText(a.single, { exact: true }).click();
  for (const m of a.multiple) await page.getByTestId('question-2').getByText(m, { exact: true }).click();
  for (let i = 0; i < (a.rankUp ?? 0); i++) await page.getByTestId('rank-up-3-2').click();
  await page.getByTestId('answer-map-4').locator('.leaflet-container').click();
  await page.getByTestId('answer-map-4').locator('.leaflet-tooltip').waitFor();
  if (a.text) await page.getByTestId('answer-text-5').fill(a.text);
}

describe('browser: 都星座小区 consults its residents on the phone and publishes the result', () => {
  before(async () => {
    env = await createTestEnv({ serveWeb: true });
    const db = env.ctx.db;
    [compound] = await queryRows<{ id: string; path: string }>(
      db,
      sql`select id, path from org_units where kind = 'compound' and name like '都星座%' order by id limit 1`,
    );
    // the compound's two ledger households, and two more in its first building: C takes one of A's members
    const ledger = await queryRows<{ id: string; building_id: string; n: number }>(
      db,
      sql`select h.id, h.building_id, (select count(*)::int from people p where p.household_id = h.id) as n
        from households h where h.compound_id = ${compound!.id} order by n desc, h.id`,
    );
    assert.ok(ledger.length >= 2 && ledger[0]!.n >= 3 && ledger[1]!.n >= 1, JSON.stringify(ledger));
    const building = ledger[0]!.building_id;
    for (const [id, room] of [
      ['H-DX-C', '301'],
      ['H-DX-D', '302'],
    ])
      await db.execute(sql`insert into households (district_id, id, building_id, compound_id, org_path, unit, room, exclusive_area)
        values ('140213', ${id}, ${building}, ${compound!.id}, ${compound!.path}, '1单元', ${room}, 88.5)`);
    homes = { A: ledger[0]!.id, B: ledger[1]!.id, C: 'H-DX-C', D: 'H-DX-D' };
    const people = async (h: string) =>
      (await queryRows<{ id: string }>(db, sql`select id from people where household_id = ${h} order by id`)).map(
        (p) => p.id,
      );
    const [a1, a2, a3] = await people(homes.A);
    const [b1] = await people(homes.B);
    await db.execute(sql`update people set household_id = 'H-DX-C' where id = ${a3!}`);
    const hash = await hashPassword(DEMO_PASSWORD);
    const users: [string, string, string, string | null][] = [
      ['dx-branch', '都星座小区党支部书记', 'branch_secretary', null],
      ['dx-a1', '都星座 A 户居民', 'resident', a1!],
      ['dx-a2', '都星座 A 户家人', 'resident', a2!],
      ['dx-b1', '都星座 B 户居民', 'resident', b1!],
      ['dx-c1', '都星座 C 户居民', 'resident', a3!],
    ];
    for (const [username, name, role, person] of users)
      await db.execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, person_id)
        values ('140213', ${`U-${username}`}, ${username}, ${name}, ${hash}, ${role}, ${compound!.id}, ${person})`);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  it('the branch opens a survey, households answer once each on the phone, a paper ballot, publish, a resident reads it', async () => {
    // ── the branch opens the survey with every kind of question ──
    const org = await loginPage(browser, base, 'dx-branch');
    await org.setViewportSize({ width: 1440, height: 900 });
    await org.goto(`${base}/consultations`);
    await org.getByTestId('consult-page').waitFor();
    await org.getByTestId('consult-new').click();
    await org.getByTestId('consult-title').fill(TITLE);
    const questions: [string, string, string][] = [
      ['单选', '最希望增加哪类器材', '太空漫步机\n乒乓球台'],
      ['多选', '家中常锻炼成员的年龄段', '60 岁以下\n60–69 岁\n70 岁及以上'],
      ['排序', '选址时优先考虑', '离楼近\n有座椅\n安静'],
      ['地图选点', '器材放在哪里', ''],
      ['填空', '其他建议', ''],
    ];
    for (const [i, [kind, prompt, options]] of questions.entries()) {
      if (i > 0) await org.getByTestId('consult-add-q').click();
      if (kind !== '单选') await pick(org, `consult-q-kind-${i}`, kind);
      await org.getByTestId(`consult-q-prompt-${i}`).fill(prompt);
      if (options) await org.getByTestId(`consult-q-options-${i}`).fill(options);
    }
    await org.getByTestId('consult-q-4').getByText('必答').click();
    await org.screenshot({ path: `${SHOTS}/consult-new-1440-zh.png`, fullPage: true });
    await org.getByTestId('consult-create').click();
    await org.getByTestId('consult-drawer').getByText(TITLE).waitFor();
    const [created] = await queryRows<{ id: string; organiser_kind: string; answer_per: string; n: number }>(
      env.ctx.db,
      sql`select c.id, c.organiser_kind, c.answer_per, (select count(*)::int from consultation_questions q where q.consultation_id = c.id) as n
        from consultations c where c.title = ${TITLE}`,
    );
    assert.deepEqual([created!.organiser_kind, created!.answer_per, created!.n], ['branch', 'household', 5]);

    // ── households answer on the phone; A's second member, whose form was open at the same time, is refused ──
    const a1 = await phoneAs('dx-a1');
    const a2 = await phoneAs('dx-a2');
    await answerOnPhone(a1.page, { single: '太空漫步机', multiple: ['60 岁以下', '60–69 岁'], text: '希望加装照明' });
    await answerOnPhone(a2.page, { single: '乒乓球台', multiple: ['70 岁及以上'] });
    await a1.page.screenshot({ path: `${SHOTS}/consult-m-form-390-zh.png`, fullPage: true });
    await noHorizontalScroll(a1.page, PHONE.width);
    await a1.page.getByTestId('m-answer-submit').click();
    await a1.page.getByTestId('m-answered').waitFor();
    await a2.page.getByTestId('m-answer-submit').click();
    const refused = a2.page.getByTestId('m-answer-error');
    await refused.waitFor();
    assert.match(await refused.innerText(), /您家已提交过（每户限一份），不能重复提交/);
    await a2.page.screenshot({ path: `${SHOTS}/consult-m-refused-390-zh.png`, fullPage: true });
    await a2.page.reload();
    await a2.page.getByTestId('m-answered').waitFor();
    assert.equal(await a2.page.getByTestId('m-answer-form').count(), 0, 'no form for an answered household');
    await a2.ctx.close();
    assert.equal(await ballots(), 1, 'the refused answer changed nothing');

    const b1 = await phoneAs('dx-b1', 'en');
    await answerOnPhone(b1.page, { single: '太空漫步机', multiple: ['60–69 岁', '70 岁及以上'], rankUp: 2 });
    await b1.page.screenshot({ path: `${SHOTS}/consult-m-form-390-en.png`, fullPage: true });
    await noHorizontalScroll(b1.page, PHONE.width);
    await b1.page.getByTestId('m-answer-submit').click();
    await b1.page.getByTestId('m-answered').waitFor();
    await b1.ctx.close();
    const c1 = await phoneAs('dx-c1');
    await answerOnPhone(c1.page, { single: '乒乓球台', multiple: ['60–69 岁'] });
    await c1.page.getByTestId('m-answer-submit').click();
    await c1.page.getByTestId('m-answered').waitFor();
    await c1.ctx.close();
    assert.equal(await ballots(), 3);

    // ── the branch enters D's paper ballot; A's household on paper is refused ──
    await org.goto(`${base}/consultations`);
    await org.getByTestId(`consult-row-${TITLE}`).click();
    await org.getByTestId('results').waitFor();
    const paper = async (room: string, single: string, multiple: string) => {
      await org.getByTestId('consult-paper').click();
      const dlg = org.getByTestId('paper-dialog');
      await dlg.waitFor();
      await org.getByTestId('paper-building').click();
      await org.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await pick(org, 'paper-household', room);
      await dlg.getByTestId('question-1').getByText(single, { exact: true }).click();
      await dlg.getByTestId('question-2').getByText(multiple, { exact: true }).click();
      await dlg.getByTestId('answer-map-4').locator('.leaflet-container').click();
      await dlg.getByTestId('answer-map-4').locator('.leaflet-tooltip').waitFor();
    };
    const [aRoom] = await queryRows<{ room: string }>(
      env.ctx.db,
      sql`select unit || ' ' || room as room from households where id = ${homes.A}`,
    );
    await paper(aRoom!.room, '太空漫步机', '70 岁及以上');
    await org.getByTestId('paper-save').click();
    const dup = org.getByTestId('paper-error');
    await dup.waitFor();
    assert.match(await dup.innerText(), /该户已有一份答卷/);
    await org.locator('.ant-modal-close').click();
    await org.getByTestId('paper-dialog').waitFor({ state: 'detached' });
    await paper('1单元 302', '太空漫步机', '70 岁及以上');
    await org.screenshot({ path: `${SHOTS}/consult-paper-1440-zh.png`, fullPage: true });
    await org.getByTestId('paper-save').click();
    await org.getByTestId('paper-dialog').waitFor({ state: 'detached' });
    assert.equal(await ballots('paper'), 1);

    // live results, worked by hand:
    // Q1 太空漫步机: A, B, D (paper) = 3; 乒乓球台: C = 1
    // Q2 <60: A = 1; 60–69: A, B, C = 3; ≥70: B, D = 2
    // Q3 Borda (2, 1, 0): A, C, D keep 离楼近 > 有座椅 > 安静; B moved 安静 to the top (安静 > 离楼近 > 有座椅);
    //    离楼近 2+1+2+0 = 5 (D answered no ranking on paper… it did: the shown order counts) → see below
    const counts = async (q: number) => org.getByTestId(`result-${q}`).getAttribute('data-counts');
    await org.waitForFunction(
      () => document.querySelector('[data-testid="result-1"]')?.getAttribute('data-counts') === '3,1',
    );
    assert.equal(await counts(1), '3,1');
    assert.equal(await counts(2), '1,3,2');
    // the paper ballot's ranking is the shown order too: 离楼近 2×3 + 1 = 7, 有座椅 1×3 + 0 = 3, 安静 0×3 + 2 = 2
    assert.equal(await counts(3), '7,3,2');
    assert.match(await org.getByTestId('results-summary').innerText(), /共 4 份答卷（其中纸质 1 份），应答 4/);
    assert.match(await org.getByTestId('result-5').innerText(), /希望加装照明/);
    await org.getByTestId('result-chart-1').locator('canvas').waitFor();
    await org.getByTestId('result-map').locator('.leaflet-container').waitFor();
    await org.screenshot({ path: `${SHOTS}/consult-live-1440-zh.png`, fullPage: true });
    await noHorizontalScroll(org, 1440);

    // ── close early and publish ──
    // each confirmation is gone before the next step: under load a second click can land on the closing dialog
    await org.getByTestId('consult-close').click();
    await org.getByTestId('consult-confirm').click();
    await org.getByTestId('consult-confirm').waitFor({ state: 'hidden' });
    await org.getByTestId('consult-publish').click();
    await org.getByTestId('consult-confirm').click();
    await org.getByTestId('consult-confirm').waitFor({ state: 'hidden' });
    await org.getByTestId('consult-drawer').getByText('已公布').first().waitFor();
    const [state] = await queryRows<{ published: boolean }>(
      env.ctx.db,
      sql`select published_at is not null as published from consultations where title = ${TITLE}`,
    );
    assert.equal(state!.published, true);

    // ── a resident reads the published result on the phone ──
    await a1.page.goto(`${base}/m/consultations`);
    await a1.page.getByTestId('m-consultations').waitFor();
    await a1.page.getByTestId(`m-consult-${TITLE}`).last().click();
    await a1.page.getByTestId('results').waitFor();
    assert.equal(await a1.page.getByTestId('result-1').getAttribute('data-counts'), '3,1');
    assert.equal(await a1.page.getByTestId('result-3').getAttribute('data-counts'), '7,3,2');
    await a1.page.getByTestId('m-answered').waitFor();
    await a1.page.screenshot({ path: `${SHOTS}/consult-m-result-390-zh.png`, fullPage: true });
    await noHorizontalScroll(a1.page, PHONE.width);
    await a1.page.evaluate(() => window.localStorage.setItem('linli.lang', 'en'));
    await a1.page.reload();
    await a1.page.getByTestId('results').waitFor();
    await a1.page.screenshot({ path: `${SHOTS}/consult-m-result-390-en.png`, fullPage: true });
    await a1.ctx.close();

    // the list in English at 1440 and the page at 390
    await org.evaluate(() => window.localStorage.setItem('linli.lang', 'en'));
    await org.goto(`${base}/consultations`);
    await org.getByTestId(`consult-row-${TITLE}`).click();
    await org.getByTestId('results').waitFor();
    await org.screenshot({ path: `${SHOTS}/consult-published-1440-en.png`, fullPage: true });
    await org.setViewportSize(PHONE);
    await org.locator('.ant-drawer-close').click();
    await org.screenshot({ path: `${SHOTS}/consult-list-390-en.png`, fullPage: true });
    await noHorizontalScroll(org, PHONE.width);
    await org.evaluate(() => window.localStorage.setItem('linli.lang', 'zh-CN'));
    await org.reload();
    await org.getByTestId('consult-list').waitFor();
    await org.screenshot({ path: `${SHOTS}/consult-list-390-zh.png`, fullPage: true });
    await noHorizontalScroll(org, PHONE.width);
    await org.context().close();
  });

  it("an owners' decision shows its area and owner shares against each threshold", async () => {
    const res = await env.as('dx-branch').post('/api/consultations', {
      title: '使用维修资金维修 1 号楼屋面',
      kind: 'owners_decision',
      organiserKind: 'owners_committee',
      orgUnitId: compound!.id,
      matter: 'use_maintenance_fund',
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = json<{ consultation: { id: string } }>(res).consultation.id;
    for (const [h, choice] of [
      [homes.A, 0],
      [homes.B, 0],
      [homes.C, 1],
    ] as const) {
      const r = await env.as('dx-branch').post(`/api/consultations/${id}/paper-ballots`, {
        householdId: h,
        answers: [{ questionId: 1, choices: [choice] }],
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const org = await loginPage(browser, base, 'dx-branch');
    await org.setViewportSize({ width: 1440, height: 900 });
    await org.goto(`${base}/consultations`);
    await org.getByTestId('consult-row-使用维修资金维修 1 号楼屋面').click();
    const panel = org.getByTestId('decision-panel');
    await panel.waitFor();
    // 3 of 4 owners took part (3×3 = 9 ≥ 8) — the area decides the rest; the server's figures are shown as they are
    const r = json<{ decision: { participationMet: boolean; consentMet: boolean; passed: boolean } }>(
      await env.as('dx-branch').get(`/api/consultations/${id}/results`),
    ).decision;
    assert.equal(await org.getByTestId('decision-passed').innerText(), r.passed ? '通过' : '未通过');
    assert.equal(await org.getByTestId('decision-participation').innerText(), r.participationMet ? '达到' : '未达到');
    assert.equal(await org.getByTestId('decision-consent').innerText(), r.consentMet ? '达到' : '未达到');
    assert.match(await panel.innerText(), /人数 3（75\.0%）/);
    await org.screenshot({ path: `${SHOTS}/consult-decision-1440-zh.png`, fullPage: true });
    await org.setViewportSize(PHONE);
    await org.screenshot({ path: `${SHOTS}/consult-decision-390-zh.png`, fullPage: true });
    await noHorizontalScroll(org, PHONE.width);
    await org.context().close();
  });
});
