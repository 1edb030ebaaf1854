import { and, eq, exists, gt, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../../db/client.js';
import { people } from '../people/people.tables.js';
import type { MealKind, Settlement, SubsidyCategory } from '../../../shared/canteens.schema.js';
import { canteenMeals, canteenSettlements } from './canteens.tables.js';

/** The queries of the monthly settlement: totals, per category, duplicate claims, the settlement row. */

type Range = [from: string, to: string];
const served = (m: typeof canteenMeals, [from, to]: Range) => and(gte(m.servedOn, from), lt(m.servedOn, to));

export async function monthTotals(q: Queryable, districtId: string, stationId: string, range: Range) {
  const [t] = await q
    .select({
      meals: sql<number>`count(*)::int`,
      subsidised: sql<number>`count(*) filter (where ${canteenMeals.subsidyCents} > 0)::int`,
      diners: sql<number>`count(distinct ${canteenMeals.personId})::int`,
      revenue: sql<number>`coalesce(sum(${canteenMeals.priceCents} - ${canteenMeals.subsidyCents}), 0)::int`,
      subsidy: sql<number>`coalesce(sum(${canteenMeals.subsidyCents}), 0)::int`,
    })
    .from(canteenMeals)
    .where(
      and(eq(canteenMeals.districtId, districtId), eq(canteenMeals.stationId, stationId), served(canteenMeals, range)),
    );
  return t;
}

export function monthByCategory(
  q: Queryable,
  districtId: string,
  stationId: string,
  range: Range,
): Promise<Settlement['byCategory']> {
  return q
    .select({
      category: sql<SubsidyCategory>`${canteenMeals.category}`,
      meals: sql<number>`count(*)::int`,
      subsidyCents: sql<number>`sum(${canteenMeals.subsidyCents})::int`,
    })
    .from(canteenMeals)
    .where(
      and(
        eq(canteenMeals.districtId, districtId),
        eq(canteenMeals.stationId, stationId),
        served(canteenMeals, range),
        gt(canteenMeals.subsidyCents, 0),
      ),
    )
    .groupBy(canteenMeals.category)
    .orderBy(canteenMeals.category);
}

const here = alias(canteenMeals, 'x');

/**
 * The duplicate-claim check: subsidised meals of this canteen's diners claimed more than once for the
 * same person, meal and day — in any canteen of the district.
 */
export function monthDuplicates(
  q: Queryable,
  districtId: string,
  stationId: string,
  range: Range,
): Promise<Settlement['duplicates']> {
  return q
    .select({
      personId: sql<string>`${canteenMeals.personId}`,
      personName: people.name,
      servedOn: canteenMeals.servedOn,
      meal: sql<MealKind>`${canteenMeals.meal}`,
      claims: sql<number>`count(*)::int`,
    })
    .from(canteenMeals)
    .innerJoin(people, and(eq(people.districtId, canteenMeals.districtId), eq(people.id, canteenMeals.personId)))
    .where(
      and(
        eq(canteenMeals.districtId, districtId),
        gt(canteenMeals.subsidyCents, 0),
        served(canteenMeals, range),
        exists(
          q
            .select({ one: sql`1` })
            .from(here)
            .where(
              and(
                eq(here.districtId, canteenMeals.districtId),
                eq(here.stationId, stationId),
                eq(here.personId, canteenMeals.personId),
                eq(here.servedOn, canteenMeals.servedOn),
                eq(here.meal, canteenMeals.meal),
                gt(here.subsidyCents, 0),
              ),
            ),
        ),
      ),
    )
    .groupBy(canteenMeals.personId, people.name, canteenMeals.servedOn, canteenMeals.meal)
    .having(sql`count(*) > 1`)
    .orderBy(canteenMeals.servedOn, people.name)
    .limit(200);
}

/** When the month was settled, if it was. */
export async function settledAt(
  q: Queryable,
  districtId: string,
  stationId: string,
  month: string,
): Promise<Date | undefined> {
  const [s] = await q
    .select({ createdAt: canteenSettlements.createdAt })
    .from(canteenSettlements)
    .where(
      and(
        eq(canteenSettlements.districtId, districtId),
        eq(canteenSettlements.stationId, stationId),
        eq(canteenSettlements.month, month),
      ),
    );
  return s?.createdAt;
}

/** Fails with a unique violation (23505) when the month is already settled. */
export async function insertSettlement(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    stationId: string;
    month: string;
    meals: number;
    subsidisedMeals: number;
    diners: number;
    revenueCents: number;
    subsidyCents: number;
    createdBy: string;
  },
): Promise<void> {
  await tx.insert(canteenSettlements).values(row);
}
