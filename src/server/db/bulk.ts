import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './client.js';

export type CopyValue = string | number | boolean | null | readonly string[];
export interface CopyBatch {
  table: string;
  columns: readonly string[];
  rows: CopyValue[][];
}

/**
 * Bulk load through COPY … FROM STDIN (CSV) — on PostgreSQL via pg-copy-streams, on PGlite from an
 * in-memory blob — all batches in one transaction. Several times faster than multi-row INSERTs.
 */
export async function copyRows(database: Database, batches: CopyBatch[]): Promise<void> {
  if (database.kind === 'pglite') {
    await database.pglite!.transaction(async (tx) => {
      for (const b of batches) {
        await tx.query(`COPY ${b.table} (${b.columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([toCsv(b.rows)]),
        });
      }
    });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('BEGIN');
    for (const b of batches) {
      await pipeline(
        Readable.from([toCsv(b.rows)]),
        client.query(copyFrom(`COPY ${b.table} (${b.columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`)),
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

function csvField(v: CopyValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  const s = Array.isArray(v) ? `{${v.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}` : (v as string);
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(rows: CopyValue[][]): string {
  let out = '';
  for (const r of rows) out += r.map(csvField).join(',') + '\n';
  return out;
}
