import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditLog } from './audit.tables.js';
import type { Actor } from '../access/access.policy.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

export type AuditActor =
  Pick<Actor, 'districtId' | 'userId' | 'role'> | { districtId: string; userId: null; role: null };

/** Write one audit row; call it inside the same transaction as the change it records. */
export async function writeAudit(q: Queryable, actor: AuditActor, entry: AuditEntry, ip?: string): Promise<void> {
  await q.execute(auditInsertSql(actor, entry, ip));
}

/**
 * The audit row as one INSERT statement, for hot paths that fold it into a data-modifying CTE with the
 * change it records (one round trip instead of two, still in the same transaction).
 */
export function auditInsertSql(actor: AuditActor, entry: AuditEntry, ip?: string): SQL {
  return sql`insert into ${auditLog} (district_id, actor_user_id, actor_role, action, entity_type, entity_id, detail, ip)
    values (${actor.districtId}, ${actor.userId}, ${actor.role}, ${entry.action}, ${entry.entityType}, ${entry.entityId ?? null},
      ${entry.detail ? JSON.stringify(entry.detail) : null}::jsonb, ${ip ?? null})`;
}
