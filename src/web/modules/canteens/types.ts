// The canteens API's shapes, from the server's schemas (src/shared/canteens.schema.ts). Only canteens.api.ts
// imports them; pages take them from there.
export type {
  MealInput as MealBody,
  MealKind,
  MyCanteens,
  MyMeal,
  MyMenuItem,
  MealReply as MealResult,
  Rule as SubsidyRule,
  Settlement,
  SubsidyCategory,
} from '../../../shared/canteens.schema';
