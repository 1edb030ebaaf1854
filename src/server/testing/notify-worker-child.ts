/**
 * A notification worker in its own process, for the kill -9 test (notifications.kill.test.ts): opens the
 * database the parent prepared (KILL_DATA_DIR for PGlite, or KILL_DB_URL + KILL_DB_SCHEMA), delivers to
 * the webhook at KILL_WEBHOOK_URL with a short lease, and exits when no notification job is left.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { openDatabase, queryRows } from '../db/client.js';
import { FieldCrypto } from '../lib/field-crypto.js';
import { createNotificationWorker } from '../modules/notifications/notifications.worker.js';

const database = await openDatabase(
  process.env.KILL_DB_URL
    ? { url: process.env.KILL_DB_URL, schema: process.env.KILL_DB_SCHEMA, createSchema: false, poolSize: 2 }
    : { dataDir: process.env.KILL_DATA_DIR! },
);
const config = loadConfig({});
config.notify.webhooks = [{ name: 'group', kind: 'wecom', url: process.env.KILL_WEBHOOK_URL!, topics: ['order.'] }];
const ctx: AppContext = { config, database, db: database.db, crypto: new FieldCrypto(randomBytes(32)) };
const worker = createNotificationWorker(ctx, { pollMs: 50, leaseMs: 1500, sweepMs: 3_600_000 });
process.stdout.write(`ready ${process.pid}\n`);
for (;;) {
  await worker.runOnce();
  const [left] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select (select count(*) from jobs where queue like 'notify.%')::int
      + (select count(*) from outbox where sent_at is null)::int as n`,
  );
  if (left!.n === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
await database.close();
process.exit(0);
