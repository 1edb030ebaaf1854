import {
  everyRole,
  nothing,
  subtree,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';

/**
 * 居民提议. A proposal belongs to its compound: read from the compound's subtree and the line above it (a
 * resident bound to the compound, its grid worker and branch, the community, street and district); a
 * property company, a department or an organisation sees none. Seconding (附议) is a resident's own act,
 * checked by household in the service.
 */
const none = nothing as Scope<PathRecord, PathColumns>;
export const residentProposalRule: KindRule<PathRecord, PathColumns, 'read'> = {
  what: '该居民提议',
  read: {
    ...everyRole(subtree),
    department_staff: none,
    social_worker: none,
    social_org: none,
    minor_station_head: none,
    minor_centre: none,
    purchase_agent: none,
    juror: none,
    property_company: none,
  },
  actions: {},
};
