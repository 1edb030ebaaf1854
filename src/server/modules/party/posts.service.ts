import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { prefixPattern } from '../../lib/like.js';
import { shanghaiDate } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { AssignPostBody, Post } from '../../../shared/party.schema.js';
import { partyOrgs } from '../org/org.tables.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { event, requireOrg, today, writableOrg } from './org-admin.service.js';
import { partyErrors as E } from './party.errors.js';
import { partyPosts } from './party.tables.js';
import * as orgs from './repository/orgs.repository.js';
import * as repo from './repository/posts.repository.js';
import type { PostRow } from './repository/posts.repository.js';

/**
 * Secretaries and committee members (书记、副书记、委员) of a party organisation: where the holder comes from
 * (elected locally, or seconded by a city or district unit, full-time or not, with the unit and the term),
 * the experience fields behind the district's figures (党建、民政等业务经历; 三、四级调研员; age under 35),
 * and the seat in the compound's owners' committee (双向进入、交叉任职). A post needs a member record.
 */
const ageOf = (birth: string | null): number | null => {
  if (!birth) return null;
  const [y, m, d] = shanghaiDate(new Date()).split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

export function toPost(r: PostRow): Post {
  return {
    id: r.id,
    partyOrgId: r.party_org_id,
    memberId: r.member_id,
    name: r.name,
    age: ageOf(r.birth_date),
    role: r.role,
    source: r.source,
    fullTime: r.full_time,
    sourceUnit: r.source_unit,
    termStart: r.term_start,
    termEnd: r.term_end,
    hasPartyCivilExperience: r.has_party_civil_experience,
    isSeniorResearcher: r.is_senior_researcher,
    committeeSeat: r.committee_seat,
    status: r.status,
    version: r.version,
  };
}

export async function listPosts(ctx: AppContext, actor: Actor, orgId: string): Promise<Post[]> {
  await requireOrg(ctx.db, actor, orgId);
  return (await repo.postsOf(ctx.db, actor.districtId, orgId)).map(toPost);
}

/** 任职: the org's version moves; a secretary also becomes the org's secretary of record (the coverage figures read it). */
export async function assignPost(
  ctx: AppContext,
  actor: Actor,
  input: AssignPostBody & { orgId: string },
  ip?: string,
): Promise<Post[]> {
  await versionedUpdate(ctx.db, {
    table: partyOrgs,
    id: input.orgId,
    actor,
    ip,
    expectedVersion: input.version,
    load: (tx) => writableOrg(tx, actor, input.orgId),
    conflict: () => E.PARTY_ORG_CHANGED(),
    apply: async (tx, o) => {
      if (o.kind === 'building_group') throw E.NOT_A_BRANCH();
      const member = await repo.memberRecordOfPerson(tx, actor.districtId, input.personId);
      if (!member || member.status !== 'active') throw E.SECRETARY_NOT_MEMBER();
      if (member.stage !== 'full') throw E.POST_HOLDER_NOT_FULL();
      if (input.source !== 'elected' && !input.sourceUnit) throw E.SECONDED_UNIT_REQUIRED();
      if (await repo.activePostOf(tx, actor.districtId, o.id, member.id)) throw E.ALREADY_HOLDS_POST();
      if (input.role === 'secretary') {
        const current = await repo.activeSecretary(tx, actor.districtId, o.id);
        if (current) throw E.SECRETARY_TAKEN({ name: current.name });
      }
      const id = randomUUID();
      await repo.insertPost(tx, {
        districtId: actor.districtId,
        id,
        partyOrgId: o.id,
        memberId: member.id,
        role: input.role,
        source: input.source,
        fullTime: input.fullTime,
        sourceUnit: input.sourceUnit ?? null,
        termStart: input.termStart,
        termEnd: input.termEnd ?? null,
        hasPartyCivilExperience: input.hasPartyCivilExperience,
        isSeniorResearcher: input.isSeniorResearcher,
        committeeSeat: input.committeeSeat,
      });
      const detail = { postId: id, role: input.role, source: input.source, memberId: member.id };
      await orgs.insertEvents(tx, [event(actor, o.id, 'post_assigned', detail, input.termStart)]);
      return {
        set: input.role === 'secretary' ? { secretaryPersonId: input.personId } : null,
        audit: { action: 'party_post.assign', entityType: 'party_org', entityId: o.id, detail },
      };
    },
  });
  return listPosts(ctx, actor, input.orgId);
}

/** 离任: the post ends; a secretary's org has a vacancy again. */
export async function endPost(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; endedOn?: string; version: number },
  ip?: string,
): Promise<Post[]> {
  let orgId = '';
  await versionedUpdate(ctx.db, {
    table: partyPosts,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    load: async (tx) => {
      const p = await repo.loadPost(tx, actor.districtId, input.id, true);
      if (!p) throw E.POST_NOT_FOUND();
      const o = await writableOrg(tx, actor, p.party_org_id);
      orgId = o.id;
      return p;
    },
    conflict: () => E.PARTY_ORG_CHANGED(),
    apply: async (tx, p) => {
      if (p.status !== 'active') throw E.POST_ENDED();
      const on = input.endedOn ?? today();
      if (p.role === 'secretary') await orgs.updateOrg(tx, actor.districtId, orgId, { secretaryPersonId: null });
      else await orgs.updateOrg(tx, actor.districtId, orgId, {});
      await orgs.insertEvents(tx, [event(actor, orgId, 'post_ended', { postId: p.id, role: p.role }, on)]);
      return {
        set: { status: 'ended' as const, endedOn: on },
        audit: { action: 'party_post.end', entityType: 'party_org', entityId: orgId, detail: { postId: p.id } },
      };
    },
  });
  return listPosts(ctx, actor, orgId);
}

async function scopeUnit(ctx: AppContext, actor: Actor, unitId?: string) {
  const u = await orgs.unitById(ctx.db, actor.districtId, unitId ?? actor.orgUnitId);
  if (!u) throw E.UNIT_NOT_STREET_OR_COMMUNITY();
  requireAccess(actor, 'orgUnit', { orgPath: u.path });
  return u;
}

export async function listVacancies(ctx: AppContext, actor: Actor, q: { unitId?: string; limit: number }) {
  const u = await scopeUnit(ctx, actor, q.unitId);
  const scope = scopeWhere(actor, 'partyOrg', repo.ORG_COLUMNS);
  const rows = await repo.vacancies(ctx.db, actor.districtId, orgs.underPath(u.path, scope), q.limit);
  return rows.map((r) => ({
    partyOrgId: r.id,
    name: r.name,
    kind: r.kind,
    communityName: r.community_name,
    compounds: r.compounds,
  }));
}

export async function listCrossServing(ctx: AppContext, actor: Actor, q: { unitId?: string; limit: number }) {
  const u = await scopeUnit(ctx, actor, q.unitId);
  const rows = await repo.crossServing(ctx.db, actor.districtId, prefixPattern(u.path), q.limit);
  return rows.map((r) => ({
    compoundId: r.compound_id,
    compoundName: r.compound_name,
    branchName: r.branch_name,
    ownersCommittee: r.owners_committee,
    crossServing: r.cross_serving,
    names: r.names,
  }));
}
