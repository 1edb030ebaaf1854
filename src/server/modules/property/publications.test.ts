import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type {
  Overdue,
  Publication,
  PublicationList,
  PublicPage,
} from '../../../shared/property-publications.schema.js';
import { GUODONG } from '../../demo/property.js';
import { lastQuarter } from './publications.service.js';

let env: TestEnv;
let yunqi: string;
let xinggang: string;
let district: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const count = async () =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from property_publications`))[0]!.n;

const statement = (expenseTotalCents: number) => ({
  column: 'finance',
  title: '2026 年第三季度物业费收支公示',
  period: '2026-Q3',
  lines: [
    { label: '物业费收入', kind: 'income', amountCents: 12_000_000 },
    { label: '停车费收入', kind: 'income', amountCents: 1_500_000 },
    { label: '保洁绿化', kind: 'expense', amountCents: 6_000_000 },
    { label: '围墙重建', kind: 'expense', amountCents: 2_350_000 },
  ],
  incomeTotalCents: 13_500_000,
  expenseTotalCents,
});

describe('物业 公示三专栏: entered by the company, reviewed by the branch, published on a public page', () => {
  before(async () => {
    env = await createTestEnv();
    yunqi = await compoundId(env.ctx.db, '云汽园');
    xinggang = await compoundId(env.ctx.db, '星港城');
    district = (await queryRows<{ d: string }>(env.ctx.db, sql`select id as d from districts limit 1`))[0]!.d;
  });
  after(() => env.close());

  it('refuses a statement whose lines do not sum, in Chinese, and writes nothing', async () => {
    const before = await count();
    const res = await env.as('guodong').post(`/api/property/compounds/${yunqi}/publications`, statement(8_000_000));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(error(res).code, 'STATEMENT_NOT_BALANCED');
    assert.match(error(res).message, /支出明细合计 83500\.00 元，填报合计 80000\.00 元/);
    const noPeriod = await env
      .as('guodong')
      .post(`/api/property/compounds/${yunqi}/publications`, { ...statement(8_350_000), period: undefined });
    assert.equal(error(noPeriod).code, 'PERIOD_REQUIRED');
    assert.equal(await count(), before);
  });

  it('lets only the serving company submit, only the compound’s branch or community review', async () => {
    const body = statement(8_350_000);
    // another compound: 国东物业 does not serve 星港城
    const other = await env.as('guodong').post(`/api/property/compounds/${xinggang}/publications`, body);
    assert.equal(other.statusCode, 403, other.body);
    // staff enter nothing for the company
    const staff = await env.as('youyijie').post(`/api/property/compounds/${yunqi}/publications`, body);
    assert.equal(staff.statusCode, 403);
    assert.equal(error(staff).code, 'PERMISSION_DENIED');

    const res = await env.as('guodong').post(`/api/property/compounds/${yunqi}/publications`, body);
    assert.equal(res.statusCode, 201, res.body);
    const p = json<Publication>(res);
    assert.equal(p.status, 'submitted');
    assert.equal(p.companyName, GUODONG);

    // nothing public before review
    const pub0 = json<PublicPage>(await env.as(null).get(`/api/public/property/${district}/compounds/${yunqi}`));
    assert.equal(pub0.items.filter((i) => i.period === '2026-Q3').length, 0);

    // 星港城's branch and 太和's community do not reach 云汽园; the company cannot review its own notice
    for (const u of ['xinggang-branch', 'taihe', 'guodong']) {
      const r = await env
        .as(u)
        .post(`/api/property/publications/${p.id}/review`, { decision: 'approve', version: p.version });
      assert.equal(r.statusCode, 403, `${u}: ${r.body}`);
    }
    const noReason = await env
      .as('youyijie')
      .post(`/api/property/publications/${p.id}/review`, { decision: 'return', version: p.version });
    assert.equal(error(noReason).code, 'RETURN_REASON_REQUIRED');

    const list = json<PublicationList>(await env.as('youyijie').get(`/api/property/compounds/${yunqi}/publications`));
    assert.equal(list.canReview, true);
    assert.equal(list.canSubmit, false);
    assert.equal(
      json<PublicationList>(await env.as('guodong').get(`/api/property/compounds/${yunqi}/publications`)).canSubmit,
      true,
    );

    const ok = await env
      .as('youyijie')
      .post(`/api/property/publications/${p.id}/review`, { decision: 'approve', version: p.version });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json<Publication>(ok).status, 'published');
    const again = await env
      .as('youyijie')
      .post(`/api/property/publications/${p.id}/review`, { decision: 'approve', version: p.version + 1 });
    assert.equal(error(again).code, 'NOT_SUBMITTED');
  });

  it('returns a notice with its reason; the company sees why', async () => {
    const res = await env.as('guodong').post(`/api/property/compounds/${yunqi}/publications`, {
      column: 'fees',
      title: '物业服务收费标准',
      content: '住宅 0.80 元/㎡·月；车位 80 元/月',
    });
    const p = json<Publication>(res);
    const back = await env.as('youyijie').post(`/api/property/publications/${p.id}/review`, {
      decision: 'return',
      reason: '缺少物价备案号',
      version: p.version,
    });
    assert.equal(json<Publication>(back).status, 'returned');
    const mine = json<PublicationList>(await env.as('guodong').get(`/api/property/compounds/${yunqi}/publications`));
    assert.equal(mine.items.find((i) => i.id === p.id)!.returnReason, '缺少物价备案号');
  });

  it('shows the public page without login and without any person', async () => {
    const res = await env.as(null).get(`/api/public/property/${district}/compounds/${yunqi}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = json<PublicPage>(res);
    assert.equal(page.compound.name, '云汽园');
    assert.equal(page.companyName, GUODONG);
    assert.ok(page.items.some((i) => i.column === 'finance' && i.period === '2026-Q3'));
    assert.ok(
      !page.items.some((i) => i.title === '物业服务收费标准' && i.content.includes('元/㎡·月；车位')),
      'the returned one is not shown',
    );
    const names = await queryRows<{ n: string }>(env.ctx.db, sql`select display_name as n from users`);
    for (const { n } of names) assert.ok(!res.body.includes(n), `no account name on the public page (${n})`);
    assert.doesNotMatch(res.body, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no phone number');
    assert.doesNotMatch(res.body, /submittedBy|reviewedBy|returnReason/);
    const missing = await env.as(null).get(`/api/public/property/${district}/compounds/nope`);
    assert.equal(error(missing).code, 'COMPOUND_NOT_FOUND');
  });

  it('reads the compound notices as every role: staff of the subtree and the serving company only', async () => {
    const users: Record<string, number> = {};
    for (const u of [
      'admin',
      'shuibosi',
      'youyijie',
      'taihe',
      'xinggang-branch',
      'zhujian',
      'resident',
      'guodong',
      'juror1',
    ]) {
      users[u] = (await env.as(u).get(`/api/property/compounds/${yunqi}/publications`)).statusCode;
    }
    assert.deepEqual(users, {
      admin: 200,
      shuibosi: 403, // 水泊寺 street: 云汽园 lies in 永泰街道
      youyijie: 200,
      taihe: 403,
      'xinggang-branch': 403,
      zhujian: 403,
      resident: 403,
      guodong: 200,
      juror1: 403,
    });
  });

  it('flags a quarter whose statement is not published within the grace days', async () => {
    assert.deepEqual(lastQuarter(new Date('2026-12-02T00:00:00Z'), 30), {
      period: '2026-Q3',
      endsOn: '2026-09-30',
      dueOn: '2026-10-30',
    });
    assert.equal(lastQuarter(new Date('2026-02-01T00:00:00Z'), 10).period, '2025-Q4');
    const o = json<Overdue>(await env.as('youyijie').get('/api/property/publications/overdue?graceDays=30'));
    const names = o.items.map((i) => i.compoundName);
    assert.ok(!names.includes('云汽园') || o.period !== '2026-Q3', '云汽园 published 2026-Q3');
    assert.ok(o.items.length > 0, 'the other compounds of 友谊街 are overdue');
    assert.ok(
      o.items.every((i) => i.communityName === '友谊街社区'),
      'only the caller’s scope',
    );
  });
});
