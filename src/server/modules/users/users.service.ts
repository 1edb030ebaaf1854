import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { usersErrors as E } from './users.errors.js';
import { ROLE_LABELS as LABELS } from '../../../shared/access.js';
import { ROLES, type Actor, type Role } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { ROLE_LABELS } from '../access/role-labels.js';
import { writeAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/auth.service.js';
import { sessions, users } from '../auth/auth.tables.js';
import { escapeLike } from '../../lib/like.js';
import { ORG_KINDS, orgUnits, workUnits, type OrgKind } from '../org/org.tables.js';
import {
  ACCOUNT_ADMIN_ROLES,
  assertMayEditMinorGranters,
  assertMayGrant,
  mayEditMinorGranters,
  DEFAULT_GRANTS,
  GRANT_ACTIONS,
  grantableRoles,
  grantRefusal,
  KIND_LABELS,
  KIND_LABELS_EN,
  ROLE_UNIT_KINDS,
  type GrantAction,
  type GrantRow,
  type GrantRules,
} from '../access/accounts.access.js';
import { userGrants, userGrantSettings } from './users.tables.js';

const ROLE_LABELS_EN = LABELS.en;

const password = z
  .string()
  .min(10, '密码至少 10 位')
  .max(200)
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/\d/, '密码须包含数字');
const GrantActionEnum = z.enum(['create', 'reset', 'disable']);

export const UserDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitKind: z.enum(ORG_KINDS),
  workUnitId: z.string().nullable(),
  workUnitName: z.string().nullable(),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  createdAt: z.string(),
  /** What the caller may do with this account next (the UI hides the rest). */
  actions: z.array(GrantActionEnum),
});
export const ListUsersQuery = z.object({
  q: z.string().trim().max(60).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
});
export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字、. _ -'),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  orgUnitId: z.string().min(1).max(60),
  workUnitId: z.string().max(60).optional(),
  password,
});
export const UpdateUserBody = z.object({
  isActive: z.boolean().optional(),
  unlock: z.literal(true).optional(),
  password: password.optional(),
  displayName: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES).optional(),
  orgUnitId: z.string().min(1).max(60).optional(),
  workUnitId: z.string().min(1).max(60).nullable().optional(),
});
export const ResetPasswordBody = z.object({ password: password.optional() });
export const ResetPasswordReply = z.object({
  user: UserDto,
  /** Only when the server generated it: shown once, never stored in clear or audited. */
  generatedPassword: z.string().nullable(),
});
export const GrantableDto = z.object({
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      label: z.string(),
      unitKinds: z.array(z.enum(ORG_KINDS)),
      actions: z.array(GrantActionEnum),
    }),
  ),
  minorGranterRoles: z.array(z.enum(ROLES)),
  /** Roles the centre may name as minor-role granters (those with account management). */
  delegableRoles: z.array(z.enum(ROLES)),
  mayEditMinorGranters: z.boolean(),
});
export const GrantSettingsBody = z.object({ minorGranterRoles: z.array(z.enum(ROLES)).max(ROLES.length) });

type UserView = z.infer<typeof UserDto>;

/** Seed a district's grant table with the defaults; idempotent (called when a district is initialised). */
export async function seedDefaultGrants(q: Queryable, districtId: string): Promise<void> {
  await q
    .insert(userGrants)
    .values(DEFAULT_GRANTS.map((g) => ({ districtId, ...g })))
    .onConflictDoNothing();
}

export async function loadGrantRules(q: Queryable, districtId: string): Promise<GrantRules> {
  const rows = await q.select().from(userGrants).where(eq(userGrants.districtId, districtId));
  const [setting] = await q.select().from(userGrantSettings).where(eq(userGrantSettings.districtId, districtId));
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

function actionsOn(
  actor: Actor,
  rules: GrantRules,
  u: { id: string; role: Role; orgUnitKind: OrgKind },
): GrantAction[] {
  if (u.id === actor.userId) return [];
  return GRANT_ACTIONS.filter((a) => !grantRefusal(actor, rules, a, u.role, u.orgUnitKind));
}

async function view(ctx: AppContext, actor: Actor, rules: GrantRules, where: SQL | undefined): Promise<UserView[]> {
  const rows = await ctx.db
    .select({ u: users, orgUnitName: orgUnits.name, orgUnitKind: orgUnits.kind, workUnitName: workUnits.name })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .leftJoin(workUnits, and(eq(workUnits.districtId, users.districtId), eq(workUnits.id, users.workUnitId)))
    .where(and(eq(users.districtId, actor.districtId), where))
    .orderBy(asc(users.username))
    .limit(500);
  const now = new Date();
  return rows.map(({ u, orgUnitName, orgUnitKind, workUnitName }) => {
    const role = u.role as Role;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role,
      roleLabel: ROLE_LABELS[role],
      orgUnitId: u.orgUnitId,
      orgUnitName,
      orgUnitKind,
      workUnitId: u.workUnitId,
      workUnitName: workUnitName ?? null,
      isActive: u.isActive,
      isLocked: !!u.lockedUntil && u.lockedUntil > now,
      createdAt: u.createdAt.toISOString(),
      actions: actionsOn(actor, rules, { id: u.id, role, orgUnitKind }),
    };
  });
}

