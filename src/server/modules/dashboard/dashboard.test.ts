import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, login, type TestEnv } from '../../testing/harness.js';
import type { CoverageRow } from '../../../shared/dashboard.schema.js';

let env: TestEnv;
type Coverage = { scope: { id: string }; totals: CoverageRow; rows: CoverageRow[] };

describe('coverage dashboard', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('computes the seed figures for the district from data', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/dashboard/coverage',
      headers: { cookie: await login(env.app, 'admin') },
    });
    const { totals, rows } = json<Coverage>(res);
    assert.equal(totals.compounds, 724);
    assert.equal(totals.coveredCompounds, 724);
    assert.equal(totals.branches, 487);
    assert.equal(totals.branchesWithSecretary, 440);
    assert.equal(totals.secretaryCoverage, 0.9035); // 440/487; the seed rounds it to 90.2%
    assert.equal(totals.branchesWithStation, 292);
    assert.equal(totals.stationCoverage, 0.5996);
    assert.equal(totals.ownersCommittees, 724);
    assert.equal(rows.length, 18);
    assert.equal(
      rows.reduce((n, r) => n + r.compounds, 0),
      724,
    );
    assert.equal(
      rows.reduce((n, r) => n + r.branches, 0),
      487,
    );
  });

  it('follows the data: a new compound without a branch lowers coverage', async () => {
    const admin = await login(env.app, 'admin');
    const [c] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '太和社区'`);
    await env.app.inject({
      method: 'POST',
      url: '/api/compounds',
      headers: { cookie: admin },
      payload: { communityId: c!.id, name: '无支部新苑' },
    });
    const { totals } = json<Coverage>(
      await env.app.inject({ method: 'GET', url: '/api/dashboard/coverage', headers: { cookie: admin } }),
    );
    assert.equal(totals.compounds, 725);
    assert.equal(totals.coveredCompounds, 724);
    assert.equal(totals.ownersCommittees, 724);
  });

  it('scopes a street user to their street and its communities', async () => {
    const street = await login(env.app, 'shuibosi');
    const { scope, rows, totals } = json<Coverage>(
      await env.app.inject({ method: 'GET', url: '/api/dashboard/coverage', headers: { cookie: street } }),
    );
    const [s] = await queryRows<{ id: string; n: number }>(
      env.ctx.db,
      sql`select p.id, (select count(*)::int from org_units c where c.parent_id = p.id) as n from org_units p where p.name = '水泊寺街道'`,
    );
    assert.equal(scope.id, s!.id);
    assert.equal(rows.length, s!.n);
    assert.ok(totals.compounds > 0 && totals.compounds < 724);
    const denied = await env.app.inject({
      method: 'GET',
      url: '/api/dashboard/coverage?orgUnitId=140213',
      headers: { cookie: street },
    });
    assert.equal(denied.statusCode, 403);
  });
});
