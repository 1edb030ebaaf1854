import { defineErrors } from '../../lib/errors.js';

/** Every error the monthly assessment, appeals (申诉/核减) and callbacks (回访) answer with. */
export const E = defineErrors('assessment', {
  UNIT_NOT_FOUND: { kind: 'not_found', zh: '找不到该考核单位。', en: 'Assessed unit not found.' },
  ORDER_NOT_FOUND: { kind: 'not_found', zh: '找不到该工单。', en: 'Work order not found.' },
  MONTH_IN_FUTURE: {
    kind: 'bad_request',
    zh: '不能考核尚未开始的月份。',
    en: 'A month that has not begun cannot be assessed.',
  },
  SETTINGS_CONFLICT: {
    kind: 'conflict',
    zh: '考核设置已被他人修改，请刷新后重试。',
    en: 'The assessment settings were changed by someone else; reload and try again.',
  },
  WEIGHTS_SUM: {
    kind: 'bad_request',
    zh: '六项权重之和须为 100，现为 {sum}。',
    en: 'The six weights must add up to 100; they add up to {sum}.',
  },
  WEIGHTS_EMPTY: {
    kind: 'bad_request',
    zh: '至少一项指标的权重须大于 0。',
    en: 'At least one rate needs a weight above 0.',
  },
  APPEAL_NOT_FOUND: { kind: 'not_found', zh: '找不到该申诉。', en: 'Appeal not found.' },
  APPEAL_ORDER_NOT_CLOSED: {
    kind: 'conflict',
    zh: '只能对已办结的工单申诉。',
    en: 'Only a closed work order can be appealed.',
  },
  APPEAL_DEADLINE_PASSED: {
    kind: 'conflict',
    zh: '申诉期已过：须在办结后 {days} 个工作日内（{deadline} 前）提出。',
    en: 'The appeal period is over: appeals must be filed within {days} working days of closing (by {deadline}).',
  },
  APPEAL_NOT_YOUR_UNIT: {
    kind: 'forbidden',
    zh: '只能为本单位申诉。',
    en: 'You can only appeal on behalf of your own unit.',
  },
  APPEAL_UNIT_NOT_INVOLVED: {
    kind: 'bad_request',
    zh: '该工单不计入该单位的考核，无需申诉。',
    en: 'This work order does not count for this unit, so there is nothing to appeal.',
  },
  APPEAL_EXISTS: {
    kind: 'conflict',
    zh: '该单位已就此工单提出申诉（待审核或已核减）。',
    en: 'This unit has already appealed this work order (pending or approved).',
  },
  APPEAL_DECIDED: { kind: 'conflict', zh: '该申诉已审核。', en: 'This appeal has already been decided.' },
  APPEAL_CONFLICT: {
    kind: 'conflict',
    zh: '该申诉已被他人修改，请刷新后重试。',
    en: 'This appeal was changed by someone else; reload and try again.',
  },
  APPEAL_REVIEW_FORBIDDEN: {
    kind: 'forbidden',
    zh: '您不是该申诉的审核人（审核人由区级考核设置指定，且不能审核本单位的申诉）。',
    en: 'You are not a reviewer of this appeal (the district settings name the reviewers, who may not decide their own unit’s appeals).',
  },
  CALLBACK_NOT_NEEDED: {
    kind: 'conflict',
    zh: '该工单无需回访（未办结，或已完成回访）。',
    en: 'This work order needs no callback (not closed, or already called back).',
  },
  CALLBACK_RESOLVED_REQUIRED: {
    kind: 'bad_request',
    zh: '联系上诉求人时须记录问题是否解决。',
    en: 'When the caller is reached, record whether the problem is solved.',
  },
  // ── topics ──
  TOPIC_NOT_FOUND: { kind: 'not_found', zh: '找不到该治理课题。', en: 'Governance topic not found.' },
  TOPIC_ACTION_NOT_FOUND: { kind: 'not_found', zh: '找不到该课题措施。', en: 'Topic action not found.' },
  TOPIC_CONFLICT: {
    kind: 'conflict',
    zh: '该治理课题已被他人修改，请刷新后重试。',
    en: 'This governance topic was changed by someone else; reload and try again.',
  },
  TOPIC_EXISTS: {
    kind: 'conflict',
    zh: '该问题已立为治理课题。',
    en: 'This problem is already a governance topic.',
  },
  TOPIC_CATEGORY_UNKNOWN: { kind: 'bad_request', zh: '诉求类别不存在。', en: 'Unknown request category.' },
  TOPIC_PILOT_UNKNOWN: {
    kind: 'bad_request',
    zh: '试点小区须是本区的小区。',
    en: 'Pilot compounds must be compounds of this district.',
  },
  TOPIC_CLOSED: { kind: 'conflict', zh: '该治理课题已结题。', en: 'This governance topic is closed.' },
});
