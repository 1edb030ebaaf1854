import { z } from 'zod';
import { PublicEvaluation } from './property-evaluations.schema.js';
import { PUBLICATION_COLUMNS, PUBLICATION_STATUSES, STATEMENT_LINE_KINDS } from './property.constants.js';

/**
 * 公示三专栏 of a compound: what the property company enters, the review by the branch or owners'
 * committee, the public page (no login, nothing personal) and the overdue list.
 */
export const PublicationParams = z.object({ id: z.string().min(1).max(80) });
export const PublicPageParams = z.object({
  districtId: z.string().min(1).max(20),
  compoundId: z.string().min(1).max(80),
});

const StatementLine = z.object({
  label: z.string().trim().min(1, '请填写收支项目').max(60),
  kind: z.enum(STATEMENT_LINE_KINDS),
  amountCents: z.number().int().min(0, '金额不能为负数'),
});
export const PublicationBody = z.object({
  column: z.enum(PUBLICATION_COLUMNS),
  title: z.string().trim().min(2, '请填写公示标题').max(100),
  /** The quarter a statement covers, e.g. 2026-Q3 (required for income and expenditure). */
  period: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, '期间格式应为 YYYY-Qn，如 2026-Q3')
    .optional(),
  content: z.string().trim().max(4000).default(''),
  lines: z.array(StatementLine).max(60).default([]),
  /** The statement's declared totals: the lines must sum to them. */
  incomeTotalCents: z.number().int().min(0).optional(),
  expenseTotalCents: z.number().int().min(0).optional(),
});
export type PublicationInput = z.infer<typeof PublicationBody>;

export const ReviewBody = z.object({
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().max(500).optional(),
  version: z.number().int(),
});
export type ReviewInput = z.infer<typeof ReviewBody>;

export const PublicationDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  column: z.enum(PUBLICATION_COLUMNS),
  title: z.string(),
  period: z.string().nullable(),
  content: z.string(),
  lines: z.array(StatementLine),
  incomeTotalCents: z.number().int().nullable(),
  expenseTotalCents: z.number().int().nullable(),
  status: z.enum(PUBLICATION_STATUSES),
  returnReason: z.string().nullable(),
  submittedAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Publication = z.infer<typeof PublicationDto>;
export const PublicationListDto = z.object({
  compound: z.object({ id: z.string(), name: z.string() }),
  items: z.array(PublicationDto),
  canSubmit: z.boolean(),
  canReview: z.boolean(),
});
export type PublicationList = z.infer<typeof PublicationListDto>;

/** The public page: the compound, its company and its published columns — no person's name or phone. */
const PublicItem = PublicationDto.pick({
  id: true,
  column: true,
  title: true,
  period: true,
  content: true,
  lines: true,
  incomeTotalCents: true,
  expenseTotalCents: true,
  publishedAt: true,
});
export const PublicPageDto = z.object({
  compound: z.object({ id: z.string(), name: z.string(), communityName: z.string() }),
  companyName: z.string().nullable(),
  items: z.array(PublicItem),
  /** 物业服务质量评价: the published results, per year. */
  evaluations: z.array(PublicEvaluation),
});
export type PublicPage = z.infer<typeof PublicPageDto>;

export const OverdueQuery = z.object({ graceDays: z.coerce.number().int().min(0).max(365).optional() });
export const OverdueDto = z.object({
  period: z.string(),
  dueOn: z.string(),
  items: z.array(
    z.object({
      compoundId: z.string(),
      compoundName: z.string(),
      communityName: z.string(),
      companyName: z.string(),
    }),
  ),
});
export type Overdue = z.infer<typeof OverdueDto>;
