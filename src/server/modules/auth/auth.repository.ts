import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { orgUnits } from '../org/org.tables.js';
import { apiKeys, sessions, users } from './auth.tables.js';

/**
 * One atomic UPDATE reserves a login attempt: it counts the attempt and, at `maxFailed`, sets the lock —
 * in the same statement, so parallel wrong passwords reserve exactly `maxFailed` attempts. Only an active
 * account that is not locked now is reserved; none is returned otherwise.
 */
export async function reserveLoginAttempt(q: Queryable, username: string, maxFailed: number, lockoutMinutes: number) {
  const attempts = sql`case when ${users.lockedUntil} is not null then 1 else ${users.failedLogins} + 1 end`;
  const [row] = await q
    .update(users)
    .set({
      failedLogins: attempts,
      lockedUntil: sql`case when (${attempts}) >= ${maxFailed}
        then now() + make_interval(mins => ${lockoutMinutes}) else null end`,
    })
    .where(
      and(
        eq(users.username, username),
        eq(users.isActive, true),
        or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`)),
      ),
    )
    .returning({
      id: users.id,
      districtId: users.districtId,
      role: users.role,
      passwordHash: users.passwordHash,
      failedLogins: users.failedLogins,
      lockedUntil: users.lockedUntil,
    });
  return row;
}

/** When an active account is locked until, or undefined. */
export async function activeLockedUntil(q: Queryable, username: string): Promise<Date | null | undefined> {
  const [row] = await q
    .select({ lockedUntil: users.lockedUntil })
    .from(users)
    .where(and(eq(users.username, username), eq(users.isActive, true)))
    .limit(1);
  return row?.lockedUntil;
}

export async function resetFailedLogins(q: Queryable, districtId: string, userId: string): Promise<void> {
  await q
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.districtId, districtId), eq(users.id, userId)));
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; districtId: string; userId: string; expiresAt: Date },
): Promise<void> {
  await q.insert(sessions).values(s);
}

export async function revokeSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

export async function touchSession(q: Queryable, tokenHash: string): Promise<void> {
  await q
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.tokenHash, tokenHash));
}

/** The session with its user and the user's unit path. */
export async function findSession(q: Queryable, tokenHash: string) {
  const [row] = await q
    .select({
      session: sessions,
      user: {
        id: users.id,
        districtId: users.districtId,
        displayName: users.displayName,
        role: users.role,
        orgUnitId: users.orgUnitId,
        personId: users.personId,
        workUnitId: users.workUnitId,
        isActive: users.isActive,
      },
      scopePath: orgUnits.path,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.districtId, sessions.districtId), eq(users.id, sessions.userId)))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function findUserByUsername(q: Queryable, username: string) {
  const [user] = await q.select().from(users).where(eq(users.username, username));
  return user;
}

export async function insertApiKey(q: Queryable, k: typeof apiKeys.$inferInsert): Promise<void> {
  await q.insert(apiKeys).values(k);
}

/** Marks a key used now, at most once a minute. */
export async function touchApiKey(q: Queryable, keyHash: string): Promise<void> {
  await q
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.keyHash, keyHash),
        or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

/** The api key with its account and the account's unit path. */
export async function findApiKey(q: Queryable, keyHash: string) {
  const [row] = await q
    .select({
      keyHash: apiKeys.keyHash,
      userId: apiKeys.userId,
      displayName: users.displayName,
      districtId: apiKeys.districtId,
      revokedAt: apiKeys.revokedAt,
      role: users.role,
      orgUnitId: users.orgUnitId,
      personId: users.personId,
      workUnitId: users.workUnitId,
      isActive: users.isActive,
      scopePath: orgUnits.path,
    })
    .from(apiKeys)
    .innerJoin(users, and(eq(users.districtId, apiKeys.districtId), eq(users.id, apiKeys.userId)))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(eq(apiKeys.keyHash, keyHash));
  return row;
}

export async function findMe(q: Queryable, districtId: string, userId: string) {
  const [user] = await q
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.id, userId)));
  return user;
}

/** An account as an actor (for work done later on its behalf, e.g. a background import). */
export async function findActorRow(q: Queryable, districtId: string, userId: string) {
  const [row] = await q
    .select({
      id: users.id,
      districtId: users.districtId,
      displayName: users.displayName,
      role: users.role,
      orgUnitId: users.orgUnitId,
      personId: users.personId,
      workUnitId: users.workUnitId,
      isActive: users.isActive,
      scopePath: orgUnits.path,
    })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, users.districtId), eq(orgUnits.id, users.orgUnitId)))
    .where(and(eq(users.districtId, districtId), eq(users.id, userId)));
  return row;
}
