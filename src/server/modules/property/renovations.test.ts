import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { FIGURES } from '../../demo/pingcheng.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type { CompoundRenovations, RenovationSummary } from '../../../shared/property-renovations.schema.js';

/**
 * 老旧小区改造: the demo's 129 renovated old compounds and 12 in progress; a street counts its own; the
 * community records a completed project for 星港城, which becomes 已改造; wrong dates, no items or another
 * community are refused and write nothing; 国东物业 reads the projects of the compound it serves only.
 */
let env: TestEnv;
let xinggang: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const count = async () =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from compound_renovations`))[0]!.n;
const project = {
  year: 2026,
  items: ['pipes', 'elevator'],
  investmentYuan: 3_600_000,
  implementer: '平城区住房和城乡建设局（山西建投施工）',
  status: 'completed',
  startedOn: '2026-04-01',
  completedOn: '2026-10-20',
};

before(async () => {
  env = await createTestEnv();
  xinggang = await compoundId(env.ctx.db);
});
after(() => env.close());

describe('老旧小区改造', () => {
  it('the demo: 129 renovated old compounds with their projects, 12 in progress; a street counts its own', async () => {
    const all = json<RenovationSummary>(await env.as('admin').get('/api/property/renovations/summary'));
    assert.equal(all.oldCompounds, FIGURES.oldCompounds);
    assert.equal(all.renovated, FIGURES.renovated);
    assert.equal(all.inProgress, 12);
    assert.equal(
      all.byYear.reduce((s, y) => s + y.compounds, 0),
      FIGURES.renovated,
    );
    assert.ok(all.byYear.every((y) => y.year >= 2019 && y.year <= 2025));
    assert.equal(
      all.investmentYuan,
      all.byYear.reduce((s, y) => s + y.investmentYuan, 0),
    );
    const street = json<RenovationSummary>(await env.as('shuibosi').get('/api/property/renovations/summary'));
    const [own] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from org_units c join org_units s on s.name = '水泊寺街道' and c.path like s.path || '%'
          where c.kind = 'compound' and c.is_renovated`,
    );
    assert.equal(street.renovated, own!.n);
    assert.ok(street.oldCompounds < all.oldCompounds);
  });

  it('records a completed project; the compound becomes 已改造', async () => {
    const before = await count();
    const res = await env.as('taihe').post(`/api/property/compounds/${xinggang}/renovations`, project);
    assert.equal(res.statusCode, 201, res.body);
    const view = json<CompoundRenovations>(res);
    assert.equal(view.compound.isRenovated, true);
    const saved = view.items.find((i) => i.year === 2026 && i.items.includes('elevator'))!;
    assert.deepEqual([saved.status, saved.investmentYuan, saved.completedOn], ['completed', 3_600_000, '2026-10-20']);
    assert.equal(await count(), before + 1);
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'property.renovation_record' and entity_id = ${xinggang}`,
    );
    assert.equal(audit!.n, 1);
  });

  it('refuses wrong dates, no items and another community’s compound, writing nothing', async () => {
    const before = await count();
    const post = (user: string, body: object) =>
      env.as(user).post(`/api/property/compounds/${xinggang}/renovations`, { ...project, ...body });
    const noDate = await post('taihe', { completedOn: null });
    assert.equal(noDate.statusCode, 400);
    assert.equal(error(noDate).code, 'RENOVATION_DATES');
    assert.match(error(noDate).message, /完工日期/);
    const backwards = await post('taihe', { startedOn: '2026-11-01', completedOn: '2026-10-01' });
    assert.equal(error(backwards).code, 'RENOVATION_DATES');
    const planned = await post('taihe', { status: 'planned' });
    assert.equal(error(planned).code, 'RENOVATION_DATES', 'a planned project has no completion date');
    const empty = await post('taihe', { items: [] });
    assert.equal(empty.statusCode, 400);
    assert.equal(error(empty).code, 'VALIDATION_FAILED');
    const other = await post('youyijie', {});
    assert.equal(other.statusCode, 403);
    assert.equal(error(other).code, 'SCOPE_FORBIDDEN');
    assert.equal(await count(), before);
  });

  it('国东物业 reads the projects of 云汽园, which it serves, and not those of 星港城', async () => {
    const yunqi = await compoundId(env.ctx.db, '云汽园');
    assert.equal((await env.as('guodong').get(`/api/property/compounds/${yunqi}/renovations`)).statusCode, 200);
    const refused = await env.as('guodong').get(`/api/property/compounds/${xinggang}/renovations`);
    assert.equal(refused.statusCode, 403);
  });
});
