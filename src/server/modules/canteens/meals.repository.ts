import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import { people } from '../people/people.tables.js';
import type { Delivery, Meal, MealKind, SubsidyCategory } from '../../../shared/canteens.schema.js';
import { canteenDeliveries, canteenMeals, subsidyRules } from './canteens.tables.js';

/** The queries of meals served and meals delivered. */

function meals(q: Queryable, where: SQL | undefined) {
  return q
    .select({
      id: canteenMeals.id,
      personId: canteenMeals.personId,
      personName: people.name,
      servedOn: canteenMeals.servedOn,
      meal: canteenMeals.meal,
      priceCents: canteenMeals.priceCents,
      subsidyCents: canteenMeals.subsidyCents,
      paidCents: sql<number>`(${canteenMeals.priceCents} - ${canteenMeals.subsidyCents})`,
      category: canteenMeals.category,
      ruleLabel: subsidyRules.label,
      isDelivery: canteenMeals.isDelivery,
    })
    .from(canteenMeals)
    .leftJoin(people, and(eq(people.districtId, canteenMeals.districtId), eq(people.id, canteenMeals.personId)))
    .leftJoin(
      subsidyRules,
      and(eq(subsidyRules.districtId, canteenMeals.districtId), eq(subsidyRules.id, canteenMeals.ruleId)),
    )
    .where(where);
}

export async function mealById(q: Queryable, districtId: string, id: string): Promise<Meal | undefined> {
  const [m] = await meals(q, and(eq(canteenMeals.districtId, districtId), eq(canteenMeals.id, id)));
  return m;
}

/** A canteen's latest 500 meals, of one day if given. */
export function mealsOf(q: Queryable, districtId: string, stationId: string, day?: string): Promise<Meal[]> {
  return meals(
    q,
    and(
      eq(canteenMeals.districtId, districtId),
      eq(canteenMeals.stationId, stationId),
      day ? eq(canteenMeals.servedOn, day) : undefined,
    ),
  )
    .orderBy(desc(canteenMeals.createdAt))
    .limit(500);
}

/** A canteen's meals served in [from, to), by day, meal and diner. */
export function mealsBetween(
  q: Queryable,
  districtId: string,
  stationId: string,
  [from, to]: [string, string],
): Promise<Meal[]> {
  return meals(
    q,
    and(
      eq(canteenMeals.districtId, districtId),
      eq(canteenMeals.stationId, stationId),
      gte(canteenMeals.servedOn, from),
      lt(canteenMeals.servedOn, to),
    ),
  ).orderBy(canteenMeals.servedOn, canteenMeals.meal, people.name);
}

export interface MealRow {
  districtId: string;
  id: string;
  stationId: string;
  orgPath: string;
  personId: string | null;
  servedOn: string;
  meal: MealKind;
  priceCents: number;
  subsidyCents: number;
  ruleId: string | null;
  category: SubsidyCategory | null;
  isDelivery: boolean;
  createdBy: string;
}

/** Fails with a unique violation (23505) when the same person, meal and day is subsidised twice. */
export async function insertMeal(q: Queryable, row: MealRow): Promise<void> {
  await q.insert(canteenMeals).values(row);
}

// ───────────── deliveries ─────────────

function deliveries(q: Queryable, where: SQL | undefined) {
  return q
    .select({
      id: canteenDeliveries.id,
      personId: canteenDeliveries.personId,
      personName: people.name,
      servedOn: canteenDeliveries.servedOn,
      meal: canteenDeliveries.meal,
      address: canteenDeliveries.address,
      status: canteenDeliveries.status,
      mealId: canteenDeliveries.mealId,
    })
    .from(canteenDeliveries)
    .innerJoin(
      people,
      and(eq(people.districtId, canteenDeliveries.districtId), eq(people.id, canteenDeliveries.personId)),
    )
    .where(where);
}

export async function deliveryById(q: Queryable, districtId: string, id: string): Promise<Delivery | undefined> {
  const [d] = await deliveries(q, and(eq(canteenDeliveries.districtId, districtId), eq(canteenDeliveries.id, id)));
  return d;
}

export function deliveriesOf(q: Queryable, districtId: string, stationId: string): Promise<Delivery[]> {
  return deliveries(q, and(eq(canteenDeliveries.districtId, districtId), eq(canteenDeliveries.stationId, stationId)))
    .orderBy(desc(canteenDeliveries.servedOn), desc(canteenDeliveries.createdAt))
    .limit(200);
}

export async function insertDelivery(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    stationId: string;
    orgPath: string;
    personId: string;
    servedOn: string;
    meal: MealKind;
    address: string;
    createdBy: string;
  },
): Promise<void> {
  await tx.insert(canteenDeliveries).values(row);
}

export async function lockDelivery(tx: Tx, districtId: string, id: string) {
  const [d] = await tx
    .select({
      stationId: canteenDeliveries.stationId,
      personId: canteenDeliveries.personId,
      servedOn: canteenDeliveries.servedOn,
      meal: canteenDeliveries.meal,
      status: canteenDeliveries.status,
    })
    .from(canteenDeliveries)
    .where(and(eq(canteenDeliveries.districtId, districtId), eq(canteenDeliveries.id, id)))
    .for('update');
  return d;
}

export async function markDelivered(tx: Tx, districtId: string, id: string, mealId: string): Promise<void> {
  await tx
    .update(canteenDeliveries)
    .set({ status: 'delivered', mealId })
    .where(and(eq(canteenDeliveries.districtId, districtId), eq(canteenDeliveries.id, id)));
}
