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
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('users_username_uq').on(t.username),
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
