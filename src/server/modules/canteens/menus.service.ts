import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Meal, MealBody, MenuItem, MenuItemBody } from '../../../shared/canteens.schema.js';
import { E } from './canteens.errors.js';
import * as repo from './canteens.repository.js';
import { canteenFor, isUniqueViolation, MEAL_LABELS, type Canteen } from './canteens.service.js';
import * as meals from './meals.repository.js';
import { bestSubsidy } from './subsidy.service.js';

/** A canteen's menu (银发特色菜 among it) and the meals it serves, each with the subsidy its diner is entitled to. */

export async function getMenu(ctx: AppContext, actor: Actor, stationId: string): Promise<{ items: MenuItem[] }> {
  await canteenFor(ctx.db, actor, stationId, 'read');
  return { items: await repo.activeMenu(ctx.db, actor.districtId, stationId) };
}

export async function addMenuItem(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof MenuItemBody>,
  ip?: string,
): Promise<MenuItem> {
  await canteenFor(ctx.db, actor, stationId, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertMenuItem(tx, { districtId: actor.districtId, id, stationId, ...input });
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_menu.add', entityType: 'station', entityId: stationId, detail: input },
      ip,
    );
  });
  return { id, ...input };
}

/**
 * Serves a meal in an open transaction: the subsidy by the rules, refused when it would be paid
 * twice (DUPLICATE_CLAIM). Returns the meal's id.
 */
export async function serveMeal(
  tx: Tx,
  actor: Actor,
  c: Canteen,
  input: z.infer<typeof MealBody> & { isDelivery: boolean },
): Promise<string> {
  const servedOn = input.servedOn ?? shanghaiDate(new Date());
  const { rule, subsidyCents } = await bestSubsidy(tx, {
    districtId: actor.districtId,
    personId: input.personId ?? null,
    declared: input.declaredCategory,
    priceCents: input.priceCents,
    on: servedOn,
  });
  if (
    subsidyCents > 0 &&
    !input.personId &&
    rule?.category !== 'sanitation_worker' &&
    rule?.category !== 'traffic_police'
  ) {
    throw E.DINER_REQUIRED();
  }
  const id = randomUUID();
  // a savepoint, so a duplicate claim surfaces as a clear 409 and leaves the transaction usable
  try {
    await tx.transaction(async (sp) => {
      await meals.insertMeal(sp, {
        districtId: actor.districtId,
        id,
        stationId: c.id,
        orgPath: c.orgPath,
        personId: input.personId ?? null,
        servedOn,
        meal: input.meal,
        priceCents: input.priceCents,
        subsidyCents,
        ruleId: rule?.id ?? null,
        category: rule?.category ?? null,
        isDelivery: input.isDelivery,
        createdBy: actor.userId,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw E.DUPLICATE_CLAIM({ servedOn, meal: MEAL_LABELS[input.meal] });
    throw err;
  }
  await writeAudit(tx, actor, {
    action: 'canteen_meal.record',
    entityType: 'station',
    entityId: c.id,
    detail: { mealId: id, personId: input.personId ?? null, subsidyCents, ruleId: rule?.id ?? null },
  });
  return id;
}

export async function recordMeal(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof MealBody>,
): Promise<Meal> {
  const c = await canteenFor(ctx.db, actor, stationId, 'write');
  const id = await ctx.db.transaction((tx) => serveMeal(tx, actor, c, { ...input, isDelivery: false }));
  return (await meals.mealById(ctx.db, actor.districtId, id))!;
}

export async function listMeals(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  day?: string,
): Promise<{ items: Meal[] }> {
  await canteenFor(ctx.db, actor, stationId, 'write');
  return { items: await meals.mealsOf(ctx.db, actor.districtId, stationId, day) };
}
