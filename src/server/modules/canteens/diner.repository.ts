import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { stations } from '../org/org.tables.js';
import { placeLocations } from '../stations/stations.tables.js';
import type { MyMeal } from '../../../shared/canteens.schema.js';
import { canteenMeals, subsidyRules } from './canteens.tables.js';

/** The diner's own side of 幸福餐厅: the canteens they may dine at, where they are, and their own meals. */

/** The canteens the actor may dine at (canteen rule, action `dine`), with their coordinates when known. */
export function dinerCanteens(q: Queryable, actor: Actor) {
  return q
    .select({
      id: stations.id,
      name: stations.name,
      address: stations.address,
      lat: placeLocations.lat,
      lng: placeLocations.lng,
    })
    .from(stations)
    .leftJoin(
      placeLocations,
      and(
        eq(placeLocations.districtId, stations.districtId),
        eq(placeLocations.kind, 'station'),
        eq(placeLocations.entityId, stations.id),
      ),
    )
    .where(
      and(
        eq(stations.districtId, actor.districtId),
        eq(stations.kind, 'canteen'),
        scopeWhere(actor, 'canteen', { orgPath: sql`${stations.orgPath}` }, 'dine'),
      ),
    )
    .orderBy(stations.name)
    .limit(20);
}

/** Where a compound is (null when it was never located). */
export async function compoundLocation(
  q: Queryable,
  districtId: string,
  compoundId: string,
): Promise<{ lat: number; lng: number } | null> {
  const [l] = await q
    .select({ lat: placeLocations.lat, lng: placeLocations.lng })
    .from(placeLocations)
    .where(
      and(
        eq(placeLocations.districtId, districtId),
        eq(placeLocations.kind, 'compound'),
        eq(placeLocations.entityId, compoundId),
      ),
    );
  return l ?? null;
}

const canteen = alias(stations, 'c');

/** A person's own latest meals at any canteen, newest first. */
export function mealsOfDiner(q: Queryable, districtId: string, personId: string, limit: number): Promise<MyMeal[]> {
  return q
    .select({
      id: canteenMeals.id,
      canteenName: canteen.name,
      servedOn: canteenMeals.servedOn,
      meal: canteenMeals.meal,
      priceCents: canteenMeals.priceCents,
      subsidyCents: canteenMeals.subsidyCents,
      paidCents: sql<number>`(${canteenMeals.priceCents} - ${canteenMeals.subsidyCents})::int`,
      ruleLabel: subsidyRules.label,
      isDelivery: canteenMeals.isDelivery,
    })
    .from(canteenMeals)
    .innerJoin(canteen, and(eq(canteen.districtId, canteenMeals.districtId), eq(canteen.id, canteenMeals.stationId)))
    .leftJoin(
      subsidyRules,
      and(eq(subsidyRules.districtId, canteenMeals.districtId), eq(subsidyRules.id, canteenMeals.ruleId)),
    )
    .where(and(eq(canteenMeals.districtId, districtId), eq(canteenMeals.personId, personId)))
    .orderBy(desc(canteenMeals.servedOn), desc(canteenMeals.createdAt))
    .limit(limit);
}
