import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor, type Role } from './access.policy.js';
import { nothing, type KindRule, type Scope } from './access.rule.js';
import { inReach, inSubtree, reachSql, subtreeSql } from './access.scope.js';
import { E as assessmentErrors } from '../assessment/assessment.errors.js';

/**
 * The monthly assessment's records: appeals (申诉/核减) and callbacks (回访).
 *
 * An appeal lives at the appealing unit's path (a street's or community's own path; a department's appeals
 * at the district root, so only the district reviews them). Staff read the appeals of their subtree, a
 * department those of its own work unit. It is filed by the unit itself (an account bound to that street or
 * community, or of that department); it is decided by a reviewer role the district names, above the unit
 * (never the unit itself).
 */
export interface AppealRecord {
  orgPath: string;
  workUnitId: string | null;
  unitKind: string;
  /** The roles the district's settings name as reviewers (default: district_admin). */
  reviewerRoles: readonly string[];
}
export interface AppealColumns {
  orgPath: SQL;
  workUnitId: SQL;
}
const appealSubtree: Scope<AppealRecord, AppealColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
const ownUnitAppeals: Scope<AppealRecord, AppealColumns> = {
  test: (a, r) => r.unitKind === 'department' && a.workUnitId !== null && r.workUnitId === a.workUnitId,
  where: (a, c) => sql`${c.workUnitId} = ${a.workUnitId ?? ''}`,
};
const APPEAL_READ: Record<Role, Scope<AppealRecord, AppealColumns>> = {
  district_admin: appealSubtree,
  street_staff: appealSubtree,
  community_worker: appealSubtree,
  grid_worker: nothing,
  branch_secretary: nothing,
  department_staff: ownUnitAppeals,
  social_worker: nothing,
  social_org: nothing,
  resident: nothing,
  minor_station_head: nothing,
  minor_centre: nothing,
  purchase_agent: nothing,
  juror: nothing,
  property_company: nothing,
};
/** The unit is the actor's own: their work unit for a department's appeal, else the unit they are bound to. */
const isOwnUnit = (a: Actor, r: AppealRecord) =>
  r.unitKind === 'department' ? a.workUnitId !== null && r.workUnitId === a.workUnitId : r.orgPath === a.scopePath;
/** Who speaks for a unit: a department's staff for it, a street's or community's staff for their own unit. */
const speaksFor = (a: Actor, r: AppealRecord) =>
  isOwnUnit(a, r) &&
  (r.unitKind === 'department'
    ? a.role === 'department_staff'
    : a.role === 'street_staff' || a.role === 'community_worker');

export const appealRule: KindRule<AppealRecord, AppealColumns, 'read' | 'file' | 'decide'> = {
  what: '该申诉',
  read: APPEAL_READ,
  actions: {
    file: {
      test: (a, r) => can(a, 'appeals.file') && speaksFor(a, r),
      requiresRead: false,
      refusal: () => assessmentErrors.APPEAL_NOT_YOUR_UNIT(),
    },
    decide: {
      test: (a, r) =>
        can(a, 'appeals.review') && r.reviewerRoles.includes(a.role) && inSubtree(a, r.orgPath) && !isOwnUnit(a, r),
      refusal: () => assessmentErrors.APPEAL_REVIEW_FORBIDDEN(),
    },
  },
};

/** A callback is about a closed order: the staff who call back work the orders of their subtree. */
export interface CallbackRecord {
  orgPath: string;
}
export interface CallbackColumns {
  orgPath: SQL;
}
const callbackSubtree: Scope<CallbackRecord, CallbackColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
export const callbackRule: KindRule<CallbackRecord, CallbackColumns, 'read' | 'call'> = {
  what: '该回访',
  read: {
    district_admin: callbackSubtree,
    street_staff: callbackSubtree,
    community_worker: callbackSubtree,
    grid_worker: nothing,
    branch_secretary: nothing,
    department_staff: nothing,
    social_worker: nothing,
    social_org: nothing,
    resident: nothing,
    minor_station_head: nothing,
    minor_centre: nothing,
    purchase_agent: nothing,
    juror: nothing,
    property_company: nothing,
  },
  actions: { call: { test: (a, r) => can(a, 'callbacks.manage') && inSubtree(a, r.orgPath) } },
};

// ── topics ──
/**
 * 治理课题 (每月一题) live at the district root: the district picks and runs them; streets and communities
 * read them (their compounds are the pilots), nobody else.
 */
export interface TopicRecord {
  orgPath: string;
}
export interface TopicColumns {
  orgPath: SQL;
}
const topicReach: Scope<TopicRecord, TopicColumns> = {
  test: (a, r) => inReach(a, r.orgPath),
  where: (a, c) => reachSql(a, c.orgPath),
};
export const topicRule: KindRule<TopicRecord, TopicColumns, 'read' | 'manage'> = {
  what: '该治理课题',
  read: {
    district_admin: topicReach,
    street_staff: topicReach,
    community_worker: topicReach,
    grid_worker: nothing,
    branch_secretary: nothing,
    department_staff: nothing,
    social_worker: nothing,
    social_org: nothing,
    resident: nothing,
    minor_station_head: nothing,
    minor_centre: nothing,
    purchase_agent: nothing,
    juror: nothing,
    property_company: nothing,
  },
  actions: { manage: { test: (a, r) => can(a, 'topics.manage') && inSubtree(a, r.orgPath) } },
};
