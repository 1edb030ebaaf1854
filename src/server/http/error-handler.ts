import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

interface PgLikeError { code?: string; constraint?: string; cause?: unknown }

/** The one mapper from errors to HTTP replies: `{error:{code,message}}`, 4xx for anything the caller can fix. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const mapped = toAppError(err);
    if (mapped) {
      return reply.status(mapped.status).send({ error: { code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) } });
    }
    // The request id is the error id: the reply names it, the log line carries it (reqId).
    req.log.error({ err, errorId: req.id }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', errorId: req.id, message: `系统内部错误（错误编号 ${req.id}），已记录。请稍后重试；若持续出现，请把错误编号告诉管理员。` } });
  });
}

export function toAppError(err: FastifyError): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '', message: v.message ?? '' }));
    const fields = issues.map((i) => i.field).filter(Boolean);
    return new AppError('bad_request', 'VALIDATION_FAILED', `提交的内容有误${fields.length ? `（字段：${[...new Set(fields)].join('、')}）` : ''}，请检查后重试。`, issues);
  }
  const pgErr = findPgError(err);
  if (pgErr?.code) {
    const mappedPg = fromPgCode(pgErr);
    if (mappedPg) return mappedPg;
  }
  const status = err.statusCode ?? 0;
  if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('too_large', 'UPLOAD_TOO_LARGE', '上传的文件或请求体过大，请拆分后再上传。');
  }
  if (status >= 400 && status < 500) {
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('bad_request', 'UNSUPPORTED_MEDIA_TYPE', '请求格式不受支持，请以 JSON 或表单方式提交。');
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return new AppError('bad_request', 'INVALID_JSON', '请求内容不是有效的 JSON。');
    }
    return new AppError(status === 404 ? 'not_found' : status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'bad_request', err.code ?? 'BAD_REQUEST', '请求无效，请检查后重试。');
  }
  return null;
}

/** Database refusals caused by what the caller sent: 4xx with a message they can act on (never the SQL). */
function fromPgCode(e: PgLikeError): AppError | null {
  const c = e.code!;
  const constraint = e.constraint ? { constraint: e.constraint } : undefined;
  switch (c) {
    case '23505': return new AppError('conflict', 'DUPLICATE', '已存在相同的记录（名称或编号重复），请检查后重试。', constraint);
    case '23503': return new AppError('conflict', 'REFERENCED', '该记录与其他数据相关联（或引用的记录不存在），无法完成操作。', constraint);
    case '23502': return new AppError('bad_request', 'MISSING_VALUE', '缺少必填的内容，请补全后重试。', constraint);
    case '23514': return new AppError('bad_request', 'CONSTRAINT_VIOLATED', '提交的值不符合规则（如数量不能为负、日期先后不对），请检查后重试。', constraint);
    case '23P01': return new AppError('conflict', 'OVERLAPPING', '与已有记录冲突（时间或范围重叠），请检查后重试。', constraint);
    case '22021': return new AppError('bad_request', 'INVALID_TEXT', '提交的内容含有不允许的字符（如空字符或控制字符），请删除后重试。');
    case '22001': return new AppError('bad_request', 'VALUE_TOO_LONG', '提交的内容过长，请缩短后重试。');
    case '22003': return new AppError('bad_request', 'VALUE_OUT_OF_RANGE', '提交的数值超出允许范围，请检查后重试。');
    case '22007':
    case '22008': return new AppError('bad_request', 'INVALID_DATE', '日期或时间格式不正确或超出范围，请检查后重试。');
    case '22P02':
    case '22023': return new AppError('bad_request', 'INVALID_VALUE', '提交的值格式不正确，请检查后重试。');
    default: return c.startsWith('23') ? new AppError('conflict', 'CONSTRAINT_VIOLATED', '提交的内容与已有数据的规则冲突，请检查后重试。', constraint) : null;
  }
}

function findPgError(err: unknown): PgLikeError | null {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const e = cur as PgLikeError;
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    cur = e.cause;
  }
  return null;
}
