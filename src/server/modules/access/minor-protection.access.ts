import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor, type Role } from './access.policy.js';
import {
  everyRole,
  nothing,
  orSql,
  reach,
  subtree,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';
import { MinorErrors } from '../minor-protection/minor-protection.errors.js';

/**
 * Children's files (PIPL art. 28: a child's personal information is sensitive, need-to-know).
 *
 * - Which files an actor reaches at all (read): roles with `minor.read`, files in their subtree. Street staff,
 *   district admin and community workers stop here: counts, categories, risk levels and status, identity masked.
 * - Who sees the identity (name, ID number, address, guardians, health, assessment, plan, notes): the case's
 *   assigned social worker, the station head of the case's street, the city centre — nobody else (IDENTITY).
 * - Who works the case (services, visits, referrals, closure request): the same people minus the city centre,
 *   which supervises (approves closures, reopens) but does not keep the file.
 * - Who approves (closure, reopen, assignment): `minor.approve` in the case's subtree — station head, city centre.
 */
export interface CaseRecord {
  orgPath: string;
  workerUserId: string | null;
  status: string;
}
export interface CaseColumns {
  orgPath: SQL;
  workerUserId: SQL;
}

type CaseScope = Scope<CaseRecord, CaseColumns>;
const inTree: CaseScope = { test: (a, r) => inSubtree(a, r.orgPath), where: (a, c) => subtreeSql(a, c.orgPath) };
const assigned: CaseScope = {
  test: (a, r) => inSubtree(a, r.orgPath) && r.workerUserId === a.userId,
  where: (a, c) => sql`(${subtreeSql(a, c.orgPath)} and ${c.workerUserId} = ${a.userId})`,
};

const CASE_READ: Record<Role, CaseScope> = {
  // a social worker's lists and reads hold only the files assigned to them (others' files are not their business, even masked)
  district_admin: inTree,
  street_staff: inTree,
  community_worker: inTree,
  social_worker: assigned,
  minor_station_head: inTree,
  minor_centre: inTree,
  grid_worker: nothing,
  branch_secretary: nothing,
  department_staff: nothing,
  social_org: nothing,
  resident: nothing,
  purchase_agent: nothing,
  juror: nothing,
  property_company: nothing,
};
/** The minor-protection identity rule, per role. */
const IDENTITY: Record<Role, CaseScope> = {
  social_worker: assigned,
  minor_station_head: inTree,
  minor_centre: inTree,
  district_admin: nothing,
  street_staff: nothing,
  community_worker: nothing,
  grid_worker: nothing,
  branch_secretary: nothing,
  department_staff: nothing,
  social_org: nothing,
  resident: nothing,
  purchase_agent: nothing,
  juror: nothing,
  property_company: nothing,
};
/** The caseload a worker's "mine" box and task list show: a social worker their assigned files, everyone else all they read. */
const CASELOAD: Record<Role, CaseScope> = { ...everyRole<CaseRecord, CaseColumns>(inTree), social_worker: assigned };

/** The identity rule as an SQL predicate on a minor_cases row (alias), never null. */
export function identityAccessSql(actor: Actor, alias = 'mc'): SQL {
  if (!can(actor, 'minor.read')) return sql`false`;
  const a = sql.raw(alias);
  return sql`coalesce(${IDENTITY[actor.role].where(actor, { orgPath: sql`${a}.org_path`, workerUserId: sql`${a}.worker_user_id` })}, false)`;
}

/**
 * People-registry predicate on `people` (alias p): a person linked to a minor case (open or closed) is listed
 * only for callers with identity access to that case. Every list, search, export or count of residents uses it.
 */
export function personListableSql(actor: Actor, alias = 'p'): SQL {
  const a = sql.raw(alias);
  return sql`not exists (select 1 from minor_cases pmc where pmc.district_id = ${a}.district_id and pmc.person_id = ${a}.id
    and not ${identityAccessSql(actor, 'pmc')})`;
}

const identity = (a: Actor, r: CaseRecord) => can(a, 'minor.read') && IDENTITY[a.role].test(a, r);
const works = (a: Actor, r: CaseRecord) => can(a, 'minor.casework') && a.role !== 'minor_centre' && identity(a, r);

export const minorCaseRule: KindRule<CaseRecord, CaseColumns, 'read' | 'identity' | 'work' | 'approve' | 'caseload'> = {
  what: '该儿童档案',
  read: CASE_READ,
  actions: {
    identity: { test: identity, where: (a, c) => (can(a, 'minor.read') ? IDENTITY[a.role].where(a, c) : sql`false`) },
    work: {
      test: works,
      refusal: () => MinorErrors.CASE_NOT_ASSIGNED(),
    },
    approve: {
      test: (a, r) => can(a, 'minor.approve') && inSubtree(a, r.orgPath),
      refusal: () => MinorErrors.APPROVAL_FORBIDDEN(),
    },
    caseload: { test: (a, r) => CASELOAD[a.role].test(a, r), where: (a, c) => CASELOAD[a.role].where(a, c) },
  },
};

/** A social worker opening a file keeps it: the worker is themself, never someone else. */
export const OPENS_OWN_CASES_ONLY: Record<Role, boolean> = {
  social_worker: true,
  district_admin: false,
  street_staff: false,
  community_worker: false,
  grid_worker: false,
  branch_secretary: false,
  department_staff: false,
  social_org: false,
  resident: false,
  minor_station_head: false,
  minor_centre: false,
  purchase_agent: false,
  juror: false,
  property_company: false,
};

/**
 * The people registry carries the `child_in_difficulty` tag; that a named child is "in difficulty" is itself
 * case information. Only the minor-protection roles that may hold identities see it there (and search by it).
 */
export const seesDifficultyTag = (actor: Actor): boolean => IDENTITY[actor.role] !== nothing;

/**
 * The receiver of a referral: the department it went to (its staff), the organisation's account, or for a
 * volunteer referral whoever works the case.
 */
export interface ReferralRecord {
  receiverKind: string;
  workUnitId: string | null;
  receiverUserId: string | null;
  case: CaseRecord;
}
export interface ReferralColumns {
  receiverKind: SQL;
  workUnitId: SQL;
  receiverUserId: SQL;
  case: CaseColumns;
}
const toDepartment: Scope<ReferralRecord, ReferralColumns> = {
  test: (a, r) => r.receiverKind === 'department' && r.workUnitId !== null && r.workUnitId === a.workUnitId,
  where: (a, c) => sql`(${c.receiverKind} = 'department' and ${c.workUnitId} = ${a.workUnitId ?? ''})`,
};
const toAccount: Scope<ReferralRecord, ReferralColumns> = {
  test: (a, r) => r.receiverKind === 'organisation' && r.receiverUserId === a.userId,
  where: (a, c) => sql`(${c.receiverKind} = 'organisation' and ${c.receiverUserId} = ${a.userId})`,
};
const toCaseworker: Scope<ReferralRecord, ReferralColumns> = {
  test: (a, r) => r.receiverKind === 'volunteer' && works(a, r.case),
  where: (a, c) =>
    can(a, 'minor.casework') && a.role !== 'minor_centre' && can(a, 'minor.read')
      ? sql`(${c.receiverKind} = 'volunteer' and ${IDENTITY[a.role].where(a, c.case)})`
      : sql`false`,
};
const accountOrCaseworker: Scope<ReferralRecord, ReferralColumns> = {
  test: (a, r) => toAccount.test(a, r) || toCaseworker.test(a, r),
  where: (a, c) => orSql(toAccount.where(a, c), toCaseworker.where(a, c)),
};
const REFERRAL_RECEIVER: Record<Role, Scope<ReferralRecord, ReferralColumns>> = {
  department_staff: toDepartment,
  social_org: toAccount,
  social_worker: accountOrCaseworker,
  minor_station_head: accountOrCaseworker,
  district_admin: nothing,
  street_staff: nothing,
  community_worker: nothing,
  grid_worker: nothing,
  branch_secretary: nothing,
  resident: nothing,
  minor_centre: nothing,
  purchase_agent: nothing,
  juror: nothing,
  property_company: nothing,
};
export const referralRule: KindRule<ReferralRecord, ReferralColumns, 'read' | 'respond'> = {
  what: '该转介',
  read: REFERRAL_RECEIVER,
  actions: {
    respond: {
      test: (a, r) => can(a, 'minor.referral.respond') && REFERRAL_RECEIVER[a.role].test(a, r),
      requiresRead: false,
      refusal: () => MinorErrors.REFERRAL_FORBIDDEN(),
    },
  },
};

/** 未保站: seen from its street and from above; its "五有" checklist kept by those who approve in its subtree. */
export const minorStationRule: KindRule<PathRecord, PathColumns, 'read' | 'write'> = {
  what: '该未保站',
  read: everyRole(reach),
  actions: { write: { test: (a, r) => can(a, 'minor.approve') && subtree.test(a, r), requiresRead: false } },
};
