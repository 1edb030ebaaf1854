import { z } from 'zod';
import {
  ATTACHMENT_MIMES,
  BUYER_KINDS,
  CONTRACT_STATUSES,
  DEFAULT_CRITERIA,
  MILESTONE_STATUSES,
  PROPOSAL_RESULTS,
  PROPOSAL_STATUSES,
  ROUND_STATUSES,
  SCREENING_RESULTS,
} from './service-purchase.constants.js';
import { AmendmentDto, ObjectionDto } from './service-purchase-call.schema.js';

export * from './service-purchase-call.schema.js';

/**
 * Government purchase of services (政府购买服务): the requests and replies of /api/purchase, read by
 * the server's routes and (as types) by the web.
 */

const cents = z.number().int().min(0).max(10_000_000_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const CriterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, '评审指标编码为小写字母开头的字母、数字或下划线'),
  name: z.string().trim().min(1, '请填写评审指标名称').max(30),
  weight: z.number().int().min(1, '权重至少为 1').max(100),
});

export const RulesBody = z.object({
  criteria: z
    .array(CriterionSchema)
    .min(1, '至少需要一项评审指标')
    .max(8)
    .default(DEFAULT_CRITERIA)
    .refine((c) => new Set(c.map((x) => x.key)).size === c.length, '评审指标编码不能重复'),
  dropHighLow: z.boolean().default(false),
  places: z.number().int().min(1, '推荐名额至少为 1').max(1000),
  passScore: z.number().int().min(0).max(100).default(60),
  noticeDays: z.number().int().min(1, '公示期至少 1 天').max(30).default(5),
});

export const CreateRoundBody = RulesBody.extend({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(2, '请填写申报通知标题').max(100),
  scope: z.string().trim().min(2, '请写明服务范围').max(2000),
  eligibility: z.string().trim().min(2, '请写明申报条件').max(2000),
  budgetCents: cents.min(1, '请填写预算金额'),
  deadlineAt: z.iso.datetime({ offset: true, error: '截止时间格式无效' }),
});
export type CreateRoundInput = z.infer<typeof CreateRoundBody>;

export const UpdateRoundBody = z.object({
  version: z.number().int(),
  title: z.string().trim().min(2).max(100).optional(),
  scope: z.string().trim().min(2).max(2000).optional(),
  eligibility: z.string().trim().min(2).max(2000).optional(),
  budgetCents: cents.min(1).optional(),
  deadlineAt: z.iso.datetime({ offset: true }).optional(),
  criteria: z.array(CriterionSchema).min(1).max(8).optional(),
  dropHighLow: z.boolean().optional(),
  places: z.number().int().min(1).max(1000).optional(),
  passScore: z.number().int().min(0).max(100).optional(),
  noticeDays: z.number().int().min(1).max(30).optional(),
});
export type UpdateRoundInput = z.infer<typeof UpdateRoundBody>;

export const FunnelDto = z.object({
  received: z.number().int(),
  screened: z.number().int(),
  shortlisted: z.number().int(),
  contracted: z.number().int(),
  withdrawn: z.number().int(),
  byBuyer: z.array(z.object({ buyerName: z.string(), buyerKind: z.enum(BUYER_KINDS), contracts: z.number().int() })),
});

