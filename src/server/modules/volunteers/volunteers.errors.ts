import { defineErrors } from '../../lib/errors.js';

/** Every code the volunteers module (志愿服务, 双报到, 积分) throws, with what people read in Chinese and English. */
export const E = defineErrors('volunteers', {
  ORG_UNIT_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该组织单位，请从列表中选择。',
    en: 'That organisation unit was not found; please pick one from the list.',
  },
  PERSON_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该人员，请核对后重试。',
    en: 'That person was not found; please check and try again.',
  },
  TEAM_NOT_FOUND: { kind: 'not_found', zh: '找不到该志愿服务队。', en: 'That volunteer team was not found.' },
  STATION_NOT_FOUND: { kind: 'not_found', zh: '找不到该阵地。', en: 'That station was not found.' },
  ACTIVITY_NOT_FOUND: { kind: 'not_found', zh: '找不到该志愿活动。', en: 'That volunteer activity was not found.' },
  RECORD_NOT_FOUND: { kind: 'not_found', zh: '找不到该服务记录。', en: 'That service record was not found.' },
  COMPOUND_NOT_FOUND: { kind: 'not_found', zh: '找不到该小区。', en: 'That compound was not found.' },
  TASK_NOT_FOUND: { kind: 'not_found', zh: '找不到该任务。', en: 'That task was not found.' },
  ORDER_NOT_FOUND: { kind: 'not_found', zh: '找不到该工单。', en: 'That work order was not found.' },
  ITEM_NOT_FOUND: { kind: 'not_found', zh: '找不到该兑换物品。', en: 'That item was not found.' },
  TEAM_MEMBER_EXISTS: {
    kind: 'conflict',
    zh: '此人已是该服务队队员。',
    en: 'This person is already a member of the team.',
  },
  ACTIVITY_WINDOW_INVALID: {
    kind: 'bad_request',
    zh: '结束时间须晚于开始时间。',
    en: 'The end time must be after the start time.',
  },
  ACTIVITY_TOO_LONG: {
    kind: 'bad_request',
    zh: '单场活动不能超过 24 小时，多日活动请分场发布。',
    en: 'An activity cannot last more than 24 hours; publish a multi-day activity as separate sessions.',
  },
  ACTIVITY_CLOSED: {
    kind: 'conflict',
    zh: '该活动已结束或已取消，不能再报名。',
    en: 'This activity has ended or was cancelled; sign-up is closed.',
  },
  ACTIVITY_FULL: {
    kind: 'conflict',
    zh: '该活动报名人数已满，请关注其他活动。',
    en: 'This activity is fully booked; please look at other activities.',
  },
  ALREADY_SIGNED_UP: { kind: 'conflict', zh: '您已报名该活动。', en: 'You have already signed up for this activity.' },
  QR_INVALID: {
    kind: 'bad_request',
    zh: '签到码无效，请重新扫描活动现场的二维码。',
    en: 'This check-in code is not valid; please scan the QR code at the activity again.',
  },
  QR_EXPIRED: {
    kind: 'bad_request',
    zh: '签到码已过期，请联系活动负责人。',
    en: 'This check-in code has expired; please contact the activity organiser.',
  },
  QR_TOO_EARLY: {
    kind: 'bad_request',
    zh: '活动开始前 1 小时起才能签到。',
    en: 'Check-in opens 1 hour before the activity starts.',
  },
  ALREADY_CHECKED_IN: {
    kind: 'conflict',
    zh: '您已签到过该活动。',
    en: 'You have already checked in to this activity.',
  },
  NOT_CHECKED_IN: {
    kind: 'conflict',
    zh: '您还没有签到，请先扫描签到码。',
    en: 'You have not checked in yet; please scan the check-in code first.',
  },
  SELF_CONFIRM_FORBIDDEN: {
    kind: 'forbidden',
    zh: '不能确认自己的服务时长，请由其他负责人确认。',
    en: 'You cannot confirm your own service hours; another supervisor must confirm them.',
  },
  RECORD_ALREADY_DECIDED: {
    kind: 'conflict',
    zh: '该服务记录已确认或已驳回。',
    en: 'This service record has already been confirmed or rejected.',
  },
  COMPOUND_REQUIRED: {
    kind: 'bad_request',
    zh: '任务须发布到具体小区。',
    en: 'A task must be published to a specific compound.',
  },
  TASK_TAKEN: {
    kind: 'conflict',
    zh: '该任务已被认领，请选择其他任务。',
    en: 'This task has already been claimed; please choose another one.',
  },
  ORDER_NOT_CLAIMABLE: {
    kind: 'conflict',
    zh: '只有已接单、正在办理的工单可以认领协办。',
    en: 'Only accepted work orders that are being handled can be claimed for help.',
  },
  ORDER_ALREADY_CLAIMED: {
    kind: 'conflict',
    zh: '该工单已有人认领协办。',
    en: 'Someone has already claimed this work order for help.',
  },
  TASK_NOT_YOURS: {
    kind: 'forbidden',
    zh: '只能完成自己认领的任务。',
    en: 'You can only complete tasks you claimed yourself.',
  },
  TASK_STATE_INVALID: {
    kind: 'conflict',
    zh: '该任务已提交或已确认。',
    en: 'This task has already been submitted or confirmed.',
  },
  REPORT_KIND_MISMATCH: {
    kind: 'bad_request',
    zh: '此人未登记为在职党员（含工作单位），请先在人口信息中添加标签。',
    en: 'This person is not registered as an in-service party member (with a work unit); add the tag in their resident record first.',
  },
  ASSESSMENT_DUPLICATE_ITEM: {
    kind: 'bad_request',
    zh: '考核指标不能重复。',
    en: 'Each assessment item may appear only once.',
  },
  ASSESSMENT_GRADES_INVALID: {
    kind: 'bad_request',
    zh: '等次分数线须满足：优秀 > 良好 > 合格。',
    en: 'The grade thresholds must satisfy: excellent > good > pass.',
  },
  ASSESSMENT_UNREACHABLE: {
    kind: 'bad_request',
    zh: '各项满分合计 {total} 分，低于优秀分数线 {excellent}，请调整。',
    en: 'The items add up to at most {total} points, below the excellent threshold of {excellent}; please adjust.',
  },
  VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '考核规则已被他人修改，请刷新后再保存。',
    en: 'Someone else changed the assessment rules; please refresh and save again.',
  },
  STATION_NOT_SERVING: {
    kind: 'forbidden',
    zh: '“{station}”不服务该居民所在的社区，不能在此兑换积分；请居民到本社区（或所在街道）的阵地兑换。',
    en: '“{station}” does not serve this resident’s community, so points cannot be redeemed here; the resident should redeem them at a station of their own community (or street).',
  },
  PRESENCE_CODE_BUSY: {
    kind: 'conflict',
    zh: '暂时无法生成到场码，请稍后再试。',
    en: 'A presence code cannot be made right now; please try again shortly.',
  },
  PRESENCE_ATTEMPTS_EXCEEDED: {
    kind: 'rate_limited',
    zh: '到场码或卡号已连续输错 {max} 次，请 {minutes} 分钟后再试；请居民在“我的志愿服务”重新生成到场码。',
    en: 'A wrong presence code or card number was entered {max} times; try again in {minutes} minutes, and ask the resident to make a new code in “My volunteering”.',
  },
  PRESENCE_CODE_INVALID: {
    kind: 'bad_request',
    zh: '到场码无效、已过期或已使用：请居民在“我的志愿服务”重新生成到场码后再试。',
    en: 'The presence code is not valid, has expired or was already used: ask the resident to make a new one in “My volunteering” and try again.',
  },
  PRESENCE_REQUIRED: {
    kind: 'bad_request',
    zh: '请输入居民出示的到场码（6 位数字或扫码），或其积分卡号；积分只能在本人在场时兑换。',
    en: 'Enter the presence code the resident shows (6 digits or its QR) or their points card number; points are redeemed only with the resident there.',
  },
  OUT_OF_STOCK: {
    kind: 'conflict',
    zh: '“{item}”库存不足（剩余 {stock} 件）。',
    en: 'Not enough “{item}” in stock ({stock} left).',
  },
  POINTS_INSUFFICIENT: {
    kind: 'conflict',
    zh: '积分不足：需要 {cost} 分，当前余额 {balance} 分。',
    en: 'Not enough points: {cost} needed, the balance is {balance}.',
  },
});

