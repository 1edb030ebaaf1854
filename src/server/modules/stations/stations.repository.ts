import { and, asc, between, count, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { orgUnits, partyOrgs, stations } from '../org/org.tables.js';
import type { ServiceCategory, Station, StationKind, StationService } from '../../../shared/stations.schema.js';
import { loveCorners, placeLocations, stationServices } from './stations.tables.js';

/** The queries of stations, their services and locations, love corners (and the living circle's lookups). */

export interface StationRow {
  id: string;
  kind: StationKind;
  name: string;
  orgPath: string;
  orgUnitId: string;
  address: string | null;
}

/** A joined table's rows of the station's district. */
const sameDistrict = (districtId: AnyPgColumn) => eq(districtId, stations.districtId);

export function listStations(q: Queryable, actor: Actor, kind?: StationKind): Promise<Station[]> {
  return q
    .select({
      id: stations.id,
      kind: stations.kind,
      name: stations.name,
      orgUnitName: orgUnits.name,
      address: stations.address,
      partyOrgName: partyOrgs.name,
    })
    .from(stations)
    .innerJoin(orgUnits, and(sameDistrict(orgUnits.districtId), eq(orgUnits.id, stations.orgUnitId)))
    .leftJoin(partyOrgs, and(sameDistrict(partyOrgs.districtId), eq(partyOrgs.id, stations.partyOrgId)))
    .where(
      and(
        eq(stations.districtId, actor.districtId),
        scopeWhere(actor, 'station', { orgPath: sql`${stations.orgPath}` }),
        kind ? eq(stations.kind, kind) : undefined,
      ),
    )
    .orderBy(stations.kind, stations.orgPath, stations.name)
    .limit(1000);
}

export async function findStation(q: Queryable, districtId: string, id: string): Promise<StationRow | undefined> {
  const [s] = await q
    .select({
      id: stations.id,
      kind: stations.kind,
      name: stations.name,
      orgPath: stations.orgPath,
      orgUnitId: stations.orgUnitId,
      address: stations.address,
    })
    .from(stations)
    .where(and(eq(stations.districtId, districtId), eq(stations.id, id)));
  return s;
}

/** A station with its unit's name, its location and how many love corners it coordinates (services aside). */
export async function stationDetail(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({
      id: stations.id,
      kind: stations.kind,
      name: stations.name,
      orgUnitId: stations.orgUnitId,
      orgUnitName: orgUnits.name,
      address: stations.address,
      lat: placeLocations.lat,
      lng: placeLocations.lng,
    })
    .from(stations)
    .innerJoin(orgUnits, and(sameDistrict(orgUnits.districtId), eq(orgUnits.id, stations.orgUnitId)))
    .leftJoin(
      placeLocations,
      and(
        sameDistrict(placeLocations.districtId),
        eq(placeLocations.kind, 'station'),
        eq(placeLocations.entityId, stations.id),
      ),
    )
    .where(and(eq(stations.districtId, districtId), eq(stations.id, id)));
  if (!row) return undefined;
  const [corners] = await q
    .select({ n: count() })
    .from(loveCorners)
    .where(and(eq(loveCorners.districtId, districtId), eq(loveCorners.stationId, id)));
  return { ...row, loveCorners: corners?.n ?? 0 };
}

export function activeServices(q: Queryable, districtId: string, stationId: string): Promise<StationService[]> {
  return q
    .select({
      id: stationServices.id,
      category: stationServices.category,
      name: stationServices.name,
      schedule: stationServices.schedule,
    })
    .from(stationServices)
    .where(
      and(
        eq(stationServices.districtId, districtId),
        eq(stationServices.stationId, stationId),
        eq(stationServices.isActive, true),
      ),
    )
    .orderBy(stationServices.category, stationServices.name);
}

export async function findOrgUnit(
  q: Queryable,
  districtId: string,
  id: string,
): Promise<{ id: string; path: string } | undefined> {
  const [u] = await q
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return u;
}

export async function insertStation(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    kind: StationKind;
    name: string;
    orgUnitId: string;
    orgPath: string;
    address: string | null;
  },
): Promise<void> {
  await tx.insert(stations).values(row);
}

export async function insertLocation(
  tx: Tx,
  row: { districtId: string; kind: 'compound' | 'station'; entityId: string; lat: number; lng: number },
): Promise<void> {
  await tx.insert(placeLocations).values(row);
}

export async function insertService(
  tx: Tx,
  row: {
    districtId: string;
    id: string;
    stationId: string;
    category: ServiceCategory;
    name: string;
    schedule: string | null;
  },
): Promise<void> {
  await tx.insert(stationServices).values(row);
}

export function loveCornersOf(q: Queryable, districtId: string, stationId: string) {
  return q
    .select({
      id: loveCorners.id,
      shopName: loveCorners.shopName,
      address: loveCorners.address,
      offers: loveCorners.offers,
    })
    .from(loveCorners)
    .where(and(eq(loveCorners.districtId, districtId), eq(loveCorners.stationId, stationId)))
    .orderBy(asc(loveCorners.id));
}

// ───────────── 15-minute living circle ─────────────

/** An org unit (meant to be a compound) with its surveyed location, if any. */
export async function compoundWithLocation(q: Queryable, districtId: string, id: string) {
  const [c] = await q
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      path: orgUnits.path,
      kind: orgUnits.kind,
      lat: placeLocations.lat,
      lng: placeLocations.lng,
    })
    .from(orgUnits)
    .leftJoin(
      placeLocations,
      and(
        eq(placeLocations.districtId, orgUnits.districtId),
        eq(placeLocations.kind, 'compound'),
        eq(placeLocations.entityId, orgUnits.id),
      ),
    )
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return c;
}

/** Located stations inside a latitude/longitude box. */
export function locatedStationsIn(
  q: Queryable,
  districtId: string,
  box: { lat: [number, number]; lng: [number, number] },
) {
  return q
    .select({
      id: stations.id,
      kind: stations.kind,
      name: stations.name,
      address: stations.address,
      lat: placeLocations.lat,
      lng: placeLocations.lng,
    })
    .from(stations)
    .innerJoin(
      placeLocations,
      and(
        sameDistrict(placeLocations.districtId),
        eq(placeLocations.kind, 'station'),
        eq(placeLocations.entityId, stations.id),
      ),
    )
    .where(
      and(
        eq(stations.districtId, districtId),
        between(placeLocations.lat, box.lat[0], box.lat[1]),
        between(placeLocations.lng, box.lng[0], box.lng[1]),
      ),
    );
}

/** The active services of several stations. */
export function activeServicesOfStations(q: Queryable, districtId: string, stationIds: string[]) {
  return q
    .select({ stationId: stationServices.stationId, category: stationServices.category, name: stationServices.name })
    .from(stationServices)
    .where(
      and(
        eq(stationServices.districtId, districtId),
        eq(stationServices.isActive, true),
        inArray(stationServices.stationId, stationIds),
      ),
    )
    .orderBy(stationServices.category, stationServices.name);
}
