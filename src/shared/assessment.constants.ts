/** The value lists of the monthly assessment (接诉即办考核): rates, appeals (申诉/核减), callbacks (回访). */

/** The six rates, in the order the ranking shows them. `lowerIsBetter` rates count against the score. */
export const RATE_KEYS = ['response', 'resolution', 'satisfaction', 'onTime', 'returnRate', 'redoRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
export const LOWER_IS_BETTER: readonly RateKey[] = ['returnRate', 'redoRate'];

/** Units that are assessed: the district as a whole, its streets and communities (by territory), departments (by their legs). */
export const UNIT_KINDS = ['district', 'street', 'community', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Default weights of the composite score (a district sets its own; they sum to 100). */
export const DEFAULT_WEIGHTS: Record<RateKey, number> = {
  response: 20,
  resolution: 30,
  satisfaction: 30,
  onTime: 10,
  returnRate: 5,
  redoRate: 5,
};

/** 申诉/核减 reasons. */
export const APPEAL_REASONS = [
  'unreasonable_demand', // 诉求不合理
  'duplicate', // 重复诉求
  'outside_jurisdiction', // 非本单位职责 / 不属于辖区
  'caller_unreachable', // 无法联系诉求人
  'resolved_elsewhere', // 已通过其他渠道解决
] as const;
export type AppealReason = (typeof APPEAL_REASONS)[number];
export const APPEAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** 回访 outcomes; `unreachable` is one failed try — after the district's number of tries the order leaves the list. */
export const CALLBACK_OUTCOMES = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** Roles that may review appeals when the district has not said otherwise. */
export const DEFAULT_APPEAL_DAYS = 3;
export const DEFAULT_CALLBACK_TRIES = 3;
export const DEFAULT_LIST_SIZE = 3;

/** The kinds of unit ranked against each other (the district is shown on its own). */
export const RANK_KINDS = ['street', 'community', 'department'] as const;
export type RankKind = (typeof RANK_KINDS)[number];

// ── topics ──
/** 每月一题: where a recurring problem was found — one compound, one community, or a cluster of similar titles. */
export const HOTSPOT_KINDS = ['compound', 'community', 'cluster'] as const;
export type HotspotKind = (typeof HOTSPOT_KINDS)[number];
/** 治理课题 and its actions. */
export const TOPIC_STATUSES = ['active', 'closed'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
export const TOPIC_ACTION_STATUSES = ['planned', 'doing', 'done'] as const;
export type TopicActionStatus = (typeof TOPIC_ACTION_STATUSES)[number];
/** How far back the candidates look (the month and the months before it), and how many months make it recurring. */
export const HOTSPOT_MONTHS = 6;
export const HOTSPOT_MIN_MONTHS = 3;
/** Titles closer than this (Jaccard on character bigrams) fall in one cluster; a cluster needs this many orders. */
export const CLUSTER_SIMILARITY = 0.5;
export const CLUSTER_MIN_ORDERS = 4;
/** The effect compares this many months before the topic started with as many from its start. */
export const EFFECT_MONTHS = 3;
