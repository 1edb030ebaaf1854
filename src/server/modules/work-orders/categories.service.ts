import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Category, CategoryInput, WorkUnit } from '../../../shared/work-orders.schema.js';
import { CATEGORY_PARENT_INVALID, DEPARTMENT_REQUIRED, E } from './work-orders.errors.js';
import { findCategory, listCategories, listWorkUnits, upsertCategoryRow } from './repository/categories.repository.js';
import { workUnitExists } from './repository/transitions.repository.js';

const toCategory = (c: Category & Record<string, unknown>): Category => ({
  id: c.id,
  name: c.name,
  parentId: c.parentId,
  defaultHandler: c.defaultHandler,
  defaultWorkUnitId: c.defaultWorkUnitId,
  handleDays: c.handleDays,
});

export async function categories(ctx: AppContext, actor: Actor): Promise<Category[]> {
  return (await listCategories(ctx.db, actor.districtId)).map(toCategory);
}

export function workUnitsOf(ctx: AppContext, actor: Actor, functionalOnly: boolean): Promise<WorkUnit[]> {
  return listWorkUnits(ctx.db, actor.districtId, functionalOnly);
}

/** Categories and sub-categories with their default handler and per-hand-off deadlines; changes apply to new hand-offs. */
export async function upsertCategory(ctx: AppContext, actor: Actor, input: CategoryInput, ip?: string) {
  const d = actor.districtId;
  if (input.defaultHandler === 'department') {
    if (!input.defaultWorkUnitId) throw DEPARTMENT_REQUIRED.category();
    requireState(await workUnitExists(ctx.db, d, input.defaultWorkUnitId), E.DEPARTMENT_NOT_FOUND);
  }
  if (input.parentId) {
    if (input.parentId === input.id) throw CATEGORY_PARENT_INVALID.self();
    const p = await findCategory(ctx.db, d, input.parentId);
    if (!p) throw CATEGORY_PARENT_INVALID.missing();
    if (p.parentId) throw CATEGORY_PARENT_INVALID.tooDeep();
  }
  const values = {
    ...input,
    defaultWorkUnitId: input.defaultHandler === 'department' ? input.defaultWorkUnitId : null,
  };
  await ctx.db.transaction(async (tx) => {
    await upsertCategoryRow(tx, d, values);
    await writeAudit(
      tx,
      actor,
      {
        action: 'work_order_category.upsert',
        entityType: 'work_order_category',
        entityId: input.id,
        detail: { ...values },
      },
      ip,
    );
  });
  return toCategory(values);
}
