import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { maskPhone } from '../../lib/field-crypto.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type {
  CreateMatchBody,
  CreatePostingBody,
  CreateSeekerBody,
  Posting,
  Seeker,
  SeekerMatches,
} from '../../../shared/stations.schema.js';
import { E } from './stations.errors.js';
import * as repo from './jobs.repository.js';
import { stationFor } from './stations.service.js';

/** 便民服务站招聘: job postings, job seekers' registrations and matching them (人岗匹配). */

/** Skills are stored as given, without the quotes and backslashes that once had to be kept out of the array literal. */
const cleanSkills = (skills: string[]) => skills.map((k) => k.replace(/["\\]/g, ''));

export async function listPostings(ctx: AppContext, actor: Actor): Promise<{ items: Posting[] }> {
  return { items: await repo.postingsFor(ctx.db, actor) };
}

export async function createPosting(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreatePostingBody>,
  ip?: string,
): Promise<Posting> {
  const s = await stationFor(ctx.db, actor, input.stationId, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertPosting(tx, {
      districtId: actor.districtId,
      id,
      stationId: s.id,
      orgPath: s.orgPath,
      title: input.title,
      employer: input.employer,
      skills: cleanSkills(input.skills),
      positions: input.positions,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'job_posting.create', entityType: 'job_posting', entityId: id, detail: { title: input.title } },
      ip,
    );
  });
  return (await repo.postingById(ctx.db, actor.districtId, id))!;
}

export async function registerSeeker(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateSeekerBody>,
  ip?: string,
): Promise<Seeker> {
  const s = await stationFor(ctx.db, actor, input.stationId, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertSeeker(tx, {
      districtId: actor.districtId,
      id,
      stationId: s.id,
      orgPath: s.orgPath,
      personId: input.personId ?? null,
      name: input.name,
      phoneCipher: input.phone ? ctx.crypto.encrypt(input.phone) : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
      skills: cleanSkills(input.skills),
    });
    await writeAudit(tx, actor, { action: 'job_seeker.register', entityType: 'job_seeker', entityId: id }, ip);
  });
  return {
    id,
    name: input.name,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    skills: input.skills,
    status: 'seeking',
  };
}

/** 人岗匹配: open postings ranked by the share of their wanted skills the seeker has. */
export async function matchesFor(ctx: AppContext, actor: Actor, seekerId: string): Promise<SeekerMatches> {
  const seeker = await repo.seekerById(ctx.db, actor.districtId, seekerId);
  if (!seeker) throw E.SEEKER_NOT_FOUND();
  requireAccess(actor, 'station', { orgPath: seeker.orgPath }, 'write', { what: '该求职登记' });
  const { items } = await listPostings(ctx, actor);
  const mine = new Set(seeker.skills);
  const ranked = items
    .filter((p) => p.status === 'open')
    .map((posting) => {
      const overlap = posting.skills.filter((k) => mine.has(k));
      return {
        posting,
        overlap,
        score: posting.skills.length ? Math.round((overlap.length / posting.skills.length) * 100) / 100 : 0.5,
      };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
  const { orgPath: _p, ...view } = seeker;
  return { seeker: view, items: ranked };
}

/** Records a recommendation, a hire or a refusal; a hire places the seeker and fills the posting once it is full. */
export async function recordMatch(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateMatchBody>,
  ip?: string,
): Promise<{ posting: Posting }> {
  const { districtId } = actor;
  await ctx.db.transaction(async (tx) => {
    const posting = await repo.lockPosting(tx, districtId, input.postingId);
    if (!posting) throw E.POSTING_NOT_FOUND();
    requireAccess(actor, 'station', { orgPath: posting.orgPath }, 'write', { what: '该岗位' });
    const seeker = await repo.lockSeeker(tx, districtId, input.seekerId);
    if (!seeker) throw E.SEEKER_NOT_FOUND();
    requireAccess(actor, 'station', { orgPath: seeker.orgPath }, 'write', { what: '该求职登记' });
    if (posting.status !== 'open' && input.status === 'hired') throw E.POSTING_CLOSED();
    await repo.upsertMatch(tx, {
      districtId,
      id: randomUUID(),
      postingId: input.postingId,
      seekerId: input.seekerId,
      status: input.status,
      createdBy: actor.userId,
    });
    if (input.status === 'hired') {
      await repo.markSeekerPlaced(tx, districtId, input.seekerId);
      await repo.fillPostingWhenFull(tx, districtId, input.postingId);
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'job_match.record',
        entityType: 'job_posting',
        entityId: input.postingId,
        detail: { seekerId: input.seekerId, status: input.status },
      },
      ip,
    );
  });
  return { posting: (await repo.postingById(ctx.db, districtId, input.postingId))! };
}
