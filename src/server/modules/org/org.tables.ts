import {
  ORG_KINDS,
  OWNERS_COMMITTEE_KINDS,
  PARTY_FORMATIONS,
  PARTY_ORG_KINDS,
  STATION_KINDS,
  type OrgKind,
  type PartyOrgKind,
} from '../../../shared/org.constants.js';
import { PARTY_GRADES, PARTY_ORG_STATUSES } from '../../../shared/party.constants.js';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Tenant root. Every other tenant table carries `district_id` in its primary key so it can be
 * distributed by district on Citus (co-located joins on district_id).
 */
export const districts = pgTable('districts', {
  id: text('id').primaryKey(), // GB/T 2260 code, e.g. 140213
  name: text('name').notNull(),
  cityName: text('city_name').notNull(),
  provinceName: text('province_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export { ORG_KINDS, PARTY_ORG_KINDS, STATION_KINDS, type OrgKind, type PartyOrgKind };

/**
 * Administrative / grid hierarchy: district → street/township → community/village → compound (grid).
 * `path` is the materialised path of ids, '/'-separated with a trailing '/', so a subtree is
 * `path LIKE '<scope path>%'` on a text_pattern_ops index.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    parentId: text('parent_id'),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    // compound (小区) attributes; null for other kinds
    address: text('address'),
    isOld: boolean('is_old'), // 老旧小区
    isRenovated: boolean('is_renovated'),
    ownersCommittee: text('owners_committee', { enum: OWNERS_COMMITTEE_KINDS }), // 业委会 / 物管会
    propertyCompany: text('property_company'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('org_units_path_uq').on(t.districtId, t.path.op('text_pattern_ops')),
    index('org_units_parent_idx').on(t.districtId, t.parentId),
    foreignKey({ columns: [t.districtId], foreignColumns: [districts.id] }),
    uniqueIndex('org_units_sibling_name_uq').on(t.districtId, t.parentId, t.name),
  ],
);

/** 楼栋. Belongs to a compound; `org_path` is the compound's path (the unit access is scoped by). */
export const buildings = pgTable(
  'buildings',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    units: integer('units').notNull().default(1),
    floors: integer('floors').notNull().default(1),
    address: text('address'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('buildings_compound_name_uq').on(t.districtId, t.compoundId, t.name),
    index('buildings_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** 职能单位: functional departments and work units that in-service party members belong to. */
export const workUnits = pgTable(
  'work_units',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['department', 'institution', 'enterprise'] }).notNull(),
    isFunctionalDepartment: boolean('is_functional_department').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.id] }), uniqueIndex('work_units_name_uq').on(t.districtId, t.name)],
);

/**
 * Party organisation beside the administrative tree: 区委 → 街道党工委 → 社区党委 → 小区党支部 → 楼栋党小组.
 * `org_unit_id` anchors each party org to the administrative unit it sits in (the access scope).
 */
export const partyOrgs = pgTable(
  'party_orgs',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    parentId: text('parent_id'),
    kind: text('kind', { enum: PARTY_ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    path: text('path').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    // 新小区单独建 / 老小区挂靠建 / 小小区联合建
    formation: text('formation', { enum: PARTY_FORMATIONS }),
    buildingId: text('building_id'),
    secretaryPersonId: text('secretary_person_id'),
    // party module (党务): grade of a community organisation (党支部/党总支/党委), the station of a
    // new-type branch and its 党建指导员, dissolution after a merge, optimistic locking
    grade: text('grade', { enum: PARTY_GRADES }),
    stationId: text('station_id'),
    instructorName: text('instructor_name'),
    status: text('status', { enum: PARTY_ORG_STATUSES }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('party_orgs_path_uq').on(t.districtId, t.path.op('text_pattern_ops')),
    index('party_orgs_org_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** Which compounds a compound branch covers: one branch may cover several compounds, a compound has one branch. */
export const branchCompounds = pgTable(
  'branch_compounds',
  {
    districtId: text('district_id').notNull(),
    compoundId: text('compound_id').notNull(),
    branchId: text('branch_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.compoundId] }),
    index('branch_compounds_branch_idx').on(t.districtId, t.branchId),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({ columns: [t.districtId, t.branchId], foreignColumns: [partyOrgs.districtId, partyOrgs.id] }),
  ],
);

/** 阵地: party-mass stations, rider stations, happy canteens, convenience stations. */
export const stations = pgTable(
  'stations',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind', { enum: STATION_KINDS }).notNull(),
    name: text('name').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    partyOrgId: text('party_org_id'),
    address: text('address'),
    openedOn: text('opened_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('stations_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('stations_party_idx').on(t.districtId, t.partyOrgId),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);
