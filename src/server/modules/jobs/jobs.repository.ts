import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import { jobs } from './jobs.tables.js';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  districtId: string;
  queue: string;
  payload: Record<string, unknown>;
  singletonKey?: string | null;
  maxAttempts?: number;
  runAt?: Date;
}

/** Enqueue (in the caller's transaction when given one); a job with the same singleton key is not added twice. */
export async function insertJobs(q: Queryable, list: NewJob[]): Promise<number> {
  if (!list.length) return 0;
  const rows = await q
    .insert(jobs)
    .values(
      list.map((j) => ({
        districtId: j.districtId,
        queue: j.queue,
        payload: j.payload,
        singletonKey: j.singletonKey ?? null,
        maxAttempts: j.maxAttempts ?? 8,
        runAt: j.runAt ?? new Date(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows.length;
}

/** Jobs whose lease ran out after their last allowed attempt: dead (the process died on them every time). */
export async function buryExpired(q: Queryable, now: Date): Promise<number> {
  const rows = await q
    .update(jobs)
    .set({ status: 'dead', lastError: sql`coalesce(${jobs.lastError}, '') || ' [lease expired]'`, updatedAt: now })
    .where(
      and(
        eq(jobs.status, 'active'),
        sql`${jobs.lockedUntil} < ${now.toISOString()}::timestamptz`,
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Claim up to `limit` due jobs of these queues: queued ones whose time has come, and active ones whose
 * lease expired (their worker died). SKIP LOCKED lets several workers claim side by side.
 */
export async function claimJobs(
  q: Queryable,
  o: { queues: string[]; limit: number; leaseMs: number; workerId: string; now: Date },
): Promise<JobRow[]> {
  const now = o.now.toISOString();
  const until = new Date(o.now.getTime() + o.leaseMs).toISOString();
  const queues = sql.join(
    o.queues.map((x) => sql`${x}`),
    sql`, `,
  );
  return queryRows<JobRow>(
    q,
    sql`update ${jobs} j set status = 'active', attempts = j.attempts + 1, locked_until = ${until}::timestamptz,
        locked_by = ${o.workerId}, updated_at = ${now}::timestamptz
      from (select district_id, id from ${jobs}
            where queue in (${queues})
              and ((status = 'queued' and run_at <= ${now}::timestamptz)
                or (status = 'active' and locked_until < ${now}::timestamptz and attempts < max_attempts))
            order by run_at, id limit ${o.limit} for update skip locked) c
      where j.district_id = c.district_id and j.id = c.id
      returning j.district_id as "districtId", j.id, j.queue, j.payload, j.status, j.attempts,
        j.max_attempts as "maxAttempts", j.run_at as "runAt", j.locked_until as "lockedUntil",
        j.locked_by as "lockedBy", j.last_error as "lastError", j.singleton_key as "singletonKey",
        j.created_at as "createdAt", j.updated_at as "updatedAt"`,
  );
}

/** Done: the row goes (only while this worker still holds it). */
export async function deleteJob(q: Queryable, j: { districtId: string; id: number; workerId: string }): Promise<void> {
  await q.delete(jobs).where(and(eq(jobs.districtId, j.districtId), eq(jobs.id, j.id), eq(jobs.lockedBy, j.workerId)));
}

/** Failed: back to the queue at `runAt`, or dead when out of attempts. */
export async function failJob(
  q: Queryable,
  j: { districtId: string; id: number; workerId: string; error: string; runAt: Date; dead: boolean },
): Promise<void> {
  await q
    .update(jobs)
    .set({
      status: j.dead ? 'dead' : 'queued',
      runAt: j.runAt,
      lockedUntil: null,
      lockedBy: null,
      lastError: j.error.slice(0, 2000),
      updatedAt: new Date(),
    })
    .where(and(eq(jobs.districtId, j.districtId), eq(jobs.id, j.id), eq(jobs.lockedBy, j.workerId)));
}

export async function listDeadJobs(q: Queryable, districtId: string, limit: number): Promise<JobRow[]> {
  return q
    .select()
    .from(jobs)
    .where(and(eq(jobs.districtId, districtId), eq(jobs.status, 'dead')))
    .orderBy(desc(jobs.updatedAt))
    .limit(limit);
}

export async function findJob(q: Queryable, districtId: string, id: number): Promise<JobRow | undefined> {
  const [row] = await q
    .select()
    .from(jobs)
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id)));
  return row;
}

/** Retry a dead job from scratch: attempts reset, due now. */
export async function requeueDeadJob(q: Queryable, districtId: string, id: number): Promise<boolean> {
  const rows = await q
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAt: new Date(), lockedBy: null, lockedUntil: null, updatedAt: new Date() })
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function deleteDeadJob(q: Queryable, districtId: string, id: number): Promise<boolean> {
  const rows = await q
    .delete(jobs)
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function countJobs(q: Queryable): Promise<{ queue: string; status: string; n: number }[]> {
  return queryRows(q, sql`select queue, status, count(*)::int as n from ${jobs} group by queue, status`);
}
