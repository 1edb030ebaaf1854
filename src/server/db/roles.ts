import pg from 'pg';

/**
 * Least privilege on PostgreSQL: the owner (the account that runs migrations and the bulk demo load)
 * owns every table; the app serves requests as a LOGIN role that owns nothing, is not superuser and
 * cannot create anything. It may read and write the tenant tables, but on the append-only tables only
 * INSERT and SELECT — so neither `UPDATE`/`DELETE`/`TRUNCATE`, nor `ALTER TABLE … DISABLE TRIGGER`
 * (owner only), nor `SET session_replication_role = replica` (superuser only) is open to it.
 *
 * PGlite (embedded, one process, one connection) has no second login: there the separation does not apply.
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'points_ledger'] as const;

export interface AppRoleOptions {
  /** the login the app serves requests as */
  role: string;
  /** its password; omitted = keep the current one (or none, for trust/peer authentication) */
  password?: string;
  /** the schema the tables live in (default public) */
  schema?: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Creating the login and fixing its attributes (needs CREATEROLE or superuser). */
export function roleStatements(opts: AppRoleOptions): string[] {
  const role = quoteIdent(opts.role);
  const attrs = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT';
  const password = opts.password === undefined ? '' : ` PASSWORD ${quoteLiteral(opts.password)}`;
  return [
    // two sessions creating the same role at once: one wins, the other sees duplicate_object or unique_violation
    `DO $$ BEGIN CREATE ROLE ${role} ${attrs}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    `ALTER ROLE ${role} ${attrs}${password}`,
  ];
}

/** The grants (needs the owner of the tables); idempotent, so they run again after every migration. */
export function grantStatements(opts: AppRoleOptions): string[] {
  const role = quoteIdent(opts.role);
  const schema = quoteIdent(opts.schema ?? 'public');
  const append = APPEND_ONLY_TABLES.map((t) => `${schema}.${quoteIdent(t)}`).join(', ');
  return [
    `DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ${role.replace(/'/g, "''")}', current_database()); END $$`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `REVOKE CREATE ON SCHEMA ${schema} FROM ${role}`,
    `REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`,
    `REVOKE UPDATE, DELETE ON ${append} FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
    // tables created later by this owner are readable and writable by the app at once; the re-grant after
    // every migration then takes UPDATE/DELETE off the append-only ones (a new one is added to APPEND_ONLY_TABLES)
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ];
}

/** Everything `linli db:roles` runs, in order; scripts/db-roles.sql is this list for role linli_app. */
export function appRoleStatements(opts: AppRoleOptions): string[] {
  return [...roleStatements(opts), ...grantStatements(opts)];
}

type Runner = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Serialises role changes across processes (concurrent GRANT/ALTER ROLE can fail with "tuple concurrently updated"). */
const ROLE_LOCK = 7_310_420_001;

/**
 * Runs the statements in one transaction on the owner's connection, after checking that the app role
 * is not the owner, and that it owns nothing (a role that owns a table may ALTER it, triggers included).
 */
export async function ensureAppRole(
  owner: pg.Pool,
  opts: AppRoleOptions & {
    /** create the login / reset its attributes and password: always for db:roles; after a migration only when it is missing */
    manageRole?: 'always' | 'if-missing';
  },
): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('BEGIN');
    await client.query('select pg_advisory_xact_lock($1)', [ROLE_LOCK]);
    const me = await client.query<{ u: string }>('select current_user as u');
    if (me.rows[0]?.u === opts.role) {
      throw new Error(
        `应用数据库账号（${opts.role}）不能与迁移所用的所有者账号相同：请为 DATABASE_URL 配置另一个账号，DATABASE_OWNER_URL 配置所有者账号。`,
      );
    }
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [opts.role])).rowCount! > 0;
    const statements =
      (opts.manageRole ?? 'always') === 'always' || !exists ? appRoleStatements(opts) : grantStatements(opts);
    for (const statement of statements) await client.query(statement);
    const owned = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1`,
      [opts.role],
    );
    if ((owned.rows[0]?.n ?? 0) > 0) {
      throw new Error(
        `应用数据库账号 ${opts.role} 拥有 ${owned.rows[0]!.n} 个数据库对象，可以修改或停用触发器：请用 REASSIGN OWNED BY ${opts.role} TO <所有者> 把它们转给所有者后再运行。`,
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The role name and password in a postgres:// URL. */
export function loginOf(url: string): { role: string; password?: string } {
  const u = new URL(url);
  const role = decodeURIComponent(u.username) || process.env.PGUSER || '';
  if (!role) throw new Error('DATABASE_URL 中没有账号名（postgres://账号:密码@主机/库）。');
  return { role, password: u.password ? decodeURIComponent(u.password) : undefined };
}

/** The same URL with another login (used by the tests to reach the server as the app role). */
export function withLogin(url: string, role: string, password?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/** The role a connection serves as, and whether it could walk around the append-only triggers. */
export async function describeLogin(pool: Runner): Promise<{ role: string; isSuperuser: boolean; ownsTables: number }> {
  const r = await pool.query<{ role: string; su: boolean; owned: number }>(`
    select current_user as role, r.rolsuper as su,
      (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p')) as owned
    from pg_roles r where r.rolname = current_user`);
  const row = r.rows[0]!;
  return { role: row.role, isSuperuser: row.su, ownsTables: row.owned };
}
