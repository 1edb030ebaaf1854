import { defineErrors } from '../lib/errors.js';

/** Errors of the HTTP layer itself: validation, body parsing, database refusals mapped to 4xx. */
export const httpErrors = defineErrors('http', {
  VALIDATION_FAILED: {
    kind: 'bad_request',
    zh: '提交的内容有误{fields}，请检查后重试。',
    en: 'Some of what was sent is not valid{fields}; please check and try again.',
  },
  UPLOAD_TOO_LARGE: {
    kind: 'too_large',
    zh: '上传的文件或请求体过大，请拆分后再上传。',
    en: 'The file or request is too large; please split it and upload again.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: 'bad_request',
    zh: '请求格式不受支持，请以 JSON 或表单方式提交。',
    en: 'This request format is not supported; send JSON or a form.',
  },
  INVALID_JSON: { kind: 'bad_request', zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  BAD_REQUEST: {
    kind: 'bad_request',
    zh: '请求无效，请检查后重试。',
    en: 'The request is not valid; please check and try again.',
  },
  DUPLICATE: {
    kind: 'conflict',
    zh: '已存在相同的记录（名称或编号重复），请检查后重试。',
    en: 'A record with the same name or number already exists; please check and try again.',
  },
  REFERENCED: {
    kind: 'conflict',
    zh: '该记录与其他数据相关联（或引用的记录不存在），无法完成操作。',
    en: 'This record is linked to other data (or refers to a record that does not exist), so this cannot be done.',
  },
  MISSING_VALUE: {
    kind: 'bad_request',
    zh: '缺少必填的内容，请补全后重试。',
    en: 'A required value is missing; please fill it in.',
  },
  CONSTRAINT_VIOLATED: {
    kind: 'bad_request',
    zh: '提交的值不符合规则（如数量不能为负、日期先后不对），请检查后重试。',
    en: 'A value breaks a rule (e.g. a negative amount or dates in the wrong order); please check and try again.',
  },
  OVERLAPPING: {
    kind: 'conflict',
    zh: '与已有记录冲突（时间或范围重叠），请检查后重试。',
    en: 'This overlaps an existing record (in time or range); please check and try again.',
  },
  INVALID_TEXT: {
    kind: 'bad_request',
    zh: '提交的内容含有不允许的字符（如空字符或控制字符），请删除后重试。',
    en: 'The text contains characters that are not allowed (such as NUL or control characters); please remove them.',
  },
  VALUE_TOO_LONG: {
    kind: 'bad_request',
    zh: '提交的内容过长，请缩短后重试。',
    en: 'A value is too long; please shorten it.',
  },
  VALUE_OUT_OF_RANGE: {
    kind: 'bad_request',
    zh: '提交的数值超出允许范围，请检查后重试。',
    en: 'A number is outside the allowed range; please check it.',
  },
  INVALID_DATE: {
    kind: 'bad_request',
    zh: '日期或时间格式不正确或超出范围，请检查后重试。',
    en: 'A date or time is badly formed or out of range; please check it.',
  },
  INVALID_VALUE: {
    kind: 'bad_request',
    zh: '提交的值格式不正确，请检查后重试。',
    en: 'A value is badly formed; please check it.',
  },
  EMPTY_UPDATE: {
    kind: 'bad_request',
    zh: '没有提交要修改的内容，请至少修改一项后再保存。',
    en: 'Nothing to change was sent; change at least one field before saving.',
  },
  AUTH_REQUIRED: { kind: 'unauthenticated', zh: '请先登录。', en: 'Please sign in first.' },
  CSRF_REFUSED: {
    kind: 'forbidden',
    zh: '请求来源不是本平台页面，已拒绝（防跨站请求伪造）。请在平台页面内操作；如为接口调用，请勿携带登录 Cookie，或使用 api_key。',
    en: "The request did not come from this platform's pages and was refused (cross-site request forgery protection). Work within the platform's pages; for API calls, do not send the sign-in cookie, or use an api_key.",
  },
  INTERNAL: {
    kind: 'internal',
    zh: '系统内部错误（错误编号 {errorId}），已记录。请稍后重试；若持续出现，请把错误编号告诉管理员。',
    en: 'Internal error (error id {errorId}); it has been logged. Please try again later, and if it persists tell an administrator the error id.',
  },
});

/** A text field with characters the database refuses, named where it was found. */
export const inputGuardErrors = defineErrors('http.input-guard', {
  INVALID_TEXT: {
    kind: 'bad_request',
    zh: '提交的内容含有不允许的字符（如空字符或控制字符）{where}，请删除后重试。',
    en: 'The text contains characters that are not allowed (such as NUL or control characters){whereEn}; please remove them.',
  },
});
