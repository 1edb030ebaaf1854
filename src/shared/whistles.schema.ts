import { z } from 'zod';
import { ATTENDANCE, WHISTLE_RATINGS, WHISTLE_STATUSES } from './whistles.constants.js';

/** Requests and replies of 吹哨报到. The web imports the inferred types only. */
export type { Attendance, WhistleRating, WhistleStatus } from './whistles.constants.js';

const Id = z.string().min(1).max(60);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const WhistleBody = z.object({
  title: Text(100),
  problem: Text(2000),
  /** The compound; may be left out when a work order is linked (its compound is the place). */
  compoundId: Id.optional(),
  orderId: Id.optional(),
  departmentIds: z.array(Id).min(1).max(10),
  onSiteAt: z.iso.datetime({ offset: true }),
  reason: Text(500),
  graceMinutes: z.number().int().min(0).max(240).optional(),
});
export type WhistleInput = z.infer<typeof WhistleBody>;

export const WhistleParams = z.object({ id: Id });
export const WhistleListQuery = z.object({
  status: z.enum(WHISTLE_STATUSES).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
});
export const CheckInBody = z.object({ note: z.string().trim().max(500).optional() });
export const ReportBody = z.object({ action: Text(2000) });
export const CloseBody = z.object({ note: Text(1000), version: z.number().int() });
export const RateBody = z.object({
  version: z.number().int(),
  ratings: z
    .array(
      z.object({ departmentId: Id, rating: z.enum(WHISTLE_RATINGS), comment: z.string().trim().max(500).optional() }),
    )
    .min(1)
    .max(10),
});
export type RateInput = z.infer<typeof RateBody>;

export const SummonDto = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  attendance: z.enum(ATTENDANCE),
  checkedInAt: z.string().nullable(),
  checkedInByName: z.string().nullable(),
  checkInNote: z.string().nullable(),
  action: z.string().nullable(),
  actionAt: z.string().nullable(),
  rating: z.enum(WHISTLE_RATINGS).nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
});
export type Summon = z.infer<typeof SummonDto>;

export const WhistleDto = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string(),
  reason: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  orderId: z.string().nullable(),
  orderNo: z.string().nullable(),
  ownerName: z.string(),
  onSiteAt: z.string(),
  graceMinutes: z.number().int(),
  /** The last instant that counts as on time: onSiteAt + grace. */
  onTimeUntil: z.string(),
  status: z.enum(WHISTLE_STATUSES),
  openedByName: z.string(),
  openedAt: z.string(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  version: z.number().int(),
  summons: z.array(SummonDto),
  /** What the caller may do next (the page hides the rest). */
  can: z.object({ checkIn: z.boolean(), report: z.boolean(), close: z.boolean(), rate: z.boolean() }),
});
export type Whistle = z.infer<typeof WhistleDto>;
export const WhistleReply = z.object({ whistle: WhistleDto });
export const WhistleListReply = z.object({ items: z.array(WhistleDto), canBlow: z.boolean() });
export type WhistleList = z.infer<typeof WhistleListReply>;

/** One department's 吹哨报到 figures for a month (shown beside the assessment's rates). */
export const WhistleFiguresDto = z.object({
  /** Whistles whose appointed time falls in the month that summoned the department. */
  received: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  absent: z.number().int(),
  /** 报到率: on time ÷ summons whose on-time question was decided by the cutoff; null when none. */
  checkInRate: z.number().nullable(),
  rated: z.number().int(),
  /** Mean of the ratings (satisfied 1, basically satisfied 0.8, dissatisfied 0); null when none. */
  satisfaction: z.number().nullable(),
});
export type WhistleFigures = z.infer<typeof WhistleFiguresDto>;
