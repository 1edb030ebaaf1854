// The /api/purchase replies, from the shared schemas (src/shared/service-purchase.schema.ts).
export type { RoundStatus } from '../../../shared/service-purchase.constants';
export type {
  AmendmentView,
  ContractDetail,
  ContractReply,
  ContractSummary,
  Criterion,
  Funnel,
  Milestone,
  Need,
  Objection,
  Org,
  ProposalDetail,
  ProposalReply,
  ProposalSummary,
  Round,
  RoundDetail,
  Score,
} from '../../../shared/service-purchase.schema';
