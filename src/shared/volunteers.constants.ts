/**
 * The value lists of volunteering, 双报到 and points (zod-free: the web reads them as values, the drizzle
 * tables and the schemas in volunteers.schema.ts build on them).
 */
export const TEAM_KINDS = ['party_member', 'elder_care', 'child_care', 'student', 'general'] as const;
export const ACTIVITY_KINDS = ['visit', 'elder_care', 'child_care', 'environment', 'education', 'other'] as const;
export const ACTIVITY_STATUSES = ['open', 'finished', 'cancelled'] as const;
export const SIGNUP_STATUSES = ['signed_up', 'checked_in', 'checked_out', 'confirmed', 'rejected'] as const;
export const SERVICE_SOURCES = ['activity', 'task', 'work_order', 'visit', 'import'] as const;
export const RECORD_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export const REPORT_KINDS = ['in_service_party_member', 'rider'] as const;
export const TASK_KINDS = ['task', 'visit', 'work_order'] as const;
export const TASK_STATUSES = ['open', 'claimed', 'done', 'confirmed', 'cancelled'] as const;
export const LEDGER_KINDS = ['earn', 'redeem', 'adjust'] as const;
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export const ASSESSMENT_ITEM_KEYS = ['reported', 'monthly_hours', 'tasks_done', 'activities', 'work_orders'] as const;
export const QR_PHASES = ['in', 'out'] as const;
export const PRESENCE_VIAS = ['code', 'card'] as const;
export const SUMMARY_GROUPINGS = ['compound', 'work_unit'] as const;

/** The QR payload of a presence code is `linli-presence:<6 digits>`. */
export const PRESENCE_QR_PREFIX = 'linli-presence:';
export const PRESENCE_CODE_PATTERN = /^(linli-presence:)?\d{6}$/;

/** What the counter typed or scanned: a 6-digit code (or its QR payload) or a card number. */
export function presenceProof(raw: string): { presenceCode: string } | { cardNumber: string } {
  const v = raw.trim();
  return PRESENCE_CODE_PATTERN.test(v) ? { presenceCode: v } : { cardNumber: v };
}
