import { ROLE_LABELS as LABELS } from '../../../shared/access.js';
import { accessErrors as E } from './access.errors.js';
import { ROLE_ABILITIES, type Actor, type Role } from './access.policy.js';
import { ROLE_LABELS } from './role-labels.js';

const ROLE_LABELS_EN = LABELS.en;
import type { OrgKind } from '../org/org.tables.js';

/**
 * Delegated administration: the one place that decides whether an actor may create, reset (password,
 * unlock), change or disable an account of a given role bound to a given kind of org unit.
 * Three rules, in this order:
 *  1. the minor-protection roles are granted only by the city centre, or by roles the district's
 *     setting names (the centre edits that setting);
 *  2. nobody grants a role with more identity access than their own (IDENTITY_RANK);
 *  3. the district's grant table must hold a row for (granter, target, unit kind) allowing the action.
 * Scope (the target unit lies in the actor's subtree) and "not your own account" are checked by the service.
 */
export type GrantAction = 'create' | 'reset' | 'disable';
export const GRANT_ACTIONS: readonly GrantAction[] = ['create', 'reset', 'disable'];

export const MINOR_ROLES: readonly Role[] = ['minor_station_head', 'social_worker', 'minor_centre'];
/** Roles that manage accounts at all, and so may be named in the district's minor-granter setting. */
export const ACCOUNT_ADMIN_ROLES: readonly Role[] = (Object.keys(ROLE_ABILITIES) as Role[]).filter((r) =>
  ROLE_ABILITIES[r].includes('users.manage'),
);

/** Which kind of org unit each role is bound to (its scope). */
export const ROLE_UNIT_KINDS: Record<Role, readonly OrgKind[]> = {
  district_admin: ['district'],
  street_staff: ['street', 'township'],
  community_worker: ['community', 'village'],
  grid_worker: ['compound'],
  branch_secretary: ['compound'],
  department_staff: ['district'],
  social_worker: ['street', 'township', 'community', 'village'],
  social_org: ['district', 'street', 'township'],
  resident: ['compound'],
  minor_station_head: ['street', 'township'],
  minor_centre: ['district'],
  purchase_agent: ['district'],
  juror: ['district'],
  property_company: ['district'],
};

/**
 * How much of a person's identity a role can see:
 * 0 none · 1 the people registry, masked · 2 full ID numbers (people.identity.reveal) ·
 * 3 a protected child's identity (minor-protection case work, see minor-protection.policy.ts).
 */
export function identityRank(role: Role): number {
  if (MINOR_ROLES.includes(role)) return 3;
  const abilities = ROLE_ABILITIES[role];
  if (abilities.includes('people.identity.reveal')) return 2;
  if (abilities.includes('people.read')) return 1;
  return 0;
}

const IDENTITY_WORDS = [
  '不涉及居民身份信息',
  '可查看脱敏的人口信息',
  '可查看完整证件号',
  '可查看受保护未成年人的身份信息',
];
const IDENTITY_WORDS_EN = [
  'involves no resident identity data',
  'may see masked population data',
  'may see full ID numbers',
  "may see protected minors' identity data",
];

export interface GrantRow {
  granterRole: Role;
  targetRole: Role;
  unitKind: OrgKind;
  mayCreate: boolean;
  mayReset: boolean;
  mayDisable: boolean;
}
export interface GrantRules {
  rows: readonly GrantRow[];
  minorGranterRoles: readonly Role[];
}

const ALL: Pick<GrantRow, 'mayCreate' | 'mayReset' | 'mayDisable'> = {
  mayCreate: true,
  mayReset: true,
  mayDisable: true,
};
function rowsFor(granterRole: Role, targets: readonly Role[]): GrantRow[] {
  return targets.flatMap((targetRole) =>
    ROLE_UNIT_KINDS[targetRole]
      .filter((unitKind) => granterRole !== 'street_staff' || unitKind !== 'district')
      .map((unitKind) => ({ granterRole, targetRole, unitKind, ...ALL })),
  );
}

/** The defaults seeded for every district, from the demo's roles. */
export const DEFAULT_GRANTS: readonly GrantRow[] = [
  ...rowsFor('district_admin', [
    'district_admin',
    'street_staff',
    'community_worker',
    'grid_worker',
    'branch_secretary',
    'department_staff',
    'social_org',
    'resident',
    'purchase_agent',
    'juror',
    'property_company',
  ]),
  // A street runs its own colleagues, its compounds' grid workers, branch secretaries and residents, and street-level organisations.
  ...rowsFor('street_staff', ['street_staff', 'grid_worker', 'branch_secretary', 'resident', 'social_org']),
  ...rowsFor('minor_centre', ['minor_centre', 'minor_station_head', 'social_worker']),
];

