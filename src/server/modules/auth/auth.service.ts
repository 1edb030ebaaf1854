import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../context.js';
import type { AppError } from '../../lib/errors.js';
import { authErrors as E, sessionErrors } from './auth.errors.js';
import { abilitiesOf, type Actor, type Role } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import * as repo from './auth.repository.js';

export const SESSION_COOKIE = 'linli_session';
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_TIMEOUT_MINUTES = 30;
export const SESSION_MAX_HOURS = 12;
/** last_seen_at is refreshed at most this often, so reads don't turn into a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** An account's mobile number as stored (users.mobile_hash): a keyed hash, so the number is never in the clear. */
export const mobileHashOf = (ctx: Pick<AppContext, 'crypto'>, phone: string) =>
  ctx.crypto.blindIndex(`user-mobile:${phone}`);

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// Verifying against a real hash when the user does not exist keeps response times alike.
let dummyHash: Promise<string> | undefined;
function verifyDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummyHash.then((h) => verify(h, password)).catch(() => false);
}

const INVALID_CREDENTIALS = () => E.AUTH_INVALID_CREDENTIALS({ max: MAX_FAILED_LOGINS, minutes: LOCKOUT_MINUTES });

const beijingTime = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

export function lockedError(lockedUntil: Date, now = new Date()): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return E.AUTH_LOCKED(
    { max: MAX_FAILED_LOGINS, time: beijingTime(lockedUntil), minutes },
    { retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) },
  );
}

/**
 * Logins that hold under concurrency. Before any password is verified, one atomic UPDATE reserves an
 * attempt: it counts the attempt and, at the 5th, sets the lock — in the same statement, so 100 parallel
 * wrong passwords reserve exactly 5 attempts and the rest are refused as locked without being checked.
 * A right password among the reserved attempts resets the counter. Unknown and inactive accounts get the
 * same message after a verification against a dummy argon2 hash, so timing does not tell them apart.
 * The per-IP and per-account rate limits sit in front of this (auth.routes.ts).
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  ip?: string,
): Promise<{ token: string; userId: string; districtId: string }> {
  const user = await repo.reserveLoginAttempt(ctx.db, username, MAX_FAILED_LOGINS, LOCKOUT_MINUTES);
  if (!user) {
    const existing = await repo.activeLockedUntil(ctx.db, username);
    const lockedUntil = existing ? new Date(existing) : null;
    if (lockedUntil && lockedUntil > new Date()) throw lockedError(lockedUntil);
    await verifyDummy(password);
    throw INVALID_CREDENTIALS();
  }
  const actor = { districtId: user.districtId, userId: user.id, role: user.role as Role };
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) {
    const lockedUntil = user.lockedUntil ? new Date(user.lockedUntil) : null;
    await writeAudit(
      ctx.db,
      actor,
      {
        action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        detail: { failures: user.failedLogins },
      },
      ip,
    );
    if (lockedUntil) throw lockedError(lockedUntil);
    throw INVALID_CREDENTIALS();
  }
  return startSession(ctx, user, ip);
}

/**
 * A new session for an account that proved who it is (password, or a phone code): the failure count is
 * reset, the session stored by its token's hash and the log-in audited, in one transaction.
 */
export async function startSession(
  ctx: AppContext,
  user: { id: string; districtId: string; role: string },
  ip?: string,
  detail?: Record<string, unknown>,
): Promise<{ token: string; userId: string; districtId: string }> {
  const actor = { districtId: user.districtId, userId: user.id, role: user.role as Role };
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    await repo.resetFailedLogins(tx, user.districtId, user.id);
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      districtId: user.districtId,
      userId: user.id,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000),
    });
    const entry = { action: 'auth.login', entityType: 'user', entityId: user.id, ...(detail ? { detail } : {}) };
    await writeAudit(tx, actor, entry, ip);
  });
  return { token, userId: user.id, districtId: user.districtId };
}

export async function logout(ctx: AppContext, token: string, actor: Actor, ip?: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await repo.revokeSession(tx, hashToken(token));
    await writeAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId }, ip);
  });
}

