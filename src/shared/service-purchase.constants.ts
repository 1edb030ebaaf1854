/**
 * Government purchase of services (政府购买服务): the value lists both sides read. Zod-free, so the web
 * may import values from here; the DTO schemas are in `service-purchase.schema.ts`.
 */
export const ROUND_STATUSES = ['draft', 'open', 'screening', 'scoring', 'notice', 'awarded'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const PROPOSAL_STATUSES = ['submitted', 'withdrawn'] as const;
export const SCREENING_RESULTS = ['pass', 'fail'] as const;
export const PROPOSAL_RESULTS = ['recommended', 'not_recommended', 'disqualified'] as const;
export const CONTRACT_STATUSES = ['pending', 'signed', 'completed'] as const;
export const MILESTONE_STATUSES = ['pending', 'submitted', 'accepted'] as const;
export const BUYER_KINDS = ['street', 'township'] as const;

/** The file types a proposal's attachments may be. */
export const ATTACHMENT_MIMES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

/** The seed's three roadshow criteria; weights are configurable until scoring opens. */
export const DEFAULT_CRITERIA = [
  { key: 'effectiveness', name: '有效性', weight: 40 },
  { key: 'team', name: '团队潜力', weight: 30 },
  { key: 'potential', name: '项目潜力', weight: 30 },
];
