import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import type { MyCanteens } from '../../../shared/canteens.schema.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { haversineMeters, WALK } from '../stations/living-circle.service.js';
import * as repo from './canteens.repository.js';
import * as diner from './diner.repository.js';
import { bestRule, entitlementOf } from './subsidy.service.js';

/** How many of the diner's own meals the page shows. */
const MY_MEALS = 20;

/**
 * 我的幸福餐厅 (the resident's /m/canteen): the canteens of their street, nearest first, each dish priced
 * for them by the same rules a meal is served with ("you pay X of Y" today), and their own latest meals.
 * Only the caller's own person record is read.
 */
export async function myCanteens(ctx: AppContext, actor: Actor): Promise<MyCanteens> {
  const personId = personOf(actor);
  const d = actor.districtId;
  const on = shanghaiDate(new Date());
  const entitlement = await entitlementOf(ctx.db, { districtId: d, personId, declared: undefined, on });
  const rules = await repo.activeRules(ctx.db, d);
  const here = await diner.compoundLocation(ctx.db, d, actor.orgUnitId);
  const found = await diner.dinerCanteens(ctx.db, actor);
  const canteens = await Promise.all(
    found.map(async (c) => {
      const menu = await repo.activeMenu(ctx.db, d, c.id);
      const located = here && c.lat !== null && c.lng !== null;
      return {
        id: c.id,
        name: c.name,
        address: c.address,
        meters: located ? Math.round(haversineMeters(here, { lat: c.lat!, lng: c.lng! }) * WALK.detourFactor) : null,
        menu: menu.map((item) => {
          const { rule, subsidyCents } = bestRule(rules, entitlement, item.priceCents);
          return { ...item, subsidyCents, payCents: item.priceCents - subsidyCents, ruleLabel: rule?.label ?? null };
        }),
      };
    }),
  );
  canteens.sort((a, b) => (a.meters ?? Infinity) - (b.meters ?? Infinity) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    on,
    age: entitlement.age,
    categories: entitlement.categories,
    canteens,
    meals: await diner.mealsOfDiner(ctx.db, d, personId, MY_MEALS),
  };
}
