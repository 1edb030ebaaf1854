import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.js';
import { writeAudit, type AuditActor, type AuditEntry } from '../modules/audit/audit.service.js';
import type { AppError } from './errors.js';

/** A tenant table with optimistic locking: `(district_id, id)` key, an integer `version`, maybe `updated_at`. */
export type VersionedTable = PgTable & {
  districtId: PgColumn;
  id: PgColumn;
  version: PgColumn;
  updatedAt?: PgColumn;
};

export interface VersionedChange<Set> {
  /** The columns to change; `null` when the operation changes only other tables (the version still moves). */
  set: Set | null;
  audit: AuditEntry;
}

export interface VersionedWrite<T extends VersionedTable, Row extends { version: number }> {
  table: T;
  id: string;
  actor: AuditActor;
  ip?: string;
  /** The version the caller last saw; `null` skips the check (system jobs, follow-ups of another write). */
  expectedVersion: number | null;
  /** Loads the row `for update` in the transaction, or throws the module's not-found error. */
  load: (tx: Tx) => Promise<Row>;
  /** The module's "changed by someone else" error. */
  conflict: () => AppError;
  /** Checks the state, writes whatever else the operation writes, and says what changes on the row. */
  apply: (tx: Tx, row: Row, now: Date) => Promise<VersionedChange<Partial<T['$inferInsert']>>>;
}

/**
 * The versioned write every module does: in one transaction, load for update → check the version →
 * apply → bump `version` (and `updated_at`) → write the audit row. Returns the row as loaded; the caller
 * reads back what it replies with (through its access layer).
 */
export async function versionedUpdate<T extends VersionedTable, Row extends { version: number }>(
  db: Db | Tx,
  w: VersionedWrite<T, Row>,
): Promise<Row> {
  return db.transaction(async (tx) => {
    const row = await w.load(tx);
    if (w.expectedVersion !== null && row.version !== w.expectedVersion) throw w.conflict();
    const now = new Date();
    const change = await w.apply(tx, row, now);
    const bump: Record<string, unknown> = { version: sql`${w.table.version} + 1` };
    if (w.table.updatedAt) bump.updatedAt = now;
    await tx
      .update(w.table)
      .set({ ...(change.set ?? {}), ...bump } as never)
      .where(and(eq(w.table.districtId, w.actor.districtId), eq(w.table.id, w.id)));
    await writeAudit(tx, w.actor, change.audit, w.ip);
    return row;
  });
}
