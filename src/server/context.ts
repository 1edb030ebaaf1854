import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { FieldCrypto } from './lib/field-crypto.js';

/** What services need from the outside world; built once at start and passed to the app. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  crypto: FieldCrypto;
}
