/** Shared pieces of the bench: percentiles, timers, the demo load line. */
import type { Database } from '../src/server/db/client.js';
import { migrateDatabase } from '../src/server/db/client.js';
import { loadPingchengDemo } from '../src/server/demo/pingcheng.js';
import type { FieldCrypto } from '../src/server/lib/field-crypto.js';

export function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}
export const ms = (n: number) => `${n.toFixed(2)} ms`;

export async function loadDemo(database: Database, crypto: FieldCrypto, label: string, scale: number): Promise<void> {
  await migrateDatabase(database);
  const mem0 = process.memoryUsage().rss;
  const r = await loadPingchengDemo(database, crypto, { scale });
  const rss = (process.memoryUsage().rss - mem0) / 1024 / 1024;
  console.log(
    `demo load (${label}, scale ${scale}): ${r.people.toLocaleString()} people in ${r.households.toLocaleString()} households, ${r.seconds.toFixed(1)} s — ${Math.round(r.people / r.seconds).toLocaleString()} people/s, +${rss.toFixed(0)} MiB RSS`,
  );
}

export async function timeIt(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Runs `worker` on `concurrency` loops for `seconds`; returns completed operations per second. */
export async function throughput(seconds: number, concurrency: number, worker: () => Promise<void>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await worker();
        done++;
      }
    }),
  );
  return done / seconds;
}

/** GET `url` with the cookie, timing it into `lat`; throws on a status other than 200. */
export async function timedGet(url: string, cookie: string, lat?: number[]): Promise<void> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  lat?.push(performance.now() - t);
}
