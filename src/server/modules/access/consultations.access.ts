import { can } from './access.policy.js';
import { everyRole, reach, subtree, type KindRule, type PathColumns, type PathRecord } from './access.rule.js';

/**
 * 征求民意 / 议事协商. A consultation belongs to the unit whose residents it asks. It is read from the unit's
 * subtree and from the line above it (a compound's staff and residents see their community's consultations);
 * it is organised — created, closed, published, paper ballots entered — by staff holding consultations.manage
 * whose subtree holds it. A property company sees none.
 */
export const consultationRule: KindRule<PathRecord, PathColumns, 'read' | 'manage'> = {
  what: '该征求意见',
  read: everyRole(reach),
  actions: {
    manage: {
      test: (a, r) => can(a, 'consultations.manage') && subtree.test(a, r),
      where: (a, c) => subtree.where(a, c),
    },
  },
};
