import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../../db/client.js';
import { loadPingchengDemo } from '../../demo/pingcheng.js';
import { FieldCrypto } from '../../lib/field-crypto.js';

/**
 * `kill -9` during delivery loses nothing: a worker process delivering 40 group-robot messages is
 * killed with SIGKILL in the middle, a new one is started, and the receiver ends with every message.
 * A message that was in flight at the kill (sent, not yet recorded) is sent again with the same
 * message id, which the receiver — like a real one — recognises and drops: it never shows a message
 * twice. Runs on PGlite (a data directory handed between processes) and on PostgreSQL (a schema).
 */
const N = 40;
const CHILD = fileURLToPath(new URL('../../testing/notify-worker-child.ts', import.meta.url));
const url = process.env.TEST_DATABASE_URL;
const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
const dir = mkdtempSync(join(tmpdir(), 'linli-kill-'));
const dataDir = join(dir, 'pglite');
let server: Server;
let hookUrl = '';
const arrivals: string[] = [];
const shown = new Set<string>();
let expected = N;

const open = (): Promise<Database> => (url ? openDatabase({ url, schema, poolSize: 2 }) : openDatabase({ dataDir }));

function startChild(): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      KILL_WEBHOOK_URL: hookUrl,
      ...(url ? { KILL_DB_URL: url, KILL_DB_SCHEMA: schema } : { KILL_DATA_DIR: dataDir }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited };
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('notifications: kill -9 during delivery', () => {
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const id = String(req.headers['x-linli-message-id'] ?? '');
        assert.match(body, new RegExp(id)); // the id is in the message itself, too
        arrivals.push(id);
        // slow enough that the kill lands mid-delivery
        setTimeout(() => {
          shown.add(id);
          res.setHeader('content-type', 'application/json');
          res.end('{"errcode":0,"errmsg":"ok"}');
        }, 40);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot`;

    const db = await open();
    await migrateDatabase(db);
    await loadPingchengDemo(db, new FieldCrypto(randomBytes(32)), { scale: 0.004 });
    const [o] = await queryRows<{ id: string; no: string }>(
      db.db,
      sql`select id, no from work_orders order by id limit 1`,
    );
    for (let i = 0; i < N; i++)
      await db.db.execute(
        sql`insert into outbox (district_id, topic, payload) values ('140213', 'order.supervised', ${JSON.stringify({ orderId: o!.id, no: o!.no, i })}::jsonb)`,
      );
    // the demo load may leave a few order reminders of its own: they are delivered too
    const [n] = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from outbox where sent_at is null and topic like 'order.%'`,
    );
    expected = n!.n;
    await db.close();
  });
  after(async () => {
    await new Promise((r) => server.close(() => r(undefined)));
    if (url && schema) {
      const db = await openDatabase({ url });
      await db.pool!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and shows no message twice', async () => {
    const first = startChild();
    await until(() => arrivals.length >= 10, 120_000, '10 deliveries');
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = arrivals.length;
    assert.ok(atKill < expected, `killed mid-way (${atKill} of ${expected})`);

    const second = startChild();
    assert.equal(await second.exited, 0);

    const db = await open();
    const rows = await queryRows<{ status: string; n: number }>(
      db.db,
      sql`select status, count(*)::int as n from notification_deliveries where channel = 'webhook' group by status`,
    );
    // one robot message per order reminder: ours, any the demo left, and the due-soon warnings the sweep adds
    const [all] = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from outbox where topic like 'order.%'`,
    );
    assert.ok(all!.n >= expected);
    expected = all!.n;
    const [jobsLeft] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from jobs`);
    const ids = await queryRows<{ message_id: string }>(
      db.db,
      sql`select message_id from notification_deliveries where channel = 'webhook'`,
    );
    await db.close();
    assert.deepEqual(rows, [{ status: 'sent', n: expected }]);
    assert.equal(jobsLeft!.n, 0);
    // every delivery reached the receiver, under its recorded id
    assert.deepEqual([...shown].sort(), ids.map((r) => r.message_id).sort());
    // a repeat is only ever the in-flight message of the killed worker, with the same id
    const repeats = arrivals.length - new Set(arrivals).size;
    assert.ok(repeats <= 1, `${repeats} repeats`);
  });
});
