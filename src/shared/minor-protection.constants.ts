/**
 * 未成年人保护: the value lists both the server (tables, schemas) and the web (menus, labels) read.
 * Zod-free, so the web may import these values.
 */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CASE_STATUSES = ['open', 'closure_requested', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const SERVICE_KINDS = [
  'policy_consultation', // 政策咨询
  'emotional_support', // 精神慰藉
  'counselling', // 心理辅导
  'home_visit', // 入户探访
  'case_followup', // 个案跟踪
  'assistance', // 救助帮扶
  'tutoring', // 课业辅导
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
/** The service kinds as the record-service menu offers them: the home visit first. */
export const SERVICE_KINDS_VISIT_FIRST: readonly ServiceKind[] = [
  'home_visit',
  'policy_consultation',
  'emotional_support',
  'counselling',
  'case_followup',
  'assistance',
  'tutoring',
];
export const RECEIVER_KINDS = ['volunteer', 'department', 'organisation'] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];
export const REFERRAL_STATUSES = ['pending', 'acknowledged', 'reported'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const GENDERS = ['M', 'F'] as const;
export const AGE_BANDS = ['0-5', '6-11', '12-17', '18+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const LIVING_CONDITIONS = ['good', 'fair', 'poor'] as const;
export type LivingConditions = (typeof LIVING_CONDITIONS)[number];
/** The boxes of the caseworker's file list. */
export const CASE_BOXES = ['all', 'mine', 'due', 'overdue', 'closed'] as const;
export type CaseBox = (typeof CASE_BOXES)[number];
