import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { CentralHousehold, PartyOrgDetail } from '../../../shared/party.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { event, requireOrg, toDetail, today, writeOrg } from './org-admin.service.js';
import { partyErrors as E } from './party.errors.js';
import * as members from './repository/members.repository.js';
import * as repo from './repository/orgs.repository.js';

/**
 * Below and beside the compound branch: building party groups (楼栋党小组), party-member central
 * households (党员中心户) with the households each serves, and branches at new-type places (a rider
 * station's branch with the 党建指导员 the street sends). Five levels: 街道党工委 — 社区党委（党总支）—
 * 小区党支部 — 楼栋党小组 — 党员中心户.
 */

/** 楼栋党小组: a group of the branch for one building of a compound it covers. */
export async function createGroup(
  ctx: AppContext,
  actor: Actor,
  input: { branchId: string; buildingId: string; name?: string },
  ip?: string,
): Promise<PartyOrgDetail> {
  let id = '';
  await writeOrg(ctx, actor, { id: input.branchId, version: null, ip }, async (tx, o) => {
    if (o.kind !== 'compound_branch') throw E.NOT_A_BRANCH();
    const b = await repo.buildingById(tx, actor.districtId, input.buildingId);
    if (!b || !o.compoundIds.includes(b.compoundId)) throw E.BUILDING_NOT_IN_BRANCH();
    if (await repo.groupOfBuilding(tx, actor.districtId, b.id)) throw E.BUILDING_HAS_GROUP();
    const compound = await repo.unitById(tx, actor.districtId, b.compoundId);
    id = `PG-${randomUUID().slice(0, 13)}`;
    const name = input.name ?? `${compound!.name}${b.name}党小组`;
    await repo.insertOrg(tx, {
      districtId: actor.districtId,
      id,
      parentId: o.id,
      kind: 'building_group',
      name,
      path: `${o.path}${id}/`,
      orgUnitId: b.compoundId,
      orgPath: b.orgPath,
      buildingId: b.id,
    });
    await repo.insertEvents(tx, [event(actor, o.id, 'group_created', { groupId: id, name, buildingId: b.id })]);
    return {
      set: null,
      audit: { action: 'party_org.group', entityType: 'party_org', entityId: id, detail: { name } },
    };
  });
  return toDetail((await repo.loadOrg(ctx.db, actor.districtId, id))!);
}

/** 党员中心户: the member's own household, under a branch or a building group, serving households around it. */
export async function designateCentral(
  ctx: AppContext,
  actor: Actor,
  input: { orgId: string; memberId: string; servedHouseholdIds: string[]; on?: string },
  ip?: string,
): Promise<CentralHousehold[]> {
  await writeOrg(ctx, actor, { id: input.orgId, version: null, ip }, async (tx, o) => {
    if (o.kind !== 'compound_branch' && o.kind !== 'building_group') throw E.NOT_A_BRANCH();
    const m = await members.loadMember(tx, actor.districtId, input.memberId);
    if (!m || m.status !== 'active') throw E.MEMBER_NOT_FOUND();
    requireAccess(actor, 'partyMember', { orgPath: m.org_path });
    if (m.stage !== 'full' && m.stage !== 'probationary') throw E.POST_HOLDER_NOT_FULL();
    const own = await repo.personHousehold(tx, actor.districtId, m.person_id);
    if (!own) throw E.CENTRAL_MEMBER_NOT_IN_HOUSEHOLD();
    // the area the org covers: a group its compound, a branch the compounds it covers
    const areas = o.kind === 'building_group' ? [o.orgPath] : o.compoundPaths;
    const served = [...new Set(input.servedHouseholdIds.filter((h) => h !== own))];
    const rows = await repo.householdsByIds(tx, actor.districtId, [own, ...served]);
    for (const h of [own, ...served]) {
      const r = rows.find((x) => x.id === h);
      if (!r || !areas.some((a) => r.orgPath.startsWith(a))) throw E.HOUSEHOLD_NOT_IN_ORG({ id: h });
    }
    if (await repo.centralByHousehold(tx, actor.districtId, own)) throw E.CENTRAL_HOUSEHOLD_EXISTS();
    const taken = await repo.servedAlready(tx, actor.districtId, served);
    if (taken.length) throw E.HOUSEHOLD_ALREADY_SERVED({ id: taken[0]!.householdId });
    const id = randomUUID();
    await repo.insertCentral(
      tx,
      {
        districtId: actor.districtId,
        id,
        partyOrgId: o.id,
        householdId: own,
        memberId: m.id,
        orgPath: rows.find((r) => r.id === own)!.orgPath,
        designatedOn: input.on ?? today(),
      },
      served,
    );
    const detail = { centralId: id, householdId: own, memberId: m.id, served: served.length };
    await repo.insertEvents(tx, [event(actor, o.id, 'central_household', detail)]);
    return {
      set: null,
      audit: { action: 'party_org.central_household', entityType: 'party_org', entityId: o.id, detail },
    };
  });
  return listCentrals(ctx, actor, input.orgId);
}

export async function listCentrals(ctx: AppContext, actor: Actor, orgId: string): Promise<CentralHousehold[]> {
  await requireOrg(ctx.db, actor, orgId);
  const rows = await repo.centralsOf(ctx.db, actor.districtId, [orgId]);
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    address: r.address,
    memberName: r.member_name,
    designatedOn: r.designated_on,
    served: r.served ?? [],
  }));
}

/** 新业态阵地党支部: a branch at a station (a rider station), under the party org closest above it, with its 党建指导员. */
export async function createStationBranch(
  ctx: AppContext,
  actor: Actor,
  input: { stationId: string; name?: string; instructorName: string; foundedOn?: string },
  ip?: string,
): Promise<PartyOrgDetail> {
  const id = await ctx.db.transaction(async (tx) => {
    const s = await repo.stationById(tx, actor.districtId, input.stationId);
    if (!s) throw E.STATION_NOT_FOUND();
    requireAccess(actor, 'station', { orgPath: s.orgPath }, 'write', { what: '该阵地' });
    requireAccess(actor, 'orgUnit', { orgPath: s.orgPath }, 'write', { what: '该阵地' });
    if (await repo.branchOfStation(tx, actor.districtId, s.id)) throw E.STATION_HAS_BRANCH();
    const parent = await repo.nearestOrgAbove(tx, actor.districtId, s.orgPath);
    if (!parent) throw E.PARTY_ORG_NOT_FOUND();
    const newId = `PS-${randomUUID().slice(0, 13)}`;
    const name = input.name ?? `${s.name}党支部`;
    await repo.insertOrg(tx, {
      districtId: actor.districtId,
      id: newId,
      parentId: parent.id,
      kind: 'station_branch',
      name,
      path: `${parent.path}${newId}/`,
      orgUnitId: s.orgUnitId,
      orgPath: s.orgPath,
      grade: 'branch',
      stationId: s.id,
      instructorName: input.instructorName,
    });
    const detail = { stationId: s.id, name, instructorName: input.instructorName };
    await repo.insertEvents(tx, [event(actor, newId, 'created', detail, input.foundedOn)]);
    await writeAudit(
      tx,
      actor,
      { action: 'party_org.station_branch', entityType: 'party_org', entityId: newId, detail },
      ip,
    );
    return newId;
  });
  const o = (await repo.loadOrg(ctx.db, actor.districtId, id))!;
  return { ...toDetail(o), instructorName: input.instructorName };
}
