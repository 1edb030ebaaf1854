import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { queryRows } from './client.js';
import { createTestEnv, type TestEnv } from '../testing/harness.js';

/**
 * Tenancy in the catalog of the migrated test database (pg_catalog, so the same on PGlite and
 * PostgreSQL): every table that has a `district_id` column is a tenant table, and its primary key
 * starts with district_id, and every foreign key it declares includes district_id on both sides. This is
 * what lets a district be moved, and the tables be distributed by district_id (docs/scale-out.md).
 * The exemptions are listed with their reason; a new exemption has to be added here, in review.
 */
const NOT_TENANT: Record<string, string> = {
  // a reference table: the districts themselves (the tenancy root), replicated to every node
  districts: 'the tenant list itself: district_id is not a column of it',
  // drizzle's migration journal
  __drizzle_migrations: 'migration bookkeeping',
};
/** Tenant tables whose key does not lead with district_id, with why (users passes: its key is (district_id, id)). */
const EXEMPT: Record<string, string> = {
  sessions: 'looked up by the cookie token hash alone, before the district is known; a reference-style table',
  phone_login_codes:
    "looked up by the mobile number's keyed hash before the district is known (an unknown number has none); like sessions",
};

interface KeyRow {
  table: string;
  kind: 'p' | 'f';
  name: string;
  cols: string[];
  refcols: string[] | null;
  reftable: string | null;
}

let env: TestEnv;

describe('catalog: district_id leads every tenant primary key and is in every foreign key', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('holds for every table of the schema, with the listed exemptions only', async () => {
    const tables = await queryRows<{ table: string; tenant: boolean }>(
      env.ctx.db,
      sql`select c.relname as "table",
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'district_id' and not a.attisdropped) as tenant
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname = current_schema() order by 1`,
    );
    const keys = await queryRows<KeyRow>(
      env.ctx.db,
      sql`select t.relname as "table", k.contype as kind, k.conname as name,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as cols,
            case when k.contype = 'f' then array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) end as refcols,
            r.relname as reftable
          from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace
          left join pg_class r on r.oid = k.confrelid
          where n.nspname = current_schema() and k.contype in ('p', 'f') order by 1, 3`,
    );
    assert.ok(tables.length > 40, `only ${tables.length} tables: is the schema migrated?`);
    const problems: string[] = [];
    for (const { table, tenant } of tables) {
      if (!tenant) {
        if (!(table in NOT_TENANT))
          problems.push(`${table}: no district_id column and not listed as a reference table`);
        continue;
      }
      if (table in EXEMPT) continue;
      const pk = keys.find((k) => k.table === table && k.kind === 'p');
      if (!pk) problems.push(`${table}: no primary key`);
      else if (pk.cols[0] !== 'district_id') problems.push(`${table}: primary key (${pk.cols.join(', ')})`);
      for (const fk of keys.filter((k) => k.table === table && k.kind === 'f')) {
        const at = fk.cols.indexOf('district_id');
        const toTenant = tables.find((x) => x.table === fk.reftable)?.tenant;
        if (!toTenant) {
          if (!(fk.reftable! in NOT_TENANT) && !(fk.reftable! in EXEMPT))
            problems.push(`${table}.${fk.name}: references ${fk.reftable} without district_id`);
          continue;
        }
        if (fk.reftable! in EXEMPT) continue;
        if (at < 0 || fk.refcols![at] !== 'district_id')
          problems.push(`${table}.${fk.name}: (${fk.cols.join(', ')}) → ${fk.reftable}(${fk.refcols!.join(', ')})`);
      }
    }
    assert.deepEqual(problems, []);

    // the distribution plan names every table, so a new table cannot skip the question
    const plan = readFileSync(new URL('../../../docs/scale-out.md', import.meta.url), 'utf8');
    const planned = new Set([...plan.matchAll(/^\|[^|]+\|\s*([a-z_0-9]+)\s*\|\s*(D|R|C|—)\s*\|/gm)].map((m) => m[1]));
    const unplanned = tables.map((t) => t.table).filter((t) => !planned.has(t));
    assert.deepEqual(unplanned, [], 'tables missing from the table of docs/scale-out.md §2');
  });
});