export const RoundDto = z.object({
  id: z.string(),
  ocid: z.string(),
  year: z.number().int(),
  title: z.string(),
  scope: z.string(),
  eligibility: z.string(),
  budgetCents: z.number(),
  status: z.enum(ROUND_STATUSES),
  publishedAt: z.string().nullable(),
  deadlineAt: z.string(),
  isAcceptingProposals: z.boolean(),
  criteria: z.array(CriterionSchema),
  dropHighLow: z.boolean(),
  places: z.number().int(),
  passScore: z.number().int(),
  noticeDays: z.number().int(),
  rulesFrozen: z.boolean(),
  scoringOpenedAt: z.string().nullable(),
  noticeStartsAt: z.string().nullable(),
  noticeEndsAt: z.string().nullable(),
  awardedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RoundView = z.infer<typeof RoundDto>;

export const RoundCanDto = z.object({
  edit: z.boolean(),
  amend: z.boolean(),
  editRules: z.boolean(),
  publish: z.boolean(),
  setJurors: z.boolean(),
  screen: z.boolean(),
  openScoring: z.boolean(),
  publishNotice: z.boolean(),
  award: z.boolean(),
  propose: z.boolean(),
  object: z.boolean(),
  answerObjections: z.boolean(),
});
export const JurorDto = z.object({
  userId: z.string(),
  name: z.string(),
  submitted: z.number().int(),
  expected: z.number().int(),
});
export const RoundDetailDto = z.object({
  round: RoundDto,
  funnel: FunnelDto,
  jurors: z.array(JurorDto),
  objections: z.array(ObjectionDto),
  amendments: z.array(AmendmentDto),
  can: RoundCanDto,
  myJuror: z.boolean(),
});
export type RoundDetail = z.infer<typeof RoundDetailDto>;

export const TeamMemberSchema = z.object({
  name: z.string().trim().min(1, '请填写成员姓名').max(30),
  role: z.string().trim().min(1, '请填写成员分工').max(30),
  qualification: z.string().trim().max(100).optional(),
});
export const BudgetLineSchema = z.object({
  item: z.string().trim().min(1, '请填写预算科目').max(50),
  amountCents: cents,
});
export const AttachmentInput = z.object({
  name: z.string().trim().min(1).max(100),
  dataUrl: z
    .string()
    .max(3_000_000, '单个附件不能超过 2 MB')
    .refine((s) => {
      const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,[A-Za-z0-9+/=]+$/.exec(s);
      return !!m && ATTACHMENT_MIMES.includes(m[1]!);
    }, '附件须为 PDF、Word（.docx）、PNG 或 JPEG 文件'),
});

export const CreateProposalBody = z.object({
  title: z.string().trim().min(2, '请填写项目名称').max(60),
  summary: z.string().trim().min(10, '项目简介至少 10 个字').max(3000),
  category: z.string().trim().min(1).max(20),
  team: z.array(TeamMemberSchema).min(1, '请至少填写一名团队成员').max(30),
  budgetLines: z.array(BudgetLineSchema).min(1, '请至少填写一条预算明细').max(30),
  targetCommunityIds: z.array(z.string().min(1).max(60)).min(1, '请选择服务的社区').max(20),
  pastDelivery: z.string().trim().max(3000).default(''),
  attachments: z.array(AttachmentInput).max(5, '附件最多 5 个').default([]),
});
export type CreateProposalInput = z.infer<typeof CreateProposalBody>;

export const ScoreDto = z.object({
  jurorName: z.string(),
  version: z.number().int(),
  scores: z.record(z.string(), z.number()),
  total: z.number(),
  comment: z.string(),
  submittedAt: z.string(),
});
export const ProposalSummaryDto = z.object({
  id: z.string(),
  no: z.string(),
  roundId: z.string(),
  title: z.string(),
  orgName: z.string(),
  category: z.string(),
  budgetCents: z.number(),
  streetName: z.string(),
  targetCommunities: z.array(z.string()),
  status: z.enum(PROPOSAL_STATUSES),
  screening: z.enum(SCREENING_RESULTS).nullable(),
  screeningReason: z.string().nullable(),
  finalScore: z.number().nullable(),
  rank: z.number().int().nullable(),
  result: z.enum(PROPOSAL_RESULTS).nullable(),
  submittedAt: z.string(),
  version: z.number().int(),
  /** Jurors: whether I have scored it / recused; everyone: whether the scores are still sealed. */
  myScore: ScoreDto.nullable(),
  recused: z.boolean(),
  sealed: z.boolean(),
  submittedScores: z.number().int(),
  expectedScores: z.number().int(),
});
export type ProposalSummary = z.infer<typeof ProposalSummaryDto>;
export const ProposalCanDto = z.object({
  withdraw: z.boolean(),
  screen: z.boolean(),
  score: z.boolean(),
  recuse: z.boolean(),
});
export const ProposalDetailDto = ProposalSummaryDto.extend({
  summary: z.string(),
  team: z.array(TeamMemberSchema),
  budgetLines: z.array(BudgetLineSchema),
  pastDelivery: z.string(),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), url: z.string() })),
  criteria: z.array(CriterionSchema),
  /** Individual scores: only once every non-recused juror has submitted, and only to the agent and the jurors. */
  scores: z.array(ScoreDto).nullable(),
  criterionMeans: z.record(z.string(), z.number()).nullable(),
  history: z.array(ScoreDto),
});
export const ProposalReply = z.object({ proposal: ProposalDetailDto, can: ProposalCanDto });

