/** 网格巡查 API: a patrol, its findings (resolved on the spot, or a work order in one step), the monthly ledger. */
import { z } from 'zod';
import { Attachment } from './attachments.schema.js';
import { FINDING_OUTCOMES, FINDING_PHOTOS_MAX, PATROL_STATUSES } from './patrols.constants.js';

export * from './patrols.constants.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
/** "lat,lng" from the device, five decimals. */
const location = z
  .string()
  .regex(/^-?\d{1,2}\.\d{1,7},-?\d{1,3}\.\d{1,7}$/, '位置应为"纬度,经度"')
  .optional();

export const StartPatrolBody = z.object({
  compoundIds: z.array(z.string().min(1).max(60)).min(1, '请至少选择一个小区').max(20),
  routeNote: z.string().trim().max(500).default(''),
  location,
});
export type StartPatrolInput = z.input<typeof StartPatrolBody>;

export const FinishPatrolBody = z.object({
  routeNote: z.string().trim().max(500).optional(),
  location,
});
export type FinishPatrolInput = z.input<typeof FinishPatrolBody>;

export const AddFindingBody = z.object({
  compoundId: z.string().min(1).max(60),
  buildingId: z.string().max(60).optional(),
  categoryId: z.string().min(1).max(40),
  description: z.string().trim().min(2, '请描述发现的问题').max(2000),
  outcome: z.enum(FINDING_OUTCOMES),
  /** how it was put right, for a finding resolved on the spot */
  resolution: z.string().trim().max(500).optional(),
  /** the order's title (default: the description's first line) */
  title: z.string().trim().max(80).optional(),
  attachmentIds: z.array(z.string().uuid()).max(FINDING_PHOTOS_MAX, '每条发现最多 9 张照片').default([]),
  location,
});
export type AddFindingInput = z.input<typeof AddFindingBody>;
export const FindingHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).loose();

export const FindingDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  categoryId: z.string(),
  categoryName: z.string(),
  description: z.string(),
  outcome: z.enum(FINDING_OUTCOMES),
  resolution: z.string().nullable(),
  orderId: z.string().nullable(),
  orderNo: z.string().nullable(),
  orderStatus: z.string().nullable(),
  location: z.string().nullable(),
  photos: z.array(Attachment),
  createdAt: z.string(),
});
export type Finding = z.infer<typeof FindingDto>;

export const PatrolSummaryDto = z.object({
  id: z.string(),
  workerName: z.string(),
  compoundNames: z.array(z.string()),
  status: z.enum(PATROL_STATUSES),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  routeNote: z.string(),
  findings: z.number().int(),
  ordersRaised: z.number().int(),
});
export type PatrolSummary = z.infer<typeof PatrolSummaryDto>;

export const PatrolDetailDto = PatrolSummaryDto.extend({
  compounds: z.array(z.object({ id: z.string(), name: z.string() })),
  startLocation: z.string().nullable(),
  endLocation: z.string().nullable(),
  findingList: z.array(FindingDto),
  /** the caller may add findings and finish it (his own open patrol) */
  canRecord: z.boolean(),
});
export type PatrolDetail = z.infer<typeof PatrolDetailDto>;

export const PatrolListQuery = z.object({
  month: month.optional(),
  compoundId: z.string().max(60).optional(),
  status: z.enum(PATROL_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PatrolListFilters = z.infer<typeof PatrolListQuery>;
export const PatrolListReply = z.object({ items: z.array(PatrolSummaryDto), total: z.number().int() });
export type PatrolList = z.infer<typeof PatrolListReply>;

export const FindingReply = z.object({ finding: FindingDto, replayed: z.boolean() });
export type FindingResult = z.infer<typeof FindingReply>;

export const LedgerQuery = z.object({ from: month, to: month.optional() });
export type LedgerFilters = z.input<typeof LedgerQuery>;
/** One line of the ledger: a compound (网格) in a month. */
export const LedgerRowDto = z.object({
  month: z.string(),
  communityName: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  workers: z.array(z.string()),
  patrols: z.number().int(),
  findings: z.number().int(),
  resolved: z.number().int(),
  ordersRaised: z.number().int(),
});
export type LedgerRow = z.infer<typeof LedgerRowDto>;
export const LedgerReply = z.object({
  rows: z.array(LedgerRowDto),
  totals: z.object({
    patrols: z.number().int(),
    findings: z.number().int(),
    resolved: z.number().int(),
    ordersRaised: z.number().int(),
  }),
});
export type Ledger = z.infer<typeof LedgerReply>;
