import { shanghaiMinute } from '../../lib/time.js';
import { addWorkingDays } from '../../lib/working-days.js';
import { LOWER_IS_BETTER, RATE_KEYS, type RateKey, type UnitKind } from '../../../shared/assessment.constants.js';
import type { LegFact, OrderFact } from './assessment.repository.js';

/**
 * The six rates of one unit for one month, computed from the month's order and leg facts (pure: no
 * database). The definitions (also in the README and on the ranking page):
 *
 * - 响应率 response: orders received in the month that were accepted (小区接单) within the category's
 *   acceptance days (working days); for a department, legs dispatched to it in the month that it signed
 *   for (签收) within those days — or returned within them (a return is a response; 回退率 weighs it). A leg
 *   fulfilled or extended without 签收 is signed at that moment; legs from before 签收 existed count their
 *   first fulfilment, return or extension request.
 * - 解决率 resolution: orders closed in the month with an evaluation (a reached callback, else the rating)
 *   that the caller says are solved (callback "resolved", or a rating of 3 or more).
 * - 满意率 satisfaction: the same orders; satisfied counts 1, basically satisfied 0.8, dissatisfied 0
 *   (rating 4–5 satisfied, 3 basically satisfied, 1–2 dissatisfied; a reached callback replaces the rating).
 * - 按时办结率 on time: orders closed in the month whose close met every deadline; for a department, its
 *   legs fulfilled in the month before their deadline.
 * - 回退率 returns (lower is better): legs dispatched in the month that were returned by the month's end;
 *   returns blamed on the dispatch catalogue do not count.
 * - 重办率 redo (lower is better): orders redone or reopened in the month ÷ orders closed or redone in it.
 *
 * An order taken out by an approved appeal leaves every rate of the appealing unit, and only that unit's.
 */
export interface AssessedUnit {
  kind: UnitKind;
  id: string;
  name: string;
  /** Org path for territorial units; null for a department. */
  path: string | null;
}

export interface RateValue {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator rounded to 4 places; null when nothing was counted. */
  value: number | null;
}

/** Why one order counts (or not) in one rate: the drill-down. */
export interface DrillRow {
  orderId: string;
  counted: number; // its share of the numerator (0, 0.8 or 1)
  excluded: boolean; // taken out by an approved appeal
  detail: string;
}

export const unitKey = (kind: UnitKind, id: string) => `${kind}:${id}`;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function rateOf(rows: DrillRow[]): RateValue {
  const counted = rows.filter((r) => !r.excluded);
  const numerator = Math.round(counted.reduce((s, r) => s + r.counted, 0) * 100) / 100;
  return { numerator, denominator: counted.length, value: counted.length ? round4(numerator / counted.length) : null };
}

const evaluation = (f: OrderFact): { resolved: boolean; satisfaction: number } | null => {
  if (f.callback_outcome) {
    const satisfaction =
      f.callback_outcome === 'satisfied' ? 1 : f.callback_outcome === 'basically_satisfied' ? 0.8 : 0;
    return { resolved: f.callback_resolved ?? f.callback_outcome !== 'dissatisfied', satisfaction };
  }
  if (f.rating === null) return null;
  return { resolved: f.rating >= 3, satisfaction: f.rating >= 4 ? 1 : f.rating === 3 ? 0.8 : 0 };
};

const iso = (d: Date | null) => (d ? shanghaiMinute(new Date(d)) : '—');

export interface MonthFacts {
  orders: OrderFact[];
  legs: LegFact[];
  /** unitKey → order ids taken out of that unit's rates by approved appeals. */
  excluded: Map<string, Set<string>>;
}

