import { sql, type SQL } from 'drizzle-orm';
import { can } from './access.policy.js';
import { nothing, subtree, type KindRule, type Scope } from './access.rule.js';

/**
 * 网格巡查: a grid worker reads the patrols of his grid (his subtree) and records only his own open ones;
 * the community, the street and the district read those in their subtree. Nobody else sees a patrol —
 * not the branch secretary, the departments (they see the orders a patrol raised through their legs) or residents.
 */
export interface PatrolRecord {
  orgPath: string;
  workerUserId: string;
}
export interface PatrolColumns {
  orgPath: SQL;
  workerUserId: SQL;
}
const inScope = subtree as unknown as Scope<PatrolRecord, PatrolColumns>;
const none = nothing as Scope<PatrolRecord, PatrolColumns>;

export const patrolRule: KindRule<PatrolRecord, PatrolColumns, 'read' | 'record'> = {
  what: '该巡查记录',
  read: {
    district_admin: inScope,
    street_staff: inScope,
    community_worker: inScope,
    grid_worker: inScope,
    branch_secretary: none,
    department_staff: none,
    social_worker: none,
    social_org: none,
    resident: none,
    minor_station_head: none,
    minor_centre: none,
    purchase_agent: none,
    juror: none,
    property_company: none,
  },
  actions: {
    record: {
      test: (a, r) => can(a, 'patrols.record') && r.workerUserId === a.userId,
      where: (a, c) => (can(a, 'patrols.record') ? sql`${c.workerUserId} = ${a.userId}` : sql`false`),
    },
  },
};
