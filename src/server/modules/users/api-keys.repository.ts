import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.js';
import { apiKeys, users } from '../auth/auth.tables.js';

/** The api_keys of one account, newest first, with who issued each (never the hash). */
const issuer = alias(users, 'issuer');

export function keysOf(q: Queryable, districtId: string, userId: string) {
  return q
    .select({
      keyId: sql<string>`coalesce(${apiKeys.keyId}, 'legacy-' || left(${apiKeys.keyHash}, 8))`,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      createdByName: issuer.displayName,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(issuer, and(eq(issuer.districtId, apiKeys.districtId), eq(issuer.id, apiKeys.createdBy)))
    .where(and(eq(apiKeys.districtId, districtId), eq(apiKeys.userId, userId)))
    .orderBy(desc(apiKeys.createdAt));
}

export async function activeKeyCount(q: Queryable, districtId: string, userId: string): Promise<number> {
  const [r] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(and(eq(apiKeys.districtId, districtId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  return r?.n ?? 0;
}

export async function insertKey(q: Queryable, row: typeof apiKeys.$inferInsert): Promise<void> {
  await q.insert(apiKeys).values(row);
}

/** Revokes the key if it belongs to the account; the row (or none) tells which case it was. */
export async function lockKey(q: Queryable, districtId: string, userId: string, keyId: string) {
  const [row] = await q
    .select({ keyHash: apiKeys.keyHash, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.districtId, districtId),
        eq(apiKeys.userId, userId),
        sql`coalesce(${apiKeys.keyId}, 'legacy-' || left(${apiKeys.keyHash}, 8)) = ${keyId}`,
      ),
    )
    .for('update');
  return row;
}

export async function revokeKey(q: Queryable, keyHash: string, revokedBy: string): Promise<void> {
  await q
    .update(apiKeys)
    .set({ revokedAt: sql`now()`, revokedBy })
    .where(eq(apiKeys.keyHash, keyHash));
}
