import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import {
  APPEAL_REASONS,
  APPEAL_STATUSES,
  CALLBACK_OUTCOMES,
  UNIT_KINDS,
  type RateKey,
} from '../../../shared/assessment.constants.js';

/** The district's assessment settings (one row per district): weights, lists, appeal deadline, reviewers, callback tries. */
export const assessmentSettings = pgTable(
  'assessment_settings',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull().default('default'),
    weights: jsonb('weights').$type<Record<RateKey, number>>().notNull(),
    redListSize: integer('red_list_size').notNull(),
    blackListSize: integer('black_list_size').notNull(),
    appealDays: integer('appeal_days').notNull(),
    /** Roles that decide appeals (within their subtree): the district by default. */
    appealReviewers: jsonb('appeal_reviewers').$type<string[]>().notNull(),
    callbackTries: integer('callback_tries').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] })],
);

/**
 * 申诉/核减: a unit asks that one order leave its rates. `unit_kind`/`unit_id` name the unit (an org unit
 * for street/community, a work unit for a department); `unit_path` is where the appeal lives for scope.
 */
export const assessmentAppeals = pgTable(
  'assessment_appeals',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    unitKind: text('unit_kind', { enum: UNIT_KINDS }).notNull(),
    unitId: text('unit_id').notNull(),
    unitName: text('unit_name').notNull(),
    /** The org path of the appealing territorial unit; for a department the order's path. */
    orgPath: text('org_path').notNull(),
    workUnitId: text('work_unit_id'),
    reason: text('reason', { enum: APPEAL_REASONS }).notNull(),
    explanation: text('explanation').notNull(),
    evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
    status: text('status', { enum: APPEAL_STATUSES }).notNull(),
    filedBy: text('filed_by').notNull(),
    filedByName: text('filed_by_name').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('assessment_appeals_order_idx').on(t.districtId, t.orderId),
    index('assessment_appeals_status_idx').on(t.districtId, t.status, t.filedAt),
  ],
);

/** 回访: one call to the caller of a closed order; several tries may be needed. */
export const assessmentCallbacks = pgTable(
  'assessment_callbacks',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    orgPath: text('org_path').notNull(),
    outcome: text('outcome', { enum: CALLBACK_OUTCOMES }).notNull(),
    /** Did the caller say the problem is solved (asked only when reached). */
    resolved: boolean('resolved'),
    note: text('note'),
    calledBy: text('called_by').notNull(),
    calledByName: text('called_by_name').notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    /** The order's close this callback is about (a redone order is called back again after its next close). */
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('assessment_callbacks_order_idx').on(t.districtId, t.orderId, t.calledAt),
  ],
);
