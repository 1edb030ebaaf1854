import { defineErrors, type AppError, type ErrorKind } from '../../lib/errors.js';

const MODULE = 'work-orders';

/** The work-order module's error codes: the message people see, in Chinese and in English. */
export const E = defineErrors(MODULE, {
  LEG_FORBIDDEN: {
    kind: 'forbidden',
    zh: '该派单不是派给您所在单位的，或已办结。',
    en: 'This leg was not dispatched to your unit, or it is already done.',
  },
  CURSOR_INVALID: {
    kind: 'bad_request',
    zh: '分页参数无效，请从第一页重新查询。',
    en: 'The page cursor is not valid: search again from the first page.',
  },
  ORDER_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该工单，请核对工单号。',
    en: 'There is no such work order: check its number.',
  },
  PHOTO_NOT_FOUND: { kind: 'not_found', zh: '找不到该照片。', en: 'There is no such photo.' },
  VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '该工单已被他人处理，请刷新后再操作。',
    en: 'Someone else has just handled this order: refresh and try again.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    kind: 'bad_request',
    zh: 'Idempotency-Key 应为 8–100 位字母、数字、- 或 _（建议用 UUID）。',
    en: 'The Idempotency-Key must be 8–100 letters, digits, - or _ (a UUID is best).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'conflict',
    zh: '该 Idempotency-Key 已用于另一份不同的诉求，请为新的提交生成新的 Key。',
    en: 'This Idempotency-Key was used for a different request: generate a new key for a new submission.',
  },
  HOTLINE_NO_REQUIRED: {
    kind: 'bad_request',
    zh: '12345 工单须填写 12345 工单编号。',
    en: 'A 12345 hotline order needs its 12345 order number.',
  },
  COMPOUND_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该小区，请从列表中选择。',
    en: 'There is no such residential compound: pick one from the list.',
  },
  CATEGORY_NOT_FOUND: {
    kind: 'bad_request',
    zh: '诉求分类不存在，请从列表中选择。',
    en: 'There is no such request category: pick one from the list.',
  },
  BUILDING_NOT_IN_COMPOUND: {
    kind: 'bad_request',
    zh: '所选楼栋不属于该小区。',
    en: 'The chosen building is not in this compound.',
  },
  DEPARTMENT_NOT_FOUND: { kind: 'bad_request', zh: '所选部门不存在。', en: 'The chosen department does not exist.' },
  LEG_ALREADY_SIGNED: {
    kind: 'conflict',
    zh: '该派单已签收，无需重复签收。',
    en: 'This assignment has already been signed for.',
  },
  LEG_ALREADY_OPEN: {
    kind: 'conflict',
    zh: '该承办方已有未办结的派单，无需重复派单。',
    en: 'This handler already has an open assignment for the order: no need to dispatch it again.',
  },
  LEG_NOT_FOUND: { kind: 'not_found', zh: '找不到该派单。', en: 'There is no such assignment.' },
  EXTENSION_FORBIDDEN: {
    kind: 'forbidden',
    zh: '延期由社区或上级审批，您无权审批。',
    en: 'Extensions are decided by the community or above: you may not decide this one.',
  },
  CONFIRM_FORBIDDEN: {
    kind: 'forbidden',
    zh: '只有诉求人或所在社区可以确认评价。',
    en: 'Only the person who reported the matter or their community can confirm and rate it.',
  },
  ESCALATE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '该工单无法再上报（已办结或已到区级）。',
    en: 'This order cannot be escalated further (it is closed or already at district level).',
  },
  SUPERVISE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '已办结的工单无需督办。',
    en: 'A closed order needs no supervision.',
  },
  REOPEN_FORBIDDEN: {
    kind: 'forbidden',
    zh: '只有诉求人或所在社区可在办结后 {days} 天内重新打开工单。',
    en: 'Only the reporter or their community can reopen an order, within {days} days of its closing.',
  },
  MERGE_SELF: { kind: 'bad_request', zh: '不能把工单合并到自身。', en: 'An order cannot be merged into itself.' },
  MERGE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '只有社区可以合并工单。',
    en: 'Only the community can merge orders.',
  },
  ORDER_NOT_IN_COMPOUND: {
    kind: 'bad_request',
    zh: '关联的工单不属于本小区。',
    en: 'The linked order is not from this compound.',
  },
  MEETING_NOT_FOUND: { kind: 'not_found', zh: '找不到该联席会议。', en: 'There is no such joint meeting.' },
  MEETING_FILES_FULL: {
    kind: 'bad_request',
    zh: '一次联席会议最多保存 {max} 个附件（已有 {has} 个）：请删减后再上传。',
    en: 'A joint meeting keeps at most {max} files (it has {has}): leave some out and upload again.',
  },
  ACTION_NOT_FOUND: { kind: 'not_found', zh: '找不到该决议事项。', en: 'There is no such action item.' },
  OWNER_UNIT_NOT_FOUND: {
    kind: 'bad_request',
    zh: '所选责任单位不存在：请从列表中选择部门或物业公司，或只填写责任方名称。',
    en: 'The chosen responsible unit does not exist: pick a department or property company from the list, or only type the owner’s name.',
  },
  DECISION_OPEN: {
    kind: 'conflict',
    zh: '联席会议议定事项「{title}」尚未完成：请先在会议中将其标记完成，或写明理由解除它与本工单的关联，再评价办结。',
    en: 'The joint-meeting decision “{title}” is not done yet: mark it done at the meeting, or detach it from this order with a reason, before closing.',
  },
  ACTION_NOT_LINKED: {
    kind: 'conflict',
    zh: '该议定事项没有关联工单，或已完成，无需解除关联。',
    en: 'This decision is not linked to an order, or it is done: there is nothing to detach.',
  },
});

