import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { createTestEnv, TEST_APP_ROLE, type TestEnv } from '../testing/harness.js';
import { appRoleStatements, describeLogin, ensureAppRole, loginOf } from './roles.js';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** pg errors carry the SQLSTATE in `code`. */
function sqlState(expected: string) {
  return (e: unknown) => {
    assert.equal((e as { code?: string }).code, expected, String(e));
    return true;
  };
}

describe('least-privilege database role', () => {
  it('grants the app role no UPDATE or DELETE on the append-only tables, and no ownership', () => {
    const statements = appRoleStatements({ role: 'linli_app', schema: 'public' }).join(';\n');
    assert.match(statements, /NOSUPERUSER/);
    assert.match(
      statements,
      /REVOKE UPDATE, DELETE ON "public"\."audit_log", "public"\."points_ledger" FROM "linli_app"/,
    );
    assert.doesNotMatch(statements, /GRANT [^;]*(TRUNCATE|TRIGGER|CREATE)[^;]* TO/);
    const documented = readFileSync(new URL('../../../scripts/db-roles.sql', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('--'))
      .join('\n');
    assert.equal(
      documented,
      appRoleStatements({ role: 'linli_app' })
        .map((x) => `${x};`)
        .join('\n'),
      'scripts/db-roles.sql is out of date',
    );
    assert.deepEqual(loginOf('postgres://linli_app:s%40cret@db:5432/linli'), { role: 'linli_app', password: 's@cret' });
  });

  describe(
    'on PostgreSQL, as the app role',
    { skip: onPostgres ? false : 'needs TEST_DATABASE_URL (PGlite has one connection, no roles)' },
    () => {
      let env: TestEnv;
      let app: pg.Pool;
      before(async () => {
        env = await createTestEnv({ demo: false });
        app = env.ctx.database.pool!;
        await app.query(`insert into audit_log (district_id, action, entity_type) values ('t', 'role.test', 'test')`);
        await app.query(
          `insert into points_ledger (district_id, person_id, delta, balance_after, kind, source_type, source_id) values ('t', 'p1', 5, 5, 'earn', 'test', 's1')`,
        );
      });
      after(async () => env?.close());

      it('serves as a login that is not superuser and owns nothing', async () => {
        const who = await describeLogin(app);
        assert.equal(who.role, TEST_APP_ROLE);
        assert.equal(who.isSuperuser, false);
        assert.equal(who.ownsTables, 0);
        const owner = await describeLogin(env.ownerDatabase.pool!);
        assert.notEqual(owner.role, who.role);
      });

      for (const table of ['audit_log', 'points_ledger']) {
        it(`may INSERT and SELECT on ${table}, but not UPDATE, DELETE, TRUNCATE or ALTER it`, async () => {
          const rows = await app.query<{ n: number }>(
            `select count(*)::int as n from ${table} where district_id = 't'`,
          );
          assert.equal(rows.rows[0]!.n, 1);
          await assert.rejects(app.query(`update ${table} set district_id = 'x'`), sqlState('42501'));
          await assert.rejects(app.query(`delete from ${table}`), sqlState('42501'));
          await assert.rejects(app.query(`truncate ${table}`), sqlState('42501'));
          await assert.rejects(app.query(`alter table ${table} disable trigger all`), sqlState('42501'));
          await assert.rejects(app.query(`alter table ${table} disable trigger user`), sqlState('42501'));
          await assert.rejects(app.query(`alter table ${table} owner to ${TEST_APP_ROLE}`), sqlState('42501'));
          await assert.rejects(app.query(`drop table ${table}`), sqlState('42501'));
          const still = await app.query<{ n: number }>(
            `select count(*)::int as n from ${table} where district_id = 't'`,
          );
          assert.equal(still.rows[0]!.n, 1);
        });
      }

      it('cannot switch the triggers off with session_replication_role, nor create tables', async () => {
        await assert.rejects(app.query(`set session_replication_role = replica`), sqlState('42501'));
        await assert.rejects(app.query(`create table sneaky (id int)`), sqlState('42501'));
        await assert.rejects(
          app.query(
            `create or replace function linli_audit_append_only() returns trigger language plpgsql as $$ begin return null; end $$`,
          ),
          sqlState('42501'),
        );
      });

      it('still reads and writes the tenant tables', async () => {
        await app.query(
          `insert into districts (id, name, city_name, province_name) values ('999999', '测试区', '测试市', '测试省')`,
        );
        await app.query(`update districts set name = '测试区二' where id = '999999'`);
        assert.equal(
          (await app.query<{ name: string }>(`select name from districts where id = '999999'`)).rows[0]!.name,
          '测试区二',
        );
        await app.query(`delete from districts where id = '999999'`);
        assert.equal((await app.query(`select 1 from districts where id = '999999'`)).rowCount, 0);
      });

      it('refuses to make the owner its own app role, and is idempotent', async () => {
        const owner = env.ownerDatabase.pool!;
        const ownerRole = (await describeLogin(owner)).role;
        const schema = (await owner.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
        await assert.rejects(ensureAppRole(owner, { role: ownerRole, schema }), /不能与迁移所用的所有者账号相同/);
        await ensureAppRole(owner, { role: TEST_APP_ROLE, schema });
        await assert.rejects(app.query(`delete from audit_log`), sqlState('42501'));
      });
    },
  );
});
