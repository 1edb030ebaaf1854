import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { DEMO_PASSWORD, loadPingchengDemo } from '../demo/pingcheng.js';
import { buildApp } from '../http/app.js';
import type { RegisteredRoute } from '../http/route-permissions.js';
import { FieldCrypto } from '../lib/field-crypto.js';

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

/**
 * A fresh database per test file: in-memory PGlite, or — when TEST_DATABASE_URL is set — a private
 * schema on that PostgreSQL server, dropped afterwards. Loads the Pingcheng demo at a small scale
 * (the full hierarchy and party figures, a few thousand residents).
 */
export async function createTestEnv(opts: { demo?: boolean; scale?: number; serveWeb?: boolean } = {}): Promise<TestEnv> {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const database = await openDatabase(url ? { url, schema, poolSize: 4 } : {});
  await migrateDatabase(database);
  const config = { ...loadConfig({}), maxUploadBytes: 256 * 1024 };
  const ctx: AppContext = { config, database, db: database.db, crypto: new FieldCrypto(randomBytes(32)) };
  if (opts.demo !== false) await loadPingchengDemo(database, ctx.crypto, { scale: opts.scale ?? 0.004 });
  const { app, routes } = await buildApp(ctx, { serveWeb: opts.serveWeb ?? false });
  return {
    ctx,
    app,
    routes,
    async close() {
      await app.close();
      if (database.pool && schema) await database.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await database.close();
    },
  };
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'linli_session');
  return `linli_session=${cookie!.value}`;
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

export { DEMO_PASSWORD };
