import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { WHISTLE_RATINGS, WHISTLE_STATUSES } from '../../../shared/whistles.constants.js';
import { orgUnits, workUnits } from '../org/org.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * 吹哨报到: a street or community (the owner) blows the whistle on a problem at a compound it cannot solve
 * alone, summoning departments to be on site at a time. `org_path` is the compound's path (where it is, for
 * scope); `owner_path` the whistling unit's path (who may close and rate it).
 */
export const whistles = pgTable(
  'whistles',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    reason: text('reason').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    orderId: text('order_id'),
    ownerUnitId: text('owner_unit_id').notNull(),
    ownerPath: text('owner_path').notNull(),
    ownerName: text('owner_name').notNull(),
    onSiteAt: timestamp('on_site_at', { withTimezone: true }).notNull(),
    graceMinutes: integer('grace_minutes').notNull(),
    status: text('status', { enum: WHISTLE_STATUSES }).notNull(),
    openedBy: text('opened_by'),
    openedByName: text('opened_by_name').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: text('closed_by'),
    closedByName: text('closed_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeNote: text('close_note'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({ columns: [t.districtId, t.ownerUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({ columns: [t.districtId, t.orderId], foreignColumns: [workOrders.districtId, workOrders.id] }),
    index('whistles_on_site_idx').on(t.districtId, t.onSiteAt),
  ],
);

/** One summoned department of a whistle: its check-in (报到), what it did on site, and the whistler's rating. */
export const whistleSummons = pgTable(
  'whistle_summons',
  {
    districtId: text('district_id').notNull(),
    whistleId: text('whistle_id').notNull(),
    workUnitId: text('work_unit_id').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: text('checked_in_by'),
    checkedInByName: text('checked_in_by_name'),
    checkInNote: text('check_in_note'),
    action: text('action'),
    actionAt: timestamp('action_at', { withTimezone: true }),
    rating: text('rating', { enum: WHISTLE_RATINGS }),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.whistleId, t.workUnitId] }),
    foreignKey({ columns: [t.districtId, t.whistleId], foreignColumns: [whistles.districtId, whistles.id] }),
    foreignKey({ columns: [t.districtId, t.workUnitId], foreignColumns: [workUnits.districtId, workUnits.id] }),
    index('whistle_summons_unit_idx').on(t.districtId, t.workUnitId),
  ],
);
