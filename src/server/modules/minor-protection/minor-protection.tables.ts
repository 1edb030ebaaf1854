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
  CASE_STATUSES,
  GENDERS,
  RECEIVER_KINDS,
  REFERRAL_STATUSES,
  RISK_LEVELS,
  SERVICE_KINDS,
} from '../../../shared/minor-protection.constants.js';

/**
 * 未成年人保护 (DOMAIN.md §3): files of children in difficulty (困境儿童建档), case work, referrals and the
 * street stations (街道未保站). Columns ending in `_cipher` are AES-256-GCM (FieldCrypto) — everything that
 * identifies the child or describes health/disability, and all free text. What stays in clear is what the
 * street and district may see: categories, risk level, status, dates and counts.
 */
export {
  CASE_STATUSES,
  RECEIVER_KINDS,
  REFERRAL_STATUSES,
  RISK_LEVELS,
  SERVICE_KINDS,
  type CaseStatus,
  type ReceiverKind,
  type RiskLevel,
  type ServiceKind,
} from '../../../shared/minor-protection.constants.js';

/** Difficulty types (困境类型), configurable, each with its home-visit interval in days per risk level. */
export const minorCategories = pgTable(
  'minor_categories',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    visitDaysLow: integer('visit_days_low').notNull(),
    visitDaysMedium: integer('visit_days_medium').notNull(),
    visitDaysHigh: integer('visit_days_high').notNull(),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] })],
);

/** 街道未成年人保护工作站 with its "五有" checklist. `org_path` is the street's path. */
export const minorStations = pgTable(
  'minor_stations',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    streetId: text('street_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    operator: text('operator'),
    openedOn: date('opened_on', { mode: 'string' }),
    /** 五有: key → { met, note }. Keys are fixed in the service (FIVE_HAS). */
    checklist: jsonb('checklist').$type<Record<string, { met: boolean; note: string | null }>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('minor_stations_street_uq').on(t.districtId, t.streetId),
  ],
);

/** One child's file (困境儿童档案). */
export const minorCases = pgTable(
  'minor_cases',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    caseNo: text('case_no').notNull(),
    personId: text('person_id'),
    /** Path of the unit the child lives in (compound or community); scope checks run on it. */
    orgPath: text('org_path').notNull(),
    streetId: text('street_id').notNull(),
    communityId: text('community_id').notNull(),
    categories: text('categories').array().notNull(),
    riskLevel: text('risk_level', { enum: RISK_LEVELS }).notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    workerUserId: text('worker_user_id'),
    gender: text('gender', { enum: GENDERS }).notNull(),
    birthYear: integer('birth_year').notNull(),
    nameCipher: text('name_cipher').notNull(),
    nameMasked: text('name_masked').notNull(),
    idCipher: text('id_cipher'),
    idMasked: text('id_masked'),
    addressCipher: text('address_cipher'),
    /** JSON [{name, relation, phone}] encrypted. */
    guardiansCipher: text('guardians_cipher'),
    /** Health / disability details, encrypted. */
    healthCipher: text('health_cipher'),
    /** Needs assessment {needs[], notes} encrypted; `needs` codes also kept in clear for the service counts. */
    assessmentCipher: text('assessment_cipher'),
    needs: text('needs').array().notNull().default([]),
    /** Case plan {goals:[{text, done}]} encrypted. */
    planCipher: text('plan_cipher'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    lastVisitOn: date('last_visit_on', { mode: 'string' }),
    nextVisitDue: date('next_visit_due', { mode: 'string' }),
    /** The due date the overdue escalation last fired for: the sweep fires exactly once per due date. */
    escalatedForDue: date('escalated_for_due', { mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closureReasonCipher: text('closure_reason_cipher'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('minor_cases_no_uq').on(t.districtId, t.caseNo),
    uniqueIndex('minor_cases_person_uq').on(t.districtId, t.personId),
    index('minor_cases_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('minor_cases_due_idx').on(t.districtId, t.nextVisitDue),
    index('minor_cases_worker_idx').on(t.districtId, t.workerUserId),
  ],
);

/** Services delivered (incl. home visits), with date, worker and outcome. */
export const minorServices = pgTable(
  'minor_services',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    caseId: text('case_id').notNull(),
    kind: text('kind', { enum: SERVICE_KINDS }).notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    workerUserId: text('worker_user_id'),
    workerName: text('worker_name').notNull(),
    outcomeCipher: text('outcome_cipher').notNull(),
    /** Home visits: {childSeen, livingConditions, safetyConcern, notes} encrypted. */
    visitCipher: text('visit_cipher'),
    safetyConcern: boolean('safety_concern').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('minor_services_case_idx').on(t.districtId, t.caseId, t.servedOn),
    foreignKey({ columns: [t.districtId, t.caseId], foreignColumns: [minorCases.districtId, minorCases.id] }),
  ],
);

/** Guardian consent to share the file or refer the child (recorded before any sharing). */
export const minorConsents = pgTable(
  'minor_consents',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    caseId: text('case_id').notNull(),
    guardianCipher: text('guardian_cipher').notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    scopeCipher: text('scope_cipher').notNull(),
    recordedBy: text('recorded_by').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('minor_consents_case_idx').on(t.districtId, t.caseId),
    foreignKey({ columns: [t.districtId, t.caseId], foreignColumns: [minorCases.districtId, minorCases.id] }),
  ],
);

/** 转介 to a volunteer, a department or an organisation: acknowledged by a deadline, then reported back on. */
export const minorReferrals = pgTable(
  'minor_referrals',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    caseId: text('case_id').notNull(),
    receiverKind: text('receiver_kind', { enum: RECEIVER_KINDS }).notNull(),
    workUnitId: text('work_unit_id'),
    receiverUserId: text('receiver_user_id'),
    receiverName: text('receiver_name').notNull(),
    /** What is asked and shared (only with consent or an override), encrypted. */
    requestCipher: text('request_cipher').notNull(),
    consentId: text('consent_id'),
    overrideReasonCipher: text('override_reason_cipher'),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('pending'),
    ackDueAt: timestamp('ack_due_at', { withTimezone: true }).notNull(),
    ackEscalatedAt: timestamp('ack_escalated_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    reportCipher: text('report_cipher'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('minor_referrals_case_idx').on(t.districtId, t.caseId),
    foreignKey({ columns: [t.districtId, t.caseId], foreignColumns: [minorCases.districtId, minorCases.id] }),
    index('minor_referrals_unit_idx').on(t.districtId, t.workUnitId, t.status),
    index('minor_referrals_user_idx').on(t.districtId, t.receiverUserId, t.status),
    index('minor_referrals_due_idx').on(t.districtId, t.status, t.ackDueAt),
  ],
);

/** The case timeline: assignment, escalations, closure requests and decisions, reopen. Notes are encrypted. */
export const minorCaseEvents = pgTable(
  'minor_case_events',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text('actor_user_id'),
    actorName: text('actor_name').notNull(),
    type: text('type').notNull(),
    noteCipher: text('note_cipher'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('minor_case_events_case_idx').on(t.districtId, t.caseId, t.at),
    foreignKey({ columns: [t.districtId, t.caseId], foreignColumns: [minorCases.districtId, minorCases.id] }),
  ],
);