/** Resolve a session cookie to the acting user with their scope, or explain why not. */
export async function authenticate(ctx: AppContext, token: string | undefined): Promise<Actor> {
  if (!token) throw E.AUTH_REQUIRED();
  const tokenHash = hashToken(token);
  const row = await repo.findSession(ctx.db, tokenHash);
  const now = Date.now();
  if (!row || row.session.revokedAt || !row.user.isActive) {
    throw sessionErrors.AUTH_REQUIRED();
  }
  if (
    row.session.expiresAt.getTime() <= now ||
    row.session.lastSeenAt.getTime() + IDLE_TIMEOUT_MINUTES * 60_000 <= now
  ) {
    throw E.AUTH_SESSION_EXPIRED({ minutes: IDLE_TIMEOUT_MINUTES });
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(ctx.db, tokenHash);
  }
  const role = row.user.role as Role;
  return {
    userId: row.user.id,
    displayName: row.user.displayName,
    districtId: row.user.districtId,
    role,
    orgUnitId: row.user.orgUnitId,
    scopePath: row.scopePath,
    personId: row.user.personId,
    workUnitId: row.user.workUnitId,
    abilities: abilitiesOf(role),
  };
}

/**
 * A new API key: the secret (shown once), its SHA-256 (all that is stored), a short id to name it by
 * in lists and audit rows, and the secret's first characters so its holder can tell keys apart.
 */
export function mintApiKey(): { secret: string; keyHash: string; keyId: string; prefix: string } {
  const secret = `lk_${randomBytes(24).toString('base64url')}`;
  return {
    secret,
    keyHash: hashToken(secret),
    keyId: `ak_${randomBytes(6).toString('base64url')}`,
    prefix: secret.slice(0, 7),
  };
}

/** Create an API key for an account from the command line (shown once; only its hash is kept). */
export async function createApiKey(ctx: AppContext, username: string, name: string): Promise<string> {
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user) throw E.USER_NOT_FOUND({ username });
  const key = mintApiKey();
  await ctx.db.transaction(async (tx) => {
    await repo.insertApiKey(tx, {
      keyHash: key.keyHash,
      keyId: key.keyId,
      prefix: key.prefix,
      districtId: user.districtId,
      userId: user.id,
      name,
    });
    await writeAudit(
      tx,
      { districtId: user.districtId, userId: null, role: null },
      { action: 'auth.api_key_created', entityType: 'user', entityId: user.id, detail: { name, keyId: key.keyId } },
    );
  });
  return key.secret;
}

/** Resolve an Open311 api_key to the account it acts for. */
export async function authenticateApiKey(ctx: AppContext, key: string): Promise<Actor> {
  const row = await repo.findApiKey(ctx.db, hashToken(key));
  if (!row || row.revokedAt || !row.isActive) throw E.API_KEY_INVALID();
  // "last used", to the minute: one conditional UPDATE, not one per request
  await repo.touchApiKey(ctx.db, row.keyHash);
  const role = row.role as Role;
  return {
    userId: row.userId,
    displayName: row.displayName,
    districtId: row.districtId,
    role,
    orgUnitId: row.orgUnitId,
    scopePath: row.scopePath,
    personId: row.personId,
    workUnitId: row.workUnitId,
    abilities: abilitiesOf(role),
  };
}

export async function getMe(ctx: AppContext, actor: Actor) {
  const user = await repo.findMe(ctx.db, actor.districtId, actor.userId);
  if (!user) throw sessionErrors.AUTH_REQUIRED();
  return user;
}

/**
 * The actor an account is now (role, scope), for work a job does on its behalf after the request that
 * asked for it: a disabled account acts no more.
 */
export async function actorOfUser(ctx: AppContext, districtId: string, userId: string): Promise<Actor> {
  const row = await repo.findActorRow(ctx.db, districtId, userId);
  if (!row || !row.isActive) throw sessionErrors.AUTH_REQUIRED();
  const role = row.role as Role;
  return {
    userId: row.id,
    displayName: row.displayName,
    districtId: row.districtId,
    role,
    orgUnitId: row.orgUnitId,
    scopePath: row.scopePath,
    personId: row.personId,
    workUnitId: row.workUnitId,
    abilities: abilitiesOf(role),
  };
}
