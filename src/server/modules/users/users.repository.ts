import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { containsPattern } from '../../lib/like.js';
import { sessions, users } from '../auth/auth.tables.js';
import { orgUnits, workUnits } from '../org/org.tables.js';
import type { ListUsersInput } from '../../../shared/users.schema.js';
import { userGrants, userGrantSettings } from './users.tables.js';

/** The columns the account access rule reads. */
export const ACCOUNT_COLUMNS = { orgPath: sql`${orgUnits.path}` };

export const byId = (id: string): SQL => eq(users.id, id);

/** The list's text, role and status filters. */
export function userListFilter(query: ListUsersInput): SQL | undefined {
  const filters: SQL[] = [];
  if (query.q) {
    const like = containsPattern(query.q);
    filters.push(
      sql`(${users.username} ilike ${like} or ${users.displayName} ilike ${like} or ${orgUnits.name} ilike ${like})`,
    );
  }
  if (query.role) filters.push(eq(users.role, query.role));
  if (query.status === 'active') filters.push(eq(users.isActive, true));
  if (query.status === 'disabled') filters.push(eq(users.isActive, false));
  if (query.status === 'locked') filters.push(sql`${users.lockedUntil} > now()`);
  return filters.length ? and(...filters) : undefined;
}

/** Accounts of the district with their unit and work unit (at most 500, by username). */
export function selectUsers(q: Queryable, districtId: string, where: SQL | undefined) {
  return q
    .select({ u: users, orgUnitName: orgUnits.name, orgUnitKind: orgUnits.kind, workUnitName: workUnits.name })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .leftJoin(workUnits, and(eq(workUnits.districtId, users.districtId), eq(workUnits.id, users.workUnitId)))
    .where(and(eq(users.districtId, districtId), where))
    .orderBy(asc(users.username))
    .limit(500);
}

export async function userUnitPath(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({ path: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(and(eq(users.districtId, districtId), eq(users.id, id)));
  return row;
}

export async function findOrgUnit(q: Queryable, districtId: string, id: string) {
  const [unit] = await q
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return unit;
}

export async function findWorkUnit(q: Queryable, districtId: string, id: string) {
  const [w] = await q
    .select({ id: workUnits.id })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.id, id)));
  return w;
}

/** Usernames are unique across districts. */
export async function userIdByUsername(q: Queryable, username: string) {
  const [row] = await q.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row;
}

/** The account (any district, active or not) whose login mobile has this keyed hash. */
export async function userIdByMobileHash(q: Queryable, mobileHash: string): Promise<string | undefined> {
  const [r] = await q.select({ id: users.id }).from(users).where(eq(users.mobileHash, mobileHash));
  return r?.id;
}

export async function insertUser(q: Queryable, row: typeof users.$inferInsert): Promise<void> {
  await q.insert(users).values(row);
}

export async function updateUserRow(
  q: Queryable,
  districtId: string,
  id: string,
  patch: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await q
    .update(users)
    .set(patch)
    .where(and(eq(users.districtId, districtId), eq(users.id, id)));
}

export async function revokeUserSessions(q: Queryable, districtId: string, userId: string): Promise<void> {
  await q
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.districtId, districtId), eq(sessions.userId, userId)));
}

// ───────────── grants ─────────────

export async function insertGrants(q: Queryable, rows: (typeof userGrants.$inferInsert)[]): Promise<void> {
  await q.insert(userGrants).values(rows).onConflictDoNothing();
}

export async function grantRows(q: Queryable, districtId: string) {
  const rows = await q.select().from(userGrants).where(eq(userGrants.districtId, districtId));
  const setting = await grantSetting(q, districtId);
  return { rows, setting };
}

export async function grantSetting(q: Queryable, districtId: string) {
  const [setting] = await q.select().from(userGrantSettings).where(eq(userGrantSettings.districtId, districtId));
  return setting;
}

export async function upsertGrantSetting(
  q: Queryable,
  s: { districtId: string; roles: string[]; by: string },
): Promise<void> {
  await q
    .insert(userGrantSettings)
    .values({ districtId: s.districtId, minorGranterRoles: s.roles, updatedBy: s.by })
    .onConflictDoUpdate({
      target: userGrantSettings.districtId,
      set: { minorGranterRoles: s.roles, updatedAt: new Date(), updatedBy: s.by },
    });
}
