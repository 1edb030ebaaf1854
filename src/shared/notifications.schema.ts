import { z } from 'zod';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_GROUPS,
  NOTIFICATION_TOPIC_LIST,
  PERSONAL_CHANNELS,
} from './notifications.constants.js';

/** Requests and replies of the notification centre: the bell, the list, preferences and the dead letters. */
export type {
  NotificationChannel,
  NotificationGroup,
  NotificationTopic,
  PersonalChannel,
} from './notifications.constants.js';

export const NotificationDto = z.object({
  id: z.number().int(),
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  href: z.string().nullable(),
  urgent: z.boolean(),
  messageId: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationDto>;

export const NotificationListQuery = z.object({
  unread: z.enum(['1', '0']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const NotificationListDto = z.object({ items: z.array(NotificationDto), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationListDto>;
export const StreamQuery = z.object({ once: z.enum(['1']).optional(), lang: z.enum(['zh', 'en']).optional() });
export const UnreadDto = z.object({ unread: z.number().int() });
export const NotificationParams = z.object({ id: z.coerce.number().int().positive() });
export const MarkedDto = z.object({ marked: z.number().int(), unread: z.number().int() });

const Phone = z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字');
export const PreferencesDto = z.object({
  email: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  emailDigest: z.boolean(),
  quietHours: z.boolean(),
  /** `channel:group` pairs switched off; everything else is on (SMS only for urgent topics by default). */
  off: z.array(z.string()),
  channels: z.array(z.enum(PERSONAL_CHANNELS)),
  groups: z.array(z.enum(NOTIFICATION_GROUPS)),
  /** What the deployment has configured: channels without a transport cannot reach anyone. */
  configured: z.object({ email: z.boolean(), sms: z.boolean(), webhooks: z.number().int() }),
});
export type Preferences = z.infer<typeof PreferencesDto>;
export const PreferencesBody = z.object({
  email: z.email().max(200).nullable().optional(),
  /** a new mobile number; `null` removes it; omitted keeps it */
  phone: Phone.nullable().optional(),
  emailDigest: z.boolean().optional(),
  quietHours: z.boolean().optional(),
  off: z
    .array(
      z
        .string()
        .regex(
          new RegExp(
            `^(${PERSONAL_CHANNELS.join('|')}):(${[...NOTIFICATION_GROUPS, ...NOTIFICATION_TOPIC_LIST].join('|').replaceAll('.', '\\.')})$`,
          ),
          '未知的渠道或主题',
        ),
    )
    .max(200)
    .optional(),
});

export const DeadJobDto = z.object({
  id: z.number().int(),
  queue: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** the delivery it carries: channel, recipient and topic (no message content) */
  channel: z.enum(NOTIFICATION_CHANNELS).nullable(),
  recipient: z.string().nullable(),
  topic: z.string().nullable(),
});
export type DeadJob = z.infer<typeof DeadJobDto>;
export const DeadJobListDto = z.object({
  items: z.array(DeadJobDto),
  queues: z.array(z.object({ queue: z.string(), status: z.string(), n: z.number().int() })),
});
export const JobParams = z.object({ id: z.coerce.number().int().positive() });
export const OkDto = z.object({ ok: z.boolean() });
