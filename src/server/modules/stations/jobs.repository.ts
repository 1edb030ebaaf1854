import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { stations } from '../org/org.tables.js';
import type { Posting } from '../../../shared/stations.schema.js';
import { jobMatches, jobPostings, jobSeekers } from './stations.tables.js';

/** The queries of the convenience stations' jobs: postings, seekers and matches (人岗匹配). */

const hiredCount = sql<number>`(select count(*)::int from ${jobMatches} where ${jobMatches.districtId} = ${jobPostings.districtId}
  and ${jobMatches.postingId} = ${jobPostings.id} and ${jobMatches.status} = 'hired')`;

function postings(q: Queryable, where: SQL | undefined) {
  return q
    .select({
      id: jobPostings.id,
      stationId: jobPostings.stationId,
      stationName: stations.name,
      title: jobPostings.title,
      employer: jobPostings.employer,
      skills: jobPostings.skills,
      positions: jobPostings.positions,
      status: jobPostings.status,
      hired: hiredCount,
    })
    .from(jobPostings)
    .innerJoin(stations, and(eq(stations.districtId, jobPostings.districtId), eq(stations.id, jobPostings.stationId)))
    .where(where);
}

/** The latest 200 postings the actor may read. */
export function postingsFor(q: Queryable, actor: Actor): Promise<Posting[]> {
  return postings(
    q,
    and(
      eq(jobPostings.districtId, actor.districtId),
      scopeWhere(actor, 'station', { orgPath: sql`${jobPostings.orgPath}` }),
    ),
  )
    .orderBy(desc(jobPostings.createdAt))
    .limit(200);
}

export async function postingById(q: Queryable, districtId: string, id: string): Promise<Posting | undefined> {
  const [p] = await postings(q, and(eq(jobPostings.districtId, districtId), eq(jobPostings.id, id)));
  return p;
}

export async function insertPosting(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    stationId: string;
    orgPath: string;
    title: string;
    employer: string;
    skills: string[];
    positions: number;
  },
): Promise<void> {
  await tx.insert(jobPostings).values(row);
}

export async function insertSeeker(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    stationId: string;
    orgPath: string;
    personId: string | null;
    name: string;
    phoneCipher: string | null;
    phoneMasked: string | null;
    skills: string[];
  },
): Promise<void> {
  await tx.insert(jobSeekers).values(row);
}

export async function seekerById(q: Queryable, districtId: string, id: string) {
  const [s] = await q
    .select({
      id: jobSeekers.id,
      name: jobSeekers.name,
      phoneMasked: jobSeekers.phoneMasked,
      skills: jobSeekers.skills,
      status: jobSeekers.status,
      orgPath: jobSeekers.orgPath,
    })
    .from(jobSeekers)
    .where(and(eq(jobSeekers.districtId, districtId), eq(jobSeekers.id, id)));
  return s;
}

/** A posting's scope, size and state, locked for the match being recorded. */
export async function lockPosting(tx: Tx, districtId: string, id: string) {
  const [p] = await tx
    .select({ orgPath: jobPostings.orgPath, positions: jobPostings.positions, status: jobPostings.status })
    .from(jobPostings)
    .where(and(eq(jobPostings.districtId, districtId), eq(jobPostings.id, id)))
    .for('update');
  return p;
}

export async function lockSeeker(tx: Tx, districtId: string, id: string) {
  const [s] = await tx
    .select({ orgPath: jobSeekers.orgPath })
    .from(jobSeekers)
    .where(and(eq(jobSeekers.districtId, districtId), eq(jobSeekers.id, id)))
    .for('update');
  return s;
}

/** One match per posting and seeker: recording it again changes its status. */
export async function upsertMatch(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    postingId: string;
    seekerId: string;
    status: 'proposed' | 'hired' | 'declined';
    createdBy: string;
  },
): Promise<void> {
  await tx
    .insert(jobMatches)
    .values(row)
    .onConflictDoUpdate({
      target: [jobMatches.districtId, jobMatches.postingId, jobMatches.seekerId],
      set: { status: row.status },
    });
}

export async function markSeekerPlaced(tx: Tx, districtId: string, id: string): Promise<void> {
  await tx
    .update(jobSeekers)
    .set({ status: 'placed' })
    .where(and(eq(jobSeekers.districtId, districtId), eq(jobSeekers.id, id)));
}

/** The posting is filled once as many seekers are hired as it has positions. */
export async function fillPostingWhenFull(tx: Tx, districtId: string, id: string): Promise<void> {
  await tx
    .update(jobPostings)
    .set({ status: 'filled' })
    .where(
      and(
        eq(jobPostings.districtId, districtId),
        eq(jobPostings.id, id),
        sql`(select count(*) from ${jobMatches} where ${jobMatches.districtId} = ${districtId}
          and ${jobMatches.postingId} = ${id} and ${jobMatches.status} = 'hired') >= ${jobPostings.positions}`,
      ),
    );
}
