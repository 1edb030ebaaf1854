import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from './db/client.js';
import { ensureAppRole, loginOf } from './db/roles.js';
import { DEMO_PASSWORD, loadPingchengDemo } from './demo/pingcheng.js';
import { FieldCrypto } from './lib/field-crypto.js';
import { testAppUrl } from './testing/harness.js';

/**
 * Two Linli processes (`linli serve`, as deployed behind a load balancer) on one PostgreSQL schema, each
 * with its own job worker, outbox relay and overdue sweep:
 * - a session opened on one is valid on the other, and a sign-out on one ends it on both;
 * - orders created on both at once get distinct numbers, and each of their notifications is delivered
 *   exactly once — both processes' workers claim jobs, and the group robot receives each message id once;
 * - an order that falls overdue is escalated once, with one event and one reminder, though both sweep.
 * PostgreSQL only: PGlite is one process's database.
 */
const url = process.env.TEST_DATABASE_URL;
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const schema = `t_${randomBytes(6).toString('hex')}`;
const key = randomBytes(32);
const dir = mkdtempSync(join(tmpdir(), 'linli-two-'));
const ORDERS = 16;

let owner: Database;
let robot: Server;
const arrivals: string[] = [];
const procs: { child: ChildProcess; base: string; exited: Promise<unknown> }[] = [];

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function until<T>(f: () => Promise<T | undefined> | T | undefined, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function serve(name: string, hookUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: testAppUrl(url!),
      DATABASE_OWNER_URL: url,
      LINLI_DATABASE_SCHEMA: schema,
      LINLI_DATA_KEY: key.toString('base64'),
      LINLI_DATA_DIR: join(dir, name),
      LINLI_WEBHOOKS: JSON.stringify([{ name: 'group', kind: 'wecom', url: hookUrl, topics: ['order.'] }]),
      LINLI_NOTIFY_POLL_MS: '50',
      LINLI_SWEEP_MS: '150',
      LINLI_LOG: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  const base = `http://127.0.0.1:${port}`;
  procs.push({ child, base, exited });
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      return fetch(`${base}/api/health`).then(
        (r) => r.ok || undefined,
        () => undefined,
      );
    },
    120_000,
    `${name} to serve`,
  );
  return base;
}

