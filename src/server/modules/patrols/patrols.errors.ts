import { defineErrors } from '../../lib/errors.js';

/** Every error 网格巡查 answers with. */
export const E = defineErrors('patrols', {
  PATROL_NOT_FOUND: {
    kind: 'not_found',
    zh: '巡查记录不存在。',
    en: 'The patrol does not exist.',
  },
  PATROL_COMPOUND_INVALID: {
    kind: 'bad_request',
    zh: '巡查只能选择本网格内的小区：{id} 不是。',
    en: 'A patrol covers compounds of your own grid only: {id} is not one.',
  },
  PATROL_ALREADY_OPEN: {
    kind: 'conflict',
    zh: '您有一次巡查（{at} 开始）尚未结束，请先结束它再开始新的巡查。',
    en: 'Your patrol started at {at} is still open: finish it before starting a new one.',
  },
  PATROL_FINISHED: {
    kind: 'conflict',
    zh: '该巡查已于 {at} 结束，不能再记录发现。',
    en: 'This patrol finished at {at}; no more findings can be recorded.',
  },
  FINDING_COMPOUND_NOT_PATROLLED: {
    kind: 'bad_request',
    zh: '该小区不在本次巡查范围内。',
    en: 'This compound is not covered by this patrol.',
  },
  FINDING_BUILDING_INVALID: {
    kind: 'bad_request',
    zh: '所选楼栋不属于该小区。',
    en: 'The building chosen is not in this compound.',
  },
  FINDING_CATEGORY_UNKNOWN: {
    kind: 'bad_request',
    zh: '问题分类不存在。',
    en: 'The category does not exist.',
  },
  FINDING_RESOLUTION_REQUIRED: {
    kind: 'bad_request',
    zh: '现场已处理的发现须写明如何处理。',
    en: 'A finding resolved on the spot needs a note of how it was put right.',
  },
  FINDING_KEY_INVALID: {
    kind: 'bad_request',
    zh: 'Idempotency-Key 应为 8–100 位字母、数字、- 或 _。',
    en: 'An Idempotency-Key is 8–100 letters, digits, - or _.',
  },
  FINDING_KEY_REUSED: {
    kind: 'conflict',
    zh: '该 Idempotency-Key 已用于另一条巡查发现，请换一个。',
    en: 'This Idempotency-Key was used for another finding; use a new one.',
  },
  LEDGER_RANGE_INVALID: {
    kind: 'bad_request',
    zh: '台账的月份范围有误：起始月不能晚于结束月，且最多 {max} 个月。',
    en: 'The ledger months are wrong: the first may not follow the last, and at most {max} months are covered.',
  },
});
