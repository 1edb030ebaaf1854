import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from './client.js';
import { authenticate } from '../modules/auth/auth.service.js';
import type { Actor } from '../modules/access/access.policy.js';
import { monthDuplicatesSql } from '../modules/canteens/settlement.repository.js';
import { peopleSearchSql } from '../modules/people/people.repository.js';
import { peopleFilter } from '../modules/people/people.service.js';
import { inboxQuery } from '../modules/work-orders/repository/inbox.repository.js';
import { addStreetOrders } from '../testing/bulk-orders.js';
import { createTestEnv, type TestEnv } from '../testing/harness.js';

/**
 * The plans of the hot list queries, kept as snapshot files (src/server/db/plans/<name>.<pglite|postgres>.txt,
 * EXPLAIN with COSTS OFF: the shape — nodes, indexes, conditions — without costs or timings), the way
 * Immich keeps its generated SQL: a change of plan shows in review. Data: the demo at scale 0.01 (every
 * table under ANALYZE's 30,000-row sample, so the statistics and the plans are deterministic) plus 20,000
 * orders under 水泊寺街道. `npm run plans:update` rewrites the files after an intended change (PGlite; with TEST_DATABASE_URL set, the
 * PostgreSQL ones).
 */
const DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'plans');
const UPDATE = process.env.PLANS_UPDATE === '1';

describe('plan snapshots of the hot queries', () => {
  let env: TestEnv;
  const actors = new Map<string, Actor>();
  let staleAfterDemo: string[] = [];
  before(async () => {
    env = await createTestEnv({ scale: 0.01 });
    // never analysed although it has rows (the modification counters themselves reach the statistics
    // asynchronously on PostgreSQL, so "changed since" is not asserted here)
    staleAfterDemo = (
      await queryRows<{ relname: string }>(
        env.ownerDatabase.db,
        sql`select relname from pg_stat_user_tables where schemaname = current_schema()
          and last_analyze is null and last_autoanalyze is null and n_live_tup > 0 order by relname`,
      )
    ).map((r) => r.relname);
    await addStreetOrders(env.ownerDatabase, {
      districtId: '140213',
      streetPath: '140213/140213066/',
      count: 20_000,
      tag: 'PLAN',
    });
    await env.ownerDatabase.db.execute(sql`analyze`);
    for (const u of ['taihe', 'shuibosi', 'admin']) {
      const cookie = (await env.as(u).cookie())!;
      actors.set(u, await authenticate(env.ctx, cookie.split('=')[1]));
    }
  });
  after(() => env.close());

  async function check(name: string, query: SQL): Promise<void> {
    const rows = await queryRows<{ 'QUERY PLAN': string }>(env.ownerDatabase.db, sql`explain (costs off) ${query}`);
    // keyed hashes (43 characters of base64url) differ per data key: not part of the shape
    const plan =
      rows
        .map((r) => r['QUERY PLAN'])
        .join('\n')
        .replace(/'[A-Za-z0-9_-]{43}'/g, "'<keyed hash>'") + '\n';
    const file = join(DIR, `${name}.${env.ctx.database.kind}.txt`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) assert.fail(`no plan snapshot ${file}: run npm run plans:update`);
      writeFileSync(file, plan);
      return;
    }
    assert.equal(plan, readFileSync(file, 'utf8'), `plan of ${name} changed: review it, then npm run plans:update`);
  }
  const actor = (u: string) => actors.get(u)!;
  const inbox = (u: string) => inboxQuery(env.ctx.db, { actor: actor(u), q: '', limit: 21 }).getSQL();

  it('the demo loader leaves no table with rows unanalysed (it ends with ANALYZE)', () => {
    assert.deepEqual(staleAfterDemo, []);
  });
  it('inbox (待办) of a community worker: the page from work_orders_open_*, names joined onto it', async () => {
    await check('inbox-community', inbox('taihe'));
  });
  it('inbox of a street (escalated and supervised orders)', async () => {
    await check('inbox-street', inbox('shuibosi'));
  });
  it('inbox of the district', async () => {
    await check('inbox-district', inbox('admin'));
  });
  it('people list of a district admin (all residents, by pinyin) and a name search', async () => {
    await check(
      'people-list-district',
      peopleSearchSql(await peopleFilter(env.ctx, actor('admin'), { q: '', limit: 20 })),
    );
    await check(
      'people-search-name',
      peopleSearchSql(await peopleFilter(env.ctx, actor('admin'), { q: '王', limit: 20 })),
    );
  });
  it('people list by tag in a community', async () => {
    await check(
      'people-list-tag',
      peopleSearchSql(await peopleFilter(env.ctx, actor('taihe'), { q: '', tag: 'party_member', limit: 20 })),
    );
  });
  it('canteen settlement: duplicate claims bounded by the canteen month', async () => {
    const [c] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from stations where kind = 'canteen' order by id limit 1`,
    );
    await check('canteen-duplicates', monthDuplicatesSql('140213', c!.id, ['2026-10-01', '2026-11-01']));
  });
});
