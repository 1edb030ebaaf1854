import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type {
  CreateServiceBody,
  CreateStationBody,
  LoveCorner,
  Station,
  StationDetail,
  StationKind,
} from '../../../shared/stations.schema.js';
import type { z } from 'zod';
import { E } from './stations.errors.js';
import * as repo from './stations.repository.js';

/**
 * 阵地 and what they offer: the list, a station's detail with its services (the riders' 送冷暖/送技能/
 * 送爱心/送权益 among them), new stations and services, and the love corners a rider station coordinates.
 */

export function listStations(ctx: AppContext, actor: Actor, kind?: StationKind): Promise<Station[]> {
  return repo.listStations(ctx.db, actor, kind);
}

/** The station, if the actor may read (or write) it. */
export async function stationFor(
  q: Queryable,
  actor: Actor,
  id: string,
  action: 'read' | 'write',
): Promise<repo.StationRow> {
  const s = await repo.findStation(q, actor.districtId, id);
  if (!s) throw E.STATION_NOT_FOUND();
  requireAccess(actor, 'station', { orgPath: s.orgPath }, action);
  return s;
}

async function detail(ctx: AppContext, actor: Actor, id: string): Promise<StationDetail> {
  const row = (await repo.stationDetail(ctx.db, actor.districtId, id))!;
  return { ...row, services: await repo.activeServices(ctx.db, actor.districtId, id) };
}

export async function getStation(ctx: AppContext, actor: Actor, id: string): Promise<StationDetail> {
  await stationFor(ctx.db, actor, id, 'read');
  return detail(ctx, actor, id);
}

export async function createStation(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateStationBody>,
  ip?: string,
): Promise<StationDetail> {
  const unit = await repo.findOrgUnit(ctx.db, actor.districtId, input.orgUnitId);
  if (!unit) throw E.ORG_UNIT_NOT_FOUND();
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'write', { what: '该单位' });
  if ((input.lat === undefined) !== (input.lng === undefined)) throw E.LOCATION_INCOMPLETE();
  const id = `S-${randomUUID()}`;
  await ctx.db.transaction(async (tx) => {
    await repo.insertStation(tx, {
      districtId: actor.districtId,
      id,
      kind: input.kind,
      name: input.name,
      orgUnitId: unit.id,
      orgPath: unit.path,
      address: input.address ?? null,
    });
    if (input.lat !== undefined && input.lng !== undefined) {
      await repo.insertLocation(tx, {
        districtId: actor.districtId,
        kind: 'station',
        entityId: id,
        lat: input.lat,
        lng: input.lng,
      });
    }
    await writeAudit(
      tx,
      actor,
      { action: 'station.create', entityType: 'station', entityId: id, detail: { kind: input.kind, name: input.name } },
      ip,
    );
  });
  return getStation(ctx, actor, id);
}

export async function addService(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof CreateServiceBody>,
  ip?: string,
): Promise<StationDetail> {
  await stationFor(ctx.db, actor, stationId, 'write');
  await ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    await repo.insertService(tx, {
      districtId: actor.districtId,
      id,
      stationId,
      category: input.category,
      name: input.name,
      schedule: input.schedule ?? null,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'station.add_service',
        entityType: 'station',
        entityId: stationId,
        detail: { serviceId: id, category: input.category, name: input.name },
      },
      ip,
    );
  });
  return getStation(ctx, actor, stationId);
}

export async function listLoveCorners(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
): Promise<{ items: LoveCorner[] }> {
  await stationFor(ctx.db, actor, stationId, 'read');
  return { items: await repo.loveCornersOf(ctx.db, actor.districtId, stationId) };
}
