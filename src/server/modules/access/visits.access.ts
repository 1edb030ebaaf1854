import {
  nothing,
  reach,
  subtree,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';

/**
 * 走访慰问 is for the staff who run it in their scope — street and community staff and the compound's
 * party branch — and for the district, which sees all of it (its scope is the whole tree). A campaign is
 * read by its organiser's subtree and by the units below it (a community records visits in the street's
 * campaign) and changed only in the organiser's subtree; a visit is personal data, scoped like the
 * resident visited. Nobody else reaches either.
 */
type PathScope = Scope<PathRecord, PathColumns>;
const none = nothing as PathScope;
const byRole = (staff: PathScope) => ({
  district_admin: staff,
  street_staff: staff,
  community_worker: staff,
  grid_worker: none,
  branch_secretary: staff,
  department_staff: none,
  social_worker: none,
  social_org: none,
  resident: none,
  minor_station_head: none,
  minor_centre: none,
  purchase_agent: none,
  juror: none,
  property_company: none,
});
export const visitCampaignRule: KindRule<PathRecord, PathColumns, 'read' | 'write'> = {
  what: '该走访慰问活动',
  read: byRole(reach),
  actions: { write: { test: subtree.test, where: subtree.where } },
};
export const visitRule: KindRule<PathRecord, PathColumns, 'read' | 'write'> = {
  what: '该走访记录',
  read: byRole(subtree),
  actions: { write: { test: subtree.test, where: subtree.where } },
};
