import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type { AssignInput, CompoundProperty, EndContractInput, Unmanaged } from '../../../shared/property.schema.js';
import { E } from './property.errors.js';
import * as repo from './property.repository.js';

/**
 * Service contracts (物业服务合同) of compounds: giving a compound a company, changing its company (the
 * old contract ends `replaced` the day the new one starts, in the same transaction), ending a contract
 * (the compound becomes 管理悬空), and the list and count of the compounds nobody manages.
 */

async function compoundFor(ctx: AppContext, actor: Actor, id: string) {
  const compound = await repo.findCompound(ctx.db, actor.districtId, id);
  if (!compound) throw E.COMPOUND_NOT_FOUND();
  if (compound.kind !== 'compound') throw E.NOT_A_COMPOUND();
  return compound;
}

export async function getCompoundProperty(ctx: AppContext, actor: Actor, id: string): Promise<CompoundProperty> {
  const compound = await compoundFor(ctx, actor, id);
  const current = await repo.currentCompanyOf(ctx.db, actor.districtId, id);
  // a company reaches the compound it serves now; staff the compounds of their subtree
  requireAccess(actor, 'propertyContract', { orgPath: compound.path, companyId: current?.companyId ?? null });
  const scope = scopeWhere(actor, 'propertyContract', repo.contractColumnsForScope);
  const history = await repo.listContracts(ctx.db, actor.districtId, [repo.contractOfCompound(id), scope]);
  const active = history.find((h) => h.status === 'active') ?? null;
  return {
    compound: { id: compound.id, name: compound.name, isOld: compound.isOld, isRenovated: compound.isRenovated },
    current: active,
    history,
    contractVersion: active?.version ?? 0,
  };
}

export async function assignCompany(
  ctx: AppContext,
  actor: Actor,
  step: { compoundId: string; input: AssignInput; ip?: string },
): Promise<CompoundProperty> {
  const { input } = step;
  const d = actor.districtId;
  const compound = await compoundFor(ctx, actor, step.compoundId);
  requireAccess(actor, 'propertyContract', { orgPath: compound.path, companyId: null }, 'write', { what: '该小区' });
  const company = await repo.findCompany(ctx.db, d, input.companyId);
  if (!company) throw E.COMPANY_NOT_FOUND();
  if (input.endsOn && input.endsOn < input.startsOn) {
    throw E.PERIOD_INVALID({ startsOn: input.startsOn, endsOn: input.endsOn });
  }
  await ctx.db.transaction(async (tx) => {
    const current = await repo.lockActiveContract(tx, d, compound.id);
    requireState((current?.version ?? 0) === input.expectedVersion, E.CONTRACT_CHANGED);
    if (current) {
      if (current.companyId === company.id) throw E.SAME_COMPANY({ name: company.name });
      if (input.startsOn < current.startsOn) {
        throw E.START_BEFORE_CURRENT({ startsOn: input.startsOn, currentStart: current.startsOn });
      }
      await repo.endContract(tx, d, current.id, {
        endedOn: input.startsOn,
        endReason: 'replaced',
        endNote: input.note ?? null,
      });
    }
    const id = randomUUID();
    await repo.insertContract(tx, {
      districtId: d,
      id,
      companyId: company.id,
      compoundId: compound.id,
      orgPath: compound.path,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      feeStandard: input.feeStandard,
      feeCentsPerSqm: input.feeCentsPerSqm ?? null,
      scope: input.scope,
      createdBy: actor.userId,
    });
    await repo.setCompoundCompanyName(tx, d, compound.id, company.name);
    await writeAudit(
      tx,
      actor,
      {
        action: current ? 'property_contract.replace' : 'property_contract.create',
        entityType: 'compound',
        entityId: compound.id,
        detail: { contractId: id, companyId: company.id, replaced: current?.id ?? null, startsOn: input.startsOn },
      },
      step.ip,
    );
  });
  return getCompoundProperty(ctx, actor, compound.id);
}

export async function endContract(
  ctx: AppContext,
  actor: Actor,
  step: { id: string; input: EndContractInput; ip?: string },
): Promise<CompoundProperty> {
  const d = actor.districtId;
  const compoundId = await ctx.db.transaction(async (tx: Tx) => {
    const row = await repo.lockContract(tx, d, step.id);
    if (!row) throw E.CONTRACT_NOT_FOUND();
    requireAccess(actor, 'propertyContract', { orgPath: row.orgPath, companyId: row.companyId }, 'write');
    requireState(row.version === step.input.version, E.CONTRACT_CHANGED);
    requireState(row.status === 'active', E.CONTRACT_NOT_ACTIVE);
    if (step.input.endedOn < row.startsOn) {
      throw E.END_BEFORE_START({ endedOn: step.input.endedOn, startsOn: row.startsOn });
    }
    await repo.endContract(tx, d, row.id, {
      endedOn: step.input.endedOn,
      endReason: step.input.reason,
      endNote: step.input.note ?? null,
    });
    await repo.setCompoundCompanyName(tx, d, row.compoundId, null);
    await writeAudit(
      tx,
      actor,
      {
        action: 'property_contract.end',
        entityType: 'compound',
        entityId: row.compoundId,
        detail: { contractId: row.id, reason: step.input.reason, endedOn: step.input.endedOn },
      },
      step.ip,
    );
    return row.compoundId;
  });
  return getCompoundProperty(ctx, actor, compoundId);
}

/** 管理悬空: the compounds of the caller's subtree (or of one unit in it) that no company serves now, counted per street. */
export async function unmanaged(ctx: AppContext, actor: Actor, orgUnitId?: string): Promise<Unmanaged> {
  const d = actor.districtId;
  const scope = scopeWhere(actor, 'orgUnit', repo.unmanagedScopeColumns);
  let under: string | undefined;
  if (orgUnitId) {
    const unit = await repo.findCompound(ctx.db, d, orgUnitId);
    if (!unit) throw E.COMPOUND_NOT_FOUND();
    requireAccess(actor, 'orgUnit', { orgPath: unit.path });
    under = unit.path;
  }
  const rows = await repo.unmanagedCompounds(ctx.db, d, scope, under);
  const compounds = await repo.compoundCount(ctx.db, d, scope, under);
  const byStreet = new Map<string, { streetId: string; streetName: string; count: number; old: number }>();
  for (const r of rows) {
    const s = byStreet.get(r.streetId) ?? { streetId: r.streetId, streetName: r.streetName, count: 0, old: 0 };
    s.count += 1;
    if (r.isOld) s.old += 1;
    byStreet.set(r.streetId, s);
  }
  return {
    total: rows.length,
    compounds,
    byStreet: [...byStreet.values()],
    items: rows.map(({ streetId: _s, ...r }) => r),
  };
}