export const KIND_LABELS: Record<OrgKind, string> = {
  district: '区',
  street: '街道',
  township: '乡镇',
  community: '社区',
  village: '村',
  compound: '小区',
};
export const KIND_LABELS_EN: Record<OrgKind, string> = {
  district: 'district',
  street: 'street',
  township: 'township',
  community: 'community',
  village: 'village',
  compound: 'compound',
};

function minorMayGrant(actorRole: Role, rules: GrantRules): boolean {
  return actorRole === 'minor_centre' || rules.minorGranterRoles.includes(actorRole);
}

/** The refusal for (actor, action, target role, unit kind), or null when allowed. */
export function grantRefusal(
  actor: Pick<Actor, 'role'>,
  rules: GrantRules,
  action: GrantAction,
  targetRole: Role,
  unitKind: OrgKind,
) {
  const target = ROLE_LABELS[targetRole];
  const verb = action === 'create' ? '开通' : action === 'reset' ? '重置密码或解锁' : '停用或启用';
  const words = {
    target,
    targetEn: ROLE_LABELS_EN[targetRole],
    verb,
    verbEn: action === 'create' ? 'open' : action === 'reset' ? 'reset passwords of or unlock' : 'disable or enable',
  };
  const isMinor = MINOR_ROLES.includes(targetRole);
  if (isMinor && !minorMayGrant(actor.role, rules)) {
    return E.GRANT_MINOR_CENTRE_ONLY(words);
  }
  // A role the centre delegated minor roles to acts with the centre's grant rows for them.
  const granterRole: Role = isMinor ? 'minor_centre' : actor.role;
  if (!isMinor && identityRank(targetRole) > identityRank(actor.role)) {
    const rank = identityRank(targetRole);
    return E.GRANT_IDENTITY_EXCEEDS({
      ...words,
      identity: IDENTITY_WORDS[rank]!,
      identityEn: IDENTITY_WORDS_EN[rank]!,
    });
  }
  const row = rules.rows.find(
    (r) => r.granterRole === granterRole && r.targetRole === targetRole && r.unitKind === unitKind,
  );
  const allowed = row && (action === 'create' ? row.mayCreate : action === 'reset' ? row.mayReset : row.mayDisable);
  if (!allowed) {
    return E.GRANT_FORBIDDEN({
      ...words,
      actorRole: ROLE_LABELS[actor.role],
      actorRoleEn: ROLE_LABELS_EN[actor.role],
      kind: KIND_LABELS[unitKind],
      kindEn: KIND_LABELS_EN[unitKind],
    });
  }
  return null;
}

export function assertMayGrant(
  actor: Pick<Actor, 'role'>,
  rules: GrantRules,
  action: GrantAction,
  targetRole: Role,
  unitKind: OrgKind,
): void {
  const refusal = grantRefusal(actor, rules, action, targetRole, unitKind);
  if (refusal) throw refusal;
}

export interface GrantableRole {
  role: Role;
  unitKinds: OrgKind[];
  actions: GrantAction[];
}

/** What the actor may grant, per role: the same rules as assertMayGrant, for the UI to offer. */
export function grantableRoles(actor: Pick<Actor, 'role'>, rules: GrantRules): GrantableRole[] {
  const out: GrantableRole[] = [];
  for (const role of Object.keys(ROLE_UNIT_KINDS) as Role[]) {
    const unitKinds = new Set<OrgKind>();
    const actions = new Set<GrantAction>();
    for (const kind of ROLE_UNIT_KINDS[role]) {
      for (const action of GRANT_ACTIONS) {
        if (!grantRefusal(actor, rules, action, role, kind)) {
          actions.add(action);
          if (action === 'create') unitKinds.add(kind);
        }
      }
    }
    if (actions.size)
      out.push({ role, unitKinds: [...unitKinds], actions: GRANT_ACTIONS.filter((a) => actions.has(a)) });
  }
  return out;
}

/** Only the city centre says which roles may also grant the minor-protection roles. */
export function mayEditMinorGranters(actor: Actor): boolean {
  return actor.role === 'minor_centre';
}

export function assertMayEditMinorGranters(actor: Actor): void {
  if (!mayEditMinorGranters(actor)) throw E.GRANT_SETTINGS_CENTRE_ONLY();
}
