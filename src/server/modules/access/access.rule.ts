import { sql, type SQL } from 'drizzle-orm';
import type { AppError } from '../../lib/errors.js';
import { ROLES, type Actor, type Role } from './access.policy.js';
import { inReach, inSubtree, reachSql, subtreeSql } from './access.scope.js';

/**
 * The shape of one record rule. A scope answers both questions from the same definition: `test` for one
 * loaded record, `where` for the SQL predicate a list adds — so a list shows exactly the records a
 * single read would allow (access.records.test.ts checks the two agree on the demo data).
 */
export interface Scope<R, C> {
  test(actor: Actor, rec: R): boolean;
  where(actor: Actor, cols: C): SQL;
}

/** A further action on a record (work a leg, approve a case, sign a contract). */
export interface ActionRule<R, C> extends Partial<Pick<Scope<R, C>, 'where'>> {
  test(actor: Actor, rec: R): boolean;
  /** Checked only once the record may be read: refused with the read's refusal first (default true). */
  requiresRead?: boolean;
  /** The refusal when the action is refused, a factory from the kind's `*.errors.ts` (preferred over code/message). */
  refusal?: (what: string, rec: R) => AppError;
}

export interface KindRule<R, C, A extends string> {
  /** How a refusal names the record: 该工单, 该儿童档案 … */
  what: string;
  /** Who may see which records of this kind, decided for every role (a new role is a compile error here). */
  read: Record<Role, Scope<R, C>>;
  /** Hide existence: a refused read answers 404 with this code and message instead of 403 SCOPE_FORBIDDEN. */
  hidden?: () => AppError;
  actions: { [K in Exclude<A, 'read'>]: ActionRule<R, C> };
}

export interface PathRecord {
  orgPath: string;
}
export interface PathColumns {
  orgPath: SQL;
}

// ───────────── the scopes rules are built from ─────────────

/** The record lies in the actor's subtree. */
export const subtree: Scope<PathRecord, PathColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
/** The record lies in the actor's subtree or above it (activities, stations and canteens organised higher up). */
export const reach: Scope<PathRecord, PathColumns> = {
  test: (a, r) => inReach(a, r.orgPath),
  where: (a, c) => reachSql(a, c.orgPath),
};
/** Every record of the district (the district filter is always the query's own). */
export const wholeDistrict: Scope<unknown, unknown> = { test: () => true, where: () => sql`true` };
/** No record of this kind. */
export const nothing: Scope<unknown, unknown> = { test: () => false, where: () => sql`false` };

/**
 * The same scope for every role placed on the org tree: the actor's bound unit alone decides. A property
 * company is not placed on the tree (its account hangs on the district root only because every account
 * has a unit): it reaches nothing by path, only what a rule names for it (its legs, contracts, compounds).
 */
export function everyRole<R, C>(scope: Scope<R, C>): Record<Role, Scope<R, C>> {
  const rules = Object.fromEntries(ROLES.map((r) => [r, scope])) as Record<Role, Scope<R, C>>;
  return { ...rules, property_company: nothing as Scope<R, C> };
}

export const orSql = (...parts: SQL[]): SQL => sql`(${sql.join(parts, sql` or `)})`;
export const andSql = (...parts: SQL[]): SQL => sql`(${sql.join(parts, sql` and `)})`;
