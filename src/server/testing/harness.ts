import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
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
export interface TestEnvOptions {
  demo?: boolean;
  scale?: number;
  serveWeb?: boolean;
  /** Settings over the defaults (e.g. the login rate limit, a public URL). */
  config?: Partial<Config>;
  /** Capture the app's log (pino JSON lines) at this level. */
  log?: { level: string; stream: Writable };
}

/**
 * Tests speak as the app's own pages: a state-changing request gets `Origin: <our origin>` unless the
 * test set an Origin (or `sec-fetch-site`) itself — pass `origin: undefined` in headers to send none.
 */
function sameOriginInject(app: FastifyInstance, origin: (host: string | undefined) => string): void {
  const inject = app.inject.bind(app);
  const wrapped = (opts?: InjectOptions | string) => {
    if (opts === undefined || typeof opts === 'string') return inject(opts as InjectOptions);
    const headers = { ...(opts.headers ?? {}) } as Record<string, string | string[] | number | undefined>;
    const keys = Object.keys(headers).map((k) => k.toLowerCase());
    if (!keys.includes('origin') && !keys.includes('sec-fetch-site')) headers.origin = origin(typeof headers.host === 'string' ? headers.host : undefined);
    for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
    return inject({ ...opts, headers: headers as InjectOptions['headers'] });
  };
  app.inject = wrapped as FastifyInstance['inject'];
}

export async function createTestEnv(opts: TestEnvOptions = {}): Promise<TestEnv> {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const database = await openDatabase(url ? { url, schema, poolSize: 4 } : {});
  await migrateDatabase(database);
  // Tests log in hundreds of times from one address: the login rate limit is tested on its own with its defaults.
  const config: Config = { ...loadConfig({}), maxUploadBytes: 256 * 1024, logLevel: 'silent', loginRateLimit: { perIp: 1_000_000, perAccount: 1_000_000, windowMs: 60_000 }, ...opts.config };
  const ctx: AppContext = { config, database, db: database.db, crypto: new FieldCrypto(randomBytes(32)) };
  if (opts.demo !== false) await loadPingchengDemo(database, ctx.crypto, { scale: opts.scale ?? 0.004 });
  const { app, routes } = await buildApp(ctx, { serveWeb: opts.serveWeb ?? false, log: opts.log });
  // light-my-request's default Host is localhost:80, which is our origin when no public URL is set.
  sameOriginInject(app, (host) => (config.publicUrl ? new URL(config.publicUrl).origin : new URL(`http://${host ?? 'localhost:80'}`).origin));
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
