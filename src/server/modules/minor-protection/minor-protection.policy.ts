import { sql, type SQL } from 'drizzle-orm';
import { forbidden } from '../../lib/errors.js';
import { can, isInScope, type Actor } from '../access/access.policy.js';
import { escapeLike } from '../org/org.repository.js';

/**
 * The one rule for children's files (PIPL art. 28: a child's personal information is sensitive, need-to-know).
 *
 * - Which files an actor reaches at all: `minor.read` and the file lies in the actor's subtree (caseVisibilitySql /
 *   assertCaseInScope). Street staff, district admin and community workers stop here: counts, categories, risk
 *   levels and status, with the child's identity masked.
 * - Who sees the identity (name, ID number, address, guardians, health/disability, assessment, plan, notes):
 *   the case's assigned social worker, the station head of the case's street, and the city centre — nobody else.
 * - Who works the case (services, visits, referrals, closure request): the same people, minus the city centre,
 *   which supervises (approves closures, reopens) but does not keep the file.
 */
export interface CaseRef {
  orgPath: string;
  workerUserId: string | null;
  status: string;
}

export function caseVisibilitySql(actor: Actor, alias = 'mc'): SQL {
  return sql`${sql.raw(alias)}.district_id = ${actor.districtId} and ${sql.raw(alias)}.org_path like ${escapeLike(actor.scopePath) + '%'}`;
}

export function assertCaseInScope(actor: Actor, c: CaseRef): void {
  if (!isInScope(actor, c.orgPath)) throw forbidden('SCOPE_FORBIDDEN', '该儿童档案不在您的管辖范围内，无权查看或操作。');
}

export function canSeeIdentity(actor: Actor, c: CaseRef): boolean {
  if (!can(actor, 'minor.read') || !isInScope(actor, c.orgPath)) return false;
  if (actor.role === 'social_worker') return c.workerUserId === actor.userId;
  return actor.role === 'minor_station_head' || actor.role === 'minor_centre';
}

/** canSeeIdentity as an SQL predicate on a minor_cases row (never null), for lists that must leave children out. */
export function identityAccessSql(actor: Actor, alias = 'mc'): SQL {
  if (!can(actor, 'minor.read')) return sql`false`;
  const scope = caseVisibilitySql(actor, alias);
  if (actor.role === 'social_worker') return sql`(${scope} and coalesce(${sql.raw(alias)}.worker_user_id = ${actor.userId}, false))`;
  return actor.role === 'minor_station_head' || actor.role === 'minor_centre' ? sql`(${scope})` : sql`false`;
}

/**
 * People-registry predicate on `people` (alias p): a person linked to a minor case (open or closed) is listed only
 * for callers with identity access to that case. Every list, search, export or count of residents names it.
 */
export function personListableSql(actor: Actor, alias = 'p'): SQL {
  const a = sql.raw(alias);
  return sql`not exists (select 1 from minor_cases pmc where pmc.district_id = ${a}.district_id and pmc.person_id = ${a}.id
    and not coalesce(${identityAccessSql(actor, 'pmc')}, false))`;
}

/** Which files a caller's case lists hold: the files in scope; for a social worker only those assigned to them. */
export function caseListSql(actor: Actor, alias = 'mc'): SQL {
  const scope = caseVisibilitySql(actor, alias);
  return actor.role === 'social_worker' ? sql`${scope} and ${sql.raw(alias)}.worker_user_id = ${actor.userId}` : scope;
}

/** The masked file gives an age band instead of the age. */
export function ageBand(age: number): '0-5' | '6-11' | '12-17' | '18+' {
  return age <= 5 ? '0-5' : age <= 11 ? '6-11' : age <= 17 ? '12-17' : '18+';
}

export function canWorkCase(actor: Actor, c: CaseRef): boolean {
  return can(actor, 'minor.casework') && actor.role !== 'minor_centre' && canSeeIdentity(actor, c);
}

export function assertCanWorkCase(actor: Actor, c: CaseRef): void {
  assertCaseInScope(actor, c);
  if (!canWorkCase(actor, c)) throw forbidden('CASE_NOT_ASSIGNED', '该个案没有分派给您。只有负责社工或本街道未保站站长可以办理，请联系站长分派。');
}

/** Station head of the case's street, or the city centre. */
export function canApprove(actor: Actor, c: CaseRef): boolean {
  return can(actor, 'minor.approve') && isInScope(actor, c.orgPath);
}

export function assertCanApprove(actor: Actor, c: CaseRef): void {
  assertCaseInScope(actor, c);
  if (!canApprove(actor, c)) throw forbidden('APPROVAL_FORBIDDEN', '只有本街道未保站站长或市未成年人保护中心可以审批。');
}

/** Fields shown only with identity access; listed in the audit row of every read. */
export const IDENTITY_FIELDS = ['name', 'idNumber', 'address', 'guardians', 'health', 'assessment', 'plan', 'serviceOutcomes', 'referralContent', 'consents', 'notes'] as const;
export const MASKED_FIELDS = ['caseNo', 'gender', 'ageBand', 'street', 'community', 'categories', 'riskLevel', 'status', 'visitDates', 'serviceCounts'] as const;

/** What a masked file calls the child: no surname, no name length — nothing of the name at all. */
export const MASKED_CHILD_NAME = '受保护未成年人';

/**
 * The people registry carries the `child_in_difficulty` tag; that a named child is "in difficulty" is itself
 * case information. Only the minor-protection roles that may hold identities see it there (and search by it);
 * everyone else finds the counts in this module.
 */
export const DIFFICULTY_TAG = 'child_in_difficulty';
export function canSeeDifficultyTag(actor: Actor): boolean {
  return actor.role === 'social_worker' || actor.role === 'minor_station_head' || actor.role === 'minor_centre';
}
