import { PERSON_TAGS, DERIVED_TAGS, type PersonTag } from '../../../shared/people.constants.js';
import { buildings } from '../org/org.tables.js';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
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
