import { PERSON_TAGS, DERIVED_TAGS, type PersonTag } from '../../../shared/people.constants.js';
import { buildings } from '../org/org.tables.js';
import {
  boolean,
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
} from 'drizzle-orm/pg-core';

export { DERIVED_TAGS, PERSON_TAGS, type PersonTag };

/** 户. */
export const households = pgTable(
  'households',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    buildingId: text('building_id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    unit: text('unit').notNull(),
    room: text('room').notNull(),
    partyGroupId: text('party_group_id'),
    isPartyCentral: boolean('is_party_central').notNull().default(false), // 党员中心户
    // ── consult ── 专有部分面积 (m²): owners' joint decisions count area as well as heads (民法典 第278条)
    exclusiveArea: numeric('exclusive_area', { precision: 10, scale: 2 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('households_room_uq').on(t.districtId, t.buildingId, t.unit, t.room),
    index('households_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.buildingId], foreignColumns: [buildings.districtId, buildings.id] }),
  ],
);

/**
 * 实有人口. The ID number is stored only encrypted (AES-256-GCM) with a keyed hash for exact lookup
 * and a masked form for display; the phone likewise.
 *
 * A child with a minor-protection file, and the child's guardians, are `protection` 'child' / 'guardian'
 * rows (people.protection.ts): their name, birth date and household (the address) are kept only encrypted,
 * with keyed hashes of the full name and of the household for exact lookup; `name` holds a placeholder,
 * pinyin and initials are empty and `birth_date` / `household_id` are null.
 */
export const people = pgTable(
  'people',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    householdId: text('household_id'),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: ['M', 'F'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    idCipher: text('id_cipher').notNull(),
    idHash: text('id_hash').notNull(),
    idMasked: text('id_masked').notNull(),
    phoneCipher: text('phone_cipher'),
    phoneMasked: text('phone_masked'),
    relation: text('relation').notNull().default('head'), // relation to household head
    tags: text('tags').array().notNull().default([]),
    protection: text('protection', { enum: ['child', 'guardian'] }),
    nameCipher: text('name_cipher'),
    nameHash: text('name_hash'),
    birthCipher: text('birth_cipher'),
    householdCipher: text('household_cipher'),
    householdHash: text('household_hash'),
    workUnitId: text('work_unit_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('people_id_hash_uq').on(t.districtId, t.idHash),
    index('people_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('people_name_idx').on(t.districtId, t.name.op('text_pattern_ops')),
    index('people_pinyin_idx').on(t.districtId, t.namePinyin.op('text_pattern_ops')),
    index('people_initials_idx').on(t.districtId, t.nameInitials.op('text_pattern_ops')),
    index('people_household_idx').on(t.districtId, t.householdId),
    index('people_name_hash_idx').on(t.districtId, t.nameHash),
    index('people_household_hash_idx').on(t.districtId, t.householdHash),
    // the people list's order (name_pinyin, id) and its tag filter (`tags @> array[…]`)
    index('people_list_idx').on(t.districtId, t.namePinyin, t.id),
    index('people_tags_idx').using('gin', t.tags),
    foreignKey({ columns: [t.districtId, t.householdId], foreignColumns: [households.districtId, households.id] }),
  ],
);

/**
 * 实有人口台账导入: one uploaded .xlsx file of people and households, processed in the background by the
 * job queue (`people.import`). The file lives in object storage until the import ends. `mode` 'file' writes
 * nothing when any row is wrong; 'household' skips the households that have a wrong row and writes the rest.
 */
export const ledgerImports = pgTable(
  'ledger_imports',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    createdBy: text('created_by').notNull(),
    fileName: text('file_name').notNull(),
    fileKey: text('file_key'),
    mode: text('mode', { enum: ['file', 'household'] }).notNull(),
    /** queued → validating → writing → done | failed */
    status: text('status', { enum: ['queued', 'validating', 'writing', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    checkedRows: integer('checked_rows').notNull().default(0),
    writtenRows: integer('written_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    householdsCreated: integer('households_created').notNull().default(0),
    householdsSkipped: integer('households_skipped').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** the first 500 row errors: { row, field, message } */
    errors: jsonb('errors')
      .$type<{ row: number; field: string; message: string; en: string }[]>()
      .notNull()
      .default([]),
    failure: text('failure'),
    failureEn: text('failure_en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('ledger_imports_creator_idx').on(t.districtId, t.createdBy, t.createdAt),
  ],
);