export const ScoreBody = z.object({
  scores: z.record(z.string(), z.number().min(0, '分数在 0–100 之间').max(100, '分数在 0–100 之间')),
  comment: z.string().trim().max(1000).default(''),
  /** Required when amending an earlier submission. */
  reason: z.string().trim().max(300).optional(),
});

export const MilestoneDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  title: z.string(),
  dueOn: z.string(),
  trancheCents: z.number(),
  status: z.enum(MILESTONE_STATUSES),
  evidence: z.string().nullable(),
  reviewNote: z.string().nullable(),
  releasedAt: z.string().nullable(),
});
export const DeliveryDto = z.object({
  id: z.string(),
  communityName: z.string(),
  heldOn: z.string(),
  title: z.string(),
  beneficiaries: z.number().int(),
  note: z.string(),
});
export const ContractSummaryDto = z.object({
  id: z.string(),
  no: z.string(),
  roundId: z.string(),
  proposalId: z.string(),
  title: z.string(),
  orgName: z.string(),
  buyerName: z.string(),
  buyerKind: z.enum(BUYER_KINDS),
  amountCents: z.number(),
  releasedCents: z.number(),
  status: z.enum(CONTRACT_STATUSES),
  signedAt: z.string().nullable(),
  activities: z.number().int(),
  beneficiaries: z.number().int(),
  evaluationGrade: z.string().nullable(),
  version: z.number().int(),
});
export const ContractDetailDto = ContractSummaryDto.extend({
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  targetCommunities: z.array(z.object({ id: z.string(), name: z.string() })),
  milestones: z.array(MilestoneDto),
  deliveries: z.array(DeliveryDto),
  evaluationScore: z.number().int().nullable(),
  evaluationComment: z.string().nullable(),
});
export const ContractCanDto = z.object({
  sign: z.boolean(),
  review: z.boolean(),
  evaluate: z.boolean(),
  deliver: z.boolean(),
});
export const ContractReply = z.object({ contract: ContractDetailDto, can: ContractCanDto });

export const SignBody = z.object({
  version: z.number().int(),
  periodStart: isoDate,
  periodEnd: isoDate,
  milestones: z
    .array(
      z.object({ title: z.string().trim().min(1, '请填写里程碑名称').max(60), dueOn: isoDate, trancheCents: cents }),
    )
    .min(1, '请至少设置一个里程碑')
    .max(12),
});
export const EvidenceBody = z.object({ evidence: z.string().trim().min(2, '请说明完成情况与佐证材料').max(2000) });
export const ReviewBody = z.object({ accept: z.boolean(), note: z.string().trim().max(500).default('') });
export const DeliveryBody = z.object({
  communityId: z.string().min(1).max(60),
  heldOn: isoDate,
  title: z.string().trim().min(2, '请填写活动名称').max(60),
  beneficiaries: z.number().int().min(0).max(100_000),
  note: z.string().trim().max(1000).default(''),
});
export const EvaluateBody = z.object({
  score: z.number().int().min(0).max(100),
  comment: z.string().trim().min(2, '请填写评估意见').max(1000),
});

