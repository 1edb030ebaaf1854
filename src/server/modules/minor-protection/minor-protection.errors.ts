import { defineErrors, type AppError, type ErrorKind } from '../../lib/errors.js';

/**
 * Every error the minor-protection module answers with. Some codes carry several messages (the state a
 * file is in, which date is in the future): each message is its own factory under the same code.
 */
const M = 'minor-protection';

/** One more message for a code (same kind): a parameterless factory. */
function variant(code: string, kind: ErrorKind, zh: string, en: string): () => AppError {
  return defineErrors(M, { [code]: { kind, zh, en } })[code]!;
}

/** The refusals the access layer (access/minor-protection.access.ts) answers with for this module's records. */
export const MINOR_ACCESS_ERRORS = {
  CASE_NOT_ASSIGNED: {
    kind: 'forbidden',
    zh: '该个案没有分派给您。只有负责社工或本街道未保站站长可以办理，请联系站长分派。',
    en: 'This case is not assigned to you. Only its social worker or the street station head can work on it; ask the station head to assign it.',
  },
  APPROVAL_FORBIDDEN: {
    kind: 'forbidden',
    zh: '只有本街道未保站站长或市未成年人保护中心可以审批。',
    en: "Only the street's minor-protection station head or the city minor-protection centre can approve this.",
  },
  REFERRAL_FORBIDDEN: {
    kind: 'forbidden',
    zh: '该转介不是转给您或您所在单位的，无权签收或反馈。',
    en: 'This referral was not sent to you or your unit; you cannot acknowledge it or report on it.',
  },
} as const;

export const MinorErrors = defineErrors(M, {
  ...MINOR_ACCESS_ERRORS,
  CURSOR_INVALID: {
    kind: 'bad_request',
    zh: '分页参数无效，请从第一页重新查询。',
    en: 'The paging cursor is not valid; please list again from the first page.',
  },
  CATEGORY_ID_INVALID: {
    kind: 'bad_request',
    zh: '类型编码为 2–30 位小写字母、数字或 _，以字母开头。',
    en: 'A category code is 2–30 lowercase letters, digits or _, starting with a letter.',
  },
  CATEGORY_UNKNOWN: {
    kind: 'bad_request',
    zh: '困境类型不存在或已停用：{ids}。请从列表中选择。',
    en: 'These difficulty categories do not exist or are no longer in use: {ids}. Choose from the list.',
  },
  CASE_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该儿童档案，请核对档案编号。',
    en: "This child's file was not found. Check the file number.",
  },
  VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '该档案已被他人修改，请刷新后再保存。',
    en: 'Someone else has changed this file. Refresh and save again.',
  },
  WORKER_INVALID: {
    kind: 'bad_request',
    zh: '请选择一名在岗的社工账号。',
    en: 'Choose the account of a social worker who is on duty.',
  },
  WORKER_OUT_OF_AREA: {
    kind: 'bad_request',
    zh: '该社工不负责这名儿童所在的街道或社区，请选择本辖区的社工。',
    en: "This social worker does not cover the child's street or community. Choose a social worker of this area.",
  },
  PERSON_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该居民，请先在人口信息中登记这名儿童。',
    en: 'This resident was not found. Register the child in the population records first.',
  },
  DATE_IN_FUTURE: {
    kind: 'bad_request',
    zh: '建档日期不能晚于今天。',
    en: 'The date the file was opened cannot be later than today.',
  },
  NOT_A_MINOR: {
    kind: 'bad_request',
    zh: '该居民已年满 18 周岁，不能建立困境儿童档案。',
    en: 'This resident is 18 or older; a file for a child in difficulty cannot be opened.',
  },
  ADDRESS_INCOMPLETE: {
    kind: 'bad_request',
    zh: '该居民未登记到社区，请先补全住址。',
    en: 'This resident is not registered in a community. Complete the address first.',
  },
  ASSIGN_FORBIDDEN: {
    kind: 'forbidden',
    zh: '社工建档时只能由自己负责；改派请联系未保站站长。',
    en: 'A social worker opening a file keeps it themself; ask the station head to reassign it.',
  },
  CASE_EXISTS: {
    kind: 'conflict',
    zh: '这名儿童已有档案（{caseNo}），请打开原档案继续办理，不要重复建档。',
    en: 'This child already has a file ({caseNo}). Open that file and continue there instead of opening another.',
  },
  VISIT_DETAILS_REQUIRED: {
    kind: 'bad_request',
    zh: '入户探访请填写探访情况（是否见到儿童、居住条件、有无安全隐患）。',
    en: 'For a home visit, fill in what was found (whether the child was seen, living conditions, any safety concern).',
  },
  CONSENT_INVALID: {
    kind: 'bad_request',
    zh: '所选的监护人同意记录不存在或已撤回，请重新登记同意。',
    en: "The chosen guardian's consent does not exist or has been withdrawn. Record the consent again.",
  },
  CONSENT_REQUIRED: {
    kind: 'bad_request',
    zh: '转介前须登记监护人同意；确因紧急保护需要不经同意转介的，请填写不少于 5 个字的理由（将记入审计日志）。',
    en: "Record a guardian's consent before referring; to refer without consent for urgent protection, give a reason of at least 5 characters (it is written to the audit log).",
  },
  RECEIVER_REQUIRED: {
    kind: 'bad_request',
    zh: '转介给部门时请选择具体部门。',
    en: 'Choose the department to refer to.',
  },
  RECEIVER_NOT_FOUND: {
    kind: 'bad_request',
    zh: '所选部门不存在。',
    en: 'The chosen department does not exist.',
  },
  REFERRAL_NOT_FOUND: { kind: 'not_found', zh: '找不到该转介。', en: 'This referral was not found.' },
  CHECKLIST_ITEM_UNKNOWN: {
    kind: 'bad_request',
    zh: '“五有”中没有这一项：{keys}。',
    en: 'The "five haves" checklist has no such item: {keys}.',
  },
  STATION_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该未保站。',
    en: 'This minor-protection station was not found.',
  },
});