/**
 * Accounts bound inside the actor's subtree whose role the actor may manage, and the actor's own.
 * An account the actor may not manage is not on their list (its role and unit are not their business).
 */
export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof ListUsersQuery> = {},
): Promise<UserView[]> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const manageable = grantableRoles(actor, rules).map((g) => g.role);
  const filters: (SQL | undefined)[] = [
    scopeWhere(actor, 'account', { orgPath: sql`${orgUnits.path}` }),
    manageable.length ? or(inArray(users.role, manageable), eq(users.id, actor.userId)) : eq(users.id, actor.userId),
  ];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    filters.push(
      sql`(${users.username} ilike ${like} or ${users.displayName} ilike ${like} or ${orgUnits.name} ilike ${like})`,
    );
  }
  if (query.role) filters.push(eq(users.role, query.role));
  if (query.status === 'active') filters.push(eq(users.isActive, true));
  if (query.status === 'disabled') filters.push(eq(users.isActive, false));
  if (query.status === 'locked') filters.push(sql`${users.lockedUntil} > now()`);
  const items = await view(ctx, actor, rules, and(...filters));
  return items.filter((u) => u.id === actor.userId || u.actions.length > 0);
}

/** The target account, checked: in the actor's district and subtree, not the actor's own, and `action` granted on its role. */
async function loadTarget(
  ctx: AppContext,
  actor: Actor,
  rules: GrantRules,
  id: string,
  action: GrantAction | 'view',
): Promise<UserView & { path: string }> {
  const [row] = await ctx.db
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(and(eq(users.districtId, actor.districtId), eq(users.id, id)));
  if (!row) throw E.USER_NOT_FOUND();
  const [target] = await view(ctx, actor, rules, eq(users.id, id));
  if (id === actor.userId) {
    if (action === 'view') return { ...target!, path: row.path };
    throw E.SELF_CHANGE_FORBIDDEN();
  }
  requireAccess(actor, 'account', { orgPath: row.path });
  if (action === 'view') {
    if (target!.actions.length === 0) assertMayGrant(actor, rules, 'reset', target!.role, target!.orgUnitKind);
  } else {
    assertMayGrant(actor, rules, action, target!.role, target!.orgUnitKind);
  }
  return { ...target!, path: row.path };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserView> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const { path: _path, ...user } = await loadTarget(ctx, actor, rules, id, 'view');
  return user;
}

/** The org unit an account is to be bound to, checked against the actor's scope and the role's level. */
async function bindableUnit(ctx: AppContext, actor: Actor, role: Role, orgUnitId: string) {
  const [unit] = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, actor.districtId), eq(orgUnits.id, orgUnitId)));
  if (!unit) throw E.ORG_UNIT_NOT_FOUND({ id: orgUnitId });
  requireAccess(actor, 'orgUnit', { orgPath: unit.path });
  if (!ROLE_UNIT_KINDS[role].includes(unit.kind)) {
    throw E.ROLE_UNIT_MISMATCH({
      role: ROLE_LABELS[role],
      roleEn: ROLE_LABELS_EN[role],
      kinds: ROLE_UNIT_KINDS[role].map((k) => KIND_LABELS[k]).join('/'),
      kindsEn: ROLE_UNIT_KINDS[role].map((k) => KIND_LABELS_EN[k]).join('/'),
      unit: unit.name,
    });
  }
  return unit;
}

/** Department accounts name their department (住建局 …); other roles may name a work unit (e.g. an in-service member's unit) or none. */
async function checkedWorkUnit(
  ctx: AppContext,
  actor: Actor,
  role: Role,
  workUnitId: string | null | undefined,
): Promise<string | null> {
  if (role === 'department_staff' && !workUnitId) throw E.WORK_UNIT_REQUIRED();
  if (!workUnitId) return null;
  const [w] = await ctx.db
    .select({ id: workUnits.id })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, actor.districtId), eq(workUnits.id, workUnitId)));
  if (!w) throw E.WORK_UNIT_NOT_FOUND();
  return w.id;
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateUserBody>,
  ip?: string,
): Promise<UserView> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const unit = await bindableUnit(ctx, actor, input.role, input.orgUnitId);
  assertMayGrant(actor, rules, 'create', input.role, unit.kind);
  const workUnitId = await checkedWorkUnit(ctx, actor, input.role, input.workUnitId);
  const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw E.USERNAME_TAKEN({ username: input.username });
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(users).values({
      districtId: actor.districtId,
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      orgUnitId: unit.id,
      workUnitId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        detail: { username: input.username, role: input.role, orgUnitId: unit.id, workUnitId },
      },
      ip,
    );
  });
  return (await view(ctx, actor, rules, eq(users.id, id)))[0]!;
}

