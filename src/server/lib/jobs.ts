import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/client.js';
import {
  buryExpired,
  claimJobs,
  deleteJob,
  failJob,
  insertJobs,
  type JobRow,
  type NewJob,
} from '../modules/jobs/jobs.repository.js';

/**
 * A durable job queue on the app's own database (PostgreSQL and PGlite alike; pg-boss needs Node 22):
 * jobs are rows, claimed in one short statement with `FOR UPDATE SKIP LOCKED` and a lease. A job whose
 * worker dies (`kill -9`) keeps its lease until it expires and is then claimed again; failures come back
 * after an exponential back-off; after `maxAttempts` a job is dead and waits for an administrator.
 * Handlers must therefore be idempotent: they may run more than once for one job.
 *
 * No transaction is held while a handler runs (PGlite has one connection): claim, run, then one short
 * statement to delete or reschedule the job.
 */
export type { JobRow, NewJob };
export type JobHandler = (job: JobRow) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  /** How often an idle worker looks for work (ms). */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job over (ms). */
  leaseMs?: number;
  /** Jobs claimed per round. */
  batch?: number;
  /** Called before each claim round (e.g. to move outbox rows into the queue). */
  beforeClaim?: () => Promise<unknown>;
  onError?: (err: unknown, job?: JobRow) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Delay before attempt n+1: 2^n seconds (2 s, 4 s, 8 s …), capped at one hour, with ±20 % jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.max(1, attempts));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function enqueue(db: Parameters<typeof insertJobs>[0], list: NewJob[]): Promise<number> {
  return insertJobs(db, list);
}

export class JobWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();
  private readonly o: Required<Omit<WorkerOptions, 'beforeClaim' | 'onError'>> &
    Pick<WorkerOptions, 'beforeClaim' | 'onError'>;

  constructor(opts: WorkerOptions) {
    this.o = { pollMs: 500, leaseMs: 60_000, batch: 20, now: () => new Date(), ...opts };
  }

  /** One round: claim what is due, run it, settle each job. Returns how many jobs ran. */
  async runOnce(): Promise<number> {
    const { db, handlers } = this.o;
    if (this.o.beforeClaim) await this.o.beforeClaim();
    await buryExpired(db, this.o.now());
    const claimed = await claimJobs(db, {
      queues: Object.keys(handlers),
      limit: this.o.batch,
      leaseMs: this.o.leaseMs,
      workerId: this.id,
      now: this.o.now(),
    });
    for (const job of claimed) {
      try {
        await handlers[job.queue]!(job);
        await deleteJob(db, { districtId: job.districtId, id: job.id, workerId: this.id });
      } catch (err) {
        this.o.onError?.(err, job);
        const dead = job.attempts >= job.maxAttempts;
        await failJob(db, {
          districtId: job.districtId,
          id: job.id,
          workerId: this.id,
          error: err instanceof Error ? err.message : String(err),
          runAt: new Date(this.o.now().getTime() + backoffMs(job.attempts)),
          dead,
        });
      }
    }
    return claimed.length;
  }

  /** Drain until nothing is due (tests, the bench). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = true;
      let ran = 0;
      try {
        ran = await this.runOnce();
      } catch (err) {
        this.o.onError?.(err);
      } finally {
        this.running = false;
      }
      if (!this.stopped) this.timer = setTimeout(() => void (this.idle = loop()), ran ? 0 : this.o.pollMs);
    };
    this.idle = loop();
  }

  /** Stop polling and wait for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }
}
