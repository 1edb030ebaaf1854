import type { AppError } from './errors.js';

/** The row a lookup found, or the given error: a factory from the module's `*.errors.ts` (`must(row, E.THING_NOT_FOUND)`). */
export function must<T>(row: T | undefined, error: () => AppError): T {
  if (row === undefined) throw error();
  return row;
}
