import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import {
  CHANNELS,
  EXTENSION_STATUSES,
  HANDLER_KINDS,
  LEG_STATUSES,
  MEETING_ACTION_STATUSES,
  ORDER_STATUSES,
} from '../../../shared/work-orders.constants.js';

import { orgUnits } from '../org/org.tables.js';

export type { Channel, HandlerKind, OrderStatus } from '../../../shared/work-orders.constants.js';

/** 诉求分类, with the default handler and how many working days each hand-off gets. */
export const workOrderCategories = pgTable(
  'work_order_categories',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    defaultHandler: text('default_handler', { enum: HANDLER_KINDS }).notNull(),
    defaultWorkUnitId: text('default_work_unit_id'),
    acceptDays: integer('accept_days').notNull().default(1),
    dispatchDays: integer('dispatch_days').notNull().default(1),
    handleDays: integer('handle_days').notNull().default(5),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] })],
);

/** 诉求 / 工单. `due_at` is the nearest open deadline (stage or leg), kept with every transition for the overdue sweep. */
export const workOrders = pgTable(
  'work_orders',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    no: text('no').notNull(),
    hotlineNo: text('hotline_no'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    categoryId: text('category_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    compoundId: text('compound_id').notNull(),
    buildingId: text('building_id'),
    orgPath: text('org_path').notNull(),
    address: text('address'),
    reporterName: text('reporter_name'),
    reporterPhoneCipher: text('reporter_phone_cipher'),
    reporterPhoneMasked: text('reporter_phone_masked'),
    reporterUserId: text('reporter_user_id'),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** The deadline the last automatic escalation fired for: makes the sweep fire exactly once per deadline. */
    escalatedForDueAt: timestamp('escalated_for_due_at', { withTimezone: true }),
    isSupervised: boolean('is_supervised').notNull().default(false),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedOnTime: boolean('closed_on_time'),
    possibleDuplicateOf: text('possible_duplicate_of'),
    mergedInto: text('merged_into'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('work_orders_no_uq').on(t.districtId, t.no),
    uniqueIndex('work_orders_hotline_uq').on(t.districtId, t.hotlineNo),
    index('work_orders_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops'), t.createdAt),
    index('work_orders_due_idx').on(t.districtId, t.dueAt),
    index('work_orders_status_idx').on(t.districtId, t.status, t.createdAt),
    // possible-duplicate check at intake: open orders of one compound and category
    index('work_orders_open_dup_idx')
      .on(t.districtId, t.compoundId, t.categoryId)
      .where(sql`status <> 'closed'`),
    // 待办 (inbox.repository.ts): the open, unmerged orders only — newest first, or within a scope's path
    index('work_orders_open_idx')
      .on(t.districtId, t.createdAt, t.id)
      .where(sql`merged_into is null and status <> 'closed'`),
    index('work_orders_open_path_idx')
      .on(t.districtId, t.orgPath.op('text_pattern_ops'), t.createdAt)
      .where(sql`merged_into is null and status <> 'closed'`),
    // the street's and the district's 待办: escalated or supervised open orders
    index('work_orders_escalated_idx')
      .on(t.districtId, t.createdAt, t.id)
      .where(sql`merged_into is null and status <> 'closed' and (escalation_level >= 1 or is_supervised)`),
  ],
);

/** One hand-off to one handler (派单 may create several at once); each is tracked until done. */
export const workOrderLegs = pgTable(
  'work_order_legs',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    handlerKind: text('handler_kind', { enum: HANDLER_KINDS }).notNull(),
    workUnitId: text('work_unit_id'),
    status: text('status', { enum: LEG_STATUSES }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    result: text('result'),
    evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** 签收: when the handler unit took the leg, and who (null: 待签收). Also on the `signed` event. */
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedBy: text('signed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('work_order_legs_order_idx').on(t.districtId, t.orderId),
    index('work_order_legs_unit_idx').on(t.districtId, t.workUnitId, t.status),
  ],
);

export const workOrderExtensions = pgTable(
  'work_order_extensions',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    legId: text('leg_id').notNull(),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: EXTENSION_STATUSES }).notNull(),
    requestedBy: text('requested_by').notNull(),
    decidedBy: text('decided_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('work_order_ext_leg_idx').on(t.districtId, t.legId)],
);

/** The order's timeline: every step with who, when and why. Append-only by convention of the service. */
export const workOrderEvents = pgTable(
  'work_order_events',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    orderId: text('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text('actor_user_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    type: text('type').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('work_order_events_order_idx').on(t.districtId, t.orderId, t.at),
  ],
);

export const workOrderAttachments = pgTable(
  'work_order_attachments',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    mime: text('mime').notNull(),
    dataBase64: text('data_base64').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('work_order_att_order_idx').on(t.districtId, t.orderId)],
);

/** Reminders and notifications leave through an outbox written in the same transaction as the change. */
export const outbox = pgTable(
  'outbox',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), index('outbox_unsent_idx').on(t.districtId, t.sentAt)],
);

/** Idempotency-Key of creating POSTs: same key + same body → same order; another body → 409. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    districtId: text('district_id').notNull(),
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    resourceId: text('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.userId, t.key] })],
);

/** 小区联席会议. */
export const jointMeetings = pgTable(
  'joint_meetings',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: jsonb('attendees').$type<{ name: string; role: string }[]>().notNull().default([]),
    minutes: text('minutes').notNull().default(''),
    agenda: jsonb('agenda')
      .$type<{ orderId: string; no: string; title: string; reason: string }[]>()
      .notNull()
      .default([]),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('joint_meetings_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
  ],
);

export const jointMeetingActions = pgTable(
  'joint_meeting_actions',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    meetingId: text('meeting_id').notNull(),
    title: text('title').notNull(),
    orderId: text('order_id'),
    owner: text('owner').notNull(),
    /** The department or property company (a work unit) the decision is assigned to; it is told. */
    ownerUnitId: text('owner_unit_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: MEETING_ACTION_STATUSES }).notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('joint_meeting_actions_meeting_idx').on(t.districtId, t.meetingId),
  ],
);

/** Per-district, per-day order number counter (WO + yyyymmdd + sequence), bumped atomically. */
export const orderNumberCounters = pgTable(
  'order_number_counters',
  {
    districtId: text('district_id').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.day] })],
);

/**
 * 矛盾纠纷化解 before Linli: the disputes a unit's ledger counts as resolved through 小区接单、社区派单、
 * 部门兑单 over a period before its orders were kept here. The metrics add the orders closed since, so the
 * cumulative figure (the seed's 15.7万) covers the whole period and says where each part comes from.
 */
export const disputeBaselines = pgTable(
  'dispute_baselines',
  {
    districtId: text('district_id').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    countedFrom: date('counted_from', { mode: 'string' }).notNull(),
    countedUntil: date('counted_until', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
    source: text('source').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.orgUnitId, t.countedFrom] }),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);
