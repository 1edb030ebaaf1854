import { AppError, notFound } from './errors.js';

/**
 * The row a lookup found, or the given error: a factory from the module's `*.errors.ts`
 * (`must(row, E.THING_NOT_FOUND)`), or — the older form — a 404 with the caller's code and message.
 */
export function must<T>(row: T | undefined, error: () => AppError): T;
/** @deprecated pass a factory from the module's `*.errors.ts` instead. */
export function must<T>(row: T | undefined, code: string, message: string): T;
export function must<T>(row: T | undefined, error: string | (() => AppError), message = ''): T {
  if (row === undefined) throw typeof error === 'string' ? notFound(error, message) : error();
  return row;
}
