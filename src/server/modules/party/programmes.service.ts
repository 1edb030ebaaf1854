import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { prefixPattern } from '../../lib/like.js';
import { shanghaiDate } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { IndicatorMetric } from '../../../shared/party-programmes.constants.js';
import type { Indicator, Programme, Programmes, Progress } from '../../../shared/party-programmes.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { linkAttachments } from '../attachments/attachments.service.js';
import { programmeErrors as E } from './programmes.errors.js';
import { partyProgrammes } from './programmes.tables.js';
import * as repo from './repository/programmes.repository.js';
import { unitById } from './repository/orgs.repository.js';

/**
 * 六大工程: the district's six programmes of a year with their indicators — the computed ones counted from
 * the records of the unit's subtree (no stored totals), the manual ones summed from the progress entries
 * its units reported — and the progress log. Adding an entry is one transaction on the programme's row
 * (locked, version bumped) with the entry, its evidence files and the audit row.
 */
export const currentYear = () => Number(shanghaiDate(new Date()).slice(0, 4));
const share = (n: number, of: number) => (of <= 0 ? 0 : Math.min(100, Math.round((n / of) * 1000) / 10));
const PROGRESS_SHOWN = 20;

/** The unit a read is about: the caller's own or one of its subtree (403 otherwise). */
export async function scopeUnit(ctx: AppContext, actor: Actor, unitId?: string) {
  const u = await unitById(ctx.db, actor.districtId, unitId ?? actor.orgUnitId);
  if (!u) throw E.UNIT_NOT_FOUND({ id: unitId ?? actor.orgUnitId });
  requireAccess(actor, 'orgUnit', { orgPath: u.path });
  return u;
}

function computed(metric: Exclude<IndicatorMetric, 'manual'>, m: repo.MetricCounts): number {
  switch (metric) {
    case 'secretary_coverage':
      return share(m.secretaries, m.branches);
    case 'seconded_cadres':
      return m.seconded;
    case 'old_compounds_with_property':
      return m.old_with_property;
    case 'renovated_compounds':
      return m.renovated;
    case 'party_mass_stations':
      return m.stations;
    case 'smart_communities':
      return m.smart_communities;
    case 'demonstration_sites':
      return m.sites;
    case 'governance_topics':
      return m.topics;
  }
}

