import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { migrateDatabase, openDatabase, queryRows, type Database } from './db/client.js';
import { describeLogin, ensureAppRole, loginOf } from './db/roles.js';
import { FieldCrypto, loadMasterKey } from './lib/field-crypto.js';

export interface Contexts {
  /** serves requests: DATABASE_URL (the least-privilege app role when an owner is configured) */
  ctx: AppContext;
  /** migrates and loads data: DATABASE_OWNER_URL when set, else the same database as ctx */
  owner: Database;
  close(): Promise<void>;
}

/** True when the app and the owner are separate PostgreSQL logins (the supported production setup). */
export function hasSeparateOwner(config: Config): config is Config & { databaseUrl: string; databaseOwnerUrl: string } {
  return Boolean(config.databaseUrl && config.databaseOwnerUrl && config.databaseOwnerUrl !== config.databaseUrl);
}

/**
 * Open the owner's connection, migrate, and — when the app has its own login — re-apply the app role's
 * grants (idempotent; new tables from this migration are covered, append-only ones lose UPDATE/DELETE).
 */
export async function openOwner(
  config: Config,
  opts: { manageRole?: 'always' | 'if-missing' } = {},
): Promise<Database> {
  const url = config.databaseOwnerUrl ?? config.databaseUrl;
  const database = await openDatabase(
    url ? { url, schema: config.databaseSchema } : { dataDir: join(config.dataDir, 'pglite') },
  );
  try {
    await migrateDatabase(database);
    if (hasSeparateOwner(config)) {
      await ensureAppRole(database.pool!, {
        ...loginOf(config.databaseUrl),
        schema: await currentSchema(database),
        manageRole: opts.manageRole ?? 'if-missing',
      });
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

async function currentSchema(database: Database): Promise<string> {
  const r = await database.pool!.query<{ s: string }>('select current_schema() as s');
  return r.rows[0]!.s;
}

/** Open the configured database(s), migrate as the owner, and load the data key. */
export async function createContext(config: Config): Promise<Contexts> {
  const owner = await openOwner(config);
  let database = owner;
  if (hasSeparateOwner(config)) {
    try {
      database = await openDatabase({ url: config.databaseUrl, schema: config.databaseSchema, createSchema: false });
    } catch (err) {
      await owner.close();
      throw err;
    }
  }
  let replica: Database | undefined;
  if (config.databaseReadUrl) {
    if (!config.databaseUrl)
      throw new Error('DATABASE_READ_URL needs DATABASE_URL: a replica of the embedded database cannot exist');
    replica = await openDatabase({ url: config.databaseReadUrl, schema: config.databaseSchema, createSchema: false });
  }
  const crypto = new FieldCrypto(loadMasterKey(config.dataKey, join(config.dataDir, 'keys', 'master.key')));
  const ctx: AppContext = { config, database, db: database.db, crypto, ...(replica ? { reads: replica.db } : {}) };
  return {
    ctx,
    owner,
    async close() {
      await replica?.close();
      if (database !== owner) await database.close();
      await owner.close();
    },
  };
}

/** A warning for `linli serve` when the serving login could walk around the append-only triggers. */
export async function loginWarning(database: Database): Promise<string | undefined> {
  if (database.kind !== 'postgres') return undefined;
  const who = await describeLogin(database.pool!);
  if (!who.isSuperuser && who.ownsTables === 0) return undefined;
  return (
    `注意：应用以数据库账号 ${who.role} 运行，它${who.isSuperuser ? '是超级用户' : `拥有 ${who.ownsTables} 个表`}，可以停用审计日志的只增触发器。` +
    '请用 DATABASE_OWNER_URL 配置所有者账号、DATABASE_URL 配置应用账号，并运行 linli db:roles（见 README“数据库账号”）。'
  );
}

export async function hasAnyDistrict(ctx: AppContext): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from districts`);
  return (rows[0]?.n ?? 0) > 0;
}
