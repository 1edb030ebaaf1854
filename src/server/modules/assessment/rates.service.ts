import { readerOf, type AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess } from '../access/access.records.js';
import { RATE_KEYS, type RateKey, type UnitKind } from '../../../shared/assessment.constants.js';
import type { Drill, RankedUnit, Ranking, Settings } from '../../../shared/assessment.schema.js';
import { E } from './assessment.errors.js';
import {
  approvedAppeals,
  assessedUnits,
  legFacts,
  orderFacts,
  ordersByIds,
  type Window,
} from './assessment.repository.js';
import {
  compositeScore,
  rankUnits,
  unitKey,
  unitRates,
  type AssessedUnit,
  type MonthFacts,
  type RateValue,
} from './rates.compute.js';
import { readSettings } from './settings.service.js';
import { whistleFigures } from '../whistles/whistles.service.js';

/** The month's figures, the ranking with its trend and lists, and the drill-down to the orders. */
export function monthWindow(month: string, asOf: Date): Window {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(`${month}-01T00:00:00+08:00`);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const end = new Date(`${next}-01T00:00:00+08:00`);
  if (start > asOf) throw E.MONTH_IN_FUTURE();
  return { start, cutoff: end < asOf ? end : asOf, asOf };
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + by;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export async function loadMonth(q: Queryable, districtId: string, month: string, asOf: Date): Promise<MonthFacts> {
  const w = monthWindow(month, asOf);
  const [orders, legs, appeals] = [
    await orderFacts(q, districtId, w),
    await legFacts(q, districtId, w),
    await approvedAppeals(q, districtId, asOf),
  ];
  const excluded = new Map<string, Set<string>>();
  for (const a of appeals) {
    const key = unitKey(a.unitKind, a.unitId);
    if (!excluded.has(key)) excluded.set(key, new Set());
    excluded.get(key)!.add(a.orderId);
  }
  return { orders, legs, excluded };
}

/** A township is ranked with the streets, a village with the communities. */
export const assessedKind = (kind: string): UnitKind =>
  kind === 'township' ? 'street' : kind === 'village' ? 'community' : (kind as UnitKind);

export async function unitsOf(q: Queryable, districtId: string): Promise<AssessedUnit[]> {
  const { org, depts } = await assessedUnits(q, districtId);
  return [
    ...org.map((u) => ({ kind: assessedKind(u.kind), id: u.id, name: u.name, path: u.path })),
    ...depts.map((d) => ({ kind: 'department' as const, id: d.id, name: d.name, path: null })),
  ];
}

type Scored = { unit: AssessedUnit; rates: Record<RateKey, RateValue>; score: number | null };

function scoreMonth(units: AssessedUnit[], facts: MonthFacts, weights: Settings['weights']): Scored[] {
  return units.map((unit) => {
    const all = unitRates(unit, facts);
    const rates = Object.fromEntries(RATE_KEYS.map((k) => [k, all[k].rate])) as Record<RateKey, RateValue>;
    return { unit, rates, score: compositeScore(rates, weights) };
  });
}

const rankMap = (rows: Scored[]) =>
  new Map(rankUnits(rows.map((r) => ({ id: r.unit.id, score: r.score }))).map((r) => [r.id, r.rank]));

export interface RankingQuery {
  month: string;
  asOf?: string;
  kind?: 'street' | 'community' | 'department';
}

/** The ranking of one kind of unit for the month: score, rank, last month's rank, six months' trend, red/black list. */
export async function getRanking(ctx: AppContext, actor: Actor, query: RankingQuery): Promise<Ranking> {
  const asOf = query.asOf ? new Date(query.asOf) : new Date();
  const kind = query.kind ?? 'street';
  const settings = await readSettings(ctx.db, actor.districtId);
  const all = await unitsOf(ctx.db, actor.districtId);
  const units = all.filter((u) => u.kind === kind || u.kind === 'district');
  const months = Array.from({ length: 6 }, (_, i) => shiftMonth(query.month, i - 5));
  const scored = new Map<string, Scored[]>();
  for (const m of months) {
    const start = monthWindow(m, new Date(8.64e15)).start;
    if (start > asOf) continue;
    // the heavy part of a report: the read replica when there is one
    scored.set(m, scoreMonth(units, await loadMonth(readerOf(ctx), actor.districtId, m, asOf), settings.weights));
  }
  const current = scored.get(query.month)!;
  const ofKind = (rows: Scored[] | undefined) => (rows ?? []).filter((r) => r.unit.kind === kind);
  const ranks = rankMap(ofKind(current));
  const previous = rankMap(ofKind(scored.get(months[4]!)));
  const ranked = rankUnits(ofKind(current).map((r) => ({ ...r, id: r.unit.id })));
  // red list: the top N; black list: the bottom N — each at most half of the units with a score, so no unit is on both
  const withScore = ranked.filter((r) => r.score !== null);
  const half = Math.floor(withScore.length / 2);
  const red = new Set(withScore.slice(0, Math.min(settings.redListSize, half)).map((r) => r.id));
  const whistles = kind === 'department' ? await whistleFigures(ctx.db, actor.districtId, query.month, asOf) : null;
  const noWhistles = { received: 0, onTime: 0, late: 0, absent: 0, checkInRate: null, rated: 0, satisfaction: null };
  const blackSize = Math.min(settings.blackListSize, half);
  const black = new Set((blackSize ? withScore.slice(-blackSize) : []).map((r) => r.id));
  const dto = (r: Scored): RankedUnit => ({
    kind: r.unit.kind,
    id: r.unit.id,
    name: r.unit.name,
    rank: r.unit.kind === 'district' ? null : (ranks.get(r.unit.id) ?? null),
    previousRank: r.unit.kind === 'district' ? null : (previous.get(r.unit.id) ?? null),
    score: r.score,
    rates: r.rates,
    trend: months.map((m) => ({
      month: m,
      score: scored.get(m)?.find((x) => x.unit.kind === r.unit.kind && x.unit.id === r.unit.id)?.score ?? null,
    })),
    list: red.has(r.unit.id) ? 'red' : black.has(r.unit.id) ? 'black' : null,
    whistle: whistles && r.unit.kind === 'department' ? (whistles.get(r.unit.id) ?? noWhistles) : null,
  });
  const district = current.find((r) => r.unit.kind === 'district')!;
  return {
    month: query.month,
    asOf: asOf.toISOString(),
    weights: settings.weights,
    district: dto(district),
    units: ranked.map((r) => dto(r)),
  };
}

export interface DrillQuery {
  month: string;
  asOf?: string;
  unitKind: UnitKind;
  unitId: string;
  rate: RateKey;
}

/** The orders behind one number: each with its share of the numerator and why; appealed orders marked. */
export async function drillDown(ctx: AppContext, actor: Actor, query: DrillQuery): Promise<Drill> {
  const asOf = query.asOf ? new Date(query.asOf) : new Date();
  const unit = (await unitsOf(ctx.db, actor.districtId)).find(
    (u) => u.kind === query.unitKind && u.id === query.unitId,
  );
  if (!unit) throw E.UNIT_NOT_FOUND();
  const facts = await loadMonth(readerOf(ctx), actor.districtId, query.month, asOf);
  const { rate, rows } = unitRates(unit, facts)[query.rate];
  const byId = new Map(facts.orders.map((f) => [f.id, f]));
  const info = new Map(
    (await ordersByIds(ctx.db, actor.districtId, [...new Set(rows.map((r) => r.orderId))])).map((o) => [o.id, o]),
  );
  const legUnits = new Map<string, string[]>();
  for (const l of facts.legs)
    if (l.work_unit_id) legUnits.set(l.order_id, [...(legUnits.get(l.order_id) ?? []), l.work_unit_id]);
  const visible = rows.filter((r) => {
    const o = info.get(r.orderId);
    if (!o) return false;
    const units = byId.get(r.orderId)?.leg_units ?? legUnits.get(r.orderId) ?? [];
    return canAccess(actor, 'workOrder', { orgPath: o.orgPath, reporterUserId: null, legWorkUnitIds: units });
  });
  return {
    unit: { kind: unit.kind, id: unit.id, name: unit.name },
    rate: query.rate,
    value: rate,
    rows: visible.map((r) => ({
      orderId: r.orderId,
      no: info.get(r.orderId)!.no,
      title: info.get(r.orderId)!.title,
      counted: r.counted,
      excluded: r.excluded,
      detail: r.detail,
    })),
    hidden: rows.length - visible.length,
  };
}