function toProgress(r: repo.ProgressRow): Progress {
  return {
    id: r.id,
    programmeId: r.programme_id,
    indicatorKey: r.indicator_key,
    happenedOn: r.happened_on,
    note: r.note,
    value: r.value,
    reportingUnit: { id: r.org_unit_id, name: r.unit_name, kind: r.unit_kind },
    units: r.units ?? [],
    attachmentCount: r.attachment_count,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listProgrammes(
  ctx: AppContext,
  actor: Actor,
  q: { year?: number; unitId?: string },
): Promise<Programmes> {
  const unit = await scopeUnit(ctx, actor, q.unitId);
  const year = q.year ?? currentYear();
  const d = actor.districtId;
  const like = prefixPattern(unit.path);
  const rows = await repo.programmesOfYear(ctx.db, d, year);
  const ids = rows.map((r) => r.id);
  const metrics = await repo.metricCounts(ctx.db, { districtId: d, like, year });
  const sums = await repo.manualSums(ctx.db, { districtId: d, programmeIds: ids, like });
  const totals = await repo.progressTotals(ctx.db, { districtId: d, programmeIds: ids, like });
  const entries = (
    await repo.progressOf(ctx.db, { districtId: d, programmeIds: ids, like, limit: PROGRESS_SHOWN })
  ).map(toProgress);
  const items: Programme[] = rows.map((p) => {
    const indicators: Indicator[] = p.indicators.map((i) => {
      const actual =
        i.metric === 'manual'
          ? (sums.find((s) => s.programmeId === p.id && s.indicatorKey === i.key)?.total ?? 0)
          : computed(i.metric, metrics);
      return { ...i, actual, share: share(actual, i.target) };
    });
    const t = totals.find((x) => x.programme_id === p.id);
    return {
      id: p.id,
      year: p.year,
      key: p.key,
      name: p.name,
      leadUnit: p.leadUnit,
      description: p.description,
      indicators,
      progress: entries.filter((e) => e.programmeId === p.id),
      progressCount: t?.entries ?? 0,
      touchedUnits: t?.touched ?? 0,
      version: p.version,
    };
  });
  const years = await repo.programmeYears(ctx.db, d);
  return { year, unit: { id: unit.id, name: unit.name, kind: unit.kind }, years, items };
}

export interface AddProgressInput {
  id: string;
  indicatorKey?: string;
  happenedOn: string;
  note: string;
  value?: number;
  unitIds: string[];
  attachmentIds: string[];
}

/** 填报进展: a dated entry by the caller's unit on a programme, touching compounds and communities of its area. */
export async function addProgress(ctx: AppContext, actor: Actor, input: AddProgressInput, ip?: string) {
  const id = randomUUID();
  const d = actor.districtId;
  if (input.happenedOn > shanghaiDate(new Date())) throw E.PROGRESS_DATE_FUTURE();
  const own = await unitById(ctx.db, d, actor.orgUnitId);
  if (!own) throw E.UNIT_NOT_FOUND({ id: actor.orgUnitId });
  await versionedUpdate(ctx.db, {
    table: partyProgrammes,
    id: input.id,
    actor,
    ip,
    // entries of different units never conflict: the row is locked and its version moves, nothing is compared
    expectedVersion: null,
    conflict: () => E.PROGRAMME_NOT_FOUND(),
    load: async (tx) => {
      const p = await repo.loadProgramme(tx, d, input.id, true);
      if (!p) throw E.PROGRAMME_NOT_FOUND();
      return p;
    },
    apply: async (tx, p) => {
      if (!input.happenedOn.startsWith(`${p.year}-`)) throw E.PROGRESS_OUTSIDE_YEAR({ year: p.year });
      const indicator = input.indicatorKey ? p.indicators.find((i) => i.key === input.indicatorKey) : undefined;
      if (input.indicatorKey && !indicator) throw E.INDICATOR_UNKNOWN({ key: input.indicatorKey });
      if (input.value !== undefined && !indicator) throw E.VALUE_WITHOUT_INDICATOR();
      if (input.value !== undefined && indicator && indicator.metric !== 'manual')
        throw E.INDICATOR_COMPUTED({ name: indicator.name });
      requireAccess(actor, 'orgUnit', { orgPath: own.path }, 'write');
      const ids = [...new Set(input.unitIds)];
      const units = await repo.unitsByIds(tx, d, ids);
      for (const uid of ids) {
        const u = units.find((x) => x.id === uid);
        if (!u) throw E.UNIT_NOT_FOUND({ id: uid });
        if (u.kind !== 'compound' && u.kind !== 'community') throw E.UNIT_NOT_COMPOUND_OR_COMMUNITY({ name: u.name });
        requireAccess(actor, 'orgUnit', { orgPath: u.path }, 'write', { what: `“${u.name}”` });
      }
      await repo.insertProgress(tx, {
        districtId: d,
        id,
        programmeId: p.id,
        indicatorKey: indicator?.key ?? null,
        happenedOn: input.happenedOn,
        note: input.note,
        value: input.value ?? null,
        orgUnitId: own.id,
        orgPath: own.path,
        unitIds: ids,
        unitPaths: ids.map((uid) => units.find((x) => x.id === uid)!.path),
        createdBy: actor.userId,
      });
      await linkAttachments(tx, actor, {
        ids: input.attachmentIds,
        purposes: ['party_programme'],
        kind: 'party_programme',
        recordId: id,
        ip,
      });
      return {
        set: null,
        audit: {
          action: 'party_programme.progress',
          entityType: 'party_programme',
          entityId: p.id,
          detail: { progressId: id, indicatorKey: indicator?.key ?? null, value: input.value ?? null, unitIds: ids },
        },
      };
    },
  });
  const [row] = await repo.progressById(ctx.db, d, id);
  return toProgress(row!);
}
