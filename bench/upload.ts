/**
 * Upload bench (issue 10, part 10): a 1M-row 12345 export (~30 MB .xlsx, written once as a stream
 * and cached in the OS tmp dir) is posted to /api/imports/hotline-12345 on a running app on the
 * embedded database, over real HTTP, while /api/health is polled. Reports the time to the answer,
 * the peak RSS growth of the process, and /api/health p50/p99.
 *
 * `npm run bench -- upload` runs it alone. BENCH_UPLOAD_ROWS (default 1,000,000) changes the file:
 * 200000 measures an accepted import at the row cap instead of a refusal.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.js';
import { DEMO_PASSWORD, loadPingchengDemo } from '../src/server/demo/pingcheng.js';
import { buildApp } from '../src/server/http/app.js';
import { FieldCrypto } from '../src/server/lib/field-crypto.js';
import { HOTLINE_COLUMNS } from '../src/server/modules/work-orders/hotline-import.js';

const MiB = 1024 * 1024;

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

/** Writes the file once per (rows, community); the streaming writer keeps memory flat. */
async function hotlineFile(rows: number, communityId: string): Promise<string> {
  const dir = join(tmpdir(), 'linli-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `hotline-${rows}-${communityId}.xlsx`);
  if (existsSync(path)) return path;
  const t = performance.now();
  const partial = `${path}.${process.pid}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('12345');
  ws.addRow([...HOTLINE_COLUMNS]).commit();
  const categories = ['环境卫生', '装修', '物业管理', '供暖', '噪音扰民'];
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      `BENCH-${i}`,
      '2026-11-20 09:30',
      categories[i % categories.length],
      `垃圾清运不及时 ${i}`,
      '请尽快清运',
      communityId,
      '星港城',
      '王女士',
      '13900001111',
    ]).commit();
  }
  await ws.commit();
  await wb.commit();
  renameSync(partial, path);
  console.log(
    `  (wrote ${path}, ${(statSync(path).size / MiB).toFixed(1)} MiB, in ${((performance.now() - t) / 1000).toFixed(1)} s; cached for the next run)`,
  );
  return path;
}

/** The multipart body as a stream: the file is read from disk, never held whole by the client. */
function multipartBody(path: string, boundary: string): Readable {
  async function* parts() {
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="12345.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    );
    for await (const chunk of createReadStream(path)) yield chunk as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return Readable.from(parts());
}

export async function benchUpload(): Promise<void> {
  const rows = Number(process.env.BENCH_UPLOAD_ROWS ?? 1_000_000);
  const database = await openDatabase({});
  try {
    await migrateDatabase(database);
    const crypto = new FieldCrypto(randomBytes(32));
    await loadPingchengDemo(database, crypto, { scale: 0.004 });
    const ctx: AppContext = { config: { ...loadConfig({}) }, database, db: database.db, crypto };
    const { app } = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      const [xg] = await queryRows<{ community: string }>(
        database.db,
        sql`select parent_id as community from org_units where name = '星港城' and kind = 'compound'`,
      );
      const path = await hotlineFile(rows, xg!.community);
      const size = statSync(path).size;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(base).origin },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');

      global.gc?.();
      await new Promise((r) => setTimeout(r, 200));
      const mem = () => {
        const m = process.memoryUsage();
        return { rss: m.rss, js: m.heapUsed + m.external };
      };
      const m0 = mem();
      const rss0 = m0.rss;
      let peak = rss0,
        peakJs = m0.js;
      const sample = () => {
        const m = mem();
        peak = Math.max(peak, m.rss);
        peakJs = Math.max(peakJs, m.js);
      };
      const sampler = setInterval(sample, 10);
      const health: number[] = [];
      let uploading = true;
      const poller = (async () => {
        while (uploading) {
          const t = performance.now();
          const res = await fetch(`${base}/api/health`);
          await res.arrayBuffer();
          health.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const boundary = `----linliBench${randomBytes(6).toString('hex')}`;
      const t0 = performance.now();
      const res = await fetch(`${base}/api/imports/hotline-12345`, {
        method: 'POST',
        headers: { cookie, origin: new URL(base).origin, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Readable.toWeb(multipartBody(path, boundary)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      const body = await res.text();
      const seconds = (performance.now() - t0) / 1000;
      uploading = false;
      await poller;
      clearInterval(sampler);
      sample();
      const answer =
        res.status >= 400
          ? `${res.status} ${(JSON.parse(body) as { error: { code: string } }).error.code}`
          : `${res.status} ${body.slice(0, 80)}`;
      console.log(
        `upload: ${rows.toLocaleString()}-row 12345 .xlsx (${(size / MiB).toFixed(1)} MiB) → ${answer} in ${seconds.toFixed(2)} s (target ≤ 5 s); ` +
          `RSS growth ${((peak - rss0) / MiB).toFixed(0)} MiB (target ≤ 300 MiB; heap+external peak growth ${((peakJs - m0.js) / MiB).toFixed(0)} MiB); ` +
          `/api/health during the upload: p50 ${pct(health, 50).toFixed(1)} ms, p99 ${pct(health, 99).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms over ${health.length} polls (target ≤ 200 ms)`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
