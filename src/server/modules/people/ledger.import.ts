import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { analyzeTables } from '../../db/analyze.js';
import { AppError } from '../../lib/errors.js';
import { enqueue } from '../../lib/jobs.js';
import { cellText, readXlsxRows } from '../../lib/xlsx.js';
import { yieldToEventLoop, XLSX_MIME } from '../../lib/uploads.js';
import { canAccess, scopeWhere } from '../access/access.records.js';
import type { Actor } from '../access/access.policy.js';
import { storageOf } from '../attachments/storage.js';
import { writeAudit } from '../audit/audit.service.js';
import { writeBatch, type Book, type Counts } from './ledger.write.js';
import { actorOfUser } from '../auth/auth.service.js';
import { peopleErrors as E } from './people.errors.js';
import * as repo from './repository/ledger.repository.js';
import {
  householdKey,
  LEDGER_COLUMNS,
  parseLedgerRow,
  type LedgerCells,
  type LedgerRecord,
  rowError,
  type RowError,
} from './ledger.rows.js';
import type { LedgerImport } from '../../../shared/people.schema.js';

/**
 * 实有人口台账导入: people and households from one .xlsx, in the background (job queue `people.import`).
 *
 * The file is read twice, as a stream, never whole into memory: the first pass checks every row (its own
 * cells, its address in the caller's scope, an ID number not twice in the file, not a protected person and
 * not someone outside the caller's scope); the second writes, in batches. Mode 'file' writes nothing when
 * any row is wrong and then writes the whole file in one transaction; mode 'household' skips every household
 * that has a wrong row and writes each batch in its own transaction (each with its audit row), so a long
 * file holds the database only a batch at a time. People are matched by their ID number's keyed hash, so
 * importing the same file again changes nothing.
 */
export const LEDGER_IMPORT_QUEUE = 'people.import';
export const LEDGER_MAX_ROWS = 2_000_000;
const BATCH = 1000;
const KEEP_ERRORS = 500;
const LIMITS = { maxRows: LEDGER_MAX_ROWS, maxEntryBytes: 1536 * 1024 * 1024, maxTotalBytes: 2048 * 1024 * 1024 };

