/** The value lists of the 幸福餐厅 module, zod-free so the web can import them as values. */

/** Who a subsidy rule is for. Elderly rules carry an age band; occupational ones are declared at the counter. */
export const SUBSIDY_CATEGORIES = [
  'elderly',
  'low_income',
  'disabled',
  'left_behind_family',
  'sanitation_worker',
  'traffic_police',
  'courier',
  'model_worker',
] as const;
export type SubsidyCategory = (typeof SUBSIDY_CATEGORIES)[number];

/** Occupational benefits (环卫工人、交警、快递小哥、劳模) are declared at the counter. */
export const DECLARED_CATEGORIES = ['sanitation_worker', 'traffic_police', 'courier', 'model_worker'] as const;

export const MEALS = ['breakfast', 'lunch', 'dinner'] as const;
export type MealKind = (typeof MEALS)[number];

/** percent off, a fixed amount (fen) off, or free */
export const SUBSIDY_MODES = ['percent', 'fixed', 'free'] as const;
export const DELIVERY_STATUSES = ['ordered', 'delivered', 'cancelled'] as const;
