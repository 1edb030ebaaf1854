import type { Queryable } from '../../db/client.js';
import { auditLog } from '../auth/auth.tables.js';
import type { Actor } from '../access/access.policy.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

/** Write one audit row; call it inside the same transaction as the change it records. */
export async function writeAudit(q: Queryable, actor: Pick<Actor, 'districtId' | 'userId' | 'role'> | { districtId: string; userId: null; role: null }, entry: AuditEntry, ip?: string): Promise<void> {
  await q.insert(auditLog).values({
    districtId: actor.districtId,
    actorUserId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    detail: entry.detail ?? null,
    ip: ip ?? null,
  });
}
