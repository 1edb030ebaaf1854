/**
 * npm run bench — demo load time, people search p95, dashboard p95, and the throughput of a list
 * endpoint over HTTP as a ratio to the same SQL through raw `pg`, all measured in one run.
 *
 * BENCH_SCALE (default 1 = ≈1.1M residents), BENCH_DATABASE_URL (default the machine's PostgreSQL),
 * BENCH_SECONDS per throughput phase (default 5), BENCH_PGLITE=0 to skip the embedded load.
 * `npm run bench -- upload` runs only the upload line (bench/upload.ts); BENCH_UPLOAD=0 leaves it out
 * of the full run. `npm run bench -- notifications` runs only the notification line (bench/notifications.ts).
 * of the full run. `npm run bench -- assessment` runs only the monthly assessment line (bench/assessment.ts).
 * of the full run; `npm run bench -- ledger` only the ledger import line (bench/ledger.ts, BENCH_LEDGER=0 leaves it out);
 * `npm run bench -- pages` only the page-weight line (bench/page-weight.ts, BENCH_PAGES=0 leaves it
 * out). BENCH_ORDERS (default 100,000) orders are added under 水泊寺街道 on PostgreSQL before the
 * inbox lines (issue 17: a street user with ≥ 100k orders in scope); bench/pglite.ts has the embedded lines.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { openDatabase, queryRows } from '../src/server/db/client.js';
import { DEMO_PASSWORD } from '../src/server/demo/pingcheng.js';
import { buildApp } from '../src/server/http/app.js';
import { FieldCrypto } from '../src/server/lib/field-crypto.js';
import ExcelJS from 'exceljs';
import { authenticate } from '../src/server/modules/auth/auth.service.js';
import { importHotlineOrders } from '../src/server/modules/work-orders/hotline-import.js';
import { PgDialect } from 'drizzle-orm/pg-core';
import { peopleSearchSql } from '../src/server/modules/people/people.repository.js';
import { peopleFilter } from '../src/server/modules/people/people.service.js';
import { inboxQuery } from '../src/server/modules/work-orders/repository/inbox.repository.js';
import { addStreetOrders } from '../src/server/testing/bulk-orders.js';
import { loadDemo, ms, pct, throughput as throughputFor, timedGet, timeIt } from './lib.js';
import { benchPageWeight } from './page-weight.js';
import { benchPglite } from './pglite.js';
import { benchUpload } from './upload.js';
import { benchLedger } from './ledger.js';
import { benchNotifications } from './notifications.js';
import { benchAssessment } from './assessment.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const crypto = new FieldCrypto(randomBytes(32));
const throughput = (concurrency: number, worker: () => Promise<void>) => throughputFor(seconds, concurrency, worker);

async function main(): Promise<void> {
  if (process.argv.includes('pages')) {
    console.log(`# Linli bench (page weight) — node ${process.version}`);
    return benchPageWeight();
  }
  if (process.argv.includes('ledger')) {
    console.log(`# Linli bench (ledger) — node ${process.version}`);
    await benchLedger();
    return;
  }
  if (process.argv.includes('upload')) {
    console.log(`# Linli bench (upload) — node ${process.version}`);
    return benchUpload();
  }
  if (process.argv.includes('notifications')) {
    console.log(`# Linli bench (notifications) — node ${process.version}`);
    return benchNotifications();
  }
  if (process.argv.includes('assessment')) {
    console.log(`# Linli bench (assessment) — node ${process.version}`);
    return benchAssessment();
  }
  console.log(`# Linli bench — node ${process.version}, scale ${scale}`);
  if (process.env.BENCH_PGLITE !== '0') await benchPglite(crypto, scale, seconds);

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ url: pgUrl, schema, poolSize: 10 });
  try {
    await loadDemo(database, crypto, 'PostgreSQL', scale); // the loader ends with ANALYZE
    const ctx: AppContext = { config: { ...loadConfig({}) }, database, db: database.db, crypto };
    const { app } = await buildApp(ctx, { serveWeb: false });
    const loginAs = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      return `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
    };
    const admin = await loginAs('admin');
    const taihe = await loginAs('taihe');

    // People search: prefixes of real names, pinyin and initials, as a district admin (1.1M rows) and a community worker.
    const names = await queryRows<{ name: string; name_pinyin: string; name_initials: string }>(
      database.db,
      sql`select name, name_pinyin, name_initials from people order by md5(id) limit 100`,
    );
    const queries = names.flatMap((n) => [n.name.slice(0, 2), n.name_pinyin.slice(0, 5), n.name_initials]);
    for (const [who, cookie] of [
      ['district admin', admin],
      ['community worker', taihe],
    ] as const) {
      const lat = await timeIt(queries.length, async (i) => {
        const res = await app.inject({
          method: 'GET',
          url: `/api/people?q=${encodeURIComponent(queries[i]!)}&limit=20`,
          headers: { cookie },
        });
        if (res.statusCode !== 200) throw new Error(res.body);
      });
      console.log(
        `people search (${who}, ${queries.length} queries): p50 ${ms(pct(lat, 50))}, p95 ${ms(pct(lat, 95))}`,
      );
    }
    const streets = await queryRows<{ id: string }>(database.db, sql`select id from org_units where kind = 'street'`);
    const dash = await timeIt(60, async (i) => {
      const url =
        i % 3 === 0
          ? '/api/dashboard/coverage'
          : `/api/dashboard/coverage?orgUnitId=${streets[i % streets.length]!.id}`;
      const res = await app.inject({ method: 'GET', url, headers: { cookie: admin } });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    console.log(
      `coverage dashboard (district and street scopes, 60 calls): p50 ${ms(pct(dash, 50))}, p95 ${ms(pct(dash, 95))}`,
    );

    // Throughput: GET /api/people?orgUnitId=<community>&limit=20 over real HTTP vs the same SQL through raw pg.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const [community] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select id, path from org_units where name = '太和社区'`,
    );
    const url = `http://127.0.0.1:${address.port}/api/people?orgUnitId=${community!.id}&limit=20`;
    const apiRate = await throughput(8, async () => {
      const res = await fetch(url, { headers: { cookie: admin } });
      if (res.status !== 200) throw new Error(await res.text());
      await res.arrayBuffer();
    });
    const raw = new pg.Pool({ connectionString: pgUrl, max: 10, options: `-c search_path=${schema}` });
    const rawSql = `select p.id, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.id_masked, p.tags, p.org_path, p.name_pinyin,
        c.name as compound_name, b.name as building_name, h.unit, h.room
      from people p
      left join households h on h.district_id = p.district_id and h.id = p.household_id
      left join buildings b on b.district_id = h.district_id and b.id = h.building_id
      left join org_units c on c.district_id = h.district_id and c.id = h.compound_id
      where p.district_id = $1 and p.org_path like $2 order by p.name_pinyin, p.id limit 21`;
    const rawRate = await throughput(8, async () => {
      await raw.query(rawSql, ['140213', `${community!.path}%`]);
    });
    // the statement the API itself runs (page-first, with the scope and listability predicates), through raw pg
    const adminForPeople = await authenticate(ctx, admin.split('=')[1]);
    const peopleQ = new PgDialect().sqlToQuery(
      peopleSearchSql(await peopleFilter(ctx, adminForPeople, { q: '', orgUnitId: community!.id, limit: 20 })),
    );
    const rawSameRate = await throughput(8, async () => {
      await raw.query(peopleQ.sql, peopleQ.params);
    });
    await raw.end();
    console.log(`list endpoint GET /api/people?orgUnitId=… (HTTP, auth, scope, zod): ${Math.round(apiRate)} req/s`);
    console.log(`same SQL through raw pg: ${Math.round(rawRate)} queries/s`);
    console.log(`ratio API / raw pg: ${(apiRate / rawRate).toFixed(2)}×`);
    console.log(
      `the API's own statement through raw pg: ${Math.round(rawSameRate)} queries/s; ratio API / it ${(apiRate / rawSameRate).toFixed(2)}×`,
    );

    // ── Work orders (issue 3): create and inbox list on PostgreSQL, API vs the same statements through raw pg ──
    const taiheCookie = await loginAs('taihe');
    const [xg] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select id, path from org_units where name = '星港城'`,
    );
    const base = `http://127.0.0.1:${address.port}`;
    let seq = 0;
    const createLat: number[] = [];
    const createRate = await throughput(8, async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/work-orders`, {
        method: 'POST',
        headers: {
          cookie: taiheCookie,
          origin: new URL(base).origin,
          'content-type': 'application/json',
          'idempotency-key': `bench-${process.pid}-${++seq}`,
        },
        body: JSON.stringify({
          channel: 'grid_patrol',
          categoryId: 'C02',
          title: `压测诉求 ${seq}`,
          description: '垃圾清运不及时',
          compoundId: xg!.id,
        }),
      });
      if (res.status !== 201) throw new Error(await res.text());
      await res.arrayBuffer();
      createLat.push(performance.now() - t);
    });
    const rawPool = new pg.Pool({ connectionString: pgUrl, max: 10, options: `-c search_path=${schema}` });
    const rawLat: number[] = [];
    let rawSeq = 0;
    const rawCreateRate = await throughput(8, async () => {
      const t = performance.now();
      const c = await rawPool.connect();
      try {
        const n = ++rawSeq;
        await c.query('BEGIN');
        await c.query(
          `select id from work_orders where district_id = $1 and status <> 'closed' and category_id = $2 and compound_id = $3 and merged_into is null order by created_at limit 1`,
          ['140213', 'C02', xg!.id],
        );
        const id = randomBytes(16).toString('hex');
        await c.query(
          `insert into work_orders (district_id, id, no, channel, category_id, title, description, compound_id, org_path, status, stage_due_at, due_at, created_by)
          values ($1, $2, $3, 'grid_patrol', 'C02', $4, '垃圾清运不及时', $5, $6, 'new', now() + interval '1 day', now() + interval '1 day', 'U003')`,
          ['140213', id, `RAW${process.pid}${n}`, `压测诉求 ${n}`, xg!.id, xg!.path],
        );
        await c.query(
          `insert into idempotency_keys (district_id, user_id, key, request_hash, resource_id) values ($1, 'U003', $2, 'h', $3)`,
          ['140213', `raw-${process.pid}-${n}`, id],
        );
        await c.query(
          `insert into work_order_events (district_id, order_id, actor_user_id, actor_name, actor_role, type, note) values ($1, $2, 'U003', '太和社区 李社工', 'community_worker', 'created', $3)`,
          ['140213', id, `压测诉求 ${n}`],
        );
        await c.query(`insert into outbox (district_id, topic, payload) values ($1, 'order.to_accept', $2)`, [
          '140213',
          JSON.stringify({ orderId: id }),
        ]);
        await c.query(
          `insert into audit_log (district_id, actor_user_id, actor_role, action, entity_type, entity_id) values ($1, 'U003', 'community_worker', 'work_order.create', 'work_order', $2)`,
          ['140213', id],
        );
        await c.query('COMMIT');
      } finally {
        c.release();
      }
      rawLat.push(performance.now() - t);
    });
    console.log(
      `order create  API: ${Math.round(createRate)} orders/s, p50 ${ms(pct(createLat, 50))}, p99 ${ms(pct(createLat, 99))}`,
    );
    console.log(
      `order create  raw pg (same inserts in one transaction): ${Math.round(rawCreateRate)} orders/s, p99 ${ms(pct(rawLat, 99))}`,
    );
    console.log(`ratio create API / raw pg: ${(createRate / rawCreateRate).toFixed(2)}×`);
    const inboxLat: number[] = [];
    const inboxRate = await throughput(8, async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/work-orders?box=open&limit=20`, { headers: { cookie: taiheCookie } });
      if (res.status !== 200) throw new Error(await res.text());
      await res.arrayBuffer();
      inboxLat.push(performance.now() - t);
    });
    const inboxSql = `select o.id, o.no, o.hotline_no, o.channel, coalesce(c.name, o.category_id) as category_name, o.title, cp.name as compound_name,
        cm.name as community_name, o.status, o.escalation_level, o.due_at, o.created_at, o.rating, o.possible_duplicate_of, o.version
      from work_orders o
      left join work_order_categories c on c.district_id = o.district_id and c.id = o.category_id
      join org_units cp on cp.district_id = o.district_id and cp.id = o.compound_id
      join org_units cm on cm.district_id = cp.district_id and cm.id = cp.parent_id
      where o.district_id = $1 and o.org_path like $2 and o.merged_into is null and o.status <> 'closed'
      order by o.created_at desc, o.id desc limit 21`;
    const [taiheUnit] = await queryRows<{ path: string }>(
      database.db,
      sql`select path from org_units where name = '太和社区'`,
    );
    const rawInboxLat: number[] = [];
    const rawInboxRate = await throughput(8, async () => {
      const t = performance.now();
      await rawPool.query(inboxSql, ['140213', `${taiheUnit!.path}%`]);
      rawInboxLat.push(performance.now() - t);
    });
    await rawPool.end();
    console.log(
      `inbox list    API: ${Math.round(inboxRate)} req/s, p99 ${ms(pct(inboxLat, 99))}; raw pg: ${Math.round(rawInboxRate)} q/s, p99 ${ms(pct(rawInboxLat, 99))}; ratio ${(inboxRate / rawInboxRate).toFixed(2)}×`,
    );

    // ── 待办 (issue 17): a street with ≥ BENCH_ORDERS orders in scope; API vs the same statement through raw pg ──
    const extra = Number(process.env.BENCH_ORDERS ?? 100_000);
    const addS = await addStreetOrders(database, {
      districtId: '140213',
      streetPath: '140213/140213066/',
      count: extra,
      tag: 'BP',
    });
    const [inStreet] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from work_orders where org_path like '140213/140213066/%'`,
    );
    console.log(
      `+${extra.toLocaleString()} orders under 水泊寺街道 in ${addS.toFixed(1)} s (${inStreet!.n.toLocaleString()} in its scope)`,
    );
    const inboxPool = new pg.Pool({ connectionString: pgUrl, max: 10, options: `-c search_path=${schema}` });
    for (const user of ['shuibosi', 'taihe']) {
      const cookie = await loginAs(user);
      const actor = await authenticate(ctx, cookie.split('=')[1]);
      const q = inboxQuery(database.db, { actor, q: '', limit: 21 }).toSQL();
      const apiLat: number[] = [];
      const apiRate = await throughput(8, () => timedGet(`${base}/api/work-orders?box=inbox&limit=20`, cookie, apiLat));
      const rawLat: number[] = [];
      const rawRate = await throughput(8, async () => {
        const t = performance.now();
        await inboxPool.query(q.sql, q.params);
        rawLat.push(performance.now() - t);
      });
      console.log(
        `inbox 待办 (${user}) API: ${Math.round(apiRate)} req/s, p50 ${ms(pct(apiLat, 50))}, p99 ${ms(pct(apiLat, 99))}; raw pg: ${Math.round(rawRate)} q/s, p99 ${ms(pct(rawLat, 99))}; ratio ${(apiRate / rawRate).toFixed(2)}×`,
      );
    }
    await inboxPool.end();
    await app.close();

    // 100k-row 12345 import (xlsx parse + validation + one transaction)
    const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('12345');
    ws.addRow([
      '12345工单编号',
      '受理时间',
      '诉求分类',
      '标题',
      '诉求内容',
      '社区编码',
      '小区名称',
      '联系人',
      '联系电话',
    ]);
    const [cm] = await queryRows<{ id: string }>(
      database.db,
      sql`select parent_id as id from org_units where name = '星港城'`,
    );
    for (let i = 0; i < importRows; i++)
      ws.addRow([
        `BENCH-${i}`,
        '2026-11-20 09:30',
        '环境卫生',
        `垃圾清运不及时 ${i}`,
        '请尽快清运',
        cm!.id,
        '星港城',
        '王女士',
        '13900001111',
      ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const adminActor = await authenticate(ctx, admin.split('=')[1]);
    let t0 = performance.now();
    const first = await importHotlineOrders(ctx, adminActor, file);
    const firstS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const second = await importHotlineOrders(ctx, adminActor, file);
    console.log(
      `12345 import of ${importRows.toLocaleString()} rows (${(file.length / 1048576).toFixed(1)} MiB .xlsx): ${firstS.toFixed(1)} s (created ${first.created}); re-import ${((performance.now() - t0) / 1000).toFixed(1)} s (unchanged ${second.unchanged})`,
    );
  } finally {
    await database.pool!.query(`DROP SCHEMA "${schema}" CASCADE`);
    await database.close();
  }
  if (process.env.BENCH_UPLOAD !== '0') await benchUpload();
  if (process.env.BENCH_LEDGER !== '0') await benchLedger();
  if (process.env.BENCH_NOTIFY !== '0') await benchNotifications();
  if (process.env.BENCH_PAGES !== '0') await benchPageWeight();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
