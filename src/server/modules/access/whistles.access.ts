import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor, type Role } from './access.policy.js';
import { nothing, wholeDistrict, type KindRule, type Scope } from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';
import { E as whistleErrors } from '../whistles/whistles.errors.js';

/**
 * 吹哨报到. The district sees every whistle; a street or community the whistles at compounds of its
 * area; a department only the whistles that summoned it. Closing and rating belong to the whistling unit
 * (or the street above it); checking in and recording what was done, to a summoned department.
 */
export interface WhistleRecord {
  orgPath: string;
  ownerPath: string;
  ownerName: string;
  departmentIds: readonly string[];
}
export interface WhistleColumns {
  districtId: SQL;
  id: SQL;
  orgPath: SQL;
}

type S = Scope<WhistleRecord, WhistleColumns>;
const all = wholeDistrict as S;
const none = nothing as S;
const area: S = { test: (a, r) => inSubtree(a, r.orgPath), where: (a, c) => subtreeSql(a, c.orgPath) };
const summoned: S = {
  test: (a, r) => a.workUnitId !== null && r.departmentIds.includes(a.workUnitId),
  where: (a, c) =>
    sql`exists (select 1 from whistle_summons s where s.district_id = ${c.districtId} and s.whistle_id = ${c.id} and s.work_unit_id = ${a.workUnitId ?? ''})`,
};

const WHISTLE_READ: Record<Role, S> = {
  district_admin: all,
  street_staff: area,
  community_worker: area,
  grid_worker: none,
  branch_secretary: none,
  department_staff: summoned,
  social_worker: none,
  social_org: none,
  resident: none,
  minor_station_head: none,
  minor_centre: none,
  purchase_agent: none,
  juror: none,
  property_company: none,
};

const isSummoned = (a: Actor, r: WhistleRecord) => a.workUnitId !== null && r.departmentIds.includes(a.workUnitId);

export const whistleRule: KindRule<WhistleRecord, WhistleColumns, 'read' | 'manage' | 'checkin'> = {
  what: '该吹哨事项',
  read: WHISTLE_READ,
  actions: {
    /** Open (for a new one: its compound and the caller as owner), close and rate. */
    manage: {
      test: (a, r) => can(a, 'whistles.blow') && inSubtree(a, r.ownerPath) && inSubtree(a, r.orgPath),
      refusal: (_w, r) => whistleErrors.WHISTLE_MANAGE_FORBIDDEN({ owner: r.ownerName }),
    },
    /** 报到 and the record of what was done: a summoned department only. */
    checkin: {
      test: (a, r) => can(a, 'whistles.checkin') && isSummoned(a, r),
      requiresRead: false,
      refusal: () => whistleErrors.WHISTLE_NOT_SUMMONED(),
    },
  },
};
