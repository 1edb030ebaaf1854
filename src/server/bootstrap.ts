import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { migrateDatabase, openDatabase, queryRows } from './db/client.js';
import { FieldCrypto, loadMasterKey } from './lib/field-crypto.js';

/** Open the configured database (PGlite in dataDir, or DATABASE_URL), migrate it, and load the data key. */
export async function createContext(config: Config): Promise<AppContext> {
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrateDatabase(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const crypto = new FieldCrypto(loadMasterKey(config.dataKey, join(config.dataDir, 'keys', 'master.key')));
  return { config, database, db: database.db, crypto };
}

export async function hasAnyDistrict(ctx: AppContext): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from districts`);
  return (rows[0]?.n ?? 0) > 0;
}
