import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { NOTIFICATION_CHANNELS, NOTIFICATION_DELIVERY_STATUSES } from '../../../shared/notifications.constants.js';

/**
 * One row per (outbox reminder, recipient, channel): the unique key makes fan-out exactly-once however
 * often it runs. `message_id` is stable and sent in every channel, so a receiver can drop a repeat
 * (a delivery interrupted between sending and recording is sent again with the same id).
 * `recipient` is `user:<id>` or `webhook:<name>`.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    recipient: text('recipient').notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    userId: text('user_id'),
    topic: text('topic').notNull(),
    messageId: text('message_id').notNull(),
    /** what the message shows (masked, whitelisted: see messages.ts) and the page it links to */
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
    href: text('href'),
    /** pending → sent | failed (dead job); held = waiting for the daily digest or the end of quiet hours */
    status: text('status', { enum: NOTIFICATION_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the change that caused it was written (the outbox row): the latency is sent_at − event_at. */
    eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('notification_deliveries_once_uq').on(t.districtId, t.outboxId, t.recipient, t.channel),
    uniqueIndex('notification_deliveries_msg_uq').on(t.districtId, t.messageId),
    index('notification_deliveries_held_idx')
      .on(t.districtId, t.userId, t.channel)
      .where(sql`status = 'held'`),
  ],
);

/** The in-app channel: what the bell shows. Title and body are rendered from topic + params in the reader's language. */
export const notifications = pgTable(
  'notifications',
  {
    districtId: text('district_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    userId: text('user_id').notNull(),
    topic: text('topic').notNull(),
    /** masked, whitelisted fields only (an order number, a case number, a level): never a child's name */
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
    href: text('href'),
    urgent: boolean('urgent').notNull().default(false),
    messageId: text('message_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('notifications_msg_uq').on(t.districtId, t.messageId),
    index('notifications_user_idx').on(t.districtId, t.userId, t.id),
    index('notifications_unread_idx')
      .on(t.districtId, t.userId)
      .where(sql`read_at is null`),
  ],
);

/** A person's contact addresses and choices (off = `channel:group` or `channel:topic` pairs). */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    districtId: text('district_id').notNull(),
    userId: text('user_id').notNull(),
    email: text('email'),
    phoneCipher: text('phone_cipher'),
    phoneMasked: text('phone_masked'),
    emailDigest: boolean('email_digest').notNull().default(false),
    quietHours: boolean('quiet_hours').notNull().default(true),
    off: jsonb('off').$type<string[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.userId] })],
);

/** One row per order deadline a pre-breach warning was sent for: the sweep warns once per deadline. */
export const notificationDueWarnings = pgTable(
  'notification_due_warnings',
  {
    districtId: text('district_id').notNull(),
    orderId: text('order_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.orderId, t.dueAt] })],
);
