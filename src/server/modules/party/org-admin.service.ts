import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/time.js';
import { versionedUpdate, type VersionedWrite } from '../../lib/versioned.js';
import { PARTY_GRADES, type PartyEventKind, type PartyGrade } from '../../../shared/party.constants.js';
import type { PartyEvent, PartyOrgDetail } from '../../../shared/party.schema.js';
import { partyOrgs } from '../org/org.tables.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { partyErrors as E } from './party.errors.js';
import * as repo from './repository/orgs.repository.js';
import type { OrgRow } from './repository/orgs.repository.js';

/**
 * 小区党支部的组建与调整 (新小区单独建、老小区挂靠建、小小区联合建; 拆分、合并、改挂), the community
 * organisation's upgrade (党支部 → 党总支 → 党委) and branches at new-type places. Every operation is one
 * transaction: the organisation's version is checked and bumped (versionedUpdate), its history event and
 * the audit row are written with the change; a refused operation changes nothing.
 */
const GRADE_LABEL: Record<PartyGrade, string> = { branch: '党支部', general_branch: '党总支', committee: '党委' };
const today = () => shanghaiDate(new Date());

export const orgRecord = (o: Pick<OrgRow, 'orgPath' | 'compoundPaths'>) => ({
  orgPath: o.orgPath,
  compoundPaths: o.compoundPaths,
});

export function toDetail(o: OrgRow): PartyOrgDetail {
  return {
    id: o.id,
    parentId: o.parentId,
    kind: o.kind,
    name: o.name,
    formation: o.formation,
    grade: o.grade,
    status: o.status,
    stationId: o.stationId,
    instructorName: null,
    compoundIds: o.compoundIds,
    version: o.version,
  };
}

/** Loads an org the actor may read (404 / 403 otherwise). */
export async function requireOrg(q: Parameters<typeof repo.loadOrg>[0], actor: Actor, id: string, lock = false) {
  const o = await repo.loadOrg(q, actor.districtId, id, lock);
  if (!o) throw E.PARTY_ORG_NOT_FOUND();
  requireAccess(actor, 'partyOrg', orgRecord(o));
  return o;
}

/** One versioned change of a party organisation the caller may change: lock, version check, apply, audit. */
function writeOrg(
  ctx: AppContext,
  actor: Actor,
  at: { id: string; version: number | null; ip?: string },
  apply: VersionedWrite<typeof partyOrgs, OrgRow>['apply'],
) {
  return versionedUpdate(ctx.db, {
    table: partyOrgs,
    id: at.id,
    actor,
    ip: at.ip,
    expectedVersion: at.version,
    load: (tx) => writableOrg(tx, actor, at.id),
    conflict: () => E.PARTY_ORG_CHANGED(),
    apply,
  });
}

async function writableOrg(tx: Tx, actor: Actor, id: string): Promise<OrgRow> {
  const o = await requireOrg(tx, actor, id, true);
  requireAccess(actor, 'partyOrg', orgRecord(o), 'write');
  if (o.status !== 'active') throw E.PARTY_ORG_DISSOLVED();
  return o;
}

// events of one operation share the transaction's time: a strictly increasing stamp keeps their order
let lastStamp = 0;
const stamp = () => new Date((lastStamp = Math.max(Date.now(), lastStamp + 1)));
const event = (actor: Actor, orgId: string, kind: PartyEventKind, detail: Record<string, unknown>, on = today()) => ({
  districtId: actor.districtId,
  id: randomUUID(),
  createdAt: stamp(),
  partyOrgId: orgId,
  kind,
  happenedOn: on,
  detail,
  actorUserId: actor.userId,
});

/** The compounds, checked: each exists, is a compound in the actor's subtree, and (unless moving) has no branch. */
async function requireCompounds(tx: Tx, actor: Actor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = await repo.compoundsByIds(tx, actor.districtId, unique);
  for (const id of unique) {
    const c = rows.find((r) => r.id === id);
    if (!c || c.kind !== 'compound') throw E.COMPOUND_NOT_FOUND({ id });
    requireAccess(actor, 'orgUnit', { orgPath: c.path }, 'write', { what: `小区“${c.name}”` });
  }
  return rows;
}

const refuseCovered = (c: repo.CompoundRow) => {
  if (c.branchId) throw E.COMPOUND_IN_OTHER_BRANCH({ compound: c.name, branch: c.branchName ?? c.branchId });
};

