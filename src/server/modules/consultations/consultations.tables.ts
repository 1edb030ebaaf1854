import {
  boolean,
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
  ANSWER_PER,
  BALLOT_SOURCES,
  CONSULTATION_KINDS,
  ORGANISER_KINDS,
  OWNER_MATTERS,
  QUESTION_KINDS,
} from '../../../shared/consultations.constants.js';
import type { Answer } from '../../../shared/consultations.schema.js';
import { orgUnits } from '../org/org.tables.js';

/**
 * 征求民意 / 议事协商. A consultation asks the residents of one community or compound (optionally one building);
 * `org_path` is the scope unit's path, so access and eligibility are one prefix test.
 */
export const consultations = pgTable(
  'consultations',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: CONSULTATION_KINDS }).notNull(),
    organiserKind: text('organiser_kind', { enum: ORGANISER_KINDS }).notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    buildingId: text('building_id'),
    answerPer: text('answer_per', { enum: ANSWER_PER }).notNull(),
    isAnonymous: boolean('is_anonymous').notNull().default(false),
    matter: text('matter', { enum: OWNER_MATTERS }),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedEarlyAt: timestamp('closed_early_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('consultations_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

export const consultationQuestions = pgTable(
  'consultation_questions',
  {
    districtId: text('district_id').notNull(),
    consultationId: text('consultation_id').notNull(),
    id: integer('id').notNull(),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    prompt: text('prompt').notNull(),
    options: text('options').array().notNull().default([]),
    required: boolean('required').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.consultationId, t.id] }),
    foreignKey({
      columns: [t.districtId, t.consultationId],
      foreignColumns: [consultations.districtId, consultations.id],
    }).onDelete('cascade'),
  ],
);

/**
 * One ballot. `voter_key` is the household (one answer per household) or the person (one per person), or a
 * fresh key for an anonymous paper ballot with no household: the unique index is what refuses a second vote.
 */
export const consultationBallots = pgTable(
  'consultation_ballots',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    consultationId: text('consultation_id').notNull(),
    voterKey: text('voter_key').notNull(),
    householdId: text('household_id'),
    personId: text('person_id'),
    source: text('source', { enum: BALLOT_SOURCES }).notNull(),
    enteredBy: text('entered_by'),
    note: text('note').notNull().default(''),
    answers: jsonb('answers').$type<Answer[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('consultation_ballots_voter_uq').on(t.districtId, t.consultationId, t.voterKey),
    foreignKey({
      columns: [t.districtId, t.consultationId],
      foreignColumns: [consultations.districtId, consultations.id],
    }).onDelete('cascade'),
  ],
);
