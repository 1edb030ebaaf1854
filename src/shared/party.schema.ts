import { z } from 'zod';
import { PARTY_FORMATIONS, PARTY_ORG_KINDS } from './org.constants.js';
import {
  COMMITTEE_SEATS,
  MEMBER_RELATIONS,
  MEMBER_STAGES,
  MEMBER_STATUSES,
  PARTY_EVENT_KINDS,
  PARTY_GRADES,
  POST_ROLES,
  POST_SOURCES,
} from './party.constants.js';

/** Requests and replies of the party module (党务). The web imports these types with `import type` only. */
const Id = z.string().min(1).max(60);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Version = z.number().int().min(1);
const Name = z.string().trim().min(2).max(60);

// ───────────── organisation management ─────────────

export const CreateBranchBody = z.object({
  /** standalone: one compound (新小区单独建); joint: several small compounds of one community (小小区联合建). */
  formation: z.enum(['standalone', 'joint']),
  compoundIds: z.array(Id).min(1).max(20),
  name: Name.optional(),
  foundedOn: Day.optional(),
});
export type CreateBranchBody = z.infer<typeof CreateBranchBody>;

/** 老小区挂靠建 / 改挂: a compound joins a neighbouring branch; `move` takes it from the branch it is in. */
export const AttachCompoundBody = z.object({ compoundId: Id, move: z.boolean().default(false), version: Version });
export const SplitBranchBody = z.object({
  compoundIds: z.array(Id).min(1).max(20),
  name: Name.optional(),
  version: Version,
});
export const MergeBranchBody = z.object({ intoId: Id, version: Version, intoVersion: Version });
export const UpgradeBody = z.object({ grade: z.enum(PARTY_GRADES), on: Day.optional(), version: Version });
export const CreateGroupBody = z.object({ buildingId: Id, name: Name.optional() });
export const CentralHouseholdBody = z.object({
  memberId: Id,
  servedHouseholdIds: z.array(Id).max(60).default([]),
  on: Day.optional(),
});
export const StationBranchBody = z.object({
  stationId: Id,
  name: Name.optional(),
  /** 党建指导员, sent by the street. */
  instructorName: z.string().trim().min(2).max(30),
  foundedOn: Day.optional(),
});

export const PartyOrgDetailDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PARTY_ORG_KINDS),
  name: z.string(),
  formation: z.enum(PARTY_FORMATIONS).nullable(),
  grade: z.enum(PARTY_GRADES).nullable(),
  status: z.enum(['active', 'dissolved']),
  stationId: z.string().nullable(),
  instructorName: z.string().nullable(),
  compoundIds: z.array(z.string()),
  version: z.number().int(),
});
export type PartyOrgDetail = z.infer<typeof PartyOrgDetailDto>;

