import { sql } from 'drizzle-orm';
import type { Role } from './access.policy.js';
import { nothing, type KindRule, type Scope } from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';
import { partyScope, type PartyOrgColumns, type PartyOrgRecord } from './org.access.js';

/**
 * 组织生活 of a branch (activities with attendance, the working-systems checklist, 考核评议): the record is the
 * branch. Its secretary and the community, street and district staff above it read it and run it (a joint
 * branch also from each compound it covers); reviewing and scoring is for the committees above — the
 * branch's anchor unit must lie in the actor's subtree. Nobody else reads a branch's life: a member sees only
 * their own activities and attendance (through their own account, not this rule).
 */
type Rec = PartyOrgRecord;
type Cols = PartyOrgColumns;
const none = nothing as Scope<Rec, Cols>;
export const branchLifeRule: KindRule<Rec, Cols, 'read' | 'run' | 'review'> = {
  what: '该党支部的组织生活',
  read: {
    district_admin: partyScope,
    street_staff: partyScope,
    community_worker: partyScope,
    branch_secretary: partyScope,
    grid_worker: none,
    department_staff: none,
    social_worker: none,
    social_org: none,
    resident: none,
    minor_station_head: none,
    minor_centre: none,
    purchase_agent: none,
    juror: none,
    property_company: none,
  } satisfies Record<Role, Scope<Rec, Cols>>,
  actions: {
    run: { test: partyScope.test, where: partyScope.where },
    review: {
      test: (a, r) => a.role !== 'branch_secretary' && inSubtree(a, r.orgPath),
      where: (a, c) => (a.role === 'branch_secretary' ? sql`false` : subtreeSql(a, c.orgPath)),
    },
  },
};
