import { and, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { people } from '../people/people.tables.js';
import type { Settlement, SubsidyCategory } from '../../../shared/canteens.schema.js';
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

/**
 * The duplicate-claim check: subsidised meals of this canteen's diners claimed more than once for the
 * same person, meal and day — in any canteen of the district. Bounded by this canteen's month: its
 * subsidised meals come from `canteen_meals_station_idx`, and each is matched to the district's claims
 * of the same person, day and meal through the claim index (`canteen_meals_claim_uq`) — never a scan of
 * every canteen's meals (that took 16–24 s and held the embedded database). The plan is kept in
 * src/server/db/plans/ (plans.test.ts).
 */
export function monthDuplicatesSql(districtId: string, stationId: string, [from, to]: Range): SQL {
  const m = canteenMeals;
  // `materialized`: the canteen's month is taken first, whatever the planner thinks of the other canteens
  return sql`
    with mine as materialized (
      select ${m.districtId} as district_id, ${m.personId} as person_id, ${m.servedOn} as served_on, ${m.meal} as meal
      from ${m}
      where ${m.districtId} = ${districtId} and ${m.stationId} = ${stationId}
        and ${m.servedOn} >= ${from} and ${m.servedOn} < ${to} and ${m.subsidyCents} > 0
      group by 1, 2, 3, 4)
    select mine.person_id as "personId", ${people.name} as "personName", to_char(mine.served_on, 'YYYY-MM-DD') as "servedOn",
      mine.meal, count(*)::int as claims
    from mine
    join ${m} on ${m.districtId} = mine.district_id and ${m.personId} = mine.person_id
      and ${m.servedOn} = mine.served_on and ${m.meal} = mine.meal and ${m.subsidyCents} > 0
    join ${people} on ${people.districtId} = mine.district_id and ${people.id} = mine.person_id
    group by mine.person_id, ${people.name}, mine.served_on, mine.meal
    having count(*) > 1
    order by mine.served_on, ${people.name}
    limit 200`;
}

export function monthDuplicates(
  q: Queryable,
  districtId: string,
  stationId: string,
  range: Range,
): Promise<Settlement['duplicates']> {
  return queryRows<Settlement['duplicates'][number]>(q, monthDuplicatesSql(districtId, stationId, range));
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
