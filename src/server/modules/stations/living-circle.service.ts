import type { AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import type { LivingCircle } from '../../../shared/stations.schema.js';
import { E } from './stations.errors.js';
import * as repo from './stations.repository.js';

/**
 * 15-minute living circle: walking time = great-circle distance × 1.3 (street-network detour
 * factor) at 5 km/h (≈ 83 m per minute). 15 minutes is therefore ≈ 960 m as the crow flies.
 */
export const WALK = { speedKmh: 5, detourFactor: 1.3, circleMinutes: 15 } as const;

export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export function walkingMinutes(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const meters = haversineMeters(a, b) * WALK.detourFactor;
  return meters / ((WALK.speedKmh * 1000) / 60);
}

/** The stations (and their services) within 15 minutes' walk of a compound, nearest first. */
export async function livingCircle(ctx: AppContext, actor: Actor, compoundId: string): Promise<LivingCircle> {
  const compound = await repo.compoundWithLocation(ctx.db, actor.districtId, compoundId);
  if (!compound) throw E.COMPOUND_NOT_FOUND();
  if (compound.kind !== 'compound') throw E.COMPOUND_REQUIRED();
  requireAccess(actor, 'station', { orgPath: compound.path }, 'read', { what: '该小区' });
  const base = { compoundId: compound.id, compoundName: compound.name, model: WALK };
  if (compound.lat === null || compound.lng === null)
    return { ...base, located: false, lat: null, lng: null, items: [] };
  const here = { lat: compound.lat, lng: compound.lng };
  // a bounding box of ±0.02° (≈ 2 km) keeps the candidate set small before the exact distance
  const rows = await repo.locatedStationsIn(ctx.db, actor.districtId, {
    lat: [here.lat - 0.02, here.lat + 0.02],
    lng: [here.lng - 0.02, here.lng + 0.02],
  });
  const near = rows
    .map((r) => ({
      ...r,
      minutes: walkingMinutes(here, r),
      meters: Math.round(haversineMeters(here, r) * WALK.detourFactor),
    }))
    .filter((r) => r.minutes <= WALK.circleMinutes)
    .sort((a, b) => a.minutes - b.minutes);
  const services = near.length
    ? await repo.activeServicesOfStations(
        ctx.db,
        actor.districtId,
        near.map((n) => n.id),
      )
    : [];
  return {
    ...base,
    located: true,
    lat: here.lat,
    lng: here.lng,
    items: near.map((n) => ({
      stationId: n.id,
      kind: n.kind,
      name: n.name,
      address: n.address,
      meters: n.meters,
      minutes: Math.round(n.minutes * 10) / 10,
      lat: n.lat,
      lng: n.lng,
      services: services.filter((s) => s.stationId === n.id).map((s) => ({ category: s.category, name: s.name })),
    })),
  };
}
