import { z } from 'zod';

/** 居民提议: open while households second it; on the agenda once a joint meeting took it up. */
export const PROPOSAL_STATUSES = ['open', 'on_agenda'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const ProposalBody = z.object({
  title: z.string().trim().min(4, '请用至少 4 个字概括提议').max(80),
  description: z.string().trim().min(10, '请写明提议的内容和理由（至少 10 个字）').max(1000),
});
export type ProposalInput = z.infer<typeof ProposalBody>;

export const ProposalsQuery = z.object({
  compoundId: z.string().max(60).optional(),
  status: z.enum(PROPOSAL_STATUSES).optional(),
});
export const ProposalIdParams = z.object({ id: z.string().min(1).max(60) });

export const ProposalDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  /** Households behind it, the proposer's included. */
  supports: z.number().int(),
  supportsNeeded: z.number().int(),
  /** The caller's household has raised or seconded it. */
  supportedByMe: z.boolean(),
  mine: z.boolean(),
  createdAt: z.string(),
  meeting: z.object({ id: z.string(), heldOn: z.string() }).nullable(),
});
export type Proposal = z.infer<typeof ProposalDto>;
export const ProposalReply = z.object({ proposal: ProposalDto });
export const ProposalListReply = z.object({ items: z.array(ProposalDto) });
