import { doublePrecision, foreignKey, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * What an Open311 client sent with a request that the work order itself has no place for: the
 * `media_url` (kept and returned by GET requests), the coordinates it posted (the order is placed in
 * the nearest compound; the reply shows the compound's coordinates), and the account that posted it.
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    districtId: text('district_id').notNull(),
    orderId: text('order_id').notNull(),
    accountId: text('account_id').notNull(),
    mediaUrl: text('media_url'),
    postedLat: doublePrecision('posted_lat'),
    postedLong: doublePrecision('posted_long'),
    addressString: text('address_string'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.orderId] }),
    foreignKey({ columns: [t.districtId, t.orderId], foreignColumns: [workOrders.districtId, workOrders.id] }),
  ],
);
