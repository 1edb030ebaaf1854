import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
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
  PROGRAMME_KEYS,
  SITE_LEVELS,
  SITE_SUBJECTS,
  type IndicatorDefinition,
} from '../../../shared/party-programmes.constants.js';
import { orgUnits, partyOrgs, stations } from '../org/org.tables.js';

/**
 * 六大工程 and 党建示范点: the district's programmes per year with their measurable indicators, the dated
 * progress entries units report on them, and the designated demonstration sites. Keyed by district first.
 */
export const partyProgrammes = pgTable(
  'party_programmes',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    year: integer('year').notNull(),
    key: text('key', { enum: PROGRAMME_KEYS }).notNull(),
    name: text('name').notNull(),
    leadUnit: text('lead_unit').notNull(),
    description: text('description').notNull().default(''),
    /** The measurable indicators: target and unit; `metric` says whether the platform computes it. */
    indicators: jsonb('indicators').$type<IndicatorDefinition[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_programmes_year_key_uq').on(t.districtId, t.year, t.key),
  ],
);

/** A dated progress entry of a programme, reported by a unit, with the compounds / communities it touched. */
export const partyProgrammeProgress = pgTable(
  'party_programme_progress',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    programmeId: text('programme_id').notNull(),
    indicatorKey: text('indicator_key'),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    /** The amount reported on a manual indicator (its actual is the sum of its entries). */
    value: doublePrecision('value'),
    /** The reporting unit (the caller's unit or one below it); scopes who reads the entry. */
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    unitIds: text('unit_ids').array().notNull().default([]),
    unitPaths: text('unit_paths').array().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('party_programme_progress_programme_idx').on(t.districtId, t.programmeId, t.happenedOn),
    index('party_programme_progress_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({
      columns: [t.districtId, t.programmeId],
      foreignColumns: [partyProgrammes.districtId, partyProgrammes.id],
    }),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** 党建示范点: a party organisation, a compound or community, or a station designated at a level in a year. */
export const partyDemonstrationSites = pgTable(
  'party_demonstration_sites',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    subjectKind: text('subject_kind', { enum: SITE_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    name: text('name').notNull(),
    /** Where it is: the unit itself, the station's unit or the party organisation's anchor unit. */
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    partyOrgId: text('party_org_id'),
    stationId: text('station_id'),
    level: text('level', { enum: SITE_LEVELS }).notNull(),
    year: integer('year').notNull(),
    programmeId: text('programme_id'),
    note: text('note').notNull().default(''),
    designatedBy: text('designated_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_demonstration_sites_subject_year_uq')
      .on(t.districtId, t.subjectKind, t.subjectId, t.year)
      .where(sql`revoked_at is null`),
    index('party_demonstration_sites_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({ columns: [t.districtId, t.partyOrgId], foreignColumns: [partyOrgs.districtId, partyOrgs.id] }),
    foreignKey({ columns: [t.districtId, t.stationId], foreignColumns: [stations.districtId, stations.id] }),
    foreignKey({
      columns: [t.districtId, t.programmeId],
      foreignColumns: [partyProgrammes.districtId, partyProgrammes.id],
    }),
  ],
);