/** 建支部: standalone for one compound (anchored at it), joint for several small compounds of one community (anchored at the community). */
export async function createBranch(
  ctx: AppContext,
  actor: Actor,
  input: { formation: 'standalone' | 'joint'; compoundIds: string[]; name?: string; foundedOn?: string },
  ip?: string,
): Promise<PartyOrgDetail> {
  const ids = [...new Set(input.compoundIds)];
  if ((input.formation === 'standalone') !== (ids.length === 1)) throw E.FORMATION_COMPOUND_COUNT();
  const id = await ctx.db.transaction(async (tx) => {
    const compounds = await requireCompounds(tx, actor, ids);
    compounds.forEach(refuseCovered);
    const communityId = compounds[0]!.parentId!;
    if (compounds.some((c) => c.parentId !== communityId)) throw E.COMPOUNDS_OF_ONE_COMMUNITY();
    const community = await repo.unitById(tx, actor.districtId, communityId);
    const parent = await repo.communityOrgAt(tx, actor.districtId, communityId);
    if (!community || !parent) throw E.PARTY_ORG_NOT_FOUND();
    const anchor = input.formation === 'joint' ? community : { id: compounds[0]!.id, path: compounds[0]!.path };
    const newId = `PB-${randomUUID().slice(0, 13)}`;
    const name = input.name ?? `${compounds.map((c) => c.name).join('、')}${ids.length > 1 ? '联合' : ''}党支部`;
    await repo.insertOrg(tx, {
      districtId: actor.districtId,
      id: newId,
      parentId: parent.id,
      kind: 'compound_branch',
      name,
      path: `${parent.path}${newId}/`,
      orgUnitId: anchor.id,
      orgPath: anchor.path,
      formation: input.formation,
      grade: 'branch',
    });
    await repo.coverCompounds(tx, actor.districtId, newId, ids);
    const detail = { formation: input.formation, compoundIds: ids, name };
    await repo.insertEvents(tx, [event(actor, newId, 'created', detail, input.foundedOn)]);
    await writeAudit(tx, actor, { action: 'party_org.create', entityType: 'party_org', entityId: newId, detail }, ip);
    return newId;
  });
  return toDetail((await repo.loadOrg(ctx.db, actor.districtId, id))!);
}

/** Ends an organisation that no longer covers anything: its posts end, its secretary field clears. */
async function dissolve(tx: Tx, actor: Actor, o: OrgRow, detail: Record<string, unknown>) {
  await repo.endPostsOf(tx, actor.districtId, o.id, today());
  await repo.updateOrg(tx, actor.districtId, o.id, { status: 'dissolved', secretaryPersonId: null });
  await repo.insertEvents(tx, [event(actor, o.id, 'dissolved', detail)]);
}

/** 挂靠建 / 改挂: a compound joins this branch; with `move` it leaves the branch it was in (which dissolves when emptied). */
export async function attachCompound(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; compoundId: string; move: boolean; version: number },
  ip?: string,
): Promise<PartyOrgDetail> {
  await writeOrg(ctx, actor, { id: input.id, version: input.version, ip }, async (tx, o) => {
    if (o.kind !== 'compound_branch') throw E.NOT_A_BRANCH();
    const [c] = await requireCompounds(tx, actor, [input.compoundId]);
    if (c!.branchId === o.id) throw E.COMPOUND_IN_OTHER_BRANCH({ compound: c!.name, branch: o.name });
    const events = [];
    if (c!.branchId) {
      if (!input.move) refuseCovered(c!);
      const from = await writableOrg(tx, actor, c!.branchId);
      await repo.coverCompounds(tx, actor.districtId, o.id, [c!.id]);
      await repo.moveCompoundContents(tx, {
        districtId: actor.districtId,
        fromId: from.id,
        to: o,
        compoundIds: [c!.id],
      });
      events.push(event(actor, from.id, 'compound_moved_out', { compoundId: c!.id, toId: o.id, toName: o.name }));
      events.push(event(actor, o.id, 'compound_moved_in', { compoundId: c!.id, fromId: from.id, fromName: from.name }));
      if (from.compoundIds.length === 1) await dissolve(tx, actor, from, { reason: 'emptied', lastCompoundId: c!.id });
      else await repo.updateOrg(tx, actor.districtId, from.id, {});
    } else {
      await repo.coverCompounds(tx, actor.districtId, o.id, [c!.id]);
      events.push(event(actor, o.id, 'compound_attached', { compoundId: c!.id, compoundName: c!.name }));
    }
    await repo.insertEvents(tx, events);
    const formation = o.formation === 'standalone' ? 'attached' : o.formation;
    return {
      set: { formation },
      audit: {
        action: c!.branchId ? 'party_org.reattach' : 'party_org.attach',
        entityType: 'party_org',
        entityId: o.id,
        detail: { compoundId: c!.id, fromId: c!.branchId },
      },
    };
  });
  return toDetail((await repo.loadOrg(ctx.db, actor.districtId, input.id))!);
}

