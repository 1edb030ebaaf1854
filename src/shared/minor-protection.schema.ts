import { z } from 'zod';
import {
  AGE_BANDS,
  CASE_BOXES,
  CASE_STATUSES,
  GENDERS,
  LIVING_CONDITIONS,
  RECEIVER_KINDS,
  REFERRAL_STATUSES,
  RISK_LEVELS,
  SERVICE_KINDS,
} from './minor-protection.constants.js';
import { Attachment } from './attachments.schema.js';
import { ATTACHMENTS_PER_STEP } from './attachments.constants.js';

/**
 * 未成年人保护: the requests and replies of /api/minor-* — the routes validate with them, the web takes its
 * types from them (`import type`). What a masked file carries is decided on the server
 * (modules/access/minor-protection.access.ts); these only describe the shapes.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max);

export const CategoryDto = z.object({
  id: z.string(),
  name: z.string(),
  sort: z.number().int(),
  visitDaysLow: z.number().int(),
  visitDaysMedium: z.number().int(),
  visitDaysHigh: z.number().int(),
  isActive: z.boolean(),
});
export type MinorCategory = z.infer<typeof CategoryDto>;
export const CategoryBody = z
  .object({
    name: text(30, '请填写困境类型名称'),
    sort: z.number().int().min(0).max(999).default(0),
    visitDaysLow: z.number().int().min(1).max(365),
    visitDaysMedium: z.number().int().min(1).max(365),
    visitDaysHigh: z.number().int().min(1).max(365),
    isActive: z.boolean().default(true),
  })
  .refine((b) => b.visitDaysHigh <= b.visitDaysMedium && b.visitDaysMedium <= b.visitDaysLow, {
    message: '风险越高探访越频繁：高风险的周期不能长于中风险，中风险不能长于低风险',
    path: ['visitDaysHigh'],
  });
export type CategoryInput = z.infer<typeof CategoryBody>;

export const GuardianDto = z.object({
  name: text(30, '请填写监护人姓名'),
  relation: text(20, '请填写与儿童的关系'),
  phone: z.string().trim().max(20).optional(),
});

export type Guardian = z.infer<typeof GuardianDto>;

export const CaseSummaryDto = z.object({
  id: z.string(),
  caseNo: z.string(),
  /** true when this caller may see who the child is (assigned social worker, station head, city centre). */
  identityVisible: z.boolean(),
  name: z.string().nullable(),
  /** Always 受保护未成年人: a masked file carries nothing of the name (no surname, no length). */
  nameMasked: z.string(),
  gender: z.enum(GENDERS),
  /** Exact age only with identity access; everyone else gets the band. */
  age: z.number().int().nullable(),
  ageBand: z.enum(AGE_BANDS),
  streetName: z.string(),
  /** Only for callers whose scope covers the community. */
  communityName: z.string().nullable(),
  categories: z.array(z.string()),
  riskLevel: z.enum(RISK_LEVELS),
  status: z.enum(CASE_STATUSES),
  workerName: z.string().nullable(),
  openedOn: z.string(),
  lastVisitOn: z.string().nullable(),
  nextVisitDue: z.string().nullable(),
  isVisitOverdue: z.boolean(),
  isEscalated: z.boolean(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummaryDto>;

export const IdentityDto = z.object({
  name: z.string(),
  idMasked: z.string().nullable(),
  address: z.string().nullable(),
  guardians: z.array(GuardianDto),
  health: z.string().nullable(),
  assessmentNotes: z.string().nullable(),
  planGoals: z.array(z.object({ text: z.string(), done: z.boolean() })),
});
export const VisitDto = z.object({
  childSeen: z.boolean(),
  livingConditions: z.enum(LIVING_CONDITIONS),
  safetyConcern: z.boolean(),
  notes: z.string().trim().max(2000).default(''),
});
export type Visit = z.infer<typeof VisitDto>;
export const ServiceDto = z.object({
  id: z.string(),
  kind: z.enum(SERVICE_KINDS),
  servedOn: z.string(),
  workerName: z.string(),
  outcome: z.string().nullable(),
  visit: VisitDto.nullable(),
  safetyConcern: z.boolean(),
});
export type Service = z.infer<typeof ServiceDto>;
export const ConsentDto = z.object({
  id: z.string(),
  guardian: z.string(),
  givenOn: z.string(),
  scope: z.string(),
  withdrawn: z.boolean(),
});
export type Consent = z.infer<typeof ConsentDto>;
export const ReferralDto = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  childMasked: z.string(),
  receiverKind: z.enum(RECEIVER_KINDS),
  receiverName: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  basis: z.enum(['consent', 'override']),
  request: z.string().nullable(),
  report: z.string().nullable(),
  ackDueAt: z.string(),
  isAckOverdue: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  createdAt: z.string(),
  canRespond: z.boolean(),
});
export type Referral = z.infer<typeof ReferralDto>;
export const EventDto = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  type: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseEvent = z.infer<typeof EventDto>;
export const CaseCanDto = z.object({
  work: z.boolean(),
  approve: z.boolean(),
  requestClosure: z.boolean(),
  decideClosure: z.boolean(),
  reopen: z.boolean(),
  assign: z.boolean(),
});
export type CaseCan = z.infer<typeof CaseCanDto>;
export const CaseDetailDto = CaseSummaryDto.extend({
  needs: z.array(z.string()),
  /** null unless identityVisible. */
  identity: IdentityDto.nullable(),
  services: z.array(ServiceDto),
  consents: z.array(ConsentDto),
  referrals: z.array(ReferralDto),
  events: z.array(EventDto),
  serviceCounts: z.record(z.string(), z.number().int()),
  /** 个案材料 (documents, photos), oldest first; empty unless identityVisible (only they may open them). */
  materials: z.array(Attachment),
});
export type CaseDetail = z.infer<typeof CaseDetailDto>;
export const CaseReply = z.object({ case: CaseDetailDto, can: CaseCanDto });
export type CaseResponse = z.infer<typeof CaseReply>;
export const CaseListReply = z.object({
  items: z.array(CaseSummaryDto),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type CaseList = z.infer<typeof CaseListReply>;
export const CategoryListReply = z.object({ items: z.array(CategoryDto) });
export const CategoryReply = z.object({ category: CategoryDto });

export const ListCasesQuery = z.object({
  box: z.enum(CASE_BOXES).default('all'),
  status: z.enum(CASE_STATUSES).optional(),
  category: z.string().max(30).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  streetId: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The nextCursor of the page before (keyset paging). */
  cursor: z.string().max(300).optional(),
});
export type ListCasesInput = z.infer<typeof ListCasesQuery>;

export const CreateCaseBody = z.object({
  personId: z.string().min(1).max(60),
  categories: z.array(z.string().max(30)).min(1, '请至少选择一种困境类型').max(10),
  riskLevel: z.enum(RISK_LEVELS),
  guardians: z.array(GuardianDto).max(6).default([]),
  health: z.string().trim().max(2000).optional(),
  needs: z.array(z.enum(SERVICE_KINDS)).max(7).default([]),
  assessmentNotes: z.string().trim().max(4000).optional(),
  workerUserId: z.string().max(60).optional(),
  openedOn: day.optional(),
});
export type CreateCaseInput = z.infer<typeof CreateCaseBody>;

export const UpdateCaseBody = z.object({
  version: z.number().int(),
  categories: z.array(z.string().max(30)).min(1, '请至少选择一种困境类型').max(10).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  guardians: z.array(GuardianDto).max(6).optional(),
  address: z.string().trim().max(200).optional(),
  health: z.string().trim().max(2000).optional(),
  needs: z.array(z.enum(SERVICE_KINDS)).max(7).optional(),
  assessmentNotes: z.string().trim().max(4000).optional(),
  planGoals: z
    .array(z.object({ text: text(300, '请填写目标'), done: z.boolean().default(false) }))
    .max(20)
    .optional(),
});
export type UpdateCaseInput = z.infer<typeof UpdateCaseBody>;
export type UpdateCaseRequest = z.input<typeof UpdateCaseBody>;

export const ServiceBody = z.object({
  kind: z.enum(SERVICE_KINDS),
  servedOn: day,
  outcome: text(2000, '请填写服务内容与结果'),
  visit: VisitDto.optional(),
});
export type ServiceInput = z.infer<typeof ServiceBody>;
export type ServiceRequest = z.input<typeof ServiceBody>;

/** 个案材料: files uploaded before (POST /api/attachments?purpose=case), with an optional note on what they are. */
export const CaseMaterialsBody = z.object({
  attachmentIds: z.array(z.string().uuid()).min(1, '请先上传材料').max(ATTACHMENTS_PER_STEP, '一次最多附 9 个文件'),
  note: z.string().trim().max(500).optional(),
});
export type CaseMaterialsInput = z.infer<typeof CaseMaterialsBody>;

export const ConsentBody = z.object({
  guardian: text(30, '请填写给予同意的监护人'),
  givenOn: day,
  scope: text(500, '请写明同意的范围（向谁、共享哪些信息、用于什么）'),
});
export type ConsentInput = z.infer<typeof ConsentBody>;
export type ConsentRequest = z.input<typeof ConsentBody>;

export const ReferralBody = z.object({
  receiverKind: z.enum(RECEIVER_KINDS),
  workUnitId: z.string().max(60).optional(),
  receiverUserId: z.string().max(60).optional(),
  receiverName: z.string().trim().max(60).optional(),
  request: text(2000, '请写明转介事由和需要对方做什么'),
  ackDays: z.number().int().min(1).max(20).default(3),
  consentId: z.string().max(60).optional(),
  overrideReason: z.string().trim().max(500).optional(),
});
export type ReferralInput = z.infer<typeof ReferralBody>;
export type ReferralRequest = z.input<typeof ReferralBody>;

export const ReasonBody = z.object({ reason: text(500, '请填写原因') });
export const DecideBody = z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional() });
export const AssignBody = z.object({ workerUserId: z.string().min(1).max(60) });
export const ReportBody = z.object({ report: text(2000, '请填写办理情况') });
export type DecideRequest = z.input<typeof DecideBody>;
export type ReasonRequest = z.input<typeof ReasonBody>;

