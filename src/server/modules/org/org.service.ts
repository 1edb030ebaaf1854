import type { AppContext } from '../../context.js';
import { buildingErrors, orgErrors as E } from './org.errors.js';
import { namePinyin } from '../../lib/pinyin.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import * as repo from './org.repository.js';
import type { OrgKind } from './org.tables.js';
import type {
  BuildingDto,
  CreateBuildingInput,
  CreateCompoundInput,
  OrgUnitDto,
  UpdateBuildingInput,
  UpdateCompoundInput,
} from '../../../shared/org.schema.js';

const COMMUNITY_KINDS: OrgKind[] = ['community', 'village'];

export async function getOrgUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ unit: OrgUnitDto; ancestors: OrgUnitDto[] }> {
  const unit = await requireUnit(ctx, actor, id);
  const ancestorIds = unit.path.split('/').filter(Boolean).slice(0, -1);
  const ancestors = (await repo.findUnitsByIds(ctx.db, actor.districtId, ancestorIds)).filter((a) =>
    canAccess(actor, 'orgUnit', { orgPath: a.path }),
  );
  return { unit, ancestors };
}

export async function listOrgChildren(ctx: AppContext, actor: Actor, id: string): Promise<OrgUnitDto[]> {
  await requireUnit(ctx, actor, id);
  return repo.listChildren(ctx.db, actor.districtId, id);
}

export async function searchOrgUnits(
  ctx: AppContext,
  actor: Actor,
  text: string,
  kind?: OrgKind,
): Promise<OrgUnitDto[]> {
  return repo.searchUnits(
    ctx.db,
    actor.districtId,
    scopeWhere(actor, 'orgUnit', repo.ORG_UNIT_COLUMNS),
    text.trim(),
    kind,
  );
}

/** 业委会/物管会 totals for the committees page: every compound in scope (of one community if given). */
export async function committeeSummary(ctx: AppContext, actor: Actor, communityId: string | undefined, text: string) {
  const community = communityId ? await requireUnit(ctx, actor, communityId, '该社区') : null;
  return repo.committeeCounts(
    ctx.db,
    actor.districtId,
    scopeWhere(actor, 'orgUnit', repo.ORG_UNIT_COLUMNS),
    community?.path ?? null,
    text.trim(),
  );
}

export async function requireUnit(ctx: AppContext, actor: Actor, id: string, what = '该组织'): Promise<OrgUnitDto> {
  const unit = await repo.findUnit(ctx.db, actor.districtId, id);
  if (!unit) throw E.ORG_UNIT_NOT_FOUND({ id });
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'read', { what });
  return unit;
}

async function requireCompound(ctx: AppContext, actor: Actor, id: string): Promise<OrgUnitDto> {
  const unit = await requireUnit(ctx, actor, id, '该小区');
  if (unit.kind !== 'compound') throw E.COMPOUND_NOT_FOUND({ id });
  return unit;
}

export async function createCompound(
  ctx: AppContext,
  actor: Actor,
  input: CreateCompoundInput,
  ip?: string,
): Promise<OrgUnitDto> {
  const community = await requireUnit(ctx, actor, input.communityId, '该社区');
  if (!COMMUNITY_KINDS.includes(community.kind)) {
    throw E.COMPOUND_PARENT_INVALID({ name: community.name, kind: community.kind });
  }
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.nextCompoundId(tx, actor.districtId, community.id);
    await repo.insertCompound(
      tx,
      actor.districtId,
      community,
      newId,
      compoundFields(input),
      namePinyin(input.name).full,
    );
    await writeAudit(
      tx,
      actor,
      { action: 'compound.create', entityType: 'org_unit', entityId: newId, detail: { ...input } },
      ip,
    );
    return newId;
  });
  return (await repo.findUnit(ctx.db, actor.districtId, id))!;
}