/** 拆分: some compounds of a branch become a new branch (with the members living there and their groups). */
export async function splitBranch(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; compoundIds: string[]; name?: string; version: number },
  ip?: string,
): Promise<PartyOrgDetail> {
  let newId = '';
  await writeOrg(ctx, actor, { id: input.id, version: input.version, ip }, async (tx, o) => {
    if (o.kind !== 'compound_branch') throw E.NOT_A_BRANCH();
    const ids = [...new Set(input.compoundIds)];
    if (ids.some((id) => !o.compoundIds.includes(id)) || ids.length >= o.compoundIds.length)
      throw E.SPLIT_LEAVES_NOTHING();
    const compounds = await requireCompounds(tx, actor, ids);
    const parent = (await repo.loadOrg(tx, actor.districtId, o.parentId!))!;
    newId = `PB-${randomUUID().slice(0, 13)}`;
    const name = input.name ?? `${compounds.map((c) => c.name).join('、')}${ids.length > 1 ? '联合' : ''}党支部`;
    const anchor =
      ids.length === 1
        ? { id: compounds[0]!.id, path: compounds[0]!.path }
        : { id: parent.orgUnitId, path: parent.orgPath };
    await repo.insertOrg(tx, {
      districtId: actor.districtId,
      id: newId,
      parentId: parent.id,
      kind: 'compound_branch',
      name,
      path: `${parent.path}${newId}/`,
      orgUnitId: anchor.id,
      orgPath: anchor.path,
      formation: ids.length === 1 ? 'standalone' : 'joint',
      grade: 'branch',
    });
    await repo.coverCompounds(tx, actor.districtId, newId, ids);
    await repo.moveCompoundContents(tx, {
      districtId: actor.districtId,
      fromId: o.id,
      to: { id: newId, path: `${parent.path}${newId}/` },
      compoundIds: ids,
    });
    await repo.insertEvents(tx, [
      event(actor, o.id, 'split', { newId, newName: name, compoundIds: ids }),
      event(actor, newId, 'split_from', { fromId: o.id, fromName: o.name, compoundIds: ids }),
    ]);
    const remaining = o.compoundIds.length - ids.length;
    return {
      set: remaining === 1 ? { formation: 'standalone' as const } : null,
      audit: {
        action: 'party_org.split',
        entityType: 'party_org',
        entityId: o.id,
        detail: { newId, compoundIds: ids },
      },
    };
  });
  return toDetail((await repo.loadOrg(ctx.db, actor.districtId, newId))!);
}

/** 合并: this branch joins `intoId`; its compounds, members, groups and central households move, it is dissolved. */
export async function mergeBranch(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; intoId: string; version: number; intoVersion: number },
  ip?: string,
): Promise<PartyOrgDetail> {
  if (input.id === input.intoId) throw E.MERGE_SAME_BRANCH();
  await writeOrg(ctx, actor, { id: input.intoId, version: input.intoVersion, ip }, async (tx, into) => {
    const from = await writableOrg(tx, actor, input.id);
    if (from.version !== input.version) throw E.PARTY_ORG_CHANGED();
    if (into.kind !== 'compound_branch' || from.kind !== 'compound_branch') throw E.NOT_A_BRANCH();
    if (into.parentId !== from.parentId) throw E.MERGE_OTHER_COMMUNITY();
    await repo.coverCompounds(tx, actor.districtId, into.id, from.compoundIds);
    await repo.moveAllContents(tx, actor.districtId, from.id, into);
    await dissolve(tx, actor, from, { reason: 'merged', intoId: into.id, intoName: into.name });
    await repo.insertEvents(tx, [
      event(actor, from.id, 'merged_into', { intoId: into.id, intoName: into.name, compoundIds: from.compoundIds }),
      event(actor, into.id, 'absorbed', { fromId: from.id, fromName: from.name, compoundIds: from.compoundIds }),
    ]);
    const total = into.compoundIds.length + from.compoundIds.length;
    return {
      set: { formation: into.formation === 'standalone' && total > 1 ? 'attached' : into.formation },
      audit: { action: 'party_org.merge', entityType: 'party_org', entityId: into.id, detail: { fromId: from.id } },
    };
  });
  return toDetail((await repo.loadOrg(ctx.db, actor.districtId, input.intoId))!);
}

/** 升级: a community organisation moves up the ladder 党支部 → 党总支 → 党委 (never down). */
export async function upgradeOrg(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; grade: PartyGrade; on?: string; version: number },
  ip?: string,
): Promise<PartyOrgDetail> {
  await writeOrg(ctx, actor, { id: input.id, version: input.version, ip }, async (tx, o) => {
    if (o.kind !== 'community_committee') throw E.NOT_A_COMMUNITY_ORG();
    const current = o.grade ?? 'branch';
    if (PARTY_GRADES.indexOf(input.grade) <= PARTY_GRADES.indexOf(current))
      throw E.GRADE_NOT_HIGHER({ grade: GRADE_LABEL[current] });
    const detail = { from: current, to: input.grade };
    await repo.insertEvents(tx, [event(actor, o.id, 'upgraded', detail, input.on)]);
    return {
      set: { grade: input.grade },
      audit: { action: 'party_org.upgrade', entityType: 'party_org', entityId: o.id, detail },
    };
  });
  return toDetail((await repo.loadOrg(ctx.db, actor.districtId, input.id))!);
}

export async function orgHistory(ctx: AppContext, actor: Actor, id: string): Promise<PartyEvent[]> {
  await requireOrg(ctx.db, actor, id);
  const rows = await repo.orgEvents(ctx.db, actor.districtId, id);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    happenedOn: r.happenedOn,
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
  }));
}

export { writableOrg, writeOrg, event, today };
