import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
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

/**
 * The audit row as one INSERT statement, for hot paths that fold it into a data-modifying CTE with the
 * change it records (one round trip instead of two, still in the same transaction).
 */
export function auditInsertSql(actor: AuditActor, entry: AuditEntry, ip?: string): SQL {
  return sql`insert into ${auditLog} (district_id, actor_user_id, actor_role, action, entity_type, entity_id, detail, ip)
    values (${actor.districtId}, ${actor.userId}, ${actor.role}, ${entry.action}, ${entry.entityType}, ${entry.entityId ?? null},
      ${entry.detail ? JSON.stringify(entry.detail) : null}::jsonb, ${ip ?? null})`;
}

export async function insertAudit(q: Queryable, actor: AuditActor, entry: AuditEntry, ip?: string): Promise<void> {
  await q.execute(auditInsertSql(actor, entry, ip));
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  limit: number;
}

/** The district's audit rows, newest first. */
export function listAudit(q: Queryable, districtId: string, f: AuditFilter) {
  const where: SQL[] = [eq(auditLog.districtId, districtId)];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.action) where.push(eq(auditLog.action, f.action));
  return q
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit);
}
