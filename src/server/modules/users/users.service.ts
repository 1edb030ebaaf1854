import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import { ROLES, type Actor, type Role } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/auth.service.js';
import { sessions, users } from '../auth/auth.tables.js';
import { orgUnits, workUnits } from '../org/org.tables.js';

/** Which kind of org unit each role is bound to (its scope). */
const ROLE_UNIT_KINDS: Record<Role, readonly string[]> = {
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
};

const password = z.string().min(10, '密码至少 10 位').max(200).regex(/[A-Za-z]/, '密码须包含字母').regex(/\d/, '密码须包含数字');

export const UserDto = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), orgUnitId: z.string(), orgUnitName: z.string(),
  workUnitId: z.string().nullable(), isActive: z.boolean(), isLocked: z.boolean(),
});
export const CreateUserBody = z.object({
  username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字、. _ -'),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  orgUnitId: z.string().min(1).max(60),
  workUnitId: z.string().max(60).optional(),
  password,
});
export const UpdateUserBody = z.object({ isActive: z.boolean().optional(), unlock: z.literal(true).optional(), password: password.optional() });

type UserView = z.infer<typeof UserDto>;

async function view(ctx: AppContext, districtId: string, where: ReturnType<typeof sql>): Promise<UserView[]> {
  const rows = await ctx.db.select({ u: users, orgUnitName: orgUnits.name, path: orgUnits.path }).from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(and(eq(users.districtId, districtId), where)).orderBy(asc(users.username)).limit(500);
  return rows.map(({ u, orgUnitName }) => ({
    id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, orgUnitId: u.orgUnitId, orgUnitName,
    workUnitId: u.workUnitId, isActive: u.isActive, isLocked: !!u.lockedUntil && u.lockedUntil > new Date(),
  }));
}

/** Accounts bound inside the admin's subtree. */
export function listUsers(ctx: AppContext, actor: Actor): Promise<UserView[]> {
  return view(ctx, actor.districtId, scopeWhere(actor, 'account', { orgPath: sql`${orgUnits.path}` }));
}

export async function createUser(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateUserBody>, ip?: string): Promise<UserView> {
  const [unit] = await ctx.db.select().from(orgUnits).where(and(eq(orgUnits.districtId, actor.districtId), eq(orgUnits.id, input.orgUnitId)));
  if (!unit) throw notFound('ORG_UNIT_NOT_FOUND', `找不到编码为 ${input.orgUnitId} 的组织。`);
  requireAccess(actor, 'orgUnit', { orgPath: unit.path });
  if (!ROLE_UNIT_KINDS[input.role].includes(unit.kind)) {
    throw badRequest('ROLE_UNIT_MISMATCH', `该角色应绑定到${ROLE_UNIT_KINDS[input.role].join('/')}级组织，“${unit.name}”不符合。`);
  }
  if (input.role === 'district_admin' && actor.role !== 'district_admin') throw forbidden('PERMISSION_DENIED', '只有区级管理员可以创建区级管理员。');
  if (input.role === 'department_staff') {
    if (!input.workUnitId) throw badRequest('WORK_UNIT_REQUIRED', '职能部门账号须指定所在部门。');
    const [w] = await ctx.db.select().from(workUnits).where(and(eq(workUnits.districtId, actor.districtId), eq(workUnits.id, input.workUnitId)));
    if (!w) throw badRequest('WORK_UNIT_NOT_FOUND', '所选部门不存在。');
  }
  const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用。`);
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(users).values({
      districtId: actor.districtId, id, username: input.username, displayName: input.displayName, passwordHash, role: input.role,
      orgUnitId: unit.id, workUnitId: input.role === 'department_staff' ? input.workUnitId! : null,
    });
    await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: id, detail: { username: input.username, role: input.role, orgUnitId: unit.id } }, ip);
  });
  return (await view(ctx, actor.districtId, sql`${users.id} = ${id}`))[0]!;
}

/** Disable/enable, unlock after too many failures, or set a new password (ending the user's sessions). */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdateUserBody>, ip?: string): Promise<UserView> {
  const [target] = await view(ctx, actor.districtId, sql`${users.id} = ${id}`);
  if (!target) throw notFound('USER_NOT_FOUND', '找不到该账号。');
  const [unit] = await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(and(eq(orgUnits.districtId, actor.districtId), eq(orgUnits.id, target.orgUnitId)));
  requireAccess(actor, 'account', { orgPath: unit!.path });
  if (id === actor.userId && input.isActive === false) throw badRequest('CANNOT_DISABLE_SELF', '不能停用自己的账号。');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    }).where(and(eq(users.districtId, actor.districtId), eq(users.id, id)));
    if (passwordHash || input.isActive === false) {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.districtId, actor.districtId), eq(sessions.userId, id)));
    }
    // the audit says what was done, never the password
    await writeAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, detail: { isActive: input.isActive ?? null, unlock: !!input.unlock, passwordReset: !!passwordHash } }, ip);
  });
  return (await view(ctx, actor.districtId, sql`${users.id} = ${id}`))[0]!;
}
