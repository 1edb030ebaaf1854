import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type {
  CompoundRenovations,
  RenovationInput,
  RenovationSummary,
} from '../../../shared/property-renovations.schema.js';
import { E } from './property.errors.js';
import * as repo from './property.repository.js';
import * as ren from './renovations.repository.js';

/**
 * 老旧小区改造: a compound's renovation projects (read where its contracts are read: its staff, the company
 * serving it), recorded by the street, the community or the district; a completed one makes the compound
 * 已改造 in the same transaction. The figures of a scope: old compounds, renovated, in progress, investment.
 */
async function compoundFor(ctx: AppContext, actor: Actor, id: string) {
  const compound = await repo.findCompound(ctx.db, actor.districtId, id);
  if (!compound) throw E.COMPOUND_NOT_FOUND();
  if (compound.kind !== 'compound') throw E.NOT_A_COMPOUND();
  return compound;
}

export async function compoundRenovations(ctx: AppContext, actor: Actor, id: string): Promise<CompoundRenovations> {
  const compound = await compoundFor(ctx, actor, id);
  const current = await repo.currentCompanyOf(ctx.db, actor.districtId, id);
  requireAccess(actor, 'propertyContract', { orgPath: compound.path, companyId: current?.companyId ?? null });
  const rows = await ren.renovationsOf(ctx.db, actor.districtId, id);
  return {
    compound: { id: compound.id, name: compound.name, isOld: !!compound.isOld, isRenovated: !!compound.isRenovated },
    items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
  };
}

function checkDates(input: RenovationInput): void {
  const started = input.startedOn ?? null;
  const completed = input.completedOn ?? null;
  if (input.status === 'completed' && !completed)
    throw E.RENOVATION_DATES({
      why: '已完工的改造须填写完工日期',
      whyEn: 'a completed renovation needs its completion date',
    });
  if (input.status !== 'completed' && completed)
    throw E.RENOVATION_DATES({
      why: '未完工的改造不能有完工日期',
      whyEn: 'a renovation not completed has no completion date',
    });
  if (started && completed && completed < started)
    throw E.RENOVATION_DATES({
      why: `完工日期 ${completed} 早于开工日期 ${started}`,
      whyEn: `completed ${completed} before started ${started}`,
    });
  if (completed && Number(completed.slice(0, 4)) < input.year)
    throw E.RENOVATION_DATES({
      why: `完工日期 ${completed} 早于改造年度 ${input.year}`,
      whyEn: `completed ${completed} before the year ${input.year}`,
    });
}

export async function recordRenovation(
  ctx: AppContext,
  actor: Actor,
  step: { compoundId: string; input: RenovationInput; ip?: string },
): Promise<CompoundRenovations> {
  const { input } = step;
  const d = actor.districtId;
  const compound = await compoundFor(ctx, actor, step.compoundId);
  requireAccess(actor, 'propertyContract', { orgPath: compound.path, companyId: null }, 'write', { what: '该小区' });
  checkDates(input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await ren.insertRenovation(tx, {
      districtId: d,
      id,
      compoundId: compound.id,
      orgPath: compound.path,
      year: input.year,
      items: [...new Set(input.items)],
      investmentYuan: input.investmentYuan,
      implementer: input.implementer,
      status: input.status,
      startedOn: input.startedOn ?? null,
      completedOn: input.completedOn ?? null,
      note: input.note ?? '',
      createdBy: actor.userId,
    });
    if (input.status === 'completed') await ren.markRenovated(tx, d, compound.id);
    await writeAudit(
      tx,
      actor,
      {
        action: 'property.renovation_record',
        entityType: 'compound',
        entityId: compound.id,
        detail: { renovationId: id, year: input.year, status: input.status, items: input.items },
      },
      step.ip,
    );
  });
  return compoundRenovations(ctx, actor, compound.id);
}

export async function renovationSummary(ctx: AppContext, actor: Actor, orgUnitId?: string): Promise<RenovationSummary> {
  const d = actor.districtId;
  let under = `${d}/`;
  if (orgUnitId) {
    const unit = await repo.findCompound(ctx.db, d, orgUnitId);
    if (!unit) throw E.COMPOUND_NOT_FOUND();
    requireAccess(actor, 'orgUnit', { orgPath: unit.path });
    under = unit.path;
  }
  return ren.renovationSummary(ctx.db, d, under, scopeWhere(actor, 'orgUnit', ren.compoundPathColumns));
}
