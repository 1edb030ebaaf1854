import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The durable job queue (src/server/lib/jobs.ts) on the app's own database: claimed with
 * `FOR UPDATE SKIP LOCKED`, leased (a job whose lease ran out — its process died — is claimed again),
 * retried with exponential back-off and moved to `dead` after `max_attempts`. Done jobs are deleted.
 */
export const jobs = pgTable(
  'jobs',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** queued → active → (deleted when done) | queued again (retry) | dead */
    status: text('status', { enum: ['queued', 'active', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** At most one live job per key (e.g. one delivery job per delivery row). */
    singletonKey: text('singleton_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('jobs_claim_idx').on(t.queue, t.status, t.runAt),
    index('jobs_lease_idx')
      .on(t.lockedUntil)
      .where(sql`status = 'active'`),
    uniqueIndex('jobs_singleton_uq').on(t.districtId, t.queue, t.singletonKey),
  ],
);