/**
 * Change an account: disable/enable, unlock, set a password (each ending the user's sessions where it
 * matters), rename, or rebind role / org unit / work unit. Each kind of change needs its grant and
 * writes its own audit row, in the one transaction.
 */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof UpdateUserBody>,
  ip?: string,
): Promise<UserView> {
  if (Object.values(input).every((v) => v === undefined)) {
    throw E.EMPTY_UPDATE();
  }
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const isRebind =
    input.role !== undefined ||
    input.orgUnitId !== undefined ||
    input.workUnitId !== undefined ||
    input.displayName !== undefined;
  // Disabling and resetting need their own grant; rebinding needs the right to create the account as it is and as it will be.
  const target = await loadTarget(
    ctx,
    actor,
    rules,
    id,
    input.isActive !== undefined ? 'disable' : isRebind ? 'create' : 'reset',
  );
  if (input.isActive !== undefined) assertMayGrant(actor, rules, 'disable', target.role, target.orgUnitKind);
  if (input.unlock || input.password) assertMayGrant(actor, rules, 'reset', target.role, target.orgUnitKind);
  const newRole = input.role ?? target.role;
  let newUnitId = target.orgUnitId;
  let newWorkUnitId = target.workUnitId;
  if (isRebind) {
    assertMayGrant(actor, rules, 'create', target.role, target.orgUnitKind);
    const unit = await bindableUnit(ctx, actor, newRole, input.orgUnitId ?? target.orgUnitId);
    assertMayGrant(actor, rules, 'create', newRole, unit.kind);
    newUnitId = unit.id;
    newWorkUnitId = await checkedWorkUnit(
      ctx,
      actor,
      newRole,
      input.workUnitId !== undefined ? input.workUnitId : target.workUnitId,
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const roleChanged = newRole !== target.role;
  const unitChanged = newUnitId !== target.orgUnitId || newWorkUnitId !== target.workUnitId;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
        ...(passwordHash ? { passwordHash, lockedUntil: null, failedLogins: 0 } : {}),
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(isRebind ? { role: newRole, orgUnitId: newUnitId, workUnitId: newWorkUnitId } : {}),
      })
      .where(and(eq(users.districtId, actor.districtId), eq(users.id, id)));
    // A new password, a disabled account or a new role/scope must not keep the old sessions' reach.
    if (passwordHash || input.isActive === false || roleChanged || unitChanged) {
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.districtId, actor.districtId), eq(sessions.userId, id)));
    }
    const audit = (action: string, detail: Record<string, unknown>) =>
      writeAudit(
        tx,
        actor,
        { action, entityType: 'user', entityId: id, detail: { username: target.username, ...detail } },
        ip,
      );
    if (input.isActive !== undefined && input.isActive !== target.isActive)
      await audit(input.isActive ? 'user.enable' : 'user.disable', { role: target.role });
    if (input.unlock) await audit('user.unlock', { role: target.role });
    // the audit says that a password was set, never the password
    if (passwordHash) await audit('user.password_reset', { role: target.role, generated: false });
    if (roleChanged) await audit('user.role_change', { from: target.role, to: newRole });
    if (unitChanged)
      await audit('user.rebind', {
        orgUnitFrom: target.orgUnitId,
        orgUnitTo: newUnitId,
        workUnitFrom: target.workUnitId,
        workUnitTo: newWorkUnitId,
      });
    if (input.displayName !== undefined && input.displayName !== target.displayName)
      await audit('user.rename', { from: target.displayName, to: input.displayName });
  });
  return (await view(ctx, actor, rules, eq(users.id, id)))[0]!;
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const PASSWORD_DIGITS = '23456789';
/** A readable one-time password: 8 letters and 4 digits, no look-alikes (0/O, 1/l/I). */
function generatePassword(): string {
  const pick = (s: string) => s[randomInt(s.length)]!;
  return (
    Array.from({ length: 8 }, () => pick(PASSWORD_ALPHABET)).join('') +
    Array.from({ length: 4 }, () => pick(PASSWORD_DIGITS)).join('')
  );
}

/** Reset a password (the admin's or a generated one, shown once), unlock, and end the user's sessions. */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof ResetPasswordBody>,
  ip?: string,
): Promise<z.infer<typeof ResetPasswordReply>> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const target = await loadTarget(ctx, actor, rules, id, 'reset');
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, lockedUntil: null, failedLogins: 0 })
      .where(and(eq(users.districtId, actor.districtId), eq(users.id, id)));
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.districtId, actor.districtId), eq(sessions.userId, id)));
    await writeAudit(
      tx,
      actor,
      {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        detail: { username: target.username, role: target.role, generated: !!generated },
      },
      ip,
    );
  });
  return { user: (await view(ctx, actor, rules, eq(users.id, id)))[0]!, generatedPassword: generated };
}

export async function getGrantable(ctx: AppContext, actor: Actor): Promise<z.infer<typeof GrantableDto>> {
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
  input: z.infer<typeof GrantSettingsBody>,
  ip?: string,
): Promise<z.infer<typeof GrantableDto>> {
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
    const [before] = await tx
      .select()
      .from(userGrantSettings)
      .where(eq(userGrantSettings.districtId, actor.districtId));
    await tx
      .insert(userGrantSettings)
      .values({ districtId: actor.districtId, minorGranterRoles: roles, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: userGrantSettings.districtId,
        set: { minorGranterRoles: roles, updatedAt: new Date(), updatedBy: actor.userId },
      });
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
