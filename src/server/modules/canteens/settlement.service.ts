import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { iso, shanghaiMonth } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Settlement } from '../../../shared/canteens.schema.js';
import { E } from './canteens.errors.js';
import { canteenFor, isUniqueViolation } from './canteens.service.js';
import * as repo from './settlement.repository.js';

/** 月度结算 per canteen: the subsidy claimed from the street for a month, settled once, never over duplicate claims. */

/** `[first day of the month, first day of the next]`, both `YYYY-MM-DD`. */
export function monthBounds(m: string): [string, string] {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return [`${m}-01`, mm === 12 ? `${y + 1}-01-01` : `${y}-${String(mm + 1).padStart(2, '0')}-01`];
}

/** Monthly settlement: totals, per category, and the duplicate-claim check (same person, meal and day claimed more than once, in any canteen). */
export async function settlement(ctx: AppContext, actor: Actor, stationId: string, m: string): Promise<Settlement> {
  const c = await canteenFor(ctx.db, actor, stationId, 'write');
  const range = monthBounds(m);
  const { districtId } = actor;
  const t = await repo.monthTotals(ctx.db, districtId, stationId, range);
  const byCategory = await repo.monthByCategory(ctx.db, districtId, stationId, range);
  const duplicates = await repo.monthDuplicates(ctx.db, districtId, stationId, range);
  const settled = await repo.settledAt(ctx.db, districtId, stationId, m);
  return {
    stationId,
    stationName: c.name,
    month: m,
    meals: t?.meals ?? 0,
    subsidisedMeals: t?.subsidised ?? 0,
    diners: t?.diners ?? 0,
    revenueCents: t?.revenue ?? 0,
    subsidyCents: t?.subsidy ?? 0,
    byCategory,
    duplicates,
    settledAt: iso(settled),
  };
}

export async function settle(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  m: string,
  ip?: string,
): Promise<Settlement> {
  if (m >= shanghaiMonth(new Date())) throw E.SETTLEMENT_TOO_EARLY();
  const s = await settlement(ctx, actor, stationId, m);
  if (s.settledAt) throw E.SETTLEMENT_EXISTS({ month: m });
  if (s.duplicates.length > 0) throw E.SETTLEMENT_DUPLICATES({ count: s.duplicates.length });
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertSettlement(tx, {
        districtId: actor.districtId,
        id: randomUUID(),
        stationId,
        month: m,
        meals: s.meals,
        subsidisedMeals: s.subsidisedMeals,
        diners: s.diners,
        revenueCents: s.revenueCents,
        subsidyCents: s.subsidyCents,
        createdBy: actor.userId,
      });
      await writeAudit(
        tx,
        actor,
        {
          action: 'canteen.settle',
          entityType: 'station',
          entityId: stationId,
          detail: { month: m, meals: s.meals, subsidyCents: s.subsidyCents },
        },
        ip,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw E.SETTLEMENT_EXISTS({ month: m });
    throw err;
  }
  return settlement(ctx, actor, stationId, m);
}
