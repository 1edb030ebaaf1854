import type { AppContext } from '../../context.js';
import { enqueue, JobWorker } from '../../lib/jobs.js';
import { DELIVER, deliver, DIGEST, digestDue, FANOUT, fanOut, sendDigests } from './delivery.service.js';
import { relayOutbox, warnDueSoon } from './notifications.repository.js';

/**
 * The notification worker `linli serve` starts: each round moves new outbox rows into the queue, and
 * once a minute sweeps for orders nearly due (the pre-breach warning) and, after 08:00 Shanghai, queues
 * the day's e-mail digest; then it claims and runs due jobs. Several processes may run it side by side.
 */
export interface NotificationWorkerOptions {
  pollMs?: number;
  leaseMs?: number;
  /** how often the due-soon sweep and the digest check run (ms) */
  sweepMs?: number;
  onError?: (err: unknown) => void;
}

export function createNotificationWorker(ctx: AppContext, o: NotificationWorkerOptions = {}): JobWorker {
  const cfg = ctx.config.notify;
  const sweepMs = o.sweepMs ?? 60_000;
  let lastSweep = 0;
  return new JobWorker({
    db: ctx.db,
    pollMs: o.pollMs ?? cfg.pollMs,
    leaseMs: o.leaseMs ?? 60_000,
    onError: o.onError,
    handlers: {
      [FANOUT]: (job) => fanOut(ctx, job).then(() => undefined),
      [DELIVER]: (job) => deliver(ctx, job),
      [DIGEST]: () => sendDigests(ctx).then(() => undefined),
    },
    beforeClaim: async () => {
      await relayOutbox(ctx.db, { limit: 200, maxAgeHours: cfg.maxAgeHours });
      if (Date.now() - lastSweep < sweepMs) return;
      lastSweep = Date.now();
      await sweepDueSoon(ctx);
      const day = digestDue(new Date());
      if (day && cfg.smtp)
        await enqueue(ctx.db, [
          { districtId: '-', queue: DIGEST, payload: { day }, singletonKey: day, maxAttempts: 5 },
        ]);
    },
  });
}

/** Pre-breach warnings: orders whose deadline is the configured share elapsed get one reminder per deadline. */
export function sweepDueSoon(ctx: AppContext, now = new Date()): Promise<number> {
  return ctx.db.transaction((tx) => warnDueSoon(tx, { now, share: ctx.config.notify.dueShare }));
}

export async function startNotificationWorker(ctx: AppContext, o: NotificationWorkerOptions = {}) {
  const worker = createNotificationWorker(ctx, o);
  worker.start();
  return { worker, stop: () => worker.stop() };
}
