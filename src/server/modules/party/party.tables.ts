import { sql } from 'drizzle-orm';
import {
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
  COMMITTEE_SEATS,
  MEMBER_RELATIONS,
  MEMBER_STAGES,
  MEMBER_STATUSES,
  PARTY_EVENT_KINDS,
  POST_ROLES,
  POST_SOURCES,
  TRANSFER_DIRECTIONS,
} from '../../../shared/party.constants.js';
import { partyOrgs } from '../org/org.tables.js';
import { households, people } from '../people/people.tables.js';

/**
 * 党务: the history of party organisations, their posts (书记、委员), the member registry with the
 * development pipeline, transfers, and party-member central households. The organisations themselves
 * are `party_orgs` (org.tables.ts); every row here is keyed by district first (Citus).
 */
const orgFk = (t: { districtId: never; partyOrgId: never }) =>
  foreignKey({ columns: [t.districtId, t.partyOrgId], foreignColumns: [partyOrgs.districtId, partyOrgs.id] });

/** What happened to a party organisation: created, split, merged, re-attached, upgraded, posts … */
export const partyOrgEvents = pgTable(
  'party_org_events',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    partyOrgId: text('party_org_id').notNull(),
    kind: text('kind', { enum: PARTY_EVENT_KINDS }).notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: text('actor_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('party_org_events_org_idx').on(t.districtId, t.partyOrgId, t.createdAt),
    orgFk(t as never),
  ],
);

/** 党员（含入党申请人、积极分子、发展对象、预备党员）, linked to the resident registry. */
export const partyMembers = pgTable(
  'party_members',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    personId: text('person_id').notNull(),
    /** The branch holding the organisational relation, or the one an in-service member reports to. */
    partyOrgId: text('party_org_id').notNull(),
    /** The person's own org path (where they live): members are scoped like residents. */
    orgPath: text('org_path').notNull(),
    relation: text('relation', { enum: MEMBER_RELATIONS }).notNull(),
    stage: text('stage', { enum: MEMBER_STAGES }).notNull(),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('active'),
    appliedOn: date('applied_on', { mode: 'string' }),
    activistOn: date('activist_on', { mode: 'string' }),
    candidateOn: date('candidate_on', { mode: 'string' }),
    probationaryOn: date('probationary_on', { mode: 'string' }),
    fullOn: date('full_on', { mode: 'string' }),
    /** 入党介绍人: member ids of two full members. */
    introducerIds: text('introducer_ids').array().notNull().default([]),
    /** 培养联系人 of an activist. */
    contactIds: text('contact_ids').array().notNull().default([]),
    workUnitId: text('work_unit_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_members_person_uq').on(t.districtId, t.personId),
    index('party_members_org_idx').on(t.districtId, t.partyOrgId, t.stage),
    index('party_members_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    orgFk(t as never),
    foreignKey({ columns: [t.districtId, t.personId], foreignColumns: [people.districtId, people.id] }),
  ],
);

/** 组织关系转接: into a branch (from another branch or from outside the district) and out of it. */
export const partyMemberTransfers = pgTable(
  'party_member_transfers',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    memberId: text('member_id').notNull(),
    direction: text('direction', { enum: TRANSFER_DIRECTIONS }).notNull(),
    fromOrgId: text('from_org_id'),
    toOrgId: text('to_org_id'),
    /** The organisation outside the district (转出到 / 转入自). */
    externalOrg: text('external_org'),
    /** 介绍信编号: the number of the organisational-relation letter. */
    letterNo: text('letter_no'),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('party_member_transfers_member_idx').on(t.districtId, t.memberId),
    foreignKey({ columns: [t.districtId, t.memberId], foreignColumns: [partyMembers.districtId, partyMembers.id] }),
  ],
);

/** 书记、副书记、委员 of a party organisation, with where the holder comes from and their experience. */
export const partyPosts = pgTable(
  'party_posts',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    partyOrgId: text('party_org_id').notNull(),
    memberId: text('member_id').notNull(),
    role: text('role', { enum: POST_ROLES }).notNull(),
    source: text('source', { enum: POST_SOURCES }).notNull(),
    fullTime: boolean('full_time').notNull().default(false),
    /** The seconding unit (选派单位) or, for an elected holder, their own work unit. */
    sourceUnit: text('source_unit'),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }),
    /** 有党建、民政等业务经历. */
    hasPartyCivilExperience: boolean('has_party_civil_experience').notNull().default(false),
    /** 三、四级调研员. */
    isSeniorResearcher: boolean('is_senior_researcher').notNull().default(false),
    /** 双向进入、交叉任职: the holder's seat in the owners' committee of the branch's compound. */
    committeeSeat: text('committee_seat', { enum: COMMITTEE_SEATS }),
    status: text('status', { enum: ['active', 'ended'] })
      .notNull()
      .default('active'),
    endedOn: date('ended_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_posts_one_secretary_uq')
      .on(t.districtId, t.partyOrgId)
      .where(sql`role = 'secretary' and status = 'active'`),
    uniqueIndex('party_posts_one_post_uq')
      .on(t.districtId, t.partyOrgId, t.memberId)
      .where(sql`status = 'active'`),
    orgFk(t as never),
    foreignKey({ columns: [t.districtId, t.memberId], foreignColumns: [partyMembers.districtId, partyMembers.id] }),
  ],
);

/** 党员中心户: a member's household designated to collect the demands of the households around it. */
export const partyCentralHouseholds = pgTable(
  'party_central_households',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    partyOrgId: text('party_org_id').notNull(),
    householdId: text('household_id').notNull(),
    memberId: text('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    designatedOn: date('designated_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_central_households_household_uq').on(t.districtId, t.householdId),
    orgFk(t as never),
    foreignKey({ columns: [t.districtId, t.householdId], foreignColumns: [households.districtId, households.id] }),
    foreignKey({ columns: [t.districtId, t.memberId], foreignColumns: [partyMembers.districtId, partyMembers.id] }),
  ],
);

/** The households a central household serves; a household is served by one central household. */
export const partyCentralServed = pgTable(
  'party_central_served',
  {
    districtId: text('district_id').notNull(),
    householdId: text('household_id').notNull(),
    centralId: text('central_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.householdId] }),
    index('party_central_served_central_idx').on(t.districtId, t.centralId),
    foreignKey({
      columns: [t.districtId, t.centralId],
      foreignColumns: [partyCentralHouseholds.districtId, partyCentralHouseholds.id],
    }),
    foreignKey({ columns: [t.districtId, t.householdId], foreignColumns: [households.districtId, households.id] }),
  ],
);