function call(base: string, method: string, path: string, cookie?: string, body?: unknown) {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      origin: base,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD });
  assert.equal(res.status, 200, await res.clone().text());
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('two Linli processes on one PostgreSQL', { skip: !url && 'PostgreSQL only (PGlite is one process)' }, () => {
  let a = '';
  let b = '';

  before(async () => {
    robot = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        arrivals.push(String(req.headers['x-linli-message-id'] ?? ''));
        // slow enough that one worker alone falls behind and the other claims too
        setTimeout(() => res.end('{"errcode":0,"errmsg":"ok"}'), 60);
      });
    });
    await new Promise<void>((r) => robot.listen(0, '127.0.0.1', () => r()));
    const hookUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/robot`;

    owner = await openDatabase({ url: url!, schema, poolSize: 2 });
    await migrateDatabase(owner);
    await loadPingchengDemo(owner, new FieldCrypto(key), { scale: 0.004 });
    await ensureAppRole(owner.pool!, { ...loginOf(testAppUrl(url!)), schema });
    [a, b] = await Promise.all([serve('a', hookUrl), serve('b', hookUrl)]);
  });

  after(async () => {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await new Promise((r) => robot?.close(r));
    if (owner) {
      await owner.pool!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await owner.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares sessions: signed in on one, known on the other; signed out on one, gone on both', async () => {
    const cookie = await signIn(a, 'xinggang');
    const me = await call(b, 'GET', '/api/auth/me', cookie);
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { user: { username: string } }).user.username, 'xinggang');
    assert.equal((await call(b, 'POST', '/api/auth/logout', cookie)).status, 204);
    const gone = await call(a, 'GET', '/api/auth/me', cookie);
    assert.equal(gone.status, 401);
    assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'AUTH_REQUIRED');
  });

  it('numbers orders created on both at once apart, and delivers each notification exactly once', async (t) => {
    const [{ id: compoundId }] = await queryRows<{ id: string }>(
      owner.db,
      sql`select id from org_units where kind = 'compound' and name = '星港城'`,
    ).then((r) => r as [{ id: string }]);
    const cookies = [await signIn(a, 'resident'), await signIn(b, 'resident')];
    const workers = new Set<string>();
    const watch = setInterval(() => {
      void queryRows<{ w: string }>(owner.db, sql`select distinct locked_by as w from jobs where locked_by is not null`)
        .then((rows) => rows.forEach((r) => workers.add(r.w.split(':').slice(0, 2).join(':'))))
        .catch(() => undefined);
    }, 20);
    try {
      const created = await Promise.all(
        Array.from({ length: ORDERS }, async (_, i) => {
          const base = i % 2 ? b : a;
          const res = await call(base, 'POST', '/api/work-orders', cookies[i % 2], {
            channel: 'resident',
            categoryId: 'C04',
            title: `两个进程 ${i}`,
            description: '楼道灯不亮，两个服务进程同时受理',
            compoundId,
          });
          assert.equal(res.status, 201, await res.clone().text());
          return ((await res.json()) as { order: { id: string; no: string } }).order;
        }),
      );
      assert.equal(new Set(created.map((o) => o.no)).size, ORDERS, 'order numbers are distinct');

      // every order reminder in the outbox (ours and any the demo left) reaches the robot, once
      const expected = await until(
        async () => {
          const [r] = await queryRows<{ pending: number; all: number; jobs: number; sent: number }>(
            owner.db,
            sql`select (select count(*) from outbox where sent_at is null)::int as pending,
                  (select count(*) from outbox where topic like 'order.%')::int as "all",
                  (select count(*) from jobs where queue like 'notify.%')::int as jobs,
                  (select count(*) from notification_deliveries where channel = 'webhook' and status = 'sent')::int as sent`,
          );
          return r!.pending === 0 && r!.jobs === 0 && r!.sent >= r!.all ? r!.all : undefined;
        },
        90_000,
        'every notification delivered',
      );
      assert.ok(expected >= ORDERS, `${expected} order reminders`);
      assert.equal(arrivals.length, expected, 'the robot received each message once');
      assert.equal(new Set(arrivals).size, expected, 'no message id twice');
      const ids = await queryRows<{ message_id: string }>(
        owner.db,
        sql`select message_id from notification_deliveries where channel = 'webhook'`,
      );
      assert.deepEqual([...arrivals].sort(), ids.map((r) => r.message_id).sort());
      t.diagnostic(`${expected} robot messages, claimed by ${workers.size} workers: ${[...workers].join(', ')}`);
      assert.ok(workers.size >= 2, `both processes claimed jobs (saw ${[...workers].join(', ')})`);
    } finally {
      clearInterval(watch);
    }
  });

  it('escalates an order that falls overdue once, though both processes sweep', async () => {
    const due = await queryRows<{ id: string; level: number }>(
      owner.db,
      sql`update work_orders set due_at = now() - interval '1 minute', escalated_for_due_at = null
          where id in (select id from work_orders where status <> 'closed' and escalation_level = 0 order by id limit 6)
          returning id, escalation_level as level`,
    );
    assert.equal(due.length, 6);
    const ids = due.map((o) => o.id);
    const list = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    await until(
      async () => {
        const [r] = await queryRows<{ n: number }>(
          owner.db,
          sql`select count(*)::int as n from work_orders where id in (${list}) and escalated_for_due_at = due_at`,
        );
        return r!.n === ids.length || undefined;
      },
      30_000,
      'the sweeps to escalate them',
    );
    // a dozen more sweeps of each process pass over them
    await new Promise((r) => setTimeout(r, 2000));
    const rows = await queryRows<{ id: string; level: number; events: number; reminders: number }>(
      owner.db,
      sql`select o.id, o.escalation_level as level,
            (select count(*) from work_order_events e where e.district_id = o.district_id and e.order_id = o.id
               and e.type = 'escalated' and e.at > now() - interval '5 minutes')::int as events,
            (select count(*) from outbox x where x.topic = 'order.overdue' and x.payload->>'orderId' = o.id)::int as reminders
          from work_orders o where o.id in (${list}) order by o.id`,
    );
    assert.deepEqual(
      rows,
      ids.sort().map((id) => ({ id, level: 1, events: 1, reminders: 1 })),
    );
  });
});
