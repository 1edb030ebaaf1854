import { z } from 'zod';

/** The public history of a published call (政府购买服务): its 更正公告 and the objections to its notice. */
const cents = z.number().int().min(0).max(10_000_000_000);

export const AMENDABLE_FIELDS = ['title', 'scope', 'eligibility', 'budgetCents', 'deadlineAt'] as const;
/** 更正公告: a change to the published call while it is open; at least one field besides the reason. */
export const AmendRoundBody = z.object({
  version: z.number().int(),
  rationale: z.string().trim().min(5, '请写明更正的原因（至少 5 个字）').max(1000),
  title: z.string().trim().min(2).max(100).optional(),
  scope: z.string().trim().min(2).max(2000).optional(),
  eligibility: z.string().trim().min(2).max(2000).optional(),
  budgetCents: cents.min(1).optional(),
  deadlineAt: z.iso.datetime({ offset: true }).optional(),
});
export type AmendRoundInput = z.infer<typeof AmendRoundBody>;
export const AmendmentDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  rationale: z.string(),
  amendedAt: z.string(),
  amendedByName: z.string(),
  changes: z.array(
    z.object({
      field: z.enum(AMENDABLE_FIELDS),
      before: z.union([z.string(), z.number()]),
      after: z.union([z.string(), z.number()]),
    }),
  ),
});
export type AmendmentView = z.infer<typeof AmendmentDto>;

export const ObjectionDto = z.object({
  id: z.string(),
  proposalId: z.string().nullable(),
  proposalTitle: z.string().nullable(),
  filedByName: z.string(),
  content: z.string(),
  filedAt: z.string(),
  answer: z.string().nullable(),
  upheld: z.boolean().nullable(),
  answeredAt: z.string().nullable(),
});
