import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { httpErrors, inputGuardErrors } from './http.errors.js';

/**
 * One place for text the database and the people reading it cannot take: NUL and the other C0 control
 * characters (tab, line feed and carriage return are fine) and lone UTF-16 surrogates. Checked for every
 * string in JSON and form bodies, query strings and path parameters before any schema or handler sees
 * them; multipart fields and file names go through `assertValidText` where they are read.
 */
const INVALID_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (String#isWellFormed).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isValidText(s: string): boolean {
  return !INVALID_CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

function invalidText(where: string): AppError {
  return inputGuardErrors.INVALID_TEXT(
    { where: where ? `（位置：${where}）` : '', whereEn: where ? ` (at ${where})` : '' },
    { field: where },
  );
}

export function assertValidText(value: string, where = ''): void {
  if (!isValidText(value)) throw invalidText(where);
}

/** Finds the first invalid string (keys included) in a parsed value; returns its path or null. */
function findInvalid(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isValidText(value) ? null : path;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalid(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (!isValidText(key)) return `${path}.${key}`;
    const found = findInvalid(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Empty PATCH bodies say nothing to change: refuse them rather than run an UPDATE with no columns.
 * `version` (optimistic locking) alone is empty too. Runs on the parsed body, after the schema.
 */
function isEmptyPatch(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return (
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value) &&
    Object.entries(value).every(([k, v]) => k === 'version' || v === undefined)
  );
}

/** Text check before schema validation, for every route. */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const found = findInvalid(value, where);
      if (found) throw invalidText(found);
    }
  });
}

/** Install after the permission hook, so an anonymous caller still hears 401 first. */
export function installEmptyPatchGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    if (req.method === 'PATCH' && isEmptyPatch(req.body)) {
      throw httpErrors.EMPTY_UPDATE();
    }
  });
}

/**
 * Multipart requests are read by the handler (streams), so their text is checked where it is read:
 * `req.file()` is wrapped to refuse a file name, field name or field value (sent before the file) with
 * invalid text, with the same INVALID_TEXT.
 */
export function installMultipartTextGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    if (!req.isMultipart()) return;
    const readFile = req.file.bind(req);
    req.file = async (options) => {
      const file = await readFile(options);
      if (!file) return file;
      assertValidText(file.filename, 'file.filename');
      assertValidText(file.fieldname, 'file.fieldname');
      for (const [name, parts] of Object.entries(file.fields)) {
        assertValidText(name, `fields.${name}`);
        for (const part of [parts ?? []].flat()) {
          if (part.type === 'field' && typeof part.value === 'string') assertValidText(part.value, `fields.${name}`);
        }
      }
      return file;
    };
  });
}