function compoundFields(input: CreateCompoundInput): repo.CompoundFields {
  return {
    name: input.name,
    address: input.address ?? null,
    isOld: input.isOld,
    isRenovated: input.isRenovated,
    ownersCommittee: input.ownersCommittee,
    propertyCompany: input.propertyCompany ?? null,
  };
}

export async function updateCompound(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateCompoundInput,
  ip?: string,
): Promise<OrgUnitDto> {
  await requireCompound(ctx, actor, id);
  const { version, ...changes } = input;
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.updateCompound(tx, actor.districtId, id, version, {
      ...changes,
      ...(changes.name ? { namePinyin: namePinyin(changes.name).full } : {}),
    } as Partial<repo.CompoundFields>);
    if (!ok) throw E.VERSION_CONFLICT();
    await writeAudit(
      tx,
      actor,
      { action: 'compound.update', entityType: 'org_unit', entityId: id, detail: { ...input } },
      ip,
    );
  });
  return (await repo.findUnit(ctx.db, actor.districtId, id))!;
}

export async function deleteCompound(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<void> {
  await requireCompound(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const buildings = await repo.listBuildings(tx, actor.districtId, id);
    const branch = await repo.branchOfCompound(tx, actor.districtId, id);
    if (buildings.length > 0 || branch) {
      throw E.COMPOUND_NOT_EMPTY();
    }
    await repo.deleteUnit(tx, actor.districtId, id);
    await writeAudit(tx, actor, { action: 'compound.delete', entityType: 'org_unit', entityId: id }, ip);
  });
}

type BuildingView = BuildingDto;
const toBuildingView = ({ orgPath: _orgPath, ...b }: BuildingDto & { orgPath: string }): BuildingView => b;

export async function listCompoundBuildings(
  ctx: AppContext,
  actor: Actor,
  compoundId: string,
): Promise<BuildingView[]> {
  await requireCompound(ctx, actor, compoundId);
  return (await repo.listBuildings(ctx.db, actor.districtId, compoundId)).map(toBuildingView);
}

export async function createBuilding(
  ctx: AppContext,
  actor: Actor,
  input: CreateBuildingInput,
  ip?: string,
): Promise<BuildingView> {
  const compound = await requireCompound(ctx, actor, input.compoundId);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertBuilding(tx, actor.districtId, compound, {
      name: input.name,
      units: input.units,
      floors: input.floors,
      address: input.address ?? null,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'building.create', entityType: 'building', entityId: newId, detail: { ...input } },
      ip,
    );
    return newId;
  });
  return toBuildingView((await repo.findBuilding(ctx.db, actor.districtId, id))!);
}

async function requireBuilding(ctx: AppContext, actor: Actor, id: string) {
  const building = await repo.findBuilding(ctx.db, actor.districtId, id);
  if (!building) throw buildingErrors.BUILDING_NOT_FOUND();
  requireAccess(actor, 'building', building);
  return building;
}

export async function updateBuilding(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateBuildingInput,
  ip?: string,
): Promise<BuildingView> {
  await requireBuilding(ctx, actor, id);
  const { version, ...changes } = input;
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.updateBuilding(tx, actor.districtId, id, version, changes))) {
      throw buildingErrors.VERSION_CONFLICT();
    }
    await writeAudit(
      tx,
      actor,
      { action: 'building.update', entityType: 'building', entityId: id, detail: { ...input } },
      ip,
    );
  });
  return toBuildingView((await repo.findBuilding(ctx.db, actor.districtId, id))!);
}

export async function deleteBuilding(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<void> {
  await requireBuilding(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.buildingHouseholdCount(tx, actor.districtId, id);
    if ((row?.n ?? 0) > 0) throw buildingErrors.BUILDING_NOT_EMPTY({ n: row!.n });
    await repo.deleteBuilding(tx, actor.districtId, id);
    await writeAudit(tx, actor, { action: 'building.delete', entityType: 'building', entityId: id }, ip);
  });
}
