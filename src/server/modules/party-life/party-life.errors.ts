import { defineErrors } from '../../lib/errors.js';

/** Errors of 组织生活 (branch life). */
export const E = defineErrors('party-life', {
  NOT_A_BRANCH: {
    kind: 'bad_request',
    zh: '组织生活按党支部开展：请选择一个小区党支部或驿站党支部。',
    en: 'Branch life is kept per branch: choose a compound or station branch.',
  },
  BRANCH_DISSOLVED: {
    kind: 'conflict',
    zh: '该党支部已撤销，不能再安排组织生活。',
    en: 'This branch has been dissolved; no more activities can be scheduled for it.',
  },
  ACTIVITY_NOT_FOUND: { kind: 'not_found', zh: '找不到该组织生活。', en: 'This activity cannot be found.' },
  ACTIVITY_CHANGED: {
    kind: 'conflict',
    zh: '该组织生活已被他人修改，请刷新后重试。',
    en: 'This activity was changed by someone else; reload and try again.',
  },
  ACTIVITY_CANCELLED: {
    kind: 'conflict',
    zh: '该组织生活已取消，不能签到或登记出勤。',
    en: 'This activity was cancelled; no attendance can be recorded.',
  },
  ACTIVITY_ALREADY_HELD: {
    kind: 'conflict',
    zh: '该组织生活已召开（已有签到或记录），不能取消。',
    en: 'This activity has been held (attendance or minutes recorded) and cannot be cancelled.',
  },
  MEMBER_NOT_OF_BRANCH: {
    kind: 'bad_request',
    zh: '“{name}”不是该党支部的在册党员，不能列入本次组织生活。',
    en: '"{name}" is not an active member of this branch and cannot attend this activity.',
  },
  NO_MEMBERS: {
    kind: 'bad_request',
    zh: '该党支部还没有在册党员，请先登记党员再安排组织生活。',
    en: 'This branch has no active members yet; register members before scheduling activities.',
  },
  LEAVE_REASON_REQUIRED: {
    kind: 'bad_request',
    zh: '请假须填写请假事由（“{name}”）。',
    en: 'A leave needs its reason ("{name}").',
  },
  NOT_YET_STARTED: {
    kind: 'bad_request',
    zh: '活动尚未开始，不能登记出勤（签到二维码自开始前 1 小时起有效）。',
    en: 'The activity has not started yet; attendance opens an hour before the start.',
  },
  QR_INVALID: {
    kind: 'bad_request',
    zh: '签到二维码无效，请扫描支部现场出示的二维码。',
    en: 'This check-in code is not valid; scan the code shown at the meeting.',
  },
  QR_EXPIRED: {
    kind: 'bad_request',
    zh: '签到二维码已过期（活动结束 2 小时后失效），请联系支部书记补登。',
    en: 'This check-in code has expired (2 hours after the end); ask the secretary to record you.',
  },
  QR_TOO_EARLY: {
    kind: 'bad_request',
    zh: '签到尚未开始：活动开始前 1 小时起可以扫码签到。',
    en: 'Check-in opens an hour before the activity starts.',
  },
  NOT_A_PARTY_MEMBER: {
    kind: 'forbidden',
    zh: '您的账号没有关联该党支部的党员档案，不能签到；如有误请联系支部书记。',
    en: 'Your account is not linked to a member of this branch; ask the branch secretary.',
  },
  ALREADY_CHECKED_IN: { kind: 'conflict', zh: '您已签到。', en: 'You have already checked in.' },
  SETTINGS_CHANGED: {
    kind: 'conflict',
    zh: '组织生活设置已被他人修改，请刷新后重试。',
    en: 'The branch-life settings were changed by someone else; reload and try again.',
  },
  DUPLICATE_KEY: {
    kind: 'bad_request',
    zh: '编码“{key}”重复：每一项须有自己的编码。',
    en: 'Key "{key}" is used twice: each item needs its own key.',
  },
  SYSTEM_ITEM_REMOVED: {
    kind: 'bad_request',
    zh: '工作制度“{name}”不能删除（已有支部的落实材料按它登记），如不再使用请停用。',
    en: 'The working system "{name}" cannot be removed (branches keep their evidence under it); disable it instead.',
  },
  NO_SYSTEM_ENABLED: {
    kind: 'bad_request',
    zh: '至少须启用一项工作制度。',
    en: 'At least one working system must stay enabled.',
  },
  SYSTEM_ITEM_DISABLED: {
    kind: 'conflict',
    zh: '工作制度“{name}”已停用，不再登记或审核落实材料。',
    en: 'The working system "{name}" is disabled; no more evidence is submitted or reviewed for it.',
  },
  SYSTEM_ITEM_UNKNOWN: {
    kind: 'not_found',
    zh: '没有编码为“{key}”的工作制度（见组织生活设置）。',
    en: 'There is no working system with key "{key}" (see the settings).',
  },
  CHECK_NOT_SUBMITTED: {
    kind: 'conflict',
    zh: '该项制度还没有提交落实材料，不能审核。',
    en: 'No evidence has been submitted for this system yet; nothing to review.',
  },
  CHECK_CHANGED: {
    kind: 'conflict',
    zh: '该项落实材料已被他人修改，请刷新后重试。',
    en: 'This checklist item was changed by someone else; reload and try again.',
  },
  CHECK_APPROVED: {
    kind: 'conflict',
    zh: '该项已审核通过，不能再修改材料。',
    en: 'This item has been approved; its evidence can no longer be changed.',
  },
  SCORE_ITEM_UNKNOWN: {
    kind: 'bad_request',
    zh: '考核项“{key}”不在本年度考核评议的项目中。',
    en: 'Item "{key}" is not one of the assessment items.',
  },
  SCORE_MISSING: { kind: 'bad_request', zh: '考核项“{name}”未打分。', en: 'Item "{name}" has no score.' },
  SCORE_OVER_MAX: {
    kind: 'bad_request',
    zh: '考核项“{name}”最高 {max} 分，不能打 {score} 分。',
    en: 'Item "{name}" scores at most {max}, not {score}.',
  },
  NO_SECRETARY: {
    kind: 'conflict',
    zh: '该党支部目前没有书记，不能评议书记。',
    en: 'This branch has no secretary at present; there is nobody to assess.',
  },
});
