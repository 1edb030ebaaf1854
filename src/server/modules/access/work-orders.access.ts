import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor, type Role } from './access.policy.js';
import { nothing, type KindRule, type Scope } from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';
import { E as workOrderErrors } from '../work-orders/work-orders.errors.js';

/**
 * Work orders (工单) and their legs (派单). Staff see the orders of their subtree; a department sees an
 * order through a leg dispatched to its work unit; a resident sees the orders they reported. Roles
 * without orders.read (minor protection, purchase, social organisations, social workers) see none.
 */
export interface WorkOrderRecord {
  orgPath: string;
  reporterUserId: string | null;
  legWorkUnitIds: readonly (string | null)[];
}
export interface WorkOrderColumns {
  districtId: SQL;
  id: SQL;
  orgPath: SQL;
  reporterUserId: SQL;
}

const staff: Scope<WorkOrderRecord, WorkOrderColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
const throughLegs: Scope<WorkOrderRecord, WorkOrderColumns> = {
  test: (a, r) => a.workUnitId !== null && r.legWorkUnitIds.some((w) => w === a.workUnitId),
  where: (a, c) =>
    sql`exists (select 1 from work_order_legs l where l.district_id = ${c.districtId} and l.order_id = ${c.id} and l.work_unit_id = ${a.workUnitId ?? ''})`,
};
const ownReports: Scope<WorkOrderRecord, WorkOrderColumns> = {
  test: (a, r) => r.reporterUserId === a.userId,
  where: (a, c) => sql`${c.reporterUserId} = ${a.userId}`,
};

const ORDER_READ: Record<Role, Scope<WorkOrderRecord, WorkOrderColumns>> = {
  district_admin: staff,
  street_staff: staff,
  community_worker: staff,
  grid_worker: staff,
  branch_secretary: staff,
  department_staff: throughLegs,
  resident: ownReports,
  social_worker: nothing,
  social_org: nothing,
  minor_station_head: nothing,
  minor_centre: nothing,
  purchase_agent: nothing,
  juror: nothing,
  // a property company sees an order through a leg dispatched to it (its company is its work unit)
  property_company: throughLegs,
};

/** Staff of the order's subtree: who accept, dispatch, decide extensions, escalate, supervise, merge (abilities permitting). */
const isCompoundStaff = (a: Actor) => ORDER_READ[a.role] === staff;

export const workOrderRule: KindRule<WorkOrderRecord, WorkOrderColumns, 'read' | 'handle' | 'report'> = {
  what: '该工单',
  read: ORDER_READ,
  actions: {
    handle: { test: (a, r) => isCompoundStaff(a) && inSubtree(a, r.orgPath) },
    report: { test: (a, r) => ORDER_READ[a.role] === ownReports && r.reporterUserId === a.userId },
  },
};

/**
 * A leg is worked (兑单, 退回, 申请延期) by the department it went to, a property leg by the compound's contracted
 * property company, and community/property legs also by the community's staff (who act for a company that is not on the platform).
 */
export interface LegRecord {
  orgPath: string;
  handlerKind: string;
  workUnitId: string | null;
  status: string;
}
export interface LegColumns {
  orgPath: SQL;
  handlerKind: SQL;
  workUnitId: SQL;
}
const ownUnitLegs: Scope<LegRecord, LegColumns> = {
  test: (a, r) => r.handlerKind === 'department' && a.workUnitId !== null && r.workUnitId === a.workUnitId,
  where: (a, c) => sql`(${c.handlerKind} = 'department' and ${c.workUnitId} = ${a.workUnitId ?? ''})`,
};
/** A property company's legs: property legs dispatched to its company (the compound's contracted company). */
const ownCompanyLegs: Scope<LegRecord, LegColumns> = {
  test: (a, r) => r.handlerKind === 'property' && a.workUnitId !== null && r.workUnitId === a.workUnitId,
  where: (a, c) => sql`(${c.handlerKind} = 'property' and ${c.workUnitId} = ${a.workUnitId ?? ''})`,
};
const compoundLegs: Scope<LegRecord, LegColumns> = {
  test: (a, r) => r.handlerKind !== 'department' && inSubtree(a, r.orgPath),
  where: (a, c) => sql`(${c.handlerKind} <> 'department' and ${subtreeSql(a, c.orgPath)})`,
};
const LEG_READ: Record<Role, Scope<LegRecord, LegColumns>> = {
  district_admin: compoundLegs,
  street_staff: compoundLegs,
  community_worker: compoundLegs,
  grid_worker: compoundLegs,
  branch_secretary: compoundLegs,
  department_staff: ownUnitLegs,
  resident: nothing,
  social_worker: nothing,
  social_org: nothing,
  minor_station_head: nothing,
  minor_centre: nothing,
  purchase_agent: nothing,
  juror: nothing,
  property_company: ownCompanyLegs,
};
export const legRule: KindRule<LegRecord, LegColumns, 'read' | 'work'> = {
  what: '该派单',
  read: LEG_READ,
  actions: {
    work: {
      test: (a, r) => r.status === 'open' && can(a, 'orders.fulfil') && LEG_READ[a.role].test(a, r),
      requiresRead: false,
      refusal: () => workOrderErrors.LEG_FORBIDDEN(),
    },
  },
};

/** An order a resident registers is recorded as theirs: that is how they see it afterwards (ownReports). */
export const reportsOwnOrders = (a: Actor): boolean => ORDER_READ[a.role] === ownReports;
