/**
 * 每月一题, the arithmetic: months, recurring (place, category) counts, title clusters by character bigrams
 * (Jaccard) and a topic's effect. Pure functions on bounded sets the repository reads; no database here.
 */

/** `2024-03` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** The months from `first` to `last`, both included. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The character bigrams of a title, punctuation and spaces dropped (a one-character title is its own gram). */
export function bigrams(title: string): Set<string> {
  const chars = [...title.replace(/[\s\p{P}\p{S}\d]+/gu, '')];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface TitledOrder {
  id: string;
  title: string;
  month: string;
  compoundId: string;
  categoryId: string;
}
export interface TitleCluster<T extends TitledOrder> {
  /** The first order of the cluster (by id): its title names the cluster. */
  leader: T;
  members: T[];
}

/**
 * Leader clustering: orders in id order; each joins the most similar existing leader at or above the
 * threshold (the earlier leader on a tie), else leads a new cluster. Leaders are found through an inverted
 * index of bigrams, so each order is compared only with leaders it shares a bigram with.
 */
export function clusterTitles<T extends TitledOrder>(orders: readonly T[], threshold: number): TitleCluster<T>[] {
  const sorted = [...orders].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const clusters: (TitleCluster<T> & { grams: Set<string> })[] = [];
  const index = new Map<string, number[]>();
  for (const order of sorted) {
    const grams = bigrams(order.title);
    const seen = new Set<number>();
    let best = -1;
    let bestScore = 0;
    for (const g of grams)
      for (const c of index.get(g) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        const s = jaccard(grams, clusters[c]!.grams);
        if (s >= threshold && (s > bestScore || (s === bestScore && c < best))) {
          best = c;
          bestScore = s;
        }
      }
    if (best >= 0) clusters[best]!.members.push(order);
    else {
      const at = clusters.push({ leader: order, members: [order], grams }) - 1;
      for (const g of grams) index.set(g, [...(index.get(g) ?? []), at]);
    }
  }
  return clusters.map(({ leader, members }) => ({ leader, members }));
}

/** One group count: orders of a category in a place (compound or community) in a month. */
export interface PlaceCount {
  place: string;
  categoryId: string;
  month: string;
  n: number;
}
export interface Recurring {
  place: string;
  categoryId: string;
  /** Counts for every month of the window, oldest first. */
  trend: number[];
  total: number;
  months: number;
}

/**
 * The (place, category) pairs with orders in at least `minMonths` months of the window and in its last
 * month: the problems that keep coming back. Ordered by the last month's count, then the total, then key.
 */
export function recurring(counts: readonly PlaceCount[], months: readonly string[], minMonths: number): Recurring[] {
  const byKey = new Map<string, Recurring>();
  const at = new Map(months.map((m, i) => [m, i]));
  for (const c of counts) {
    const i = at.get(c.month);
    if (i === undefined) continue;
    const key = `${c.place}\u0000${c.categoryId}`;
    let r = byKey.get(key);
    if (!r) {
      r = { place: c.place, categoryId: c.categoryId, trend: months.map(() => 0), total: 0, months: 0 };
      byKey.set(key, r);
    }
    r.trend[i]! += c.n;
    r.total += c.n;
  }
  const last = months.length - 1;
  return [...byKey.values()]
    .map((r) => ({ ...r, months: r.trend.filter((n) => n > 0).length }))
    .filter((r) => r.months >= minMonths && r.trend[last]! > 0)
    .sort(
      (a, b) =>
        b.trend[last]! - a.trend[last]! ||
        b.total - a.total ||
        (a.place + a.categoryId < b.place + b.categoryId ? -1 : 1),
    );
}

export interface EffectSide {
  before: number;
  after: number;
  /** (after − before) / before, or null with nothing before. */
  change: number | null;
}
/**
 * A topic's effect: orders of its category in the pilot compounds in the `n` months before the start month
 * against the `n` months from it (only months already begun by `current`), and the same for the other
 * compounds; the months compared are the same on both sides, so the two changes can be set side by side.
 */
export function topicEffect(
  counts: readonly { month: string; pilot: boolean; n: number }[],
  startMonth: string,
  n: number,
  current: string,
) {
  const before = monthRange(addMonths(startMonth, -n), addMonths(startMonth, -1));
  const lastAfter = addMonths(startMonth, n - 1) < current ? addMonths(startMonth, n - 1) : current;
  const after = startMonth <= lastAfter ? monthRange(startMonth, lastAfter) : [];
  const series = [...before, ...after].map((month) => ({ month, pilot: 0, others: 0 }));
  for (const c of counts) {
    const row = series.find((s) => s.month === c.month);
    if (row) row[c.pilot ? 'pilot' : 'others'] += c.n;
  }
  // the same number of months on both sides: with fewer months after, compare with the last months before
  const compared = before.slice(before.length - after.length);
  const side = (k: 'pilot' | 'others'): EffectSide => {
    const sum = (ms: string[]) => series.filter((s) => ms.includes(s.month)).reduce((t, s) => t + s[k], 0);
    const b = sum(compared);
    const a = sum(after);
    return { before: b, after: a, change: b > 0 ? Math.round(((a - b) / b) * 1000) / 1000 : null };
  };
  return { months: series, monthsCompared: after.length, pilot: side('pilot'), others: side('others') };
}
