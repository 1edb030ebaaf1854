import { sql, type SQL } from 'drizzle-orm';
import type { Role } from './access.policy.js';
import {
  everyRole,
  reach,
  subtree,
  wholeDistrict,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';
import { inReach, inSubtree, prefixSql, reachSql, streetOf, subtreeSql } from './access.scope.js';
import { scopeRefusals } from './access.errors.js';

/**
 * Volunteering, 双报到, stations and canteens. Staff work on their subtree; what is organised above them
 * (a community's or a street's activity, team, station or canteen) they and the residents below may see
 * and join (read: reach), but not change (write: subtree).
 */
type Placed = KindRule<PathRecord, PathColumns, 'read' | 'write'>;
const placed = (what: string): Placed => ({
  what,
  read: everyRole(reach),
  actions: { write: { test: subtree.test, where: subtree.where, requiresRead: false } },
});

export const activityRule = placed('该志愿活动');
export const teamRule = placed('该志愿服务队');
/** 阵地 and what hangs off one: rider meetings, job postings, seekers, demands, love-supermarket items. */
export const stationRule = placed('该阵地');
/**
 * A happy canteen serves the elderly of its street (the settlement is claimed from the street), so besides
 * reading what is placed above them, a diner may dine — see the menu and their own subsidy — at any
 * canteen of their street (a neighbouring community's) or above it.
 */
export const canteenRule: KindRule<PathRecord, PathColumns, 'read' | 'write' | 'dine'> = {
  ...placed('该幸福餐厅'),
  actions: {
    ...placed('该幸福餐厅').actions,
    dine: {
      test: (a, r) => r.orgPath.startsWith(streetOf(a)) || inReach(a, r.orgPath),
      where: (a, c) => sql`(${prefixSql(c.orgPath, streetOf(a))} or ${reachSql(a, c.orgPath)})`,
      requiresRead: false,
    },
  },
};

/** A resident sees their own sign-ups to an activity; staff see everyone's. */
export interface SignupRecord {
  personId: string;
}
export interface SignupColumns {
  personId: SQL;
}
const ownSignups: Scope<SignupRecord, SignupColumns> = {
  test: (a, r) => r.personId === a.personId,
  where: (a, c) => sql`${c.personId} = ${a.personId ?? ''}`,
};
export const signupRule: KindRule<SignupRecord, SignupColumns, 'read'> = {
  what: '该报名',
  read: { ...everyRole<SignupRecord, SignupColumns>(wholeDistrict), resident: ownSignups },
  actions: {},
};

/**
 * Records of people that a department follows through its in-service party members (双报到): reports to
 * compounds, service hours, points. Staff see those of their subtree; a department those of its own people.
 */
export interface MemberRecord {
  orgPath: string;
  workUnitId: string | null;
}
export interface MemberColumns {
  orgPath: SQL;
  workUnitId: SQL;
}
const ownPeople: Scope<MemberRecord, MemberColumns> = {
  test: (a, r) => a.workUnitId !== null && r.workUnitId === a.workUnitId,
  where: (a, c) => sql`${c.workUnitId} = ${a.workUnitId ?? ''}`,
};
const memberSubtree: Scope<MemberRecord, MemberColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
const MEMBER_READ: Record<Role, Scope<MemberRecord, MemberColumns>> = {
  ...everyRole(memberSubtree),
  department_staff: ownPeople,
};

export const compoundReportRule: KindRule<MemberRecord, MemberColumns, 'read'> = {
  what: '该报到记录',
  read: MEMBER_READ,
  actions: {},
};
/** Service hours (服务时长): confirmed by staff of the record's subtree. */
export const serviceRecordRule: KindRule<MemberRecord, MemberColumns, 'read' | 'confirm'> = {
  what: '该服务记录',
  read: MEMBER_READ,
  actions: { confirm: { test: memberSubtree.test, where: memberSubtree.where, requiresRead: false } },
};
/**
 * Points accounts (积分). The ledger follows the member rule. At the love-supermarket counter staff open
 * an account by its id only inside their own subtree; a visitor from another community proves presence
 * (their own code or card, presence.service.ts) at a station that serves their community.
 */
export const pointsAccountRule: KindRule<MemberRecord, MemberColumns, 'read' | 'counter'> = {
  what: '该居民',
  read: MEMBER_READ,
  actions: {
    counter: {
      test: memberSubtree.test,
      where: memberSubtree.where,
      requiresRead: false,
      refusal: (what) => scopeRefusals.counter({ what }),
    },
  },
};

/** What the 双报到 summary counts (teams, activities): a department the whole district, staff their subtree. */
export const reportingSummaryRule: KindRule<PathRecord, PathColumns, 'read'> = {
  what: '该单位',
  read: { ...everyRole(subtree), department_staff: wholeDistrict },
  actions: {},
};

/**
 * Service tasks (服务任务): staff of the subtree publish and list them; a person claims a task (or lends a
 * hand on a work order) only in a compound where they live or reported to.
 */
export interface TaskRecord {
  orgPath: string;
  claimantPaths: readonly string[];
}
export const taskRule: KindRule<TaskRecord, PathColumns, 'read' | 'claim'> = {
  what: '该任务',
  read: everyRole<TaskRecord, PathColumns>(subtree),
  actions: {
    claim: {
      test: (_a, r) => r.claimantPaths.includes(r.orgPath),
      requiresRead: false,
      refusal: (what) => scopeRefusals.taskClaim({ what: what.replace(/^该/, '') }),
    },
  },
};