export const NeedDto = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  streetName: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  residents: z.number().int(),
  createdAt: z.string(),
  /** The consultation the need comes from, with the households that answered it. */
  consultation: z.object({ id: z.string(), title: z.string(), ballots: z.number().int() }).nullable(),
});
export const CreateNeedBody = z.object({
  communityId: z.string().min(1).max(60),
  title: z.string().trim().min(2, '请填写需求名称').max(60),
  description: z.string().trim().min(2, '请描述居民需求').max(2000),
  category: z.string().trim().min(1).max(20),
  residents: z.number().int().min(0).max(1_000_000).default(0),
  /** 调查民情、征求民意: the closed or published consultation of the community the need comes from. */
  consultationId: z.string().max(60).optional(),
});

export const OrgDto = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  legalRep: z.string(),
  intro: z.string(),
});
export const RegisterOrgBody = z.object({
  name: z.string().trim().min(4, '请填写社会组织全称').max(60),
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位'),
  legalRep: z.string().trim().min(2, '请填写法定代表人').max(30),
  intro: z.string().trim().max(2000).default(''),
});

export const JurorsBody = z.object({ userIds: z.array(z.string().max(60)).max(50) });
export const ObjectionBody = z.object({
  proposalId: z.string().max(60).optional(),
  content: z.string().trim().min(5, '请写明异议内容（至少 5 个字）').max(2000),
});
export const AnswerBody = z.object({
  answer: z.string().trim().min(2, '请填写答复内容').max(2000),
  upheld: z.boolean(),
});
export const ScreenBody = z.object({ pass: z.boolean(), reason: z.string().trim().max(500).default('') });
export const RecuseBody = z.object({ reason: z.string().trim().min(2, '请写明回避原因').max(500) });

export const OrgReply = z.object({ org: OrgDto.nullable() });
export const RegisteredOrgReply = z.object({ org: OrgDto });
export const NeedsReply = z.object({ items: z.array(NeedDto) });
export const NeedReply = z.object({ need: NeedDto });
export const JurorAccountDto = z.object({ id: z.string(), name: z.string() });
export const JurorAccountsReply = z.object({ items: z.array(JurorAccountDto) });
export const RoundsReply = z.object({ items: z.array(RoundDto) });
export const ProposalsReply = z.object({ items: z.array(ProposalSummaryDto) });
export const ContractsReply = z.object({ items: z.array(ContractSummaryDto) });

// The types the web reads (as types only).
export type Criterion = z.infer<typeof CriterionSchema>;
export type Round = z.infer<typeof RoundDto>;
export type Funnel = z.infer<typeof FunnelDto>;
export type Objection = z.infer<typeof ObjectionDto>;
export type Score = z.infer<typeof ScoreDto>;
export type ProposalDetail = z.infer<typeof ProposalDetailDto>;
export type ProposalReply = z.infer<typeof ProposalReply>;
export type ContractSummary = z.infer<typeof ContractSummaryDto>;
export type Milestone = z.infer<typeof MilestoneDto>;
export type ContractDetail = z.infer<typeof ContractDetailDto>;
export type ContractReply = z.infer<typeof ContractReply>;
export type Need = z.infer<typeof NeedDto>;
export type Org = z.infer<typeof OrgDto>;
export type JurorAccount = z.infer<typeof JurorAccountDto>;
export type RegisterOrgInput = z.input<typeof RegisterOrgBody>;
export type CreateNeedInput = z.input<typeof CreateNeedBody>;
export type SignInput = z.input<typeof SignBody>;
export type ScoreInput = z.input<typeof ScoreBody>;
export type DeliveryInput = z.input<typeof DeliveryBody>;
export type EvaluateInput = z.input<typeof EvaluateBody>;
export type ReviewInput = z.input<typeof ReviewBody>;
export type ObjectionInput = z.input<typeof ObjectionBody>;
export type AnswerInput = z.input<typeof AnswerBody>;
export type ScreenInput = z.input<typeof ScreenBody>;
export type CreateProposalRequest = z.input<typeof CreateProposalBody>;
export type CreateRoundRequest = z.input<typeof CreateRoundBody>;
