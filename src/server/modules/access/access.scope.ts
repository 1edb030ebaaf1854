import { sql, type SQL } from 'drizzle-orm';
import { prefixPattern } from '../../lib/like.js';
import type { Actor } from './access.policy.js';

/**
 * The path primitives every record rule is built from. An actor is bound to one org unit; its
 * materialised path (`d/street/community/compound/`) is the actor's scope. Only the rules in this
 * folder use these — modules ask `requireAccess` / `canAccess` / `scopeWhere` (access.records.ts).
 */

/** The path lies in the actor's subtree (its own unit or below). */
export const inSubtree = (actor: Actor, path: string): boolean => path.startsWith(actor.scopePath);
/** The path lies in the actor's subtree or on the line above it (a street's activity seen from a compound). */
export const inReach = (actor: Actor, path: string): boolean =>
  path.startsWith(actor.scopePath) || actor.scopePath.startsWith(path);
/** The street around the actor (`d/street/`): where a love-supermarket counter's visitors come from. */
export const streetOf = (actor: Actor): string =>
  actor.scopePath.split('/').filter(Boolean).slice(0, 2).join('/') + '/';

export const subtreeSql = (actor: Actor, column: SQL): SQL => sql`${column} like ${prefixPattern(actor.scopePath)}`;
export const reachSql = (actor: Actor, column: SQL): SQL =>
  sql`(${column} like ${prefixPattern(actor.scopePath)} or ${actor.scopePath} like ${column} || '%')`;
export const prefixSql = (column: SQL, prefix: string): SQL => sql`${column} like ${prefixPattern(prefix)}`;
