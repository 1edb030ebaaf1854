import { can } from './access.policy.js';
import { nothing, wholeDistrict, type KindRule, type PathColumns, type PathRecord } from './access.rule.js';

/**
 * 派单目录 is district-wide reference data: the district configures it; the staff who dispatch, fulfil
 * and are assessed by it (street, community, department) read all of it. Others never see it.
 */
const all = wholeDistrict as KindRule<PathRecord, PathColumns, 'read'>['read']['district_admin'];
const none = nothing as typeof all;
export const catalogueRule: KindRule<PathRecord, PathColumns, 'read' | 'configure'> = {
  what: '派单目录',
  read: {
    district_admin: all,
    street_staff: all,
    community_worker: all,
    grid_worker: none,
    branch_secretary: none,
    department_staff: all,
    social_worker: none,
    social_org: none,
    resident: none,
    minor_station_head: none,
    minor_centre: none,
    purchase_agent: none,
    juror: none,
    property_company: none,
  },
  actions: { configure: { test: (a) => can(a, 'catalogue.configure') } },
};