/** The further messages of codes above. */
export const MinorErrorVariants = {
  STATION_VERSION_CONFLICT: variant(
    'VERSION_CONFLICT',
    'conflict',
    '该站点信息已被他人修改，请刷新后再保存。',
    "Someone else has changed this station's details. Refresh and save again.",
  ),
  SERVICE_DATE_IN_FUTURE: variant(
    'DATE_IN_FUTURE',
    'bad_request',
    '服务日期不能晚于今天。',
    'The service date cannot be later than today.',
  ),
  CONSENT_DATE_IN_FUTURE: variant(
    'DATE_IN_FUTURE',
    'bad_request',
    '同意日期不能晚于今天。',
    'The consent date cannot be later than today.',
  ),
  ORGANISATION_REQUIRED: variant(
    'RECEIVER_REQUIRED',
    'bad_request',
    '转介给社会组织时请选择该组织的账号。',
    "Choose the social organisation's account to refer to.",
  ),
  VOLUNTEER_REQUIRED: variant(
    'RECEIVER_REQUIRED',
    'bad_request',
    '转介给志愿者时请填写志愿者（或志愿服务队）名称。',
    'Give the name of the volunteer (or volunteer team) to refer to.',
  ),
  ORGANISATION_NOT_FOUND: variant(
    'RECEIVER_NOT_FOUND',
    'bad_request',
    '所选社会组织账号不存在或已停用。',
    "The chosen social organisation's account does not exist or is disabled.",
  ),
};

/** CASE_STATE_INVALID (409): the file or referral is not in the state the operation needs. */
const state = (zh: string, en: string) => variant('CASE_STATE_INVALID', 'conflict', zh, en);
export const CaseState = {
  CLOSED_KEEPS_NO_WORK: state(
    '档案已结案，如需继续服务请先由站长重新开案。',
    'The file is closed. To continue serving the child, the station head must reopen it first.',
  ),
  CLOSED_NO_REFERRAL: state('档案已结案，不能再转介。', 'The file is closed; it can no longer be referred.'),
  ALREADY_CLOSED: state('档案已结案。', 'The file is already closed.'),
  CLOSURE_PENDING: state(
    '结案申请已提交，等待站长审批。',
    "A closure request has already been made and awaits the station head's decision.",
  ),
  NO_CLOSURE_REQUEST: state('该档案没有待审批的结案申请。', 'This file has no closure request awaiting a decision.'),
  REOPEN_ONLY_CLOSED: state('只有已结案的档案可以重新开案。', 'Only a closed file can be reopened.'),
  CLOSED_NO_ASSIGN: state('已结案的档案不能改派社工。', 'A closed file cannot be reassigned to another social worker.'),
  REFERRAL_ACKNOWLEDGED: state('该转介已签收。', 'This referral has already been acknowledged.'),
  REFERRAL_REPORTED: state('该转介已反馈办理情况。', 'This referral has already been reported on.'),
};