/** Every rate of one unit, each with the rows behind it. */
export function unitRates(unit: AssessedUnit, m: MonthFacts): Record<RateKey, { rate: RateValue; rows: DrillRow[] }> {
  const out = new Set(m.excluded.get(unitKey(unit.kind, unit.id)) ?? []);
  const dept = unit.kind === 'department';
  const inUnit = (f: OrderFact) => (dept ? f.leg_units.includes(unit.id) : f.org_path.startsWith(unit.path!));
  const orders = m.orders.filter(inUnit);
  const legs = m.legs.filter((l) => (dept ? l.work_unit_id === unit.id : l.org_path.startsWith(unit.path!)));
  const row = (orderId: string, counted: number, detail: string): DrillRow => ({
    orderId,
    counted,
    excluded: out.has(orderId),
    detail,
  });

  const response: DrillRow[] = dept
    ? legs
        .filter((l) => l.dispatched_in_month)
        .map((l) => {
          const due = addWorkingDays(new Date(l.dispatched_at), l.accept_days);
          const ok = l.first_action_at !== null && new Date(l.first_action_at) <= due;
          return row(
            l.order_id,
            ok ? 1 : 0,
            l.signed_at && new Date(l.signed_at).getTime() === new Date(l.first_action_at!).getTime()
              ? `派单 ${iso(l.dispatched_at)} · 时限 ${iso(due)} · 签收 ${iso(l.signed_at)}`
              : `派单 ${iso(l.dispatched_at)} · 时限 ${iso(due)} · 响应 ${iso(l.first_action_at)}`,
          );
        })
    : orders
        .filter((f) => f.received_at)
        .map((f) => {
          const due = addWorkingDays(new Date(f.received_at!), f.accept_days);
          const ok = f.accepted_at !== null && new Date(f.accepted_at) <= due;
          return row(f.id, ok ? 1 : 0, `受理 ${iso(f.received_at)} · 时限 ${iso(due)} · 接单 ${iso(f.accepted_at)}`);
        });

  const closed = orders.filter((f) => f.closed_at);
  const evaluated = closed.map((f) => ({ f, e: evaluation(f) })).filter((x) => x.e !== null);
  const source = (f: OrderFact) => (f.callback_outcome ? `回访：${f.callback_outcome}` : `评价：${f.rating} 星`);
  const resolution = evaluated.map(({ f, e }) => row(f.id, e!.resolved ? 1 : 0, source(f)));
  const satisfaction = evaluated.map(({ f, e }) => row(f.id, e!.satisfaction, source(f)));

  const onTime: DrillRow[] = dept
    ? legs
        .filter((l) => l.fulfilled_in_month)
        .map((l) => row(l.order_id, l.fulfilled_late ? 0 : 1, l.fulfilled_late ? '超期兑单' : '按时兑单'))
    : closed.map((f) => row(f.id, f.closed_on_time ? 1 : 0, f.closed_on_time ? '按时办结' : '超期办结'));

  const returnRate = legs
    .filter((l) => l.dispatched_in_month)
    .map((l) => {
      const counts = l.returned_in_month && !l.return_catalogue;
      const why = l.returned_in_month ? (l.return_catalogue ? '退回（派单目录有误，不计）' : '退回') : '未退回';
      return row(l.order_id, counts ? 1 : 0, why);
    });

  const redoRate = orders
    .filter((f) => f.closed_at || f.redo_in_month)
    .map((f) => row(f.id, f.redo_in_month ? 1 : 0, f.redo_in_month ? '本月重办' : '本月办结'));

  const all = { response, resolution, satisfaction, onTime, returnRate, redoRate };
  return Object.fromEntries(RATE_KEYS.map((k) => [k, { rate: rateOf(all[k]), rows: all[k] }])) as Record<
    RateKey,
    { rate: RateValue; rows: DrillRow[] }
  >;
}

/** The composite score (0–100): weighted mean of the rates that counted anything, lower-is-better rates inverted. */
export function compositeScore(rates: Record<RateKey, RateValue>, weights: Record<RateKey, number>): number | null {
  let sum = 0;
  let weight = 0;
  for (const k of RATE_KEYS) {
    const v = rates[k].value;
    const w = weights[k] ?? 0;
    if (v === null || w <= 0) continue;
    sum += w * (LOWER_IS_BETTER.includes(k) ? 1 - v : v);
    weight += w;
  }
  return weight ? Math.round((sum / weight) * 10000) / 100 : null;
}

/**
 * Ranks by score, highest first; units without a score come last. Equal scores share a rank (1, 2, 2, 4)
 * and keep a stable order by unit id, so the same month always ranks the same way.
 */
export function rankUnits<T extends { id: string; score: number | null }>(rows: T[]): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === b.score ? cmp(a.id, b.id) : a.score === null ? 1 : -1;
    return b.score - a.score || cmp(a.id, b.id);
  });
  let rank = 0;
  return sorted.map((r, i) => {
    if (r.score === null) return { ...r, rank: null };
    if (i === 0 || sorted[i - 1]!.score !== r.score) rank = i + 1;
    return { ...r, rank };
  });
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