export const ReferralReply = z.object({ referral: ReferralDto });
export const ReferralListReply = z.object({ items: z.array(ReferralDto) });
const Named = z.object({ id: z.string(), name: z.string() });
export const ReceiversReply = z.object({ departments: z.array(Named), organisations: z.array(Named) });
export type ReferralReceivers = z.infer<typeof ReceiversReply>;

export const StationDto = z.object({
  id: z.string(),
  name: z.string(),
  streetName: z.string(),
  operator: z.string().nullable(),
  openedOn: z.string().nullable(),
  checklist: z.array(z.object({ key: z.string(), label: z.string(), met: z.boolean(), note: z.string().nullable() })),
  metCount: z.number().int(),
  openCases: z.number().int(),
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type MinorStation = z.infer<typeof StationDto>;
export const StationListReply = z.object({ items: z.array(StationDto) });
export const StationReply = z.object({ station: StationDto });
export const StationBody = z.object({
  version: z.number().int(),
  checklist: z
    .array(
      z.object({
        key: z.string().max(20),
        met: z.boolean(),
        note: z.string().trim().max(300).nullable().default(null),
      }),
    )
    .min(1)
    .max(10),
});

export type StationRequest = z.input<typeof StationBody>;
export type StationInput = z.infer<typeof StationBody>;

export const ReportQuery = z.object({
  streetId: z.string().max(60).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type ReportFilterInput = z.infer<typeof ReportQuery>;
export const ReportDto = z.object({
  total: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  communities: z.number().int(),
  byCategory: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
  byRisk: z.array(z.object({ riskLevel: z.enum(RISK_LEVELS), count: z.number().int() })),
  byStreet: z.array(
    z.object({
      streetId: z.string(),
      streetName: z.string(),
      total: z.number().int(),
      high: z.number().int(),
      visitsDue: z.number().int(),
      visitsOverdue: z.number().int(),
    }),
  ),
  visitsDue: z.number().int(),
  visitsOverdue: z.number().int(),
  services: z.array(z.object({ kind: z.enum(SERVICE_KINDS), count: z.number().int() })),
});
export type MinorReport = z.infer<typeof ReportDto>;

export const TasksDto = z.object({
  visitsOverdue: z.array(CaseSummaryDto),
  visitsDue: z.array(CaseSummaryDto),
  closuresToDecide: z.array(CaseSummaryDto),
  referralsAwaiting: z.array(ReferralDto),
});
export type Tasks = z.infer<typeof TasksDto>;
