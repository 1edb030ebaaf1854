import { sql, type SQL } from 'drizzle-orm';
import { forbidden, notFound } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import { escapeLike } from '../org/org.repository.js';

/**
 * The one scope rule of the volunteers, stations and canteens modules. Staff work on their subtree;
 * what is organised above them (a community's or a street's activity, station or canteen) they and
 * the residents below may see and join, but not change.
 */
export function withinSql(actor: Actor, column: SQL): SQL {
  return sql`${column} like ${escapeLike(actor.scopePath) + '%'}`;
}

/** Rows inside the actor's subtree or on the path above it. */
export function reachSql(actor: Actor, column: SQL): SQL {
  return sql`(${column} like ${escapeLike(actor.scopePath) + '%'} or ${actor.scopePath} like ${column} || '%')`;
}

export function isWithin(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

export function reaches(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath) || actor.scopePath.startsWith(path);
}

export function assertWithin(actor: Actor, path: string, what = '该记录'): void {
  if (!isWithin(actor, path)) throw forbidden('SCOPE_FORBIDDEN', `${what}不在您的管辖范围内，无权操作。`);
}

export function assertReaches(actor: Actor, path: string, what = '该记录'): void {
  if (!reaches(actor, path)) throw forbidden('SCOPE_FORBIDDEN', `${what}不在您的管辖范围内，无权查看或操作。`);
}

/** The person behind a resident account; volunteering needs one. */
export function personOf(actor: Actor): string {
  if (!actor.personId) throw forbidden('PERSON_REQUIRED', '您的账号没有关联实有人口信息，请到社区登记后再参加志愿服务。');
  return actor.personId;
}

export function must<T>(row: T | undefined, code: string, message: string): T {
  if (row === undefined) throw notFound(code, message);
  return row;
}
