import { defineErrors } from '../../lib/errors.js';
import { ID_PROBLEM_MESSAGES, ID_PROBLEM_MESSAGES_EN, type IdNumberProblem } from '../../lib/id-number.js';

/** Errors of the people module (residents and households). */
export const peopleErrors = defineErrors('people', {
  CURSOR_INVALID: {
    kind: 'bad_request',
    zh: '分页参数无效，请从第一页重新查询。',
    en: 'The paging cursor is not valid; please search again from the first page.',
  },
  ID_NUMBER_INVALID: { kind: 'bad_request', zh: '{problem}', en: '{problemEn}' },
  SEARCH_QUERY_INVALID: {
    kind: 'bad_request',
    zh: '请输入姓名、拼音、拼音首字母或 18 位身份证号。',
    en: 'Enter a name, its pinyin or pinyin initials, or an 18-character ID number.',
  },
  TAG_RESTRICTED: {
    kind: 'forbidden',
    zh: '困境儿童属于未成年人敏感个人信息，不能在人口查询中按此筛选。统计数据请在“未成年人保护”中查看。',
    en: 'Children in difficulty is sensitive personal data of minors and cannot be used as a population filter. See the statistics under "Minor protection".',
  },
  PERSON_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该居民，可能已被删除。',
    en: 'This resident cannot be found; they may have been deleted.',
  },
  HOUSEHOLD_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该户，请先登记房屋和户。',
    en: 'This household cannot be found; register the dwelling and household first.',
  },
  PERSON_DUPLICATE_ID: {
    kind: 'conflict',
    zh: '该身份证号已登记，请直接查找该居民，不要重复登记。',
    en: 'This ID number is already registered; find that resident instead of registering them again.',
  },
  VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '该居民信息已被他人修改，请刷新后再保存。',
    en: "Someone else has changed this resident's details; refresh and save again.",
  },
  BUILDING_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该楼栋，可能已被删除。',
    en: 'This building cannot be found; it may have been deleted.',
  },
  HOUSEHOLD_EXISTS: {
    kind: 'conflict',
    zh: '{building}{unit}{room} 已登记为一户。',
    en: '{building} {unit} {room} is already registered as a household.',
  },
  // ── 实有人口台账导入 ──
  LEDGER_IMPORT_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到这次导入（只有发起导入的账号能查看它）。',
    en: 'This import cannot be found (only the account that started it can see it).',
  },
  LEDGER_COLUMNS_MISSING: {
    kind: 'bad_request',
    zh: '表格第一行缺少这些列：{columns}。请下载模板，按模板的列名填写。',
    en: 'The first row of the sheet lacks these columns: {columns}. Download the template and use its column names.',
  },
  LEDGER_FILE_GONE: {
    kind: 'conflict',
    zh: '导入文件已不在存储中，请重新上传。',
    en: 'The uploaded file is no longer in storage; upload it again.',
  },
});

export const idNumberInvalid = (problem: IdNumberProblem) =>
  peopleErrors.ID_NUMBER_INVALID({ problem: ID_PROBLEM_MESSAGES[problem], problemEn: ID_PROBLEM_MESSAGES_EN[problem] });
