import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import type { AppContext } from '../context.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { ensureAppRole, loginOf, withLogin } from '../db/roles.js';
import { DEMO_PASSWORD, loadPingchengDemo } from '../demo/pingcheng.js';
import { buildApp } from '../http/app.js';
import type { RegisteredRoute } from '../http/route-permissions.js';
import { FieldCrypto } from '../lib/field-crypto.js';
import { clientCache, signIn, type TestClient } from './client.js';

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  routes: RegisteredRoute[];
  /** the migrating owner's connection — the same as ctx.database on PGlite */
  ownerDatabase: Database;
  /** The route-test client of a demo user (signed in once, then kept); `null` is anonymous. */
  as(username: string | null): TestClient;
  close(): Promise<void>;
}

/** The login the PostgreSQL test pass serves the app as: TEST_APP_DATABASE_URL, or role linli_app_test on the same server. */
export function testAppUrl(ownerUrl: string): string {
  return process.env.TEST_APP_DATABASE_URL || withLogin(ownerUrl, TEST_APP_ROLE);
}
export const TEST_APP_ROLE = 'linli_app_test';

/**
 * A fresh database per test file: in-memory PGlite, or — when TEST_DATABASE_URL is set — a private
 * schema on that PostgreSQL server, dropped afterwards. Loads the Pingcheng demo at a small scale
 * (the full hierarchy and party figures, a few thousand residents).
 *
 * On PostgreSQL it works like production: TEST_DATABASE_URL is the owner, which migrates and loads the
 * demo; the app is then served through a second pool logged in as the least-privilege app role (created
 * and granted on the test schema by the same code as `linli db:roles`). `ownerDatabase` is for tests
 * that must prove what the owner sees.
 */
export interface TestEnvOptions {
  demo?: boolean;
  scale?: number;
  serveWeb?: boolean;
  /** Settings over the defaults (e.g. the login rate limit, a public URL). */
  config?: Partial<Config>;
  /** Reports and exports read from TEST_READ_DATABASE_URL, a streaming replica of TEST_DATABASE_URL (PostgreSQL only). */
  readReplica?: boolean;
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
    if (!keys.includes('origin') && !keys.includes('sec-fetch-site'))
      headers.origin = origin(typeof headers.host === 'string' ? headers.host : undefined);
    for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
    return inject({ ...opts, headers: headers as InjectOptions['headers'] });
  };
  app.inject = wrapped as FastifyInstance['inject'];
}

export async function createTestEnv(opts: TestEnvOptions = {}): Promise<TestEnv> {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const owner = await openDatabase(url ? { url, schema, poolSize: 4 } : {});
  await migrateDatabase(owner);
  // Tests log in hundreds of times from one address: the login rate limit is tested on its own with its defaults.
  const config: Config = {
    ...loadConfig({}),
    // files a test stores (attachments) go to a private temp dir, removed by close()
    dataDir: mkdtempSync(join(tmpdir(), 'linli-test-')),
    maxUploadBytes: 256 * 1024,
    logLevel: 'silent',
    loginRateLimit: { perIp: 1_000_000, perAccount: 1_000_000, windowMs: 60_000 },
    ...opts.config,
  };
  const crypto = new FieldCrypto(randomBytes(32));
  if (opts.demo !== false) await loadPingchengDemo(owner, crypto, { scale: opts.scale ?? 0.004 });
  let database = owner;
  if (url && schema) {
    const appUrl = testAppUrl(url);
    await ensureAppRole(owner.pool!, { ...loginOf(appUrl), schema });
    database = await openDatabase({ url: appUrl, schema, createSchema: false, poolSize: 4 });
  }
  const replicaUrl = opts.readReplica && url ? process.env.TEST_READ_DATABASE_URL : undefined;
  const replica = replicaUrl
    ? await openDatabase({ url: withLogin(replicaUrl, TEST_APP_ROLE), schema, createSchema: false, poolSize: 2 })
    : undefined;
  const ctx: AppContext = { config, database, db: database.db, crypto, ...(replica ? { reads: replica.db } : {}) };
  const { app, routes } = await buildApp(ctx, { serveWeb: opts.serveWeb ?? false, log: opts.log });
  // light-my-request's default Host is localhost:80, which is our origin when no public URL is set.
  sameOriginInject(app, (host) =>
    config.publicUrl ? new URL(config.publicUrl).origin : new URL(`http://${host ?? 'localhost:80'}`).origin,
  );
  return {
    ctx,
    app,
    routes,
    ownerDatabase: owner,
    as: clientCache(app),
    async close() {
      await app.close();
      await replica?.close();
      if (database !== owner) await database.close();
      if (owner.pool && schema) await owner.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await owner.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh session cookie for `username` (prefer `env.as(username)`, which signs in once and keeps it). */
export const login = (app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> =>
  signIn(app, username, password);

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

export { DEMO_PASSWORD, type TestClient };
