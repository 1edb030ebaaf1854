import { sql, type SQL } from 'drizzle-orm';
import type { Role } from './access.policy.js';
import {
  everyRole,
  orSql,
  subtree,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';

/**
 * Records placed on the org tree by one path: org units, buildings, households, people, accounts,
 * joint meetings. Every role reaches its bound subtree; the abilities decide which routes it may call.
 */
type PathRule = KindRule<PathRecord, PathColumns, 'read' | 'write'>;
const pathRule = (what: string): PathRule => ({
  what,
  read: everyRole(subtree),
  actions: { write: { test: subtree.test, where: subtree.where } },
});

export const orgUnitRule = pathRule('该组织');
export const buildingRule = pathRule('该楼栋');
export const householdRule = pathRule('该户');
export const personRule = pathRule('该居民');
export const accountRule = pathRule('该账号');
export const meetingRule = pathRule('该联席会议');

/**
 * A department reads reports and service hours of its own people wherever they live, so it may narrow a
 * summary to any unit of the district; everyone else only to a unit of their subtree.
 */
const anyUnit: Scope<PathRecord, PathColumns> = { test: () => true, where: () => sql`true` };
export const reportFilterRule: KindRule<PathRecord, PathColumns, 'read'> = {
  what: '该单位',
  read: { ...everyRole(subtree), department_staff: anyUnit } satisfies Record<Role, Scope<PathRecord, PathColumns>>,
  actions: {},
};

/** A party org is the actor's when it sits in their subtree, or (a joint branch) covers a compound in it. */
export interface PartyOrgRecord {
  orgPath: string;
  compoundPaths: readonly string[];
}
export interface PartyOrgColumns {
  orgPath: SQL;
  compoundPaths: SQL;
}
export const partyScope: Scope<PartyOrgRecord, PartyOrgColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath) || r.compoundPaths.some((p) => inSubtree(a, p)),
  where: (a, c) =>
    orSql(
      subtreeSql(a, c.orgPath),
      sql`exists (select 1 from unnest(${c.compoundPaths}) cp where ${subtreeSql(a, sql`cp`)})`,
    ),
};
/**
 * Changing a party org (建支部、拆分、合并、改挂、升级、任职) is for the staff above it: its anchor unit must
 * lie in the actor's subtree — a compound-level reader of a joint branch may read it, not change it.
 */
export const partyOrgRule: KindRule<PartyOrgRecord, PartyOrgColumns, 'read' | 'write'> = {
  what: '该党组织',
  read: everyRole(partyScope),
  actions: { write: { test: (a, r) => inSubtree(a, r.orgPath), where: (a, c) => subtreeSql(a, c.orgPath) } },
};
/** A party member (applicants included) is personal data, scoped like the resident: by where they live. */
export const partyMemberRule = pathRule('该党员档案');
