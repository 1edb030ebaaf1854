import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { badRequest } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { workUnits } from '../org/org.tables.js';
import { workOrderCategories, type HandlerKind } from './work-orders.tables.js';

export interface CategoryInput {
  id: string;
  name: string;
  parentId: string | null;
  defaultHandler: HandlerKind;
  defaultWorkUnitId: string | null;
  acceptDays: number;
  dispatchDays: number;
  handleDays: number;
}

/** Categories and sub-categories with their default handler and per-hand-off deadlines; changes apply to new hand-offs. */
export async function upsertCategory(ctx: AppContext, actor: Actor, input: CategoryInput, ip?: string) {
  const d = actor.districtId;
  if (input.defaultHandler === 'department') {
    if (!input.defaultWorkUnitId) throw badRequest('DEPARTMENT_REQUIRED', '默认承办方为职能部门时，须指定具体部门。');
    const [u] = await ctx.db
      .select()
      .from(workUnits)
      .where(and(eq(workUnits.districtId, d), eq(workUnits.id, input.defaultWorkUnitId)));
    if (!u) throw badRequest('DEPARTMENT_NOT_FOUND', '所选部门不存在。');
  }
  if (input.parentId) {
    if (input.parentId === input.id) throw badRequest('CATEGORY_PARENT_INVALID', '分类不能以自身为上级。');
    const [p] = await ctx.db
      .select()
      .from(workOrderCategories)
      .where(and(eq(workOrderCategories.districtId, d), eq(workOrderCategories.id, input.parentId)));
    if (!p) throw badRequest('CATEGORY_PARENT_INVALID', '上级分类不存在。');
    if (p.parentId) throw badRequest('CATEGORY_PARENT_INVALID', '分类最多两级。');
  }
  const values = {
    ...input,
    defaultWorkUnitId: input.defaultHandler === 'department' ? input.defaultWorkUnitId : null,
  };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(workOrderCategories)
      .values({ districtId: d, ...values })
      .onConflictDoUpdate({ target: [workOrderCategories.districtId, workOrderCategories.id], set: values });
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
  return {
    id: values.id,
    name: values.name,
    parentId: values.parentId,
    defaultHandler: values.defaultHandler,
    defaultWorkUnitId: values.defaultWorkUnitId,
    handleDays: values.handleDays,
  };
}
