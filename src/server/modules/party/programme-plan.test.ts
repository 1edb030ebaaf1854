import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';

/**
 * The district plans the 六大工程: it opens next year's six programmes from this year's (indicators and
 * targets carried over), once; it sets targets with the version it saw. Streets and communities report
 * progress but do not plan; refusals change nothing.
 */
interface Programmes {
  year: number;
  items: { id: string; key: string; version: number; indicators: { key: string; target: number }[] }[];
}
let env: TestEnv;
const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const code = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;
const count = async (year: number) =>
  (
    await queryRows<{ n: number }>(
      env.ownerDatabase.db,
      sql`select count(*)::int as n from party_programmes where year = ${year}`,
    )
  )[0]!.n;

describe('六大工程: the year plan and its targets', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('opens next year from this year’s programmes, once; only the district may', async () => {
    const now = json<Programmes>(await env.as('admin').get(`/api/party/programmes?year=${thisYear}`));
    assert.equal(now.items.length, 6);
    const street = await env.as('shuibosi').post('/api/party/programmes/years', { year: thisYear + 1 });
    assert.equal(street.statusCode, 403);
    assert.equal(code(street.body), 'PERMISSION_DENIED');
    assert.equal(await count(thisYear + 1), 0);

    const res = await env.as('admin').post('/api/party/programmes/years', { year: thisYear + 1 });
    assert.equal(res.statusCode, 201, res.body);
    const next = json<Programmes>(res);
    assert.equal(next.year, thisYear + 1);
    assert.deepEqual(
      next.items.map((p) => [p.key, p.indicators.map((i) => [i.key, i.target])]),
      now.items.map((p) => [p.key, p.indicators.map((i) => [i.key, i.target])]),
    );
    const again = await env.as('admin').post('/api/party/programmes/years', { year: thisYear + 1 });
    assert.equal(again.statusCode, 409);
    assert.equal(code(again.body), 'PROGRAMME_YEAR_EXISTS');
    assert.equal(await count(thisYear + 1), 6);
    for (const year of [thisYear - 1, thisYear + 2]) {
      const out = await env.as('admin').post('/api/party/programmes/years', { year });
      assert.equal(out.statusCode, 400, out.body);
      assert.equal(code(out.body), 'PROGRAMME_YEAR_OUT_OF_RANGE');
    }
    const [audit] = await queryRows<{ n: number }>(
      env.ownerDatabase.db,
      sql`select count(*)::int as n from audit_log where action = 'party_programme.open_year'`,
    );
    assert.equal(audit!.n, 1);
  });

  it('sets targets with the version seen; a stale version or an unknown indicator changes nothing', async () => {
    const list = json<Programmes>(await env.as('admin').get(`/api/party/programmes?year=${thisYear}`));
    const p = list.items.find((x) => x.key === 'capability')!;
    const url = `/api/party/programmes/${p.id}/targets`;
    const ok = await env.as('admin').put(url, { version: p.version, targets: [{ key: 'trainings', target: 24 }] });
    assert.equal(ok.statusCode, 200, ok.body);
    const after1 = json<Programmes>(ok).items.find((x) => x.id === p.id)!;
    assert.equal(after1.indicators.find((i) => i.key === 'trainings')!.target, 24);
    assert.equal(after1.version, p.version + 1);

    const stale = await env.as('admin').put(url, { version: p.version, targets: [{ key: 'trainings', target: 30 }] });
    assert.equal(stale.statusCode, 409);
    assert.equal(code(stale.body), 'PROGRAMME_CHANGED');
    const unknown = await env.as('admin').put(url, { version: after1.version, targets: [{ key: 'nope', target: 1 }] });
    assert.equal(unknown.statusCode, 400);
    assert.equal(code(unknown.body), 'INDICATOR_UNKNOWN');
    const street = await env
      .as('shuibosi')
      .put(url, { version: after1.version, targets: [{ key: 'trainings', target: 1 }] });
    assert.equal(street.statusCode, 403);
    const [row] = await queryRows<{ version: number; target: number }>(
      env.ownerDatabase.db,
      sql`select version, (select (i->>'target')::float8 from jsonb_array_elements(indicators) i where i->>'key' = 'trainings') as target
          from party_programmes where id = ${p.id}`,
    );
    assert.deepEqual(row, { version: p.version + 1, target: 24 });
  });
});
