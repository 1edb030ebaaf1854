/** Value lists of the party module, shared by server and web (no zod here: the web may import values). */

/** 党组织级别: a community organisation is upgraded 党支部 → 党总支 → 党委. */
export const PARTY_GRADES = ['branch', 'general_branch', 'committee'] as const;
export type PartyGrade = (typeof PARTY_GRADES)[number];

export const PARTY_ORG_STATUSES = ['active', 'dissolved'] as const;

/** What changed on a party organisation (its history). */
export const PARTY_EVENT_KINDS = [
  'created',
  'compound_attached',
  'compound_moved_in',
  'compound_moved_out',
  'split',
  'split_from',
  'merged_into',
  'absorbed',
  'dissolved',
  'upgraded',
  'group_created',
  'central_household',
  'post_assigned',
  'post_ended',
] as const;
export type PartyEventKind = (typeof PARTY_EVENT_KINDS)[number];

/** 书记 / 副书记 / 委员. */
export const POST_ROLES = ['secretary', 'deputy_secretary', 'committee_member'] as const;
export type PostRole = (typeof POST_ROLES)[number];

/** 本地选举产生 / 市级选派 / 区级选派. */
export const POST_SOURCES = ['elected', 'seconded_city', 'seconded_district'] as const;
export type PostSource = (typeof POST_SOURCES)[number];

/** The post holder's seat in the compound's owners' committee (双向进入、交叉任职). */
export const COMMITTEE_SEATS = ['director', 'deputy_director', 'member'] as const;
export type CommitteeSeat = (typeof COMMITTEE_SEATS)[number];

/** 组织关系在本支部 / 在职党员到小区报到（组织关系在工作单位）. */
export const MEMBER_RELATIONS = ['organisational', 'reported'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];

/** 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. */
export const MEMBER_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type MemberStage = (typeof MEMBER_STAGES)[number];

export const MEMBER_STATUSES = ['active', 'transferred_out'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const TRANSFER_DIRECTIONS = ['in', 'out'] as const;

/**
 * Minimum intervals of the development pipeline (《中国共产党发展党员工作细则》, 2014, and the Party
 * Constitution). The server checks them; the web shows them.
 */
export const PIPELINE_RULES = {
  /** 细则第四条 (党章第一条): 年满十八岁 may apply. */
  minAge: 18,
  /** 细则第十三条: 经过一年以上培养教育和考察的入党积极分子 may be listed as 发展对象. */
  activistMonths: 12,
  /** 细则第十六条 (党章第五条): 发展对象应当有两名正式党员作入党介绍人. */
  introducers: 2,
  /** 党章第七条: 预备党员的预备期为一年 (counted from the branch meeting that admits them). */
  probationMonths: 12,
} as const;
