import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { FINDING_OUTCOMES, PATROL_STATUSES } from '../../../shared/patrols.constants.js';
import { orgUnits } from '../org/org.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * 网格巡查: one walk of a grid worker through compounds of his grid, from start to finish. `org_path` is the
 * deepest unit holding all its compounds (the compound itself for one), which the access layer scopes by.
 */
export const patrols = pgTable(
  'patrols',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orgPath: text('org_path').notNull(),
    workerUserId: text('worker_user_id').notNull(),
    workerName: text('worker_name').notNull(),
    status: text('status', { enum: PATROL_STATUSES }).notNull().default('open'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    routeNote: text('route_note').notNull().default(''),
    startLocation: text('start_location'),
    endLocation: text('end_location'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('patrols_worker_idx').on(t.districtId, t.workerUserId, t.startedAt),
    index('patrols_path_idx').on(t.districtId, t.orgPath, t.startedAt),
  ],
);

/** The compounds a patrol covers. */
export const patrolCompounds = pgTable(
  'patrol_compounds',
  {
    districtId: text('district_id').notNull(),
    patrolId: text('patrol_id').notNull(),
    compoundId: text('compound_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.patrolId, t.compoundId] }),
    foreignKey({ columns: [t.districtId, t.patrolId], foreignColumns: [patrols.districtId, patrols.id] }),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    index('patrol_compounds_compound_idx').on(t.districtId, t.compoundId),
  ],
);

/**
 * 巡查发现: what the worker found, with its photos (attachment ids: linked to the patrol when resolved on the
 * spot, to the order when it became one). `order_id` is the order it raised — the order's timeline names the
 * patrol back. `idempotency_key` makes a retried step answer with the finding it already wrote.
 */
export const patrolFindings = pgTable(
  'patrol_findings',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    patrolId: text('patrol_id').notNull(),
    compoundId: text('compound_id').notNull(),
    buildingId: text('building_id'),
    categoryId: text('category_id').notNull(),
    description: text('description').notNull(),
    outcome: text('outcome', { enum: FINDING_OUTCOMES }).notNull(),
    resolution: text('resolution'),
    orderId: text('order_id'),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
    location: text('location'),
    createdBy: text('created_by').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ columns: [t.districtId, t.patrolId], foreignColumns: [patrols.districtId, patrols.id] }),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({ columns: [t.districtId, t.orderId], foreignColumns: [workOrders.districtId, workOrders.id] }),
    index('patrol_findings_patrol_idx').on(t.districtId, t.patrolId, t.createdAt),
    index('patrol_findings_compound_idx').on(t.districtId, t.compoundId, t.createdAt),
    uniqueIndex('patrol_findings_order_uq').on(t.districtId, t.orderId),
    uniqueIndex('patrol_findings_key_uq').on(t.districtId, t.createdBy, t.idempotencyKey),
  ],
);
