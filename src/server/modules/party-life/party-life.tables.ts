import {
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
} from 'drizzle-orm/pg-core';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ASSESSMENT_GRADES,
  ASSESSMENT_SUBJECTS,
  ATTENDANCE_STATUSES,
  SYSTEM_CHECK_STATUSES,
  type ActivityKind,
  type AssessmentItem,
  type AssessmentSubject,
  type Frequency,
  type SystemItem,
} from '../../../shared/party-life.constants.js';
import { partyOrgs } from '../org/org.tables.js';
import { partyMembers } from '../party/party.tables.js';

/**
 * 组织生活: a branch's activities with their attendance, the yearly checklist of its working systems and the
 * yearly 考核评议. Keyed by district first; a branch's records reach whoever may read the branch.
 */
const orgFk = (t: { districtId: never; partyOrgId: never }) =>
  foreignKey({ columns: [t.districtId, t.partyOrgId], foreignColumns: [partyOrgs.districtId, partyOrgs.id] });

/** The district's configuration: 三会一课 frequencies, the working systems' names, the assessment items. */
export const partyLifeSettings = pgTable('party_life_settings', {
  districtId: text('district_id').primaryKey(),
  frequencies: jsonb('frequencies').$type<Record<ActivityKind, Frequency>>().notNull(),
  systems: jsonb('systems').$type<SystemItem[]>().notNull(),
  assessmentItems: jsonb('assessment_items').$type<Record<AssessmentSubject, AssessmentItem[]>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 主题党日、三会一课 and the branch's other activities. */
export const partyActivities = pgTable(
  'party_activities',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    partyOrgId: text('party_org_id').notNull(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    topic: text('topic').notNull(),
    place: text('place').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('scheduled'),
    minutes: text('minutes'),
    /** Changing it voids the activity's QR codes. */
    qrNonce: text('qr_nonce').notNull(),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('party_activities_org_idx').on(t.districtId, t.partyOrgId, t.startsAt),
    orgFk(t as never),
  ],
);

/** Who was expected at an activity and what became of it (签到 by QR, or marked by the secretary). */
export const partyAttendance = pgTable(
  'party_attendance',
  {
    districtId: text('district_id').notNull(),
    activityId: text('activity_id').notNull(),
    memberId: text('member_id').notNull(),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull().default('expected'),
    leaveReason: text('leave_reason'),
    via: text('via', { enum: ['qr', 'secretary'] }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.activityId, t.memberId] }),
    index('party_attendance_member_idx').on(t.districtId, t.memberId),
    foreignKey({
      columns: [t.districtId, t.activityId],
      foreignColumns: [partyActivities.districtId, partyActivities.id],
    }),
    foreignKey({ columns: [t.districtId, t.memberId], foreignColumns: [partyMembers.districtId, partyMembers.id] }),
  ],
);

/** One working system of one branch in one year: the evidence, and the community committee's review. */
export const partySystemChecks = pgTable(
  'party_system_checks',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    partyOrgId: text('party_org_id').notNull(),
    year: integer('year').notNull(),
    itemKey: text('item_key').notNull(),
    status: text('status', { enum: SYSTEM_CHECK_STATUSES }).notNull().default('submitted'),
    evidence: text('evidence'),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_system_checks_uq').on(t.districtId, t.partyOrgId, t.year, t.itemKey),
    orgFk(t as never),
  ],
);

/** 考核评议: the yearly scores of a branch, or of its secretary, entered by the community or street committee. */
export const partyAssessments = pgTable(
  'party_assessments',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    partyOrgId: text('party_org_id').notNull(),
    year: integer('year').notNull(),
    subject: text('subject', { enum: ASSESSMENT_SUBJECTS }).notNull(),
    /** The secretary assessed (a member id), for subject = secretary. */
    memberId: text('member_id'),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: numeric('total', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    maxTotal: integer('max_total').notNull(),
    grade: text('grade', { enum: ASSESSMENT_GRADES }).notNull(),
    note: text('note'),
    enteredBy: text('entered_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_assessments_uq').on(t.districtId, t.partyOrgId, t.year, t.subject),
    orgFk(t as never),
    foreignKey({ columns: [t.districtId, t.memberId], foreignColumns: [partyMembers.districtId, partyMembers.id] }),
  ],
);
