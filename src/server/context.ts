import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { FieldCrypto } from './lib/field-crypto.js';

/** What services need from the outside world; built once at start and passed to the app. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  crypto: FieldCrypto;
  /**
   * A read replica (DATABASE_READ_URL) for reports and exports: a little behind the primary, never written.
   * Unset: they read the primary. Use `readerOf(ctx)`, and only for reads that may lag by a moment.
   */
  reads?: Db;
}

/** Where a report or an export reads: the replica when there is one, else the primary. */
export const readerOf = (ctx: AppContext): Db => ctx.reads ?? ctx.db;