export function toLedgerImportDto(r: repo.LedgerImportRow): LedgerImport {
  return {
    id: r.id,
    fileName: r.fileName,
    mode: r.mode,
    status: r.status,
    totalRows: r.totalRows,
    checkedRows: r.checkedRows,
    writtenRows: r.writtenRows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    householdsCreated: r.householdsCreated,
    householdsSkipped: r.householdsSkipped,
    errorCount: r.errorCount,
    errors: r.errors,
    failure: r.failure,
    failureEn: r.failureEn,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Stores the file and queues its import; the caller polls `getLedgerImport` for progress. */
export async function startLedgerImport(
  ctx: AppContext,
  actor: Actor,
  o: { file: Buffer; fileName: string; mode: 'file' | 'household' },
  ip?: string,
): Promise<LedgerImport> {
  const id = randomUUID();
  const fileKey = `${actor.districtId}/imports/${id}.xlsx`;
  await storageOf(ctx).put(fileKey, o.file, XLSX_MIME);
  await ctx.db.transaction(async (tx) => {
    await repo.insertLedgerImport(tx, {
      districtId: actor.districtId,
      id,
      createdBy: actor.userId,
      fileName: o.fileName.slice(0, 200),
      fileKey,
      mode: o.mode,
    });
    await enqueue(tx, [
      { districtId: actor.districtId, queue: LEDGER_IMPORT_QUEUE, payload: { id }, singletonKey: id, maxAttempts: 3 },
    ]);
    await writeAudit(
      tx,
      actor,
      { action: 'people.import.start', entityType: 'ledger_import', entityId: id, detail: { mode: o.mode } },
      ip,
    );
  });
  return getLedgerImport(ctx, actor, id);
}

/** An import run, to the account that started it. */
export async function getLedgerImport(ctx: AppContext, actor: Actor, id: string): Promise<LedgerImport> {
  const row = await repo.findLedgerImport(ctx.db, actor.districtId, id);
  if (!row || row.createdBy !== actor.userId) throw E.LEDGER_IMPORT_NOT_FOUND();
  return toLedgerImportDto(row);
}

export async function recentLedgerImports(ctx: AppContext, actor: Actor): Promise<LedgerImport[]> {
  return (await repo.recentLedgerImports(ctx.db, actor.districtId, actor.userId, 10)).map(toLedgerImportDto);
}

async function* sheetRows(file: Buffer): AsyncGenerator<{ row: number; cells: LedgerCells }> {
  let header: Map<string, number> | null = null;
  let n = 0;
  for await (const r of readXlsxRows(file, LIMITS)) {
    if (!header) {
      header = new Map<string, number>();
      for (let col = 1; col <= 60; col++) {
        const name = cellText(r.getCell(col).value);
        if (name && !header.has(name)) header.set(name, col);
      }
      const missing = LEDGER_COLUMNS.filter((c) => !header!.has(c));
      if (missing.length) throw E.LEDGER_COLUMNS_MISSING({ columns: missing.join('、') });
      continue;
    }
    const cells = {} as LedgerCells;
    for (const c of LEDGER_COLUMNS) cells[c] = cellText(r.getCell(header.get(c)!).value);
    if (Object.values(cells).some((v) => v !== '')) yield { row: r.number, cells };
    if (++n % BATCH === 0) await yieldToEventLoop();
  }
  if (!header) throw E.LEDGER_COLUMNS_MISSING({ columns: LEDGER_COLUMNS.join('、') });
}

/** Rows in batches of BATCH. */
async function* batches(file: Buffer) {
  let batch: { row: number; cells: LedgerCells }[] = [];
  for await (const r of sheetRows(file)) {
    batch.push(r);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The job: runs an import to its end. Safe to run again (a re-run of a written file changes nothing). */
export async function runLedgerImport(ctx: AppContext, districtId: string, id: string): Promise<void> {
  const run = await repo.findLedgerImport(ctx.db, districtId, id);
  if (!run || run.status === 'done' || run.status === 'failed' || !run.fileKey) return;
  const patch = (p: repo.LedgerImportPatch) => repo.updateLedgerImport(ctx.db, districtId, id, p);
  try {
    const actor = await actorOfUser(ctx, districtId, run.createdBy);
    const file = await storageOf(ctx).get(run.fileKey);
    if (!file) throw E.LEDGER_FILE_GONE();
    await patch({ status: 'validating', checkedRows: 0, writtenRows: 0 });
    const book = await addressBook(ctx, actor);
    const checked = await checkFile(ctx, actor, file, book, (n) => patch({ checkedRows: n }));
    const refuse = checked.errors.length > 0 && (run.mode === 'file' || checked.total === 0);
    if (refuse || checked.total === 0) {
      await finish(ctx, actor, run, checked, null);
      return;
    }
    await patch({ status: 'writing', totalRows: checked.total, checkedRows: checked.total });
    const counts: Counts = { created: 0, updated: 0, unchanged: 0, householdsCreated: 0, writtenRows: 0 };
    const writeAll = async (q: Queryable, perBatch: boolean) => {
      for await (const batch of batches(file)) {
        const records = batch
          .map((r) => parseLedgerRow(r.row, r.cells, []))
          .filter((r): r is LedgerRecord => !!r && !checked.badHouseholds.has(r.household));
        const write = (t: Queryable) => writeBatch(ctx, t, actor.districtId, book, records, counts);
        if (perBatch) {
          await ctx.db.transaction(async (tx) => {
            const before = { ...counts };
            await write(tx);
            await writeAudit(tx, actor, {
              action: 'people.import.batch',
              entityType: 'ledger_import',
              entityId: id,
              detail: { created: counts.created - before.created, updated: counts.updated - before.updated },
            });
          });
          await patch({ writtenRows: counts.writtenRows, created: counts.created, updated: counts.updated });
        } else await write(q);
      }
    };
    if (run.mode === 'file')
      await ctx.db.transaction(async (tx) => {
        await writeAll(tx, false);
        await finish(ctx, actor, run, checked, counts, tx);
      });
    else {
      await writeAll(ctx.db, true);
      await finish(ctx, actor, run, checked, counts);
    }
    await analyzeTables(ctx.db, ['people', 'households']);
  } catch (err) {
    const known = err instanceof AppError;
    await patch({
      status: 'failed',
      failure: known ? err.text.zh : '导入时发生内部错误，已写入的批次保留，可修正后重新导入。',
      failureEn: known
        ? err.text.en
        : 'The import failed on an internal error; batches already written are kept — correct and import again.',
      finishedAt: new Date(),
      fileKey: null,
    });
    if (!known) throw err;
  }
  const store = storageOf(ctx);
  await store.delete(run.fileKey).catch(() => undefined);
}

async function finish(
  ctx: AppContext,
  actor: Actor,
  run: repo.LedgerImportRow,
  checked: Checked,
  counts: Counts | null,
  q: Queryable = ctx.db,
) {
  const c = counts ?? { created: 0, updated: 0, unchanged: 0, householdsCreated: 0, writtenRows: 0 };
  await repo.updateLedgerImport(q, run.districtId, run.id, {
    status: 'done',
    totalRows: checked.total,
    checkedRows: checked.total,
    ...c,
    householdsSkipped: counts ? checked.badHouseholds.size : 0,
    errorCount: checked.errors.length,
    errors: checked.errors.slice(0, KEEP_ERRORS),
    finishedAt: new Date(),
    fileKey: null,
  });
  await writeAudit(q, actor, {
    action: 'people.import',
    entityType: 'ledger_import',
    entityId: run.id,
    detail: { mode: run.mode, rows: checked.total, errors: checked.errors.length, ...c },
  });
}

async function addressBook(ctx: AppContext, actor: Actor): Promise<Book> {
  const rows = await repo.scopeBuildings(
    ctx.db,
    actor.districtId,
    scopeWhere(actor, 'building', repo.LEDGER_BUILDING_COLUMNS, 'write'),
  );
  return new Map(rows.map((b) => [`${b.community_id}|${b.compound_name}|${b.name}`, b]));
}

interface Checked {
  total: number;
  errors: RowError[];
  badHouseholds: Set<string>;
}

async function checkFile(
  ctx: AppContext,
  actor: Actor,
  file: Buffer,
  book: Book,
  progress: (n: number) => Promise<unknown>,
): Promise<Checked> {
  const errors: RowError[] = [];
  const bad = new Set<string>();
  const seen = new Map<string, number>();
  let total = 0;
  for await (const batch of batches(file)) {
    const records: LedgerRecord[] = [];
    for (const { row, cells } of batch) {
      const before = errors.length;
      const rec = parseLedgerRow(row, cells, errors);
      if (rec && !book.has(rec.address))
        errors.push(
          rowError(
            row,
            '楼栋名称',
            `找不到 ${cells['小区名称']} ${cells['楼栋名称']}（社区编码 ${cells['社区编码']}），或不在您的管辖范围内；请先导入楼栋台账。`,
            `There is no building ${cells['楼栋名称']} in ${cells['小区名称']} (community ${cells['社区编码']}) in your area; import the building ledger first.`,
          ),
        );
      if (rec && errors.length === before) {
        const hash = ctx.crypto.blindIndex(rec.id.normalized);
        const first = seen.get(hash);
        if (first)
          errors.push(
            rowError(row, '身份证号', `与第 ${first} 行的身份证号相同。`, `The same ID number as row ${first}.`),
          );
        else {
          seen.set(hash, row);
          records.push(rec);
        }
      }
      if (errors.length > before) bad.add(householdKey(cells));
    }
    const existing = await repo.peopleByIdHashes(
      ctx.db,
      actor.districtId,
      records.map((r) => ctx.crypto.blindIndex(r.id.normalized)),
    );
    const byHash = new Map(existing.map((p) => [p.id_hash, p]));
    for (const rec of records) {
      const p = byHash.get(ctx.crypto.blindIndex(rec.id.normalized));
      if (!p) continue;
      const problem: [string, string] | null = p.protection
        ? [
            '该居民受未成年人保护，信息只能在“未成年人保护”中修改。',
            'This resident is under minor protection; their details change only there.',
          ]
        : !canAccess(actor, 'person', { orgPath: p.org_path }, 'write')
          ? [
              '该身份证号已登记在您管辖范围以外的地址，请联系其所在社区办理迁移。',
              'This ID number is registered at an address outside your area; ask that community to move the resident.',
            ]
          : null;
      if (problem) {
        errors.push(rowError(rec.row, '身份证号', ...problem));
        bad.add(rec.household);
      }
    }
    total += batch.length;
    await progress(total);
  }
  errors.sort((a, b) => a.row - b.row);
  return { total, errors, badHouseholds: bad };
}
