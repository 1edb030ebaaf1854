import type { AppContext } from '../../context.js';
import { JobWorker } from '../../lib/jobs.js';
import { LEDGER_IMPORT_QUEUE, runLedgerImport } from './ledger.import.js';

/**
 * The worker `linli serve` starts for the real-population ledger's imports: one import at a time per
 * process (batch 1), leased for half an hour (a 1.1M-row file takes minutes; a dead process's import is
 * taken over when the lease ends and, being idempotent, simply runs again).
 */
export function createLedgerWorker(ctx: AppContext, o: { pollMs?: number; onError?: (err: unknown) => void } = {}) {
  return new JobWorker({
    db: ctx.db,
    pollMs: o.pollMs ?? 1000,
    leaseMs: 30 * 60_000,
    batch: 1,
    onError: o.onError,
    handlers: {
      [LEDGER_IMPORT_QUEUE]: (job) => runLedgerImport(ctx, job.districtId, String(job.payload.id)),
    },
  });
}
