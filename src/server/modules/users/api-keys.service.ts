import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import type { ApiKey, CreatedApiKey } from '../../../shared/users.schema.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { mintApiKey } from '../auth/auth.service.js';
import { activeKeyCount, insertKey, keysOf, lockKey, revokeKey } from './api-keys.repository.js';
import { usersErrors as E } from './users.errors.js';
import { requireResettableAccount } from './users.service.js';

/**
 * Open311 api_keys in the running system. A key acts as its account, so who may hold power over an
 * account's keys is who may reset its password (the grant rules), plus the account itself for its own
 * keys. The key is shown once at issue; only its SHA-256 is kept. Issue and revoke are audited.
 */
const MAX_ACTIVE_KEYS = 10;

/** Whose keys: `'me'` is the caller's own; any other id must be an account the caller may reset. */
async function ownerOf(ctx: AppContext, actor: Actor, who: 'me' | { userId: string }): Promise<string> {
  if (who === 'me') return actor.userId;
  await requireResettableAccount(ctx, actor, who.userId);
  return who.userId;
}

const toDto = (k: Awaited<ReturnType<typeof keysOf>>[number]): ApiKey => ({
  ...k,
  createdAt: iso(k.createdAt),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

export async function listApiKeys(ctx: AppContext, actor: Actor, who: 'me' | { userId: string }): Promise<ApiKey[]> {
  const userId = await ownerOf(ctx, actor, who);
  return (await keysOf(ctx.db, actor.districtId, userId)).map(toDto);
}

export async function issueApiKey(
  ctx: AppContext,
  actor: Actor,
  opts: { who: 'me' | { userId: string }; name: string; ip?: string },
): Promise<CreatedApiKey> {
  const userId = await ownerOf(ctx, actor, opts.who);
  const key = mintApiKey();
  await ctx.db.transaction(async (tx) => {
    const active = await activeKeyCount(tx, actor.districtId, userId);
    requireState(active < MAX_ACTIVE_KEYS, () => E.API_KEY_LIMIT({ max: MAX_ACTIVE_KEYS }));
    await insertKey(tx, {
      keyHash: key.keyHash,
      keyId: key.keyId,
      prefix: key.prefix,
      districtId: actor.districtId,
      userId,
      name: opts.name,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'auth.api_key_created',
        entityType: 'user',
        entityId: userId,
        detail: { keyId: key.keyId, name: opts.name },
      },
      opts.ip,
    );
  });
  const created = (await keysOf(ctx.db, actor.districtId, userId)).find((k) => k.keyId === key.keyId)!;
  return { key: toDto(created), secret: key.secret };
}

export async function revokeApiKey(
  ctx: AppContext,
  actor: Actor,
  opts: { who: 'me' | { userId: string }; keyId: string; ip?: string },
): Promise<ApiKey> {
  const userId = await ownerOf(ctx, actor, opts.who);
  await ctx.db.transaction(async (tx) => {
    const row = await lockKey(tx, actor.districtId, userId, opts.keyId);
    if (!row) throw E.API_KEY_NOT_FOUND({ keyId: opts.keyId });
    requireState(!row.revokedAt, () => E.API_KEY_ALREADY_REVOKED({ keyId: opts.keyId }));
    await revokeKey(tx, row.keyHash, actor.userId);
    await writeAudit(
      tx,
      actor,
      { action: 'auth.api_key_revoked', entityType: 'user', entityId: userId, detail: { keyId: opts.keyId } },
      opts.ip,
    );
  });
  return toDto((await keysOf(ctx.db, actor.districtId, userId)).find((k) => k.keyId === opts.keyId)!);
}
