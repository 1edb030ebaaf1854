import { defineErrors } from '../../lib/errors.js';

/** Every error 幸福餐厅 (menus, meals, deliveries, subsidy rules, settlement) answers with. */
export const E = defineErrors('canteens', {
  CANTEEN_NOT_FOUND: { kind: 'not_found', zh: '找不到该幸福餐厅。', en: 'Canteen not found.' },
  NOT_A_CANTEEN: { kind: 'bad_request', zh: '该阵地不是幸福餐厅。', en: 'This station is not a canteen.' },
  RULE_AGE_REQUIRED: {
    kind: 'bad_request',
    zh: '老年人补贴须设置起始年龄（如 60、70、80）。',
    en: 'An elderly subsidy needs a starting age (such as 60, 70 or 80).',
  },
  RULE_AGE_INVALID: {
    kind: 'bad_request',
    zh: '年龄段上限不能小于下限。',
    en: 'The upper age may not be below the lower age.',
  },
  RULE_VALUE_INVALID: { kind: 'bad_request', zh: '折扣比例不能超过 100%。', en: 'A discount cannot exceed 100%.' },
  PERSON_NOT_FOUND: { kind: 'not_found', zh: '找不到该就餐人员。', en: 'Diner not found.' },
  DINER_REQUIRED: {
    kind: 'bad_request',
    zh: '享受补贴须登记就餐人员。',
    en: 'A subsidised meal needs the diner to be registered.',
  },
  DUPLICATE_CLAIM: {
    kind: 'conflict',
    zh: '此人 {servedOn} 的{meal}已享受过补贴，不能重复申领；如需再次就餐请按原价结算。',
    en: 'This person already had a subsidised meal ({meal}) on {servedOn}: the subsidy cannot be claimed twice; charge the full price for another meal.',
  },
  DELIVERY_NOT_FOUND: { kind: 'not_found', zh: '找不到该送餐单。', en: 'Delivery order not found.' },
  DELIVERY_STATE_INVALID: {
    kind: 'conflict',
    zh: '该送餐单已送达或已取消。',
    en: 'This delivery order has already been delivered or cancelled.',
  },
  SETTLEMENT_TOO_EARLY: {
    kind: 'bad_request',
    zh: '只能结算已结束的月份。',
    en: 'Only a month that has ended can be settled.',
  },
  SETTLEMENT_EXISTS: {
    kind: 'conflict',
    zh: '{month} 已结算，不能重复结算。',
    en: '{month} has already been settled; it cannot be settled twice.',
  },
  SETTLEMENT_DUPLICATES: {
    kind: 'conflict',
    zh: '发现 {count} 条重复申领补贴，请核实后再结算。',
    en: 'Duplicate subsidy claims found: {count}. Check them before settling.',
  },
});
