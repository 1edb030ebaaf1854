import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only audit log of every write and of every read of sensitive data (a trigger forbids UPDATE/DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    actorUserId: text('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    ip: text('ip'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('audit_entity_idx').on(t.districtId, t.entityType, t.entityId),
    index('audit_at_idx').on(t.districtId, t.at),
  ],
);
