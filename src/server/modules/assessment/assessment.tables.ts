import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import {
  APPEAL_REASONS,
  APPEAL_STATUSES,
  CALLBACK_OUTCOMES,
  HOTSPOT_KINDS,
  TOPIC_ACTION_STATUSES,
  TOPIC_STATUSES,
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

// ── topics ──
/**
 * 治理课题 (每月一题): a recurring problem the district picked as a theme. It lives at the district root;
 * `pilot_compound_ids` are the compounds where it is tried, `category_id` the orders its effect is measured on.
 */
export const governanceTopics = pgTable(
  'governance_topics',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    orgPath: text('org_path').notNull(),
    categoryId: text('category_id').notNull(),
    /** The candidate it was picked from (`compound:<id>`, `community:<path>`, `cluster:<title>`), for the record. */
    sourceKind: text('source_kind', { enum: HOTSPOT_KINDS }).notNull(),
    sourceKey: text('source_key').notNull(),
    /** The month the topic starts (YYYY-MM): the effect compares the months before it with the months from it. */
    startMonth: text('start_month').notNull(),
    pilotCompoundIds: jsonb('pilot_compound_ids').$type<string[]>().notNull(),
    owners: jsonb('owners').$type<string[]>().notNull(),
    status: text('status', { enum: TOPIC_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('governance_topics_month_idx').on(t.districtId, t.startMonth),
  ],
);

/** One action of a topic: what is done, by whom, by when. */
export const governanceTopicActions = pgTable(
  'governance_topic_actions',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    topicId: text('topic_id').notNull(),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: TOPIC_ACTION_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({
      columns: [t.districtId, t.topicId],
      foreignColumns: [governanceTopics.districtId, governanceTopics.id],
    }).onDelete('cascade'),
    index('governance_topic_actions_topic_idx').on(t.districtId, t.topicId),
  ],
);
