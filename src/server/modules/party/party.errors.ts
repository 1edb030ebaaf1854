import { defineErrors } from '../../lib/errors.js';

/** Errors of the party-organisation module. */
export const partyErrors = defineErrors('party', {
  PARTY_ORG_NOT_FOUND: { kind: 'not_found', zh: '找不到该党组织。', en: 'This party organisation cannot be found.' },
  PARTY_ORG_CHANGED: {
    kind: 'conflict',
    zh: '该党组织已被他人修改，请刷新后重试。',
    en: 'This party organisation was changed by someone else; reload and try again.',
  },
  PARTY_ORG_DISSOLVED: {
    kind: 'conflict',
    zh: '该党组织已撤销（合并或拆分后），不能再调整。',
    en: 'This party organisation has been dissolved (merged or split) and cannot be changed.',
  },
  NOT_A_BRANCH: {
    kind: 'bad_request',
    zh: '只有小区党支部可以做这项调整。',
    en: 'Only a compound party branch can be changed this way.',
  },
  NOT_A_COMMUNITY_ORG: {
    kind: 'bad_request',
    zh: '只有社区党组织可以升级为党总支或党委。',
    en: 'Only a community party organisation can be upgraded to a general branch or a committee.',
  },
  GRADE_NOT_HIGHER: {
    kind: 'conflict',
    zh: '该社区党组织已是“{grade}”，只能向更高一级升级（党支部 → 党总支 → 党委）。',
    en: 'This community organisation is already "{grade}"; it can only be upgraded (branch → general branch → committee).',
  },
  COMPOUND_NOT_FOUND: { kind: 'not_found', zh: '找不到小区 {id}。', en: 'Compound {id} cannot be found.' },
  COMPOUND_IN_OTHER_BRANCH: {
    kind: 'conflict',
    zh: '小区“{compound}”已属于“{branch}”，一个小区只能属于一个党支部；如需改挂，请用“改挂”操作。',
    en: 'Compound "{compound}" already belongs to "{branch}"; a compound belongs to one branch only — use "re-attach" to move it.',
  },
  COMPOUNDS_OF_ONE_COMMUNITY: {
    kind: 'bad_request',
    zh: '联合建的小区须属于同一社区。',
    en: 'The compounds of a joint branch must lie in the same community.',
  },
  FORMATION_COMPOUND_COUNT: {
    kind: 'bad_request',
    zh: '单独建只能覆盖一个小区，联合建至少覆盖两个小区。',
    en: 'A standalone branch covers exactly one compound; a joint branch covers at least two.',
  },
  SPLIT_LEAVES_NOTHING: {
    kind: 'bad_request',
    zh: '拆分须在原支部保留至少一个小区，且拆出的小区须属于该支部。',
    en: 'A split must leave the branch at least one compound, and the compounds split off must belong to it.',
  },
  MERGE_SAME_BRANCH: {
    kind: 'bad_request',
    zh: '不能把党支部合并到它自己。',
    en: 'A branch cannot be merged into itself.',
  },
  MERGE_OTHER_COMMUNITY: {
    kind: 'bad_request',
    zh: '只能合并同一社区党组织下的党支部。',
    en: 'Only branches under the same community organisation can be merged.',
  },
  BUILDING_NOT_IN_BRANCH: {
    kind: 'bad_request',
    zh: '该楼栋不在本支部覆盖的小区内。',
    en: 'This building is not in a compound the branch covers.',
  },
  BUILDING_HAS_GROUP: {
    kind: 'conflict',
    zh: '该楼栋已有党小组。',
    en: 'This building already has a party group.',
  },
  HOUSEHOLD_NOT_IN_ORG: {
    kind: 'bad_request',
    zh: '户 {id} 不在该党组织覆盖的范围内。',
    en: 'Household {id} is not within the area this party organisation covers.',
  },
  HOUSEHOLD_ALREADY_SERVED: {
    kind: 'conflict',
    zh: '户 {id} 已由其他党员中心户联系。',
    en: 'Household {id} is already served by another central household.',
  },
  CENTRAL_HOUSEHOLD_EXISTS: {
    kind: 'conflict',
    zh: '该户已是党员中心户。',
    en: 'This household is already a party-member central household.',
  },
  CENTRAL_MEMBER_NOT_IN_HOUSEHOLD: {
    kind: 'bad_request',
    zh: '党员中心户须是该党员本人的家庭。',
    en: 'A central household must be the party member’s own household.',
  },
  STATION_NOT_FOUND: { kind: 'not_found', zh: '找不到该阵地。', en: 'This station cannot be found.' },
  STATION_HAS_BRANCH: {
    kind: 'conflict',
    zh: '该阵地已成立党支部。',
    en: 'This station already has a party branch.',
  },
  MEMBER_NOT_FOUND: { kind: 'not_found', zh: '找不到该党员档案。', en: 'This party member record cannot be found.' },
  MEMBER_CHANGED: {
    kind: 'conflict',
    zh: '该党员档案已被他人修改，请刷新后重试。',
    en: 'This party member record was changed by someone else; reload and try again.',
  },
  PERSON_NOT_FOUND: { kind: 'not_found', zh: '找不到该居民。', en: 'This resident cannot be found.' },
  PERSON_ALREADY_MEMBER: {
    kind: 'conflict',
    zh: '该居民已有党员档案（含入党申请人）。',
    en: 'This resident already has a party record (applicants included).',
  },
  APPLICANT_TOO_YOUNG: {
    kind: 'bad_request',
    zh: '申请入党须年满十八岁（《发展党员工作细则》第四条）。',
    en: 'Applicants must be at least 18 (Rules on Recruiting Party Members, art. 4).',
  },
  STAGE_NOT_NEXT: {
    kind: 'conflict',
    zh: '发展环节须依次进行：当前为“{current}”，下一步只能是“{next}”。',
    en: 'The pipeline goes step by step: the member is at "{current}", the next step can only be "{next}".',
  },
  STAGE_TOO_EARLY: {
    kind: 'bad_request',
    zh: '{rule}：最早可在 {earliest} 进行这一步。',
    en: '{ruleEn}: this step can be taken on {earliest} at the earliest.',
  },
  STAGE_DATE_BEFORE: {
    kind: 'bad_request',
    zh: '日期不能早于上一环节的日期（{previous}），也不能晚于今天。',
    en: 'The date cannot be before the previous step ({previous}) or after today.',
  },
  INTRODUCERS_REQUIRED: {
    kind: 'bad_request',
    zh: '接收预备党员须有两名正式党员作入党介绍人（《发展党员工作细则》第十六条）。',
    en: 'Admission needs two full party members as introducers (Rules on Recruiting Party Members, art. 16).',
  },
  MEMBER_NOT_ACTIVE: {
    kind: 'conflict',
    zh: '该党员的组织关系已转出。',
    en: 'This member’s organisational relation has been transferred out.',
  },
  TRANSFER_TARGET_REQUIRED: {
    kind: 'bad_request',
    zh: '请选择转入的党支部，或填写区外接收单位。',
    en: 'Choose the receiving branch, or name the receiving organisation outside the district.',
  },
  MEMBER_DATES_REQUIRED: {
    kind: 'bad_request',
    zh: '登记已有党员须填写日期：预备党员填写接收为预备党员的日期，正式党员填写转正日期。',
    en: 'An existing member needs the dates: admission as a probationary member, or admission as a full member.',
  },
  MEMBER_DATES_INVALID: {
    kind: 'bad_request',
    zh: '日期须依次排列（申请入党 ≤ 接收预备党员 ≤ 转正），且不能晚于今天。',
    en: 'The dates must follow each other (application ≤ probation ≤ full membership) and cannot be after today.',
  },
  MEMBER_IN_OTHER_BRANCH: {
    kind: 'conflict',
    zh: '该居民已是“{branch}”的在册党员（含入党申请人），请选择“区内转接”。',
    en: 'This resident is already on the roll of "{branch}" (applicants included); choose a transfer within the district.',
  },
  TRANSFER_NOT_IN_DISTRICT: {
    kind: 'bad_request',
    zh: '该居民在本区没有在册的党员档案，请选择“从区外转入”。',
    en: 'This resident has no active party record in the district; choose a transfer from outside the district.',
  },
  TRANSFER_SAME_BRANCH: {
    kind: 'conflict',
    zh: '该党员的组织关系已在“{branch}”。',
    en: 'This member’s organisational relation is already with "{branch}".',
  },
  TRANSFER_LETTER_REQUIRED: {
    kind: 'bad_request',
    zh: '从区外转入须填写原所在党组织和介绍信编号。',
    en: 'A transfer from outside the district needs the organisation it comes from and the letter number.',
  },
  SECRETARY_NOT_MEMBER: {
    kind: 'bad_request',
    zh: '书记和委员须有党员档案：请先在党员名册中登记该人员。',
    en: 'A secretary or committee member needs a party member record: register the person first.',
  },
  POST_HOLDER_NOT_FULL: {
    kind: 'bad_request',
    zh: '书记和委员须为正式党员（预备党员没有被选举权，党章第七条）。',
    en: 'Post holders must be full members (probationary members cannot be elected, Party Constitution art. 7).',
  },
  SECONDED_UNIT_REQUIRED: {
    kind: 'bad_request',
    zh: '选派干部须填写选派单位。',
    en: 'A seconded cadre needs the seconding unit.',
  },
  SECRETARY_TAKEN: {
    kind: 'conflict',
    zh: '该党组织已有书记“{name}”，请先办理离任。',
    en: 'This organisation already has a secretary ({name}); end that post first.',
  },
  ALREADY_HOLDS_POST: {
    kind: 'conflict',
    zh: '该党员已在本组织任职。',
    en: 'This member already holds a post in this organisation.',
  },
  POST_NOT_FOUND: { kind: 'not_found', zh: '找不到该任职记录。', en: 'This post cannot be found.' },
  POST_ENDED: { kind: 'conflict', zh: '该任职已结束。', en: 'This post has already ended.' },
  UNIT_NOT_STREET_OR_COMMUNITY: {
    kind: 'bad_request',
    zh: '请选择区、街道或社区查看党建统计。',
    en: 'Choose the district, a street or a community for the party-building figures.',
  },
});

/** The actor's own unit has no party organisation yet. */
export const ownPartyErrors = defineErrors('party.own', {
  PARTY_ORG_NOT_FOUND: {
    kind: 'not_found',
    zh: '您所在的组织下还没有党组织。',
    en: 'There is no party organisation under your organisation yet.',
  },
});
