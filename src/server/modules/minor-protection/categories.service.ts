import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { RiskLevel } from '../../../shared/minor-protection.constants.js';
import type { CategoryInput } from '../../../shared/minor-protection.schema.js';
import { MinorErrors as E } from './minor-protection.errors.js';
import { selectCategories, upsertCategoryRow, type CategoryRule } from './repository/categories.repository.js';

/** Difficulty categories (困境类型) and the home-visit schedule they set. */
export const listCategories = (q: Queryable, districtId: string): Promise<CategoryRule[]> =>
  selectCategories(q, districtId);

export async function upsertCategory(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; category: CategoryInput; ip?: string | undefined },
) {
  const { id, category, ip } = input;
  if (!/^[a-z][a-z0-9_]{1,29}$/.test(id)) throw E.CATEGORY_ID_INVALID();
  return ctx.db.transaction(async (tx) => {
    const row = await upsertCategoryRow(tx, actor.districtId, id, category);
    await writeAudit(
      tx,
      actor,
      { action: 'minor_category.upsert', entityType: 'minor_category', entityId: id, detail: { ...category } },
      ip,
    );
    return row;
  });
}

/** Interval until the next home visit: the most demanding of the child's categories at the case's risk level. */
export function visitIntervalDays(
  categories: readonly string[],
  risk: RiskLevel,
  rules: readonly CategoryRule[],
): number {
  const days = rules
    .filter((r) => categories.includes(r.id))
    .map((r) => (risk === 'high' ? r.visitDaysHigh : risk === 'medium' ? r.visitDaysMedium : r.visitDaysLow));
  return days.length ? Math.min(...days) : risk === 'high' ? 14 : risk === 'medium' ? 30 : 60;
}

/** The district's rules, once every id given is an active category. */
export async function assertCategories(q: Queryable, districtId: string, ids: readonly string[]) {
  const rules = await listCategories(q, districtId);
  const unknown = ids.filter((id) => !rules.some((r) => r.id === id && r.isActive));
  if (unknown.length) throw E.CATEGORY_UNKNOWN({ ids: unknown.join('、') });
  return rules;
}

/** A calendar date `days` after `day` (both YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
