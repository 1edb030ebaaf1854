import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  boolean,
} from 'drizzle-orm/pg-core';
import {
  DEMAND_STATUSES,
  MATCH_STATUSES,
  PLACE_KINDS,
  POSTING_STATUSES,
  RIDER_DIFFICULTIES,
  SEEKER_STATUSES,
  SERVICE_CATEGORIES,
} from '../../../shared/stations.constants.js';

/**
 * Coordinates (WGS-84) of compounds and stations, for the 15-minute living circle. Kept beside the
 * org tables rather than in them, so places without a surveyed location simply have no row.
 */
export const placeLocations = pgTable(
  'place_locations',
  {
    districtId: text('district_id').notNull(),
    kind: text('kind', { enum: PLACE_KINDS }).notNull(),
    entityId: text('entity_id').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.kind, t.entityId] }),
    check('place_locations_ck', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
  ],
);

export const stationServices = pgTable(
  'station_services',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    category: text('category', { enum: SERVICE_CATEGORIES }).notNull(),
    name: text('name').notNull(),
    schedule: text('schedule'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('station_services_station_idx').on(t.districtId, t.stationId),
  ],
);

/** 小哥爱心角 in shops along the demonstration street, coordinated by a rider station. */
export const loveCorners = pgTable(
  'love_corners',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    shopName: text('shop_name').notNull(),
    address: text('address'),
    offers: text('offers').array().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('love_corners_station_idx').on(t.districtId, t.stationId),
  ],
);

/** 小哥联席会议 held at a rider station: its demands are answered or become work orders. */
export const riderMeetings = pgTable(
  'rider_meetings',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    orgPath: text('org_path').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: integer('attendees').notNull().default(0),
    minutes: text('minutes').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('rider_meetings_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
  ],
);

export const riderDemands = pgTable(
  'rider_demands',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    meetingId: text('meeting_id').notNull(),
    difficulty: text('difficulty', { enum: RIDER_DIFFICULTIES }).notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: DEMAND_STATUSES }).notNull().default('open'),
    answer: text('answer'),
    workOrderId: text('work_order_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('rider_demands_meeting_idx').on(t.districtId, t.meetingId),
  ],
);

/** 便民服务站 job postings, job seekers' registrations and matches. */
export const jobPostings = pgTable(
  'job_postings',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    employer: text('employer').notNull(),
    skills: text('skills').array().notNull().default([]),
    positions: integer('positions').notNull().default(1),
    status: text('status', { enum: POSTING_STATUSES }).notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('job_postings_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    check('job_postings_ck', sql`${t.positions} > 0`),
  ],
);

export const jobSeekers = pgTable(
  'job_seekers',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
    orgPath: text('org_path').notNull(),
    personId: text('person_id'),
    name: text('name').notNull(),
    phoneCipher: text('phone_cipher'),
    phoneMasked: text('phone_masked'),
    skills: text('skills').array().notNull().default([]),
    status: text('status', { enum: SEEKER_STATUSES }).notNull().default('seeking'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('job_seekers_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
  ],
);

export const jobMatches = pgTable(
  'job_matches',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    postingId: text('posting_id').notNull(),
    seekerId: text('seeker_id').notNull(),
    status: text('status', { enum: MATCH_STATUSES }).notNull().default('proposed'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('job_matches_uq').on(t.districtId, t.postingId, t.seekerId),
  ],
);