/**
 * The same codes where another step says it in its own words (same code and status, the message people
 * saw there before): the scan at the activity, the report to a compound, the card at the counter.
 */
export const AtScan = defineErrors('volunteers.scan', {
  ACTIVITY_CLOSED: { kind: 'conflict', zh: '该活动已取消。', en: 'This activity was cancelled.' },
  ACTIVITY_FULL: { kind: 'conflict', zh: '该活动人数已满。', en: 'This activity is full.' },
});
export const AtReport = defineErrors('volunteers.reporting', {
  ORG_UNIT_NOT_FOUND: { kind: 'not_found', zh: '找不到该组织单位。', en: 'That organisation unit was not found.' },
  PERSON_NOT_FOUND: { kind: 'not_found', zh: '找不到该人员。', en: 'That person was not found.' },
  COMPOUND_REQUIRED: {
    kind: 'bad_request',
    zh: '只能向小区报到，请选择具体小区。',
    en: 'Members report to a compound; please choose a specific compound.',
  },
});
export const ForRider = defineErrors('volunteers.rider', {
  REPORT_KIND_MISMATCH: {
    kind: 'bad_request',
    zh: '此人未登记为快递外卖小哥，请先在人口信息中添加标签。',
    en: 'This person is not registered as a delivery rider; add the tag in their resident record first.',
  },
});
export const ForCard = defineErrors('volunteers.card', {
  PRESENCE_CODE_INVALID: {
    kind: 'bad_request',
    zh: '积分卡号无效或已挂失：请核对卡号，或请居民出示到场码。',
    en: 'The points card number is not valid or the card was reported lost: check the number, or ask for a presence code.',
  },
});
