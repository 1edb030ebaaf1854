/**
 * The value lists of the stations module (阵地, 15-minute living circle, riders' joint meeting, jobs),
 * zod-free so the web can import them as values. The drizzle tables and src/shared/stations.schema.ts use them.
 */

/** 党群服务站 / 小哥驿站 / 幸福餐厅 / 便民服务站 (the `stations` table's kinds; the table is the org module's). */
export const STATION_KINDS = ['party_mass', 'rider', 'canteen', 'convenience'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** 送冷暖 / 送技能 / 送爱心 / 送权益 (riders' four difficulties), plus the ordinary services of other stations. */
export const SERVICE_CATEGORIES = [
  'warmth',
  'skills',
  'care',
  'rights',
  'party',
  'consultation',
  'love_supermarket',
  'meal',
  'convenience',
  'medical',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Where a surveyed location belongs. */
export const PLACE_KINDS = ['compound', 'station'] as const;

/** A rider's difficulty: eating and resting, skills, being understood, rights. */
export const RIDER_DIFFICULTIES = ['eat_rest', 'skills', 'understanding', 'rights'] as const;
export type Difficulty = (typeof RIDER_DIFFICULTIES)[number];
export const DEMAND_STATUSES = ['open', 'answered', 'converted'] as const;

export const POSTING_STATUSES = ['open', 'filled', 'closed'] as const;
export const SEEKER_STATUSES = ['seeking', 'placed'] as const;
export const MATCH_STATUSES = ['proposed', 'hired', 'declined'] as const;
