/**
 * Notification bench (issue 12): on the embedded database with a small demo, reminders are written to
 * the outbox and the notification worker delivers them in the app.
 *
 * - throughput: BENCH_NOTIFY_ROWS (default 2000) outbox rows written at once, drained by one worker →
 *   in-app notifications delivered per second;
 * - latency: with the worker running (500 ms poll, as `serve` runs it), one reminder every 50 ms for
 *   BENCH_NOTIFY_LIVE (default 200) rows → p50/p95 from the outbox write to the in-app row.
 *
 * `npm run bench -- notifications` runs it alone; BENCH_NOTIFY=0 leaves it out of the full run.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.js';
import { loadPingchengDemo } from '../src/server/demo/pingcheng.js';
import { FieldCrypto } from '../src/server/lib/field-crypto.js';
import { createNotificationWorker } from '../src/server/modules/notifications/notifications.worker.js';

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

export async function benchNotifications(): Promise<void> {
  const rows = Number(process.env.BENCH_NOTIFY_ROWS ?? 2000);
  const live = Number(process.env.BENCH_NOTIFY_LIVE ?? 200);
  const database = await openDatabase({});
  await migrateDatabase(database);
  const crypto = new FieldCrypto(randomBytes(32));
  await loadPingchengDemo(database, crypto, { scale: Number(process.env.BENCH_NOTIFY_SCALE ?? 0.004) });
  const ctx: AppContext = { config: loadConfig({}), database, db: database.db, crypto };
  const [order] = await queryRows<{ id: string; no: string }>(
    ctx.db,
    // an order in a community whose workers have demo accounts (they receive the 待受理 reminder)
    sql`select w.id, w.no from work_orders w
      where exists (select 1 from users u join org_units ou on ou.district_id = u.district_id and ou.id = u.org_unit_id
        where u.district_id = w.district_id and u.role = 'community_worker' and w.org_path like ou.path || '%')
      order by w.id limit 1`,
  );
  const write = (n: number) =>
    ctx.db.execute(sql`insert into outbox (district_id, topic, payload)
      select '140213', 'order.to_accept', jsonb_build_object('orderId', ${order!.id}::text, 'no', ${order!.no}::text, 'i', g)
      from generate_series(1, ${n}) g`);
  const inApp = async () =>
    (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from notifications`))[0]!.n;

  const worker = createNotificationWorker(ctx, { sweepMs: 3_600_000 });
  await worker.drain();
  const n0 = await inApp();
  await write(rows);
  let t = performance.now();
  await worker.drain(100_000);
  const seconds = (performance.now() - t) / 1000;
  const delivered = (await inApp()) - n0;
  console.log(
    `notifications: ${rows.toLocaleString()} reminders → ${delivered.toLocaleString()} in-app deliveries in ${seconds.toFixed(1)} s — ${Math.round(delivered / seconds).toLocaleString()} delivered/s (PGlite, one worker)`,
  );

  worker.start();
  const [mark] = await queryRows<{ id: number }>(ctx.db, sql`select coalesce(max(id), 0)::int as id from outbox`);
  t = performance.now();
  for (let i = 0; i < live; i++) {
    await write(1);
    await new Promise((r) => setTimeout(r, 50));
  }
  for (let i = 0; i < 100; i++) {
    const [left] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from jobs where queue like 'notify.%'`,
    );
    const [unsent] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from outbox where sent_at is null`,
    );
    if (left!.n === 0 && unsent!.n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await worker.stop();
  const lat = await queryRows<{ ms: number }>(
    ctx.db,
    sql`select extract(epoch from (n.created_at - o.created_at)) * 1000 as ms
      from notification_deliveries d join outbox o on o.district_id = d.district_id and o.id = d.outbox_id
      join notifications n on n.district_id = d.district_id and n.message_id = d.message_id
      where d.channel = 'in_app' and o.id > ${mark!.id}`,
  );
  const ms = lat.map((r) => Number(r.ms));
  console.log(
    `notifications: outbox write → in-app row, ${live} reminders 50 ms apart with the worker polling every 500 ms: p50 ${pct(ms, 50).toFixed(0)} ms, p95 ${pct(ms, 95).toFixed(0)} ms (${ms.length} deliveries)`,
  );
  await database.close();
}
