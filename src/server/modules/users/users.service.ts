import { randomInt, randomUUID } from 'node:crypto';
import { findCompany } from '../property/property.repository.js';
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usersErrors as E } from './users.errors.js';
import { ROLE_LABELS as LABELS } from '../../../shared/access.js';
import type { OrgKind } from '../../../shared/org.constants.js';
import type {
  CreateUserInput,
  ListUsersInput,
  ManagedUser,
  ResetPasswordResult,
  UpdateUserInput,
} from '../../../shared/users.schema.js';
import type { Actor, Role } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { ROLE_LABELS } from '../access/role-labels.js';
import { writeAudit } from '../audit/audit.service.js';
import { hashPassword, mobileHashOf } from '../auth/auth.service.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { users } from '../auth/auth.tables.js';
import {
  assertMayGrant,
  GRANT_ACTIONS,
  grantableRoles,
  grantRefusal,
  KIND_LABELS,
  KIND_LABELS_EN,
  ROLE_UNIT_KINDS,
  type GrantAction,
  type GrantRules,
} from '../access/accounts.access.js';
import { loadGrantRules } from './grants.service.js';
import * as repo from './users.repository.js';

export { getGrantable, loadGrantRules, seedDefaultGrants, setMinorGranters } from './grants.service.js';

const ROLE_LABELS_EN = LABELS.en;

type UserView = ManagedUser;

function actionsOn(
  actor: Actor,
  rules: GrantRules,
  u: { id: string; role: Role; orgUnitKind: OrgKind },
): GrantAction[] {
  if (u.id === actor.userId) return [];
  return GRANT_ACTIONS.filter((a) => !grantRefusal(actor, rules, a, u.role, u.orgUnitKind));
}

async function view(ctx: AppContext, actor: Actor, rules: GrantRules, where: SQL | undefined): Promise<UserView[]> {
  const rows = await repo.selectUsers(ctx.db, actor.districtId, where);
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
      mobileMasked: u.mobileMasked,
      createdAt: u.createdAt.toISOString(),
      actions: actionsOn(actor, rules, { id: u.id, role, orgUnitKind }),
    };
  });
}

/**
 * Accounts bound inside the actor's subtree whose role the actor may manage, and the actor's own.
 * An account the actor may not manage is not on their list (its role and unit are not their business).
 */
export async function listUsers(ctx: AppContext, actor: Actor, query: ListUsersInput = {}): Promise<UserView[]> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const manageable = grantableRoles(actor, rules).map((g) => g.role);
  const filters: (SQL | undefined)[] = [
    scopeWhere(actor, 'account', repo.ACCOUNT_COLUMNS),
    manageable.length ? or(inArray(users.role, manageable), eq(users.id, actor.userId)) : eq(users.id, actor.userId),
  ];
  filters.push(repo.userListFilter(query));
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
  const row = await repo.userUnitPath(ctx.db, actor.districtId, id);
  if (!row) throw E.USER_NOT_FOUND();
  const [target] = await view(ctx, actor, rules, repo.byId(id));
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

/**
 * An account the actor may reset (password, unlock): issuing or revoking its api_keys is the same
 * power — a key acts as the account — so it follows the same grant rule. Refuses as loadTarget does.
 */
export async function requireResettableAccount(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await loadTarget(ctx, actor, await loadGrantRules(ctx.db, actor.districtId), id, 'reset');
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserView> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const { path: _path, ...user } = await loadTarget(ctx, actor, rules, id, 'view');
  return user;
}

/** The org unit an account is to be bound to, checked against the actor's scope and the role's level. */
async function bindableUnit(ctx: AppContext, actor: Actor, role: Role, orgUnitId: string) {
  const unit = await repo.findOrgUnit(ctx.db, actor.districtId, orgUnitId);
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
  // a property company's account is bound to its company (the company's work unit)
  if (role === 'property_company' && (!workUnitId || !(await findCompany(ctx.db, actor.districtId, workUnitId)))) {
    throw E.PROPERTY_COMPANY_REQUIRED();
  }
  if (!workUnitId) return null;
  const w = await repo.findWorkUnit(ctx.db, actor.districtId, workUnitId);
  if (!w) throw E.WORK_UNIT_NOT_FOUND();
  return w.id;
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: CreateUserInput,
  ip?: string,
): Promise<UserView> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const unit = await bindableUnit(ctx, actor, input.role, input.orgUnitId);
  assertMayGrant(actor, rules, 'create', input.role, unit.kind);
  const workUnitId = await checkedWorkUnit(ctx, actor, input.role, input.workUnitId);
  const taken = await repo.userIdByUsername(ctx.db, input.username);
  if (taken) throw E.USERNAME_TAKEN({ username: input.username });
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  const phone = input.mobile ? await loginMobile(ctx, input.mobile, id) : null;
  await ctx.db.transaction(async (tx) => {
    await repo.insertUser(tx, {
      ...(phone ?? {}),
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
        detail: {
          username: input.username,
          role: input.role,
          orgUnitId: unit.id,
          workUnitId,
          ...(phone ? { mobile: phone.mobileMasked } : {}),
        },
      },
      ip,
    );
  });
  return (await view(ctx, actor, rules, repo.byId(id)))[0]!;
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
  input: UpdateUserInput,
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
  // the login mobile is a way in, like the password: setting it needs the right to reset
  if (input.unlock || input.password || input.mobile !== undefined)
    assertMayGrant(actor, rules, 'reset', target.role, target.orgUnitKind);
  const phone =
    input.mobile === undefined
      ? undefined
      : input.mobile === null
        ? { mobileHash: null, mobileMasked: null }
        : await loginMobile(ctx, input.mobile, id);
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
    await repo.updateUserRow(tx, actor.districtId, id, {
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
      ...(passwordHash ? { passwordHash, lockedUntil: null, failedLogins: 0 } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(phone ?? {}),
      ...(isRebind ? { role: newRole, orgUnitId: newUnitId, workUnitId: newWorkUnitId } : {}),
    });
    // A new password, a disabled account or a new role/scope must not keep the old sessions' reach.
    if (passwordHash || input.isActive === false || roleChanged || unitChanged) {
      await repo.revokeUserSessions(tx, actor.districtId, id);
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
    if (phone)
      await audit(phone.mobileMasked ? 'user.mobile_set' : 'user.mobile_removed', { mobile: phone.mobileMasked });
  });
  return (await view(ctx, actor, rules, repo.byId(id)))[0]!;
}

/** The stored form of a login mobile, refused when another account signs in with it already. */
async function loginMobile(ctx: AppContext, mobile: string, userId: string) {
  const mobileHash = mobileHashOf(ctx, mobile);
  const holder = await repo.userIdByMobileHash(ctx.db, mobileHash);
  if (holder && holder !== userId) throw E.MOBILE_TAKEN({ mobile: maskPhone(mobile) });
  return { mobileHash, mobileMasked: maskPhone(mobile) };
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
  input: { password?: string },
  ip?: string,
): Promise<ResetPasswordResult> {
  const rules = await loadGrantRules(ctx.db, actor.districtId);
  const target = await loadTarget(ctx, actor, rules, id, 'reset');
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserRow(tx, actor.districtId, id, { passwordHash, lockedUntil: null, failedLogins: 0 });
    await repo.revokeUserSessions(tx, actor.districtId, id);
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
  return { user: (await view(ctx, actor, rules, repo.byId(id)))[0]!, generatedPassword: generated };
}
