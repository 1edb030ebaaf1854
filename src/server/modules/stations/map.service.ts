import type { AppContext } from '../../context.js';
import { ROLE_ABILITIES, type Actor } from '../access/access.policy.js';
import type { MapConfig, MapPlaces } from '../../../shared/stations.schema.js';
import * as repo from './map.repository.js';

type Point = [number, number];

/** Convex hull (Andrew's monotone chain) of [lat, lng] points, counter-clockwise, without repeating the first. */
export function convexHull(points: Point[]): Point[] {
  const p = [...points].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (p.length < 3) return p;
  const cross = (o: Point, a: Point, b: Point) => (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
  const half = (pts: Point[]) => {
    const out: Point[] = [];
    for (const q of pts) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, q) <= 0) out.pop();
      out.push(q);
    }
    out.pop();
    return out;
  };
  return [...half(p), ...half([...p].reverse())];
}

/** The tile source the deployment configured, or none (the web then draws the places on a plain ground). */
export function mapConfig(ctx: AppContext): MapConfig {
  return { tiles: ctx.config.mapTiles };
}

/**
 * The map of the caller's scope: located compounds with open and overdue orders, stations, and outlines
 * generated from the points themselves — the map is never blank when no tile server is configured.
 */
export async function mapPlaces(ctx: AppContext, actor: Actor): Promise<MapPlaces> {
  const rows = await repo.mapPlaces(ctx.db, actor);
  const compounds = rows.filter((r) => r.kind === 'compound');
  const byStreet = new Map<string, Point[]>();
  for (const c of compounds) {
    // path: district/street/community/compound/ — the second segment is the street
    const street = c.path.split('/')[1] ?? '';
    byStreet.set(street, [...(byStreet.get(street) ?? []), [c.lat, c.lng]]);
  }
  const outlined = [...byStreet].filter(([, pts]) => pts.length >= 3);
  const names = await repo.unitNames(
    ctx.db,
    actor.districtId,
    outlined.map(([id]) => id),
  );
  return {
    compounds: compounds.map((c) => ({
      id: c.id,
      name: c.name,
      lat: c.lat,
      lng: c.lng,
      openOrders: c.open_orders,
      overdueOrders: c.overdue_orders,
    })),
    stations: rows
      .filter((r) => r.kind === 'station')
      .map((s) => ({ id: s.id, kind: s.station_kind!, name: s.name, lat: s.lat, lng: s.lng })),
    hasOrders: ROLE_ABILITIES[actor.role].includes('orders.read'),
    outline: convexHull(rows.map((r) => [r.lat, r.lng])),
    streets: outlined.map(([id, pts]) => ({ id, name: names.get(id) ?? '', outline: convexHull(pts) })),
  };
}
