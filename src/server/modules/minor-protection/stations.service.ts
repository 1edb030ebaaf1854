import type { AppContext } from '../../context.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import type { MinorStation, StationInput } from '../../../shared/minor-protection.schema.js';
import { MinorErrors as E, MinorErrorVariants as V } from './minor-protection.errors.js';
import { minorStations } from './minor-protection.tables.js';
import { findStationForUpdate, selectStations, type StationRow } from './repository/stations.repository.js';

/** "五有" street minor-protection workstation standard. */
export const FIVE_HAS = [
  { key: 'site', label: '有场所' },
  { key: 'facilities', label: '有设施' },
  { key: 'staff', label: '有人员' },
  { key: 'rules', label: '有制度' },
  { key: 'ledger', label: '有台账' },
] as const;

function stationView(actor: Actor, s: StationRow): MinorStation {
  const checklist = FIVE_HAS.map((f) => ({
    key: f.key,
    label: f.label,
    met: s.checklist[f.key]?.met ?? false,
    note: s.checklist[f.key]?.note ?? null,
  }));
  return {
    id: s.id,
    name: s.name,
    streetName: s.street_name,
    operator: s.operator,
    openedOn: s.openedOn,
    checklist,
    metCount: checklist.filter((c) => c.met).length,
    openCases: s.open_cases,
    canEdit: canAccess(actor, 'minorStation', s, 'write'),
    version: s.version,
  };
}

export async function listMinorStations(ctx: AppContext, actor: Actor): Promise<MinorStation[]> {
  return (await selectStations(ctx.db, actor)).map((s) => stationView(actor, s));
}

export async function updateStation(
  ctx: AppContext,
  actor: Actor,
  op: { id: string; input: StationInput; ip?: string | undefined },
): Promise<MinorStation> {
  const { id, input } = op;
  const unknown = input.checklist.filter((c) => !FIVE_HAS.some((f) => f.key === c.key));
  if (unknown.length) throw E.CHECKLIST_ITEM_UNKNOWN({ keys: unknown.map((u) => u.key).join('、') });
  await versionedUpdate(ctx.db, {
    table: minorStations,
    id,
    actor,
    ip: op.ip,
    expectedVersion: input.version,
    load: async (tx) => {
      const s = await findStationForUpdate(tx, actor.districtId, id);
      if (!s) throw E.STATION_NOT_FOUND();
      requireAccess(actor, 'minorStation', s, 'write');
      return s;
    },
    conflict: V.STATION_VERSION_CONFLICT,
    apply: async (_tx, s) => {
      const checklist = { ...s.checklist };
      for (const c of input.checklist) checklist[c.key] = { met: c.met, note: c.note };
      return {
        set: { checklist },
        audit: {
          action: 'minor_station.update',
          entityType: 'minor_station',
          entityId: id,
          detail: { checklist: input.checklist.map((c) => ({ key: c.key, met: c.met })) },
        },
      };
    },
  });
  return stationView(actor, (await selectStations(ctx.db, actor, id))[0]!);
}
