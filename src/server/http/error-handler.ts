import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type Lang } from '../lib/errors.js';
import { httpErrors as E } from './http.errors.js';
import { z } from 'zod';
import { FIELD_MESSAGES_EN } from '../../shared/field-messages.js';

const LOCALES = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };
const CJK = /[\u4e00-\u9fff]/;

/**
 * One failed field's message in the caller's language: a schema's own (Chinese) message with its English from
 * FIELD_MESSAGES_EN; otherwise zod's default, rendered again by zod's zh-CN or en locale from the issue.
 */
function issueMessage(v: { keyword: string; message?: string; params?: Record<string, unknown> }, lang: Lang): string {
  const m = v.message ?? '';
  if (CJK.test(m)) return lang === 'en' ? (FIELD_MESSAGES_EN[m] ?? m) : m;
  const r = LOCALES[lang]({ ...v.params, code: v.keyword, path: [], message: m } as never);
  return (typeof r === 'string' ? r : r?.message) || m;
}

interface PgLikeError {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** The one mapper from errors to HTTP replies: `{error:{code,message}}`, 4xx for anything the caller can fix. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = langOf(req.headers);
    const mapped = toAppError(err, lang);
    if (mapped) {
      return reply.status(mapped.status).send({
        error: {
          code: mapped.code,
          message: mapped.messageIn(lang),
          ...(mapped.details ? { details: mapped.details } : {}),
        },
      });
    }
    // The request id is the error id: the reply names it, the log line carries it (reqId).
    req.log.error({ err, errorId: req.id }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL', errorId: req.id, message: E.INTERNAL({ errorId: req.id }).messageIn(lang) },
    });
  });
}

/**
 * The caller's language for messages: the UI sends `Accept-Language: en` when switched to English;
 * anything else (and no header) is Chinese.
 */
export function langOf(headers: Record<string, string | string[] | undefined>): Lang {
  const h = headers['accept-language'];
  const first = (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function toAppError(err: FastifyError, lang: Lang = 'zh'): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '',
      zh: issueMessage(v, 'zh'),
      en: issueMessage(v, 'en'),
    }));
    const e = E.VALIDATION_FAILED({ fields: '' });
    const details = issues.map((i) => ({ field: i.field, message: i[lang] }));
    if (!issues.length) return e;
    const list = (l: Lang, colon: string, sep: string) =>
      issues.map((i) => (i.field ? `${i.field}${colon}${i[l]}` : i[l])).join(sep);
    const zh = E.VALIDATION_FAILED({ fields: `（${list('zh', '：', '；')}）` }).text.zh;
    const en = E.VALIDATION_FAILED({ fields: ` (${list('en', ': ', '; ')})` }).text.en;
    return new AppError(e.kind, e.code, { zh, en }, details);
  }
  const pgErr = findPgError(err);
  if (pgErr?.code) {
    const mappedPg = fromPgCode(pgErr);
    if (mappedPg) return mappedPg;
  }
  const status = err.statusCode ?? 0;
  if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return E.UPLOAD_TOO_LARGE();
  }
  if (status >= 400 && status < 500) {
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return E.UNSUPPORTED_MEDIA_TYPE();
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      return E.INVALID_JSON();
    }
    return new AppError(
      status === 404 ? 'not_found' : status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'bad_request',
      err.code ?? 'BAD_REQUEST',
      E.BAD_REQUEST().text,
    );
  }
  return null;
}

/** Database refusals caused by what the caller sent: 4xx with a message they can act on (never the SQL). */
function fromPgCode(e: PgLikeError): AppError | null {
  const c = e.code!;
  const constraint = e.constraint ? { constraint: e.constraint } : undefined;
  switch (c) {
    case '23505':
      return E.DUPLICATE(constraint);
    case '23503':
      return E.REFERENCED(constraint);
    case '23502':
      return E.MISSING_VALUE(constraint);
    case '23514':
      return E.CONSTRAINT_VIOLATED(constraint);
    case '23P01':
      return E.OVERLAPPING(constraint);
    case '22021':
      return E.INVALID_TEXT();
    case '22001':
      return E.VALUE_TOO_LONG();
    case '22003':
      return E.VALUE_OUT_OF_RANGE();
    case '22007':
    case '22008':
      return E.INVALID_DATE();
    case '22P02':
    case '22023':
      return E.INVALID_VALUE();
    default:
      return c.startsWith('23')
        ? new AppError('conflict', E.CONSTRAINT_VIOLATED().code, E.CONSTRAINT_VIOLATED().text, constraint)
        : null;
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
