/**
 * Assessment bench (issue 13): the monthly assessment of the whole district — every street, community,
 * department and the district itself, all six rates, from the orders' events — over the demo's year of
 * orders, on PostgreSQL. Reports p50/p95 of one month's figures (loadMonth + every unit's rates) for each
 * of the last 12 months, and of the ranking request (which also scores the five months before, for the
 * trend) over the HTTP app.
 *
 * `npm run bench -- assessment` runs it alone (BENCH_SCALE as for the rest; the city-scale order set of
 * the performance issue is not loaded here).
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { migrateDatabase, openDatabase } from '../src/server/db/client.js';
import { DEMO_PASSWORD, loadPingchengDemo } from '../src/server/demo/pingcheng.js';
import { buildApp } from '../src/server/http/app.js';
import { FieldCrypto } from '../src/server/lib/field-crypto.js';
import { loadMonth, shiftMonth, unitsOf } from '../src/server/modules/assessment/rates.service.js';
import { unitRates } from '../src/server/modules/assessment/rates.compute.js';

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

export async function benchAssessment(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const crypto = new FieldCrypto(randomBytes(32));
  const database = await openDatabase({ url: pgUrl, schema: `bench_${randomBytes(4).toString('hex')}`, poolSize: 4 });
  try {
    await migrateDatabase(database);
    await loadPingchengDemo(database, crypto, { scale });
    await database.pool!.query('ANALYZE');
    const ctx: AppContext = { config: { ...loadConfig({}) }, database, db: database.db, crypto };
    const now = new Date();
    const thisMonth = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const months = Array.from({ length: 12 }, (_, i) => shiftMonth(thisMonth, -i));
    const units = await unitsOf(ctx.db, '140213');
    const monthMs: number[] = [];
    let orders = 0;
    for (const m of months) {
      const t = performance.now();
      const facts = await loadMonth(ctx.db, '140213', m, now);
      for (const u of units) unitRates(u, facts);
      monthMs.push(performance.now() - t);
      orders += facts.orders.length;
    }
    const { app } = await buildApp(ctx, { serveWeb: false });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    const cookie = `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
    const rankingMs: number[] = [];
    for (const m of months) {
      const t = performance.now();
      const r = await app.inject({
        method: 'GET',
        url: `/api/assessment/ranking?month=${m}&kind=community`,
        headers: { cookie },
      });
      if (r.statusCode !== 200) throw new Error(r.body);
      rankingMs.push(performance.now() - t);
    }
    await app.close();
    console.log(
      `assessment (PostgreSQL, scale ${scale}): ${units.length} units, ${orders.toLocaleString()} order-months over 12 months — ` +
        `one month p50 ${pct(monthMs, 50).toFixed(0)} ms, p95 ${pct(monthMs, 95).toFixed(0)} ms; ` +
        `ranking with 6-month trend p50 ${pct(rankingMs, 50).toFixed(0)} ms, p95 ${pct(rankingMs, 95).toFixed(0)} ms`,
    );
  } finally {
    await database.close();
  }
}
