/** Notification channels: in the app (bell), e-mail, the group robots of 企业微信 / 钉钉, SMS. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'webhook', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** Channels a person chooses for themselves (webhooks are group robots configured by the deployment). */
export const PERSONAL_CHANNELS = ['in_app', 'email', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/**
 * Every topic a reminder can have (the outbox `topic`), its group on the preferences page and whether it
 * is urgent: urgent ones go by SMS even in quiet hours (22:00–07:00 Asia/Shanghai).
 */
export const NOTIFICATION_TOPICS = {
  'order.to_accept': { group: 'orders', urgent: false },
  'order.to_dispatch': { group: 'orders', urgent: false },
  'order.to_fulfil': { group: 'orders', urgent: false },
  'order.due_soon': { group: 'orders', urgent: false },
  'order.overdue': { group: 'orders', urgent: true },
  'order.escalated': { group: 'orders', urgent: true },
  'order.supervised': { group: 'orders', urgent: false },
  'order.extension_requested': { group: 'orders', urgent: false },
  'order.extension_decided': { group: 'orders', urgent: false },
  'order.returned': { group: 'orders', urgent: false },
  'order.to_confirm': { group: 'orders', urgent: false },
  'order.redo': { group: 'orders', urgent: false },
  'assessment.appeal_filed': { group: 'orders', urgent: false },
  'assessment.appeal_decided': { group: 'orders', urgent: false },
  'assessment.callback_given_up': { group: 'orders', urgent: false },
  'minor.assigned': { group: 'minor', urgent: false },
  'minor.safety_concern': { group: 'minor', urgent: true },
  'minor.closure_requested': { group: 'minor', urgent: false },
  'minor.visit_overdue': { group: 'minor', urgent: true },
  'minor.referral': { group: 'minor', urgent: false },
  'minor.referral_overdue': { group: 'minor', urgent: true },
  'volunteers.hours_to_confirm': { group: 'volunteers', urgent: false },
  'purchase.proposals_to_score': { group: 'purchase', urgent: false },
  'purchase.tranche_to_review': { group: 'purchase', urgent: false },
  'purchase.round_amended': { group: 'purchase', urgent: false },
  // 吹哨报到: a summons with a time on site — it goes by SMS even at night
  'whistle.blown': { group: 'orders', urgent: true },
  // a joint meeting's decision assigned to a department or property company
  'meeting.action_assigned': { group: 'orders', urgent: false },
  // 居民提议 with enough households behind it: for the compound's next joint meeting
  'proposal.ready': { group: 'orders', urgent: false },
} as const satisfies Record<string, { group: string; urgent: boolean }>;
export type NotificationTopic = keyof typeof NOTIFICATION_TOPICS;
export const NOTIFICATION_TOPIC_LIST = Object.keys(NOTIFICATION_TOPICS) as NotificationTopic[];
export const NOTIFICATION_GROUPS = ['orders', 'minor', 'volunteers', 'purchase'] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];

export function isNotificationTopic(t: string): t is NotificationTopic {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_TOPICS, t);
}

export const NOTIFICATION_DELIVERY_STATUSES = ['pending', 'held', 'sent', 'skipped', 'failed'] as const;
