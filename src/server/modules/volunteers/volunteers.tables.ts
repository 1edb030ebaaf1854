import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  boolean,
} from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/org.tables.js';

import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  LEDGER_KINDS,
  RECORD_STATUSES,
  REPORT_KINDS,
  SERVICE_SOURCES,
  SIGNUP_STATUSES,
  TASK_KINDS,
  TASK_STATUSES,
  TEAM_KINDS,
} from '../../../shared/volunteers.constants.js';
import type { AssessmentGrades, AssessmentItem } from '../../../shared/volunteers.schema.js';

export type { AssessmentGrades, AssessmentItem };

/** 志愿服务队 (e.g. 小区党员志愿服务队), anchored to the org unit of its compound branch. */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: TEAM_KINDS }).notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    partyOrgId: text('party_org_id'),
    leaderPersonId: text('leader_person_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('volunteer_teams_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    districtId: text('district_id').notNull(),
    teamId: text('team_id').notNull(),
    personId: text('person_id').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.teamId, t.personId] }),
    index('volunteer_team_members_person_idx').on(t.districtId, t.personId),
    foreignKey({ columns: [t.districtId, t.teamId], foreignColumns: [volunteerTeams.districtId, volunteerTeams.id] }),
  ],
);

/** 志愿活动. Check-in/-out is by a signed QR token; `qr_nonce` is mixed into the signature, so rotating it voids printed codes. */
export const volunteerActivities = pgTable(
  'volunteer_activities',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    teamId: text('team_id'),
    title: text('title').notNull(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    stationId: text('station_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull().default(30),
    pointsPerHour: integer('points_per_hour').notNull().default(10),
    qrNonce: text('qr_nonce').notNull(),
    status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('open'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('volunteer_activities_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops'), t.startsAt),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    check('volunteer_activities_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    activityId: text('activity_id').notNull(),
    personId: text('person_id').notNull(),
    orgPath: text('org_path').notNull(),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull().default('signed_up'),
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    hours: numeric('hours', { precision: 5, scale: 2, mode: 'number' }),
    serviceRecordId: text('service_record_id'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('volunteer_signups_person_uq').on(t.districtId, t.activityId, t.personId),
    index('volunteer_signups_person_idx').on(t.districtId, t.personId),
    foreignKey({
      columns: [t.districtId, t.activityId],
      foreignColumns: [volunteerActivities.districtId, volunteerActivities.id],
    }),
  ],
);

/** 服务时长台账: one row per service given (activity, task, work order, visit); only confirmed rows count and earn points. */
export const serviceRecords = pgTable(
  'service_records',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    personId: text('person_id').notNull(),
    orgUnitId: text('org_unit_id').notNull(), // where the service was given (a compound, or a community for its activities)
    orgPath: text('org_path').notNull(),
    workUnitId: text('work_unit_id'),
    source: text('source', { enum: SERVICE_SOURCES }).notNull(),
    sourceId: text('source_id'),
    title: text('title').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    status: text('status', { enum: RECORD_STATUSES }).notNull().default('pending'),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('service_records_person_idx').on(t.districtId, t.personId, t.servedOn),
    index('service_records_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops'), t.servedOn),
    uniqueIndex('service_records_source_uq').on(t.districtId, t.source, t.sourceId, t.personId),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    check('service_records_hours_ck', sql`${t.hours} > 0 and ${t.hours} <= 24`),
  ],
);

/** 双报到: an in-service party member or a rider reporting to a compound. */
export const compoundReports = pgTable(
  'compound_reports',
  {
    districtId: text('district_id').notNull(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    workUnitId: text('work_unit_id'),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.personId] }),
    index('compound_reports_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('compound_reports_unit_idx').on(t.districtId, t.workUnitId),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** 认领任务: what a compound asks of its reported members — a task, a visit, or an open work order. */
export const serviceTasks = pgTable(
  'service_tasks',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    workOrderId: text('work_order_id'),
    hoursEstimate: numeric('hours_estimate', { precision: 5, scale: 2, mode: 'number' }),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('service_tasks_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops'), t.status),
    // one live claim per work order
    uniqueIndex('service_tasks_order_uq')
      .on(t.districtId, t.workOrderId)
      .where(sql`work_order_id is not null and status <> 'cancelled'`),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** 在职党员进小区报到服务管理考核: the district's configurable scoring, one version per year. */
export const assessmentConfigs = pgTable(
  'assessment_configs',
  {
    districtId: text('district_id').notNull(),
    year: integer('year').notNull(),
    items: jsonb('items').$type<AssessmentItem[]>().notNull(),
    grades: jsonb('grades').$type<AssessmentGrades>().notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.year] })],
);

/** Points balance per person; the CHECK is the last line of defence, the redemption locks this row first. */
export const pointsAccounts = pgTable(
  'points_accounts',
  {
    districtId: text('district_id').notNull(),
    personId: text('person_id').notNull(),
    balance: integer('balance').notNull().default(0),
    earnedTotal: integer('earned_total').notNull().default(0),
    redeemedTotal: integer('redeemed_total').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.personId] }),
    check('points_accounts_balance_ck', sql`${t.balance} >= 0`),
  ],
);

/** 积分台账: append-only (a trigger forbids UPDATE/DELETE/TRUNCATE); an award is unique per source. */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    personId: text('person_id').notNull(),
    delta: integer('delta').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    stationId: text('station_id'),
    note: text('note'),
    actorUserId: text('actor_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('points_ledger_person_idx').on(t.districtId, t.personId, t.createdAt),
    uniqueIndex('points_ledger_award_uq')
      .on(t.districtId, t.sourceType, t.sourceId)
      .where(sql`kind = 'earn'`),
    check('points_ledger_balance_ck', sql`${t.balanceAfter} >= 0 and ${t.delta} <> 0`),
  ],
);

/** 爱心超市 goods in a party-mass station, priced in points. */
export const loveSupermarketItems = pgTable(
  'love_supermarket_items',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    name: text('name').notNull(),
    pointsCost: integer('points_cost').notNull(),
    stock: integer('stock').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('love_items_station_idx').on(t.districtId, t.stationId),
    check('love_items_ck', sql`${t.stock} >= 0 and ${t.pointsCost} > 0`),
  ],
);

/**
 * 到场码: the short-lived code a resident shows at the love-supermarket counter (6 digits or its QR), so
 * that points are only spent with the resident there. One live code per person; only its keyed hash is
 * kept; a redemption uses it up.
 */
export const pointsPresenceCodes = pgTable(
  'points_presence_codes',
  {
    districtId: text('district_id').notNull(),
    personId: text('person_id').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.personId] }),
    uniqueIndex('points_presence_codes_hash_uq').on(t.districtId, t.codeHash),
  ],
);

/**
 * 积分卡: a card the community issues to a resident (printed once; only its keyed hash and last four
 * digits are kept). Issuing a new card revokes the old one (lost card).
 */
export const pointsCards = pgTable(
  'points_cards',
  {
    districtId: text('district_id').notNull(),
    cardHash: text('card_hash').notNull(),
    personId: text('person_id').notNull(),
    last4: text('last4').notNull(),
    issuedBy: text('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.cardHash] }),
    index('points_cards_person_idx').on(t.districtId, t.personId),
  ],
);
