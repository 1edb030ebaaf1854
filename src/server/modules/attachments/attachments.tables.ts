import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { ATTACHMENT_LINK_KINDS, ATTACHMENT_PURPOSES } from '../../../shared/attachments.constants.js';

/**
 * 附件: one uploaded file. The bytes live in the object storage under `storage_key` (and the thumbnail
 * under `thumbnail_key`); the row says who uploaded it, for what, and — once a step has used it — which
 * record it belongs to. Until linked, only the uploader can read it; a linked file is never relinked.
 */
export const attachments = pgTable(
  'attachments',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    purpose: text('purpose', { enum: ATTACHMENT_PURPOSES }).notNull(),
    ownerUserId: text('owner_user_id').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    linkedKind: text('linked_kind', { enum: ATTACHMENT_LINK_KINDS }),
    linkedId: text('linked_id'),
    /** Which step inside the record (a leg id for 兑单, an event id…), for showing it in the right place. */
    linkedPart: text('linked_part'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('attachments_linked_idx').on(t.districtId, t.linkedKind, t.linkedId),
    index('attachments_owner_idx').on(t.districtId, t.ownerUserId, t.createdAt),
  ],
);
