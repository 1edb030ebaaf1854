import { z } from 'zod';
import type { SubsidyCategory } from './canteens.constants.js';
import {
  DECLARED_CATEGORIES,
  DELIVERY_STATUSES,
  MEALS,
  SUBSIDY_CATEGORIES,
  SUBSIDY_MODES,
} from './canteens.constants.js';

/**
 * Requests and replies of 幸福餐厅: subsidy rules, menus, meals, deliveries and the monthly settlement.
 * The server validates with these; the web imports the inferred types (as types only).
 */
export type { MealKind, SubsidyCategory } from './canteens.constants.js';
/** The web's name for a subsidy category. */
export type Category = SubsidyCategory;

export const CanteenParams = z.object({ id: z.string().min(1).max(60) });
export const MonthParams = z.object({
  id: z.string().min(1).max(60),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
});
export const RuleParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/, '规则编码为 1–30 位字母、数字、- 或 _'),
});

// ───────────── subsidy rules ─────────────

export const RuleDto = z.object({
  id: z.string(),
  category: z.enum(SUBSIDY_CATEGORIES),
  label: z.string(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  mode: z.enum(SUBSIDY_MODES),
  value: z.number().int(),
  isActive: z.boolean(),
});
export type Rule = z.infer<typeof RuleDto>;
export const RuleListDto = z.object({ items: z.array(RuleDto) });
export type RuleList = z.infer<typeof RuleListDto>;
export const RuleReplyDto = z.object({ rule: RuleDto });
export type RuleReply = z.infer<typeof RuleReplyDto>;
export const RuleBody = z.object({
  category: z.enum(SUBSIDY_CATEGORIES),
  label: z.string().trim().min(2, '请填写规则名称').max(40),
  minAge: z.number().int().min(0).max(120).nullable().default(null),
  maxAge: z.number().int().min(0).max(150).nullable().default(null),
  mode: z.enum(SUBSIDY_MODES),
  value: z.number().int().min(0).max(100000).default(0),
  isActive: z.boolean().default(true),
});
export type RuleInput = z.input<typeof RuleBody>;

// ───────────── menus and meals ─────────────

export const MenuItemDto = z.object({
  id: z.string(),
  name: z.string(),
  meal: z.enum(MEALS),
  priceCents: z.number().int(),
  isSilver: z.boolean(),
});
export type MenuItem = z.infer<typeof MenuItemDto>;
export const MenuDto = z.object({ items: z.array(MenuItemDto) });
export type Menu = z.infer<typeof MenuDto>;
export const MenuItemReplyDto = z.object({ item: MenuItemDto });
export type MenuItemReply = z.infer<typeof MenuItemReplyDto>;
export const MenuItemBody = z.object({
  name: z.string().trim().min(1, '请填写菜名').max(40),
  meal: z.enum(MEALS),
  priceCents: z.number().int().min(0).max(100000),
  isSilver: z.boolean().default(false),
});
export type MenuItemInput = z.input<typeof MenuItemBody>;

export const MealDto = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  servedOn: z.string(),
  meal: z.enum(MEALS),
  priceCents: z.number().int(),
  subsidyCents: z.number().int(),
  paidCents: z.number().int(),
  category: z.enum(SUBSIDY_CATEGORIES).nullable(),
  ruleLabel: z.string().nullable(),
  isDelivery: z.boolean(),
});
export type Meal = z.infer<typeof MealDto>;
export const MealListDto = z.object({ items: z.array(MealDto) });
export type MealList = z.infer<typeof MealListDto>;
export const MealReplyDto = z.object({ meal: MealDto });
export type MealReply = z.infer<typeof MealReplyDto>;
export const MealsQuery = z.object({ date: z.iso.date().optional() });
export const MealBody = z.object({
  personId: z.string().max(60).optional(),
  meal: z.enum(MEALS),
  servedOn: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  priceCents: z.number().int().min(0).max(100000),
  /** occupational benefits (环卫工人、交警、快递小哥、劳模) are declared at the counter and recorded as such */
  declaredCategory: z.enum(DECLARED_CATEGORIES).optional(),
});
export type MealInput = z.input<typeof MealBody>;

// ───────────── the diner's own side ─────────────

/** A dish as the diner pays for it: the price, the subsidy the rules give them today, what they pay. */
export const MyMenuItemDto = MenuItemDto.extend({
  subsidyCents: z.number().int(),
  payCents: z.number().int(),
  ruleLabel: z.string().nullable(),
});
export type MyMenuItem = z.infer<typeof MyMenuItemDto>;
export const MyMealDto = MealDto.pick({
  id: true,
  servedOn: true,
  meal: true,
  priceCents: true,
  subsidyCents: true,
  paidCents: true,
  ruleLabel: true,
  isDelivery: true,
}).extend({ canteenName: z.string() });
export type MyMeal = z.infer<typeof MyMealDto>;
/** 我的幸福餐厅: the canteens of my street nearest first, each menu priced for me, and my latest meals. */
export const MyCanteensDto = z.object({
  on: z.string(),
  age: z.number().int().nullable(),
  categories: z.array(z.enum(SUBSIDY_CATEGORIES)),
  canteens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      /** walking distance from my compound (× the street-network detour), when both are located */
      meters: z.number().int().nullable(),
      menu: z.array(MyMenuItemDto),
    }),
  ),
  meals: z.array(MyMealDto),
});
export type MyCanteens = z.infer<typeof MyCanteensDto>;

// ───────────── deliveries ─────────────

export const DeliveryDto = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  servedOn: z.string(),
  meal: z.enum(MEALS),
  address: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  mealId: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliveryDto>;
export const DeliveryListDto = z.object({ items: z.array(DeliveryDto) });
export type DeliveryList = z.infer<typeof DeliveryListDto>;
export const DeliveryReplyDto = z.object({ delivery: DeliveryDto });
export type DeliveryReply = z.infer<typeof DeliveryReplyDto>;
export const DeliveryBody = z.object({
  personId: z.string().min(1).max(60),
  meal: z.enum(MEALS),
  servedOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
  address: z.string().trim().min(2, '请填写送餐地址').max(120),
});
export type DeliveryInput = z.input<typeof DeliveryBody>;
export const DeliverBody = z.object({ priceCents: z.number().int().min(0).max(100000) });
export type DeliverInput = z.input<typeof DeliverBody>;

// ───────────── monthly settlement ─────────────

export const SettlementDto = z.object({
  stationId: z.string(),
  stationName: z.string(),
  month: z.string(),
  meals: z.number().int(),
  subsidisedMeals: z.number().int(),
  diners: z.number().int(),
  revenueCents: z.number().int(),
  subsidyCents: z.number().int(),
  byCategory: z.array(
    z.object({ category: z.enum(SUBSIDY_CATEGORIES), meals: z.number().int(), subsidyCents: z.number().int() }),
  ),
  duplicates: z.array(
    z.object({
      personId: z.string(),
      personName: z.string(),
      servedOn: z.string(),
      meal: z.enum(MEALS),
      claims: z.number().int(),
    }),
  ),
  settledAt: z.string().nullable(),
});
export type Settlement = z.infer<typeof SettlementDto>;
