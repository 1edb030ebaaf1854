import { orgUnits } from '../org/org.tables.js';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  boolean,
} from 'drizzle-orm/pg-core';

/**
 * Accounts. On Citus this small table would be a reference table (replicated), which is what lets
 * `username` be unique across districts; it still carries district_id in its key.
 */
export const users = pgTable(
  'users',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    workUnitId: text('work_unit_id'),
    personId: text('person_id'),
    isActive: boolean('is_active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The account's mobile number for 验证码登录, kept only as a keyed hash (FieldCrypto.blindIndex of
     * `user-mobile:<number>`) for lookup and a masked form for display — never in the clear.
     */
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('users_username_uq').on(t.username),
    // unique across districts like the username: a code is asked for by number before the district is known
    uniqueIndex('users_mobile_uq').on(t.mobileHash),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    districtId: text('district_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.districtId, t.userId)],
);

/**
 * API keys for Open311 clients (a resident app, a grid app): each acts as one account; only the hash is stored.
 * The key is keyed by district like every tenant table; the hash alone is unique too, since a request is
 * matched to its key (and so its district) by the hash before the district is known.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    keyHash: text('key_hash').notNull(),
    districtId: text('district_id').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** A short id people can name a key by in lists and audit rows (the key itself is shown once). */
    keyId: text('key_id'),
    /** The first characters of the key, so its holder can tell which one is listed. */
    prefix: text('prefix'),
    createdBy: text('created_by'),
    revokedBy: text('revoked_by'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.keyHash] }),
    uniqueIndex('api_keys_key_hash_uq').on(t.keyHash),
    index('api_keys_user_idx').on(t.districtId, t.userId),
    uniqueIndex('api_keys_key_id_uq').on(t.districtId, t.keyId),
  ],
);

/**
 * 短信验证码登录: one row per mobile number asked for (by its keyed hash), whether or not an account has
 * it, so known and unknown numbers are limited alike. An unknown number gets a code too that is never sent
 * (user_id null), so logging in with it fails the same way. Like sessions, a row is found by its hash
 * before the district is known; district_id and user_id name the account the code was sent for.
 */
export const phoneLoginCodes = pgTable('phone_login_codes', {
  phoneHash: text('phone_hash').primaryKey(),
  districtId: text('district_id'),
  userId: text('user_id'),
  /** keyed hash of the 6-digit code (FieldCrypto.blindIndex), never the code */
  codeHash: text('code_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  usedAt: timestamp('used_at', { withTimezone: true }),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
  /** the hourly cap: codes asked for since window_started_at */
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  sendsInWindow: integer('sends_in_window').notNull().default(1),
});