/**
 * One code said several ways: each situation has its own message, the code and HTTP status stay
 * the same (the API has always answered, say, ORDER_STATE_INVALID with the state the step needs).
 */
function variants<const K extends string>(
  code: string,
  kind: ErrorKind,
  texts: Record<K, { zh: string; en: string }>,
): Record<K, () => AppError> {
  const out = {} as Record<K, () => AppError>;
  for (const key of Object.keys(texts) as K[]) {
    const f = defineErrors(MODULE, { [code]: { kind, ...texts[key] } })[code]! as () => AppError;
    out[key] = () => f();
  }
  return out;
}

/** ORDER_STATE_INVALID (409): the order or the leg is not in the state the step needs. */
export const STATE = variants('ORDER_STATE_INVALID', 'conflict', {
  notNew: { zh: '只有待接单的工单可以接单。', en: 'Only an order waiting to be accepted can be accepted.' },
  notAccepted: { zh: '只有已接单的工单可以派单。', en: 'Only an accepted order can be dispatched.' },
  notClosed: { zh: '只有已办结的工单可以重办。', en: 'Only a closed order can be redone.' },
  extensionPendingFulfil: {
    zh: '该派单的延期申请尚在审批中，审批后再办结。',
    en: 'The extension request of this assignment awaits a decision: fulfil it after the decision.',
  },
  extensionPending: {
    zh: '该派单已有待审批的延期申请。',
    en: 'This assignment already has an extension request awaiting a decision.',
  },
  noPendingExtension: {
    zh: '该派单没有待审批的延期申请。',
    en: 'This assignment has no extension request awaiting a decision.',
  },
  notFulfilled: {
    zh: '只有已办结待评价的工单可以评价。',
    en: 'Only a fulfilled order awaiting its rating can be rated.',
  },
  mergeTargetClosed: {
    zh: '目标工单已办结，不能合并进去。',
    en: 'The target order is closed: nothing can be merged into it.',
  },
});

/** DEPARTMENT_REQUIRED (400): a department handler needs the department itself. */
export const DEPARTMENT_REQUIRED = variants('DEPARTMENT_REQUIRED', 'bad_request', {
  dispatch: { zh: '派给职能部门时须选择具体部门。', en: 'Choose the department when dispatching to a department.' },
  category: {
    zh: '默认承办方为职能部门时，须指定具体部门。',
    en: 'Name the department when the default handler is a department.',
  },
});

/** CATEGORY_PARENT_INVALID (400): categories are two levels deep at most. */
export const CATEGORY_PARENT_INVALID = variants('CATEGORY_PARENT_INVALID', 'bad_request', {
  self: { zh: '分类不能以自身为上级。', en: 'A category cannot be its own parent.' },
  missing: { zh: '上级分类不存在。', en: 'The parent category does not exist.' },
  tooDeep: { zh: '分类最多两级。', en: 'Categories have two levels at most.' },
});

/** The joint meetings' own wording of two shared codes. */
export const MEETING = variants('VERSION_CONFLICT', 'conflict', {
  versionConflict: {
    zh: '会议记录已被他人修改，请刷新后再保存。',
    en: 'Someone else has changed the meeting record: refresh and save again.',
  },
});
export const MEETING_COMPOUND_REQUIRED = variants('COMPOUND_REQUIRED', 'bad_request', {
  meeting: {
    zh: '联席会议以小区为单位召开，请选择小区。',
    en: 'A joint meeting is held for one residential compound: choose the compound.',
  },
}).meeting;
