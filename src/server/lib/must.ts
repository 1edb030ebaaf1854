import { notFound } from './errors.js';

/** The row a lookup found, or a 404 with the caller's code and message. */
export function must<T>(row: T | undefined, code: string, message: string): T {
  if (row === undefined) throw notFound(code, message);
  return row;
}
