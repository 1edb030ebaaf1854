import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { ROLE_LABELS as LABELS } from '../../../shared/access.js';
import type { OrgKind } from '../../../shared/org.constants.js';
import type { Grantable } from '../../../shared/users.schema.js';
import type { Actor, Role } from '../access/access.policy.js';
import {
  ACCOUNT_ADMIN_ROLES,
  assertMayEditMinorGranters,
  DEFAULT_GRANTS,
  grantableRoles,
  mayEditMinorGranters,
  type GrantRow,
  type GrantRules,
} from '../access/accounts.access.js';
import { ROLE_LABELS } from '../access/role-labels.js';
import { writeAudit } from '../audit/audit.service.js';
import { usersErrors as E } from './users.errors.js';
import * as repo from './users.repository.js';

/** Who may grant which accounts in a district: the grant table and the centre's minor-granter setting. */

const ROLE_LABELS_EN = LABELS.en;

/** Seed a district's grant table with the defaults; idempotent (called when a district is initialised). */
export async function seedDefaultGrants(q: Queryable, districtId: string): Promise<void> {
  await repo.insertGrants(
    q,
    DEFAULT_GRANTS.map((g) => ({ districtId, ...g })),
  );
}

export async function loadGrantRules(q: Queryable, districtId: string): Promise<GrantRules> {
  const { rows, setting } = await repo.grantRows(q, districtId);
  return {
    rows: rows.map((r): GrantRow => ({
      granterRole: r.granterRole as Role,
      targetRole: r.targetRole as Role,
      unitKind: r.unitKind as OrgKind,
      mayCreate: r.mayCreate,
      mayReset: r.mayReset,
      mayDisable: r.mayDisable,
    })),
    minorGranterRoles: (setting?.minorGranterRoles ?? []) as Role[],
  };
}

export async function getGrantable(ctx: AppContext, actor: Actor): Promise<Grantable> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  return {
    roles: grantableRoles(actor, rules).map((g) => ({ ...g, label: ROLE_LABELS[g.role] })),
    minorGranterRoles: [...rules.minorGranterRoles],
    delegableRoles: ACCOUNT_ADMIN_ROLES.filter((r) => r !== 'minor_centre'),
    mayEditMinorGranters: mayEditMinorGranters(actor),
  };
}

/** The centre names which roles of this district may also grant the minor-protection roles. */
export async function setMinorGranters(
  ctx: AppContext,
  actor: Actor,
  input: { minorGranterRoles: Role[] },
  ip?: string,
): Promise<Grantable> {
  assertMayEditMinorGranters(actor);
  const roles = [...new Set(input.minorGranterRoles)];
  const invalid = roles.filter((r) => r === 'minor_centre' || !ACCOUNT_ADMIN_ROLES.includes(r));
  if (invalid.length) {
    throw E.GRANT_SETTINGS_INVALID_ROLE({
      roles: invalid.map((r) => `“${ROLE_LABELS[r]}”`).join('、'),
      rolesEn: invalid.map((r) => `"${ROLE_LABELS_EN[r]}"`).join(', '),
    });
  }
  await ctx.db.transaction(async (tx) => {
    const before = await repo.grantSetting(tx, actor.districtId);
    await repo.upsertGrantSetting(tx, { districtId: actor.districtId, roles, by: actor.userId });
    await writeAudit(
      tx,
      actor,
      {
        action: 'user_grants.minor_granters',
        entityType: 'district',
        entityId: actor.districtId,
        detail: { from: before?.minorGranterRoles ?? [], to: roles },
      },
      ip,
    );
  });
  return getGrantable(ctx, actor);
}