export const PartyEventDto = z.object({
  id: z.string(),
  kind: z.enum(PARTY_EVENT_KINDS),
  happenedOn: z.string(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type PartyEvent = z.infer<typeof PartyEventDto>;

export const CentralHouseholdDto = z.object({
  id: z.string(),
  householdId: z.string(),
  address: z.string(),
  memberName: z.string(),
  designatedOn: z.string(),
  served: z.array(z.object({ id: z.string(), address: z.string() })),
});
export type CentralHousehold = z.infer<typeof CentralHouseholdDto>;

// ───────────── posts: secretaries and committee members ─────────────

export const AssignPostBody = z.object({
  /** The resident; they must have a member record (a full member) in the registry. */
  personId: Id,
  role: z.enum(POST_ROLES),
  source: z.enum(POST_SOURCES),
  fullTime: z.boolean().default(false),
  sourceUnit: z.string().trim().min(2).max(80).optional(),
  termStart: Day,
  termEnd: Day.optional(),
  hasPartyCivilExperience: z.boolean().default(false),
  isSeniorResearcher: z.boolean().default(false),
  committeeSeat: z.enum(COMMITTEE_SEATS).nullable().default(null),
  version: Version,
});
export type AssignPostBody = z.infer<typeof AssignPostBody>;
export const EndPostBody = z.object({ endedOn: Day.optional(), version: Version });

export const PostDto = z.object({
  id: z.string(),
  partyOrgId: z.string(),
  memberId: z.string(),
  name: z.string(),
  age: z.number().int().nullable(),
  role: z.enum(POST_ROLES),
  source: z.enum(POST_SOURCES),
  fullTime: z.boolean(),
  sourceUnit: z.string().nullable(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  hasPartyCivilExperience: z.boolean(),
  isSeniorResearcher: z.boolean(),
  committeeSeat: z.enum(COMMITTEE_SEATS).nullable(),
  status: z.enum(['active', 'ended']),
  version: z.number().int(),
});
export type Post = z.infer<typeof PostDto>;

export const VacancyDto = z.object({
  partyOrgId: z.string(),
  name: z.string(),
  kind: z.enum(PARTY_ORG_KINDS),
  communityName: z.string().nullable(),
  compounds: z.number().int(),
});
export const CrossServingDto = z.object({
  compoundId: z.string(),
  compoundName: z.string(),
  branchName: z.string(),
  ownersCommittee: z.string().nullable(),
  crossServing: z.number().int(),
  names: z.array(z.string()),
});
export const ScopeQuery = z.object({
  unitId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ───────────── members ─────────────

export const RegisterMemberBody = z.object({
  personId: Id,
  partyOrgId: Id,
  relation: z.enum(MEMBER_RELATIONS).default('organisational'),
  /** A new applicant starts at 'applicant'; an existing member is registered at 'probationary' or 'full'. */
  stage: z.enum(MEMBER_STAGES).default('applicant'),
  appliedOn: Day.optional(),
  probationaryOn: Day.optional(),
  fullOn: Day.optional(),
});
export type RegisterMemberBody = z.infer<typeof RegisterMemberBody>;

export const AdvanceMemberBody = z.object({
  stage: z.enum(['activist', 'candidate', 'probationary', 'full']),
  on: Day,
  /** 入党介绍人 (two full members) when admitting a probationary member. */
  introducerIds: z.array(Id).max(2).default([]),
  /** 培养联系人 when listing an activist. */
  contactIds: z.array(Id).max(2).default([]),
  version: Version,
});
export type AdvanceMemberBody = z.infer<typeof AdvanceMemberBody>;

/** 介绍信编号: the number on the organisational-relation letter. */
const LetterNo = z.string().trim().min(1).max(40);
const ExternalOrg = z.string().trim().min(2).max(80);

export const TransferBody = z.object({
  direction: z.enum(['out', 'in']),
  /** The receiving branch in the district (out), or the branch the member comes into (in). */
  toOrgId: Id.optional(),
  externalOrg: ExternalOrg.optional(),
  letterNo: LetterNo.optional(),
  on: Day,
  note: z.string().max(300).optional(),
  version: Version,
});

/**
 * 组织关系转入 into a branch: from outside the district (`external`: the organisation it comes from and the
 * letter's number; the member is registered, or a record transferred out earlier comes back) or from another
 * branch of the district (`district`: the resident's active record moves).
 */
export const TransferInBody = z.object({
  source: z.enum(['external', 'district']),
  personId: Id,
  partyOrgId: Id,
  /** external only: the member's stage and dates, as on the letter. */
  stage: z.enum(['probationary', 'full']).default('full'),
  probationaryOn: Day.optional(),
  fullOn: Day.optional(),
  externalOrg: ExternalOrg.optional(),
  letterNo: LetterNo.optional(),
  on: Day,
  note: z.string().max(300).optional(),
});
export type TransferInBody = z.infer<typeof TransferInBody>;

export const ListMembersQuery = z.object({
  partyOrgId: Id.optional(),
  stage: z.enum(MEMBER_STAGES).optional(),
  relation: z.enum(MEMBER_RELATIONS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const MemberDto = z.object({
  id: z.string(),
  personId: z.string(),
  /** The registry's name (a protected person shows the registry's placeholder). */
  name: z.string(),
  gender: z.enum(['M', 'F']),
  age: z.number().int().nullable(),
  /** Masked as in the resident registry: never the full number. */
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  relation: z.enum(MEMBER_RELATIONS),
  stage: z.enum(MEMBER_STAGES),
  status: z.enum(MEMBER_STATUSES),
  appliedOn: z.string().nullable(),
  activistOn: z.string().nullable(),
  candidateOn: z.string().nullable(),
  probationaryOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  introducerIds: z.array(z.string()),
  /** The earliest day the next step may be taken, by the rules (null when nothing is waiting). */
  nextEarliest: z.string().nullable(),
  version: z.number().int(),
});
export type Member = z.infer<typeof MemberDto>;
export const MemberListDto = z.object({ items: z.array(MemberDto), total: z.number().int() });

// ───────────── the district's party-building dashboard ─────────────

export const DashboardRowDto = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.string(),
  branches: z.number().int(),
  standalone: z.number().int(),
  attached: z.number().int(),
  joint: z.number().int(),
  stationBranches: z.number().int(),
  secretaries: z.number().int(),
  secretaryCoverage: z.number(),
  vacancies: z.number().int(),
  elected: z.number().int(),
  secondedCity: z.number().int(),
  secondedDistrict: z.number().int(),
  secondedFullTime: z.number().int(),
  secondedWithExperience: z.number().int(),
  secondedSeniorOrYoung: z.number().int(),
  upgradedOrgs: z.number().int(),
  crossServingCompounds: z.number().int(),
  applicants: z.number().int(),
  activists: z.number().int(),
  candidates: z.number().int(),
  probationary: z.number().int(),
  full: z.number().int(),
  reported: z.number().int(),
  /** 党建示范点 designated by this year and not revoked */
  demonstrationSites: z.number().int(),
  /** 六大工程 progress entries of this year reported by or touching the unit */
  programmeEntries: z.number().int(),
});
export type DashboardRow = z.infer<typeof DashboardRowDto>;
export const DashboardDto = z.object({
  total: DashboardRowDto,
  rows: z.array(DashboardRowDto),
  /** shares of the seconded cadres (区、市选派): with party-building/civil-affairs experience; senior researchers or under 35 */
  experienceShare: z.number(),
  seniorOrYoungShare: z.number(),
  /** the year of the site and programme figures (Beijing time) */
  year: z.number().int(),
});
export type PartyDashboard = z.infer<typeof DashboardDto>;
