/**
 * The embedded-database lines (issue 17): on PGlite in memory with the demo at BENCH_SCALE plus
 * BENCH_PGLITE_ORDERS (default 25,000) orders under 水泊寺街道 —
 * - inbox (待办) p99 for the street and a community worker (target p99 ≤ 250 ms with 25k);
 * - `/api/health` p50/p99 while every heavy report (order metrics, coverage dashboard, canteen
 *   settlement and its .xlsx, service-hours and points exports, compound summary) is requested in a
 *   loop by 4 clients (target p99 ≤ 300 ms): the one connection must never be held for long.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { openDatabase, queryRows } from '../src/server/db/client.js';
import { DEMO_PASSWORD } from '../src/server/demo/pingcheng.js';
import { buildApp } from '../src/server/http/app.js';
import type { FieldCrypto } from '../src/server/lib/field-crypto.js';
import { addStreetOrders } from '../src/server/testing/bulk-orders.js';
import { loadDemo, ms, pct, throughput, timedGet } from './lib.js';

async function login(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  return `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
}

export async function benchPglite(crypto: FieldCrypto, scale: number, seconds: number): Promise<void> {
  const lite = await openDatabase({});
  try {
    await loadDemo(lite, crypto, 'PGlite in memory', scale);
    const count = Number(process.env.BENCH_PGLITE_ORDERS ?? 25_000);
    const s = await addStreetOrders(lite, { districtId: '140213', streetPath: '140213/140213066/', count, tag: 'BL' });
    const [n] = await queryRows<{ n: number }>(
      lite.db,
      sql`select count(*)::int as n from work_orders where org_path like '140213/140213066/%'`,
    );
    console.log(
      `PGlite: +${count.toLocaleString()} orders in 水泊寺街道 in ${s.toFixed(1)} s (${n!.n.toLocaleString()} in its scope)`,
    );
    const ctx: AppContext = { config: { ...loadConfig({}) }, database: lite, db: lite.db, crypto };
    const { app } = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const admin = await login(app, 'admin');
    for (const user of ['shuibosi', 'taihe']) {
      const cookie = await login(app, user);
      const lat: number[] = [];
      const rate = await throughput(seconds, 4, () =>
        timedGet(`${base}/api/work-orders?box=inbox&limit=20`, cookie, lat),
      );
      console.log(
        `PGlite inbox (${user}): ${Math.round(rate)} req/s, p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))}`,
      );
    }

    const [canteen] = await queryRows<{ id: string; month: string }>(
      lite.db,
      sql`select station_id as id, to_char(max(served_on), 'YYYY-MM') as month from canteen_meals group by 1 order by count(*) desc limit 1`,
    );
    const reports = [
      '/api/work-orders/metrics',
      '/api/dashboard/coverage',
      `/api/canteens/${canteen!.id}/settlements/${canteen!.month}`,
      `/api/canteens/${canteen!.id}/settlements/${canteen!.month}/xlsx`,
      '/api/service-records.xlsx',
      '/api/points/ledger.xlsx',
      '/api/compound-reports/summary',
    ];
    const usable: string[] = [];
    for (const r of reports) {
      const res = await fetch(base + r, { headers: { cookie: admin } });
      await res.arrayBuffer();
      if (res.status === 200) usable.push(r);
      else console.log(`  (skipped ${r}: ${res.status} for admin)`);
    }
    const reportLat = new Map(usable.map((r) => [r, [] as number[]]));
    const end = performance.now() + seconds * 1000;
    const health: number[] = [];
    await Promise.all([
      ...Array.from({ length: 4 }, async (_, k) => {
        for (let i = k; performance.now() < end; i++) {
          const r = usable[i % usable.length]!;
          await timedGet(base + r, admin, reportLat.get(r));
        }
      }),
      (async () => {
        while (performance.now() < end) {
          await timedGet(`${base}/api/health`, '', health);
          await new Promise((r) => setTimeout(r, 20));
        }
      })(),
    ]);
    console.log(
      `PGlite /api/health while ${usable.length} heavy reports are requested by 4 clients: p50 ${ms(pct(health, 50))}, p99 ${ms(pct(health, 99))} (${health.length} probes)`,
    );
    for (const [r, lat] of reportLat)
      console.log(
        `  ${r.replace(/S-[A-Z0-9-]+/, ':id')}: ${lat.length} calls, p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))}`,
      );
    await app.close();
  } finally {
    await lite.close();
  }
}
