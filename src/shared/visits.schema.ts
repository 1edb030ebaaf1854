import { z } from 'zod';
import { NEED_STATUSES, VISITEE_KINDS } from './visits.constants.js';

/** Requests and replies of 走访慰问 (visits to old and needy party members). The web imports the types only. */
const Id = z.string().min(1).max(60);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Partner = z.string().trim().min(2).max(60);
const Yuan = z.number().int().min(0).max(1_000_000);

export const CreateCampaignBody = z.object({
  title: z.string().trim().min(2, '请填写活动名称').max(80),
  /** The organising unit (a street, community or compound) — the campaign is placed there. */
  orgUnitId: Id,
  startsOn: Day,
  endsOn: Day,
  /** 联合单位: 市文明办, a bank branch … */
  partners: z.array(Partner).max(20).default([]),
  note: z.string().trim().max(500).optional(),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const CampaignDto = z.object({
  id: z.string(),
  title: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  partners: z.array(z.string()),
  note: z.string().nullable(),
  /** Sums over the campaign's visits the caller may read. */
  visits: z.number().int(),
  households: z.number().int(),
  moneyYuan: z.number().int(),
  goodsYuan: z.number().int(),
  openNeeds: z.number().int(),
  canWrite: z.boolean(),
});
export type Campaign = z.infer<typeof CampaignDto>;
export const CampaignListDto = z.object({ items: z.array(CampaignDto) });

export const GoodsItem = z.object({
  name: z.string().trim().min(1, '请填写慰问品名称').max(40),
  quantity: z.number().int().min(1).max(10_000),
  unit: z.string().trim().min(1).max(8),
  /** The value of the line in yuan (quantity × price), 0 when not priced. */
  valueYuan: Yuan.default(0),
});
export const NeedInput = z.object({ content: z.string().trim().min(2, '请写明后续需求').max(500) });

export const CreateVisitBody = z.object({
  campaignId: Id,
  personId: Id,
  kind: z.enum(VISITEE_KINDS),
  visitedOn: Day,
  visitors: z.array(z.string().trim().min(2).max(30)).min(1, '请填写走访人').max(10),
  /** Partners who came on this visit (a subset of the campaign's, or others). */
  partners: z.array(Partner).max(10).default([]),
  goods: z.array(GoodsItem).max(20).default([]),
  moneyYuan: Yuan.default(0),
  situation: z.string().trim().min(2, '请记录身体、生活等情况').max(2000),
  needs: z.array(NeedInput).max(10).default([]),
});
export type CreateVisitBody = z.input<typeof CreateVisitBody>;

export const NeedDto = z.object({
  id: z.string(),
  content: z.string(),
  status: z.enum(NEED_STATUSES),
  workOrderId: z.string().nullable(),
  workOrderNo: z.string().nullable(),
  referredTo: z.string().nullable(),
});
export type VisitNeed = z.infer<typeof NeedDto>;

export const VisitDto = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  personId: z.string(),
  /** The registry's name, shown as the people registry shows it; ID and phone masked. */
  name: z.string(),
  gender: z.enum(['M', 'F']),
  age: z.number().int().nullable(),
  phoneMasked: z.string().nullable(),
  isPartyMember: z.boolean(),
  kind: z.enum(VISITEE_KINDS),
  placeName: z.string(),
  visitedOn: z.string(),
  visitors: z.array(z.string()),
  partners: z.array(z.string()),
  goods: z.array(GoodsItem),
  goodsYuan: z.number().int(),
  moneyYuan: z.number().int(),
  situation: z.string(),
  needs: z.array(NeedDto),
  canWrite: z.boolean(),
});
export type Visit = z.infer<typeof VisitDto>;

export const ListVisitsQuery = z.object({
  campaignId: Id.optional(),
  /** Visits of people living under this unit. */
  orgUnitId: Id.optional(),
  kind: z.enum(VISITEE_KINDS).optional(),
  from: Day.optional(),
  to: Day.optional(),
  /** Only visits with a need still open. */
  openNeeds: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListVisitsQuery = z.input<typeof ListVisitsQuery>;
export const VisitListDto = z.object({
  items: z.array(VisitDto),
  total: z.number().int(),
  /** Sums over every visit matching the filter (not only the page). */
  moneyYuan: z.number().int(),
  goodsYuan: z.number().int(),
});
export type VisitList = z.infer<typeof VisitListDto>;

/** A need becomes a work order in one step, through the work-order module's creation service. */
export const NeedToOrderBody = z.object({
  categoryId: z.string().min(1).max(40),
  title: z.string().trim().min(2).max(80).optional(),
});
export const NeedReferBody = z.object({ referredTo: z.string().trim().min(2, '请填写转介单位').max(60) });
export const VisitReply = z.object({ visit: VisitDto });
