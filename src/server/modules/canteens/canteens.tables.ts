import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { DELIVERY_STATUSES, MEALS, SUBSIDY_CATEGORIES, SUBSIDY_MODES } from '../../../shared/canteens.constants.js';

/** 幸福餐厅补贴规则, configurable per district: percent off, a fixed amount off, or free. */
export const subsidyRules = pgTable(
  'canteen_subsidy_rules',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    category: text('category', { enum: SUBSIDY_CATEGORIES }).notNull(),
    label: text('label').notNull(),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    mode: text('mode', { enum: SUBSIDY_MODES }).notNull(),
    value: integer('value').notNull().default(0), // percent off, or fen off
    isActive: boolean('is_active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    check('canteen_rules_ck', sql`${t.value} >= 0 and (${t.mode} <> 'percent' or ${t.value} <= 100)`),
  ],
);

export const canteenMenuItems = pgTable(
  'canteen_menu_items',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    name: text('name').notNull(),
    meal: text('meal', { enum: MEALS }).notNull(),
    priceCents: integer('price_cents').notNull(),
    isSilver: boolean('is_silver').notNull().default(false), // 银发特色菜 for 70+
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('canteen_menu_station_idx').on(t.districtId, t.stationId),
    check('canteen_menu_ck', sql`${t.priceCents} >= 0`),
  ],
);

/**
 * 就餐记录. A subsidised meal is unique per person, meal and day across all canteens: the same
 * claim cannot be made twice (the partial unique index is the duplicate-claim check).
 */
export const canteenMeals = pgTable(
  'canteen_meals',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    orgPath: text('org_path').notNull(),
    personId: text('person_id'),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    meal: text('meal', { enum: MEALS }).notNull(),
    priceCents: integer('price_cents').notNull(),
    subsidyCents: integer('subsidy_cents').notNull().default(0),
    ruleId: text('rule_id'),
    category: text('category', { enum: SUBSIDY_CATEGORIES }),
    isDelivery: boolean('is_delivery').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('canteen_meals_station_idx').on(t.districtId, t.stationId, t.servedOn),
    uniqueIndex('canteen_meals_claim_uq')
      .on(t.districtId, t.personId, t.servedOn, t.meal)
      .where(sql`subsidy_cents > 0`),
    check('canteen_meals_ck', sql`${t.subsidyCents} >= 0 and ${t.subsidyCents} <= ${t.priceCents}`),
  ],
);

export const canteenDeliveries = pgTable(
  'canteen_deliveries',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    orgPath: text('org_path').notNull(),
    personId: text('person_id').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    meal: text('meal', { enum: MEALS }).notNull(),
    address: text('address').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('ordered'),
    mealId: text('meal_id'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('canteen_deliveries_station_idx').on(t.districtId, t.stationId, t.servedOn),
  ],
);

/** 月度结算 per canteen: the subsidy claimed from the street for a month, frozen when submitted. */
export const canteenSettlements = pgTable(
  'canteen_settlements',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    month: text('month').notNull(),
    meals: integer('meals').notNull(),
    subsidisedMeals: integer('subsidised_meals').notNull(),
    diners: integer('diners').notNull(),
    revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull(),
    subsidyCents: bigint('subsidy_cents', { mode: 'number' }).notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('canteen_settlements_uq').on(t.districtId, t.stationId, t.month),
  ],
);
