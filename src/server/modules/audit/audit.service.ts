import type { Queryable } from '../../db/client.js';
import { auditInsertSql, insertAudit, type AuditActor, type AuditEntry } from './audit.repository.js';

export { auditInsertSql, type AuditActor, type AuditEntry };

/** Write one audit row; call it inside the same transaction as the change it records. */
export async function writeAudit(q: Queryable, actor: AuditActor, entry: AuditEntry, ip?: string): Promise<void> {
  await insertAudit(q, actor, entry, ip);
}
