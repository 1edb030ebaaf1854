import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { orgUnits, stations } from '../org/org.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import type { StationKind } from '../../../shared/stations.schema.js';
import { placeLocations } from './stations.tables.js';

export interface MapPlaceRow {
  kind: 'compound' | 'station';
  id: string;
  name: string;
  path: string;
  lat: number;
  lng: number;
  station_kind: StationKind | null;
  open_orders: number;
  overdue_orders: number;
}

/** The names of streets (or townships) by id, for the labels of their outlines. */
export async function unitNames(q: Queryable, d: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, d), inArray(orgUnits.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The located compounds (with their open and overdue orders) and stations the actor may read, in one
 * query: PGlite serves one connection, so the map costs one round trip. Each part is scoped by its own rule
 * (compounds as org units, stations as stations, the counted orders as work orders).
 */
export function mapPlaces(q: Queryable, actor: Actor): Promise<MapPlaceRow[]> {
  const d = actor.districtId;
  const compoundScope = scopeWhere(actor, 'orgUnit', { orgPath: sql`c.path` });
  const stationScope = scopeWhere(actor, 'station', { orgPath: sql`s.org_path` });
  const orderScope = scopeWhere(actor, 'workOrder', {
    districtId: sql`o.district_id`,
    id: sql`o.id`,
    orgPath: sql`o.org_path`,
    reporterUserId: sql`o.reporter_user_id`,
  });
  return queryRows<MapPlaceRow>(
    q,
    sql`select 'compound' as kind, c.id, c.name, c.path, l.lat, l.lng, null as station_kind,
        coalesce(w.open_orders, 0)::int as open_orders, coalesce(w.overdue_orders, 0)::int as overdue_orders
      from ${orgUnits} c
      join ${placeLocations} l on l.district_id = c.district_id and l.kind = 'compound' and l.entity_id = c.id
      left join (
        select o.compound_id, count(*) as open_orders, count(*) filter (where o.due_at < now()) as overdue_orders
        from ${workOrders} o
        where o.district_id = ${d} and o.status <> 'closed' and o.merged_into is null and ${orderScope}
        group by o.compound_id
      ) w on w.compound_id = c.id
      where c.district_id = ${d} and c.kind = 'compound' and ${compoundScope}
      union all
      select 'station', s.id, s.name, s.org_path, l.lat, l.lng, s.kind, 0, 0
      from ${stations} s
      join ${placeLocations} l on l.district_id = s.district_id and l.kind = 'station' and l.entity_id = s.id
      where s.district_id = ${d} and ${stationScope}
      order by 1, 3`,
  );
}
