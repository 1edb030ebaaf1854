/**
 * Ledger bench (issue 17, item 6): the real-population ledger's .xlsx import on the embedded database.
 * A file of BENCH_LEDGER_ROWS residents (default 1,100,000 ≈ the district; ≈ 2.5 people a household over
 * every building of a small demo), written once as a stream and cached in the OS tmp dir, is imported by the
 * background job as the district admin in 'household' mode (batches of 1,000, each its own transaction);
 * then the same file again (must change nothing). Reports rows/s, the time, and the peak RSS growth.
 * `npm run bench -- ledger` runs it alone; BENCH_LEDGER=0 leaves it out of the full run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.js';
import { loadPingchengDemo } from '../src/server/demo/pingcheng.js';
import { FieldCrypto } from '../src/server/lib/field-crypto.js';
import { checkCharacter } from '../src/server/lib/id-number.js';
import { actorOfUser } from '../src/server/modules/auth/auth.service.js';
import { runLedgerImport, startLedgerImport } from '../src/server/modules/people/ledger.import.js';
import { LEDGER_COLUMNS } from '../src/server/modules/people/ledger.rows.js';

const MiB = 1024 * 1024;

interface Building {
  community: string;
  compound: string;
  building: string;
}

/** Unique valid ID numbers: area 990213 (no demo resident's), birth day from i / 1000, sequence i % 1000. */
function idNumber(i: number): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `990213${ymd}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

async function ledgerFile(rows: number, buildings: Building[]): Promise<string> {
  const dir = join(tmpdir(), 'linli-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `ledger-${rows}-${buildings.length}.xlsx`);
  if (existsSync(path)) return path;
  const t = performance.now();
  const partial = `${path}.${process.pid}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('实有人口');
  ws.addRow([...LEDGER_COLUMNS]).commit();
  const relations = ['户主', '配偶', '子女', '父母', '子女'];
  for (let i = 0; i < rows; i++) {
    const household = Math.floor(i / 2.5);
    const b = buildings[household % buildings.length]!;
    const room = Math.floor(household / buildings.length);
    ws.addRow([
      b.community,
      b.compound,
      b.building,
      `${1 + (room % 4)}单元`,
      String(101 + room),
      `台账${i}`,
      idNumber(i),
      relations[i % 5 === 0 ? 0 : (i % 4) + 1],
      i % 3 === 0 ? `139${String(i).padStart(8, '0')}` : '',
      i % 11 === 0 ? '党员' : i % 17 === 0 ? '志愿者' : '',
    ]).commit();
  }
  await ws.commit();
  await wb.commit();
  renameSync(partial, path);
  console.log(
    `  (wrote ${path}, ${(statSync(path).size / MiB).toFixed(1)} MiB, in ${((performance.now() - t) / 1000).toFixed(1)} s; cached)`,
  );
  return path;
}

export async function benchLedger(): Promise<void> {
  const rows = Number(process.env.BENCH_LEDGER_ROWS ?? 1_100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-ledger-'));
  const database = await openDatabase({});
  try {
    await migrateDatabase(database);
    const crypto = new FieldCrypto(randomBytes(32));
    await loadPingchengDemo(database, crypto, { scale: 0.004 });
    const ctx: AppContext = { config: { ...loadConfig({}), dataDir }, database, db: database.db, crypto };
    const buildings = await queryRows<Building>(
      database.db,
      sql`select c.parent_id as community, c.name as compound, b.name as building
          from buildings b join org_units c on c.district_id = b.district_id and c.id = b.compound_id order by b.id`,
    );
    const path = await ledgerFile(rows, buildings);
    const [admin] = await queryRows<{ id: string; district_id: string }>(
      database.db,
      sql`select id, district_id from users where username = 'admin'`,
    );
    const actor = await actorOfUser(ctx, admin!.district_id, admin!.id);
    const before = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from people`))[0]!.n;
    const once = async () => {
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t0 = performance.now();
      const run = await startLedgerImport(ctx, actor, {
        file: readFileSync(path),
        fileName: 'bench.xlsx',
        mode: 'household',
      });
      await runLedgerImport(ctx, actor.districtId, run.id);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const [r] = await queryRows<{ created: number; unchanged: number; error_count: number; status: string }>(
        database.db,
        sql`select created, unchanged, error_count, status from ledger_imports where id = ${run.id}`,
      );
      if (r!.error_count)
        console.log(
          '  first errors:',
          JSON.stringify(
            (
              await queryRows<{ errors: unknown[] }>(
                database.db,
                sql`select errors from ledger_imports where id = ${run.id}`,
              )
            )[0]!.errors.slice(0, 3),
          ),
        );
      return { seconds, growth: (peak - rss0) / MiB, ...r! };
    };
    const first = await once();
    const after = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from people`))[0]!.n;
    const second = await once();
    console.log(
      `ledger import (PGlite) of ${rows.toLocaleString()} residents (${(statSync(path).size / MiB).toFixed(1)} MiB .xlsx, household mode): ${first.seconds.toFixed(1)} s = ${Math.round(rows / first.seconds).toLocaleString()} rows/s, RSS growth ${first.growth.toFixed(0)} MiB, ${first.status}, created ${first.created} (people ${before} → ${after}), errors ${first.error_count}; re-import ${second.seconds.toFixed(1)} s, unchanged ${second.unchanged}, created ${second.created}`,
    );
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
