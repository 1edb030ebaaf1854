import { and, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { orgUnits } from '../org/org.tables.js';
import { apiKeys, phoneLoginCodes as pc, sessions, users } from './auth.tables.js';

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

/** The active account a mobile number (its keyed hash) belongs to. */
export async function findActiveUserByMobile(q: Queryable, mobileHash: string) {
  const [row] = await q
    .select({ id: users.id, districtId: users.districtId, role: users.role })
    .from(users)
    .where(and(eq(users.mobileHash, mobileHash), eq(users.isActive, true)));
  return row;
}

/** The account a phone code was sent for, if it still has that number; for the log-in that follows. */
export async function findPhoneLoginUser(q: Queryable, districtId: string, userId: string, mobileHash: string) {
  const [row] = await q
    .select({ id: users.id, districtId: users.districtId, role: users.role, lockedUntil: users.lockedUntil })
    .from(users)
    .where(
      and(
        eq(users.districtId, districtId),
        eq(users.id, userId),
        eq(users.mobileHash, mobileHash),
        eq(users.isActive, true),
      ),
    );
  return row;
}

/**
 * One statement stores a new code for a number, or refuses: a number gets a code at most once every
 * `resendSeconds` and `maxPerHour` times in an hour's window (counted from the window's first code). The
 * new code replaces the old one (attempts reset). Nothing returned = refused; see phoneCodeWait.
 */
export async function storePhoneCode(
  q: Queryable,
  row: { phoneHash: string; districtId: string | null; userId: string | null; codeHash: string },
  limits: { ttlSeconds: number; resendSeconds: number; maxPerHour: number },
): Promise<boolean> {
  const windowOver = sql`${pc.windowStartedAt} <= now() - interval '1 hour'`;
  const expiresAt = sql`now() + make_interval(secs => ${limits.ttlSeconds})`;
  const stored = await q
    .insert(pc)
    .values({ ...row, expiresAt, lastSentAt: sql`now()`, windowStartedAt: sql`now()`, sendsInWindow: 1 })
    .onConflictDoUpdate({
      target: pc.phoneHash,
      set: {
        districtId: row.districtId,
        userId: row.userId,
        codeHash: row.codeHash,
        expiresAt,
        failedAttempts: 0,
        usedAt: null,
        lastSentAt: sql`now()`,
        windowStartedAt: sql`case when ${windowOver} then now() else ${pc.windowStartedAt} end`,
        sendsInWindow: sql`case when ${windowOver} then 1 else ${pc.sendsInWindow} + 1 end`,
      },
      setWhere: sql`${pc.lastSentAt} <= now() - make_interval(secs => ${limits.resendSeconds})
        and (${windowOver} or ${pc.sendsInWindow} < ${limits.maxPerHour})`,
    })
    .returning({ phoneHash: pc.phoneHash });
  return stored.length > 0;
}

/** Why a number gets no code now: seconds until the next one is allowed, and whether the hour's cap is reached. */
export async function phoneCodeWait(q: Queryable, phoneHash: string, resendSeconds: number, maxPerHour: number) {
  const [row] = await q
    .select({
      resendIn: sql<number>`ceil(extract(epoch from (${pc.lastSentAt} + make_interval(secs => ${resendSeconds}) - now())))::int`,
      windowIn: sql<number>`ceil(extract(epoch from (${pc.windowStartedAt} + interval '1 hour' - now())))::int`,
      hourFull: sql<boolean>`${pc.sendsInWindow} >= ${maxPerHour} and ${pc.windowStartedAt} > now() - interval '1 hour'`,
    })
    .from(pc)
    .where(eq(pc.phoneHash, phoneHash));
  return row;
}

/**
 * One statement tries a code: a right one is used up, a wrong one counts an attempt — only while the code is
 * unused, unexpired and has attempts left (so parallel guesses get no more than `maxAttempts` between them).
 * Nothing returned = no live code; see phoneCodeState.
 */
export async function tryPhoneCode(q: Queryable, phoneHash: string, codeHash: string, maxAttempts: number) {
  const right = sql`${pc.codeHash} = ${codeHash}`;
  const [row] = await q
    .update(pc)
    .set({
      usedAt: sql`case when ${right} then now() else null end`,
      failedAttempts: sql`${pc.failedAttempts} + case when ${right} then 0 else 1 end`,
    })
    .where(
      and(
        eq(pc.phoneHash, phoneHash),
        isNull(pc.usedAt),
        gt(pc.expiresAt, sql`now()`),
        lt(pc.failedAttempts, maxAttempts),
      ),
    )
    .returning({
      districtId: pc.districtId,
      userId: pc.userId,
      usedAt: pc.usedAt,
      failedAttempts: pc.failedAttempts,
    });
  return row;
}

/** A number's code as it stands (why it cannot be tried). */
export async function phoneCodeState(q: Queryable, phoneHash: string) {
  const [row] = await q
    .select({
      districtId: pc.districtId,
      userId: pc.userId,
      usedAt: pc.usedAt,
      failedAttempts: pc.failedAttempts,
      expired: sql<boolean>`${pc.expiresAt} <= now()`,
    })
    .from(pc)
    .where(eq(pc.phoneHash, phoneHash));
  return row;
}
