// Shapes of the canteens API (server: src/server/modules/canteens/canteens.routes.ts). Only canteens.api.ts imports
// them; pages take them from there, so the switch to src/shared is one line.
export type SubsidyCategory =
  | 'elderly'
  | 'low_income'
  | 'disabled'
  | 'left_behind_family'
  | 'sanitation_worker'
  | 'traffic_police'
  | 'courier'
  | 'model_worker';
export type MealKind = 'breakfast' | 'lunch' | 'dinner';
export interface Settlement {
  stationName: string;
  month: string;
  meals: number;
  subsidisedMeals: number;
  diners: number;
  revenueCents: number;
  subsidyCents: number;
  byCategory: { category: SubsidyCategory; meals: number; subsidyCents: number }[];
  duplicates: { personName: string; servedOn: string; meal: string; claims: number }[];
  settledAt: string | null;
}
export interface SubsidyRule {
  id: string;
  category: SubsidyCategory;
  label: string;
  mode: 'percent' | 'fixed' | 'free';
  value: number;
  isActive: boolean;
}
export interface MealBody {
  personId?: string;
  meal: MealKind;
  priceCents: number;
  declaredCategory?: SubsidyCategory;
}
export interface MealResult {
  meal: { subsidyCents: number; paidCents: number };
}
