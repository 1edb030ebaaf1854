import { z } from 'zod';
import { APPEAL_REASONS, APPEAL_STATUSES, CALLBACK_OUTCOMES, RATE_KEYS, UNIT_KINDS } from './assessment.constants.js';
import { WhistleFiguresDto } from './whistles.schema.js';

/**
 * Requests and replies of the monthly assessment (接诉即办考核): rates and ranking, drill-down, settings,
 * appeals (申诉/核减) and callbacks (回访). The web imports the inferred types only.
 */
export type { AppealReason, CallbackOutcome, RateKey, UnitKind } from './assessment.constants.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const Id = z.string().min(1).max(60);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const MonthQuery = z.object({
  month: Month,
  /** Figures as they stood at this instant (default now): a past month asked with the same asOf gives the same numbers. */
  asOf: z.iso.datetime({ offset: true }).optional(),
  kind: z.enum(['street', 'community', 'department']).optional(),
});

export const RateValueDto = z.object({
  numerator: z.number(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});
const Rates = z.object(
  Object.fromEntries(RATE_KEYS.map((k) => [k, RateValueDto])) as Record<
    (typeof RATE_KEYS)[number],
    typeof RateValueDto
  >,
);
export type Rates = z.infer<typeof Rates>;
export const WeightsDto = z.object(
  Object.fromEntries(RATE_KEYS.map((k) => [k, z.number().min(0).max(100)])) as Record<
    (typeof RATE_KEYS)[number],
    z.ZodNumber
  >,
);

export const RankedUnitDto = z.object({
  kind: z.enum(UNIT_KINDS),
  id: z.string(),
  name: z.string(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  score: z.number().nullable(),
  rates: Rates,
  /** Scores of the last six months, oldest first (this month last). */
  trend: z.array(z.object({ month: z.string(), score: z.number().nullable() })),
  list: z.enum(['red', 'black']).nullable(),
  /** 吹哨报到 of the month, for departments (null for other units): shown beside the rates, not in the score. */
  whistle: WhistleFiguresDto.nullable(),
});
export type RankedUnit = z.infer<typeof RankedUnitDto>;

export const RankingDto = z.object({
  month: z.string(),
  asOf: z.string(),
  weights: WeightsDto,
  district: RankedUnitDto,
  units: z.array(RankedUnitDto),
});
export type Ranking = z.infer<typeof RankingDto>;

export const DrillQuery = z.object({
  month: Month,
  asOf: z.iso.datetime({ offset: true }).optional(),
  unitKind: z.enum(UNIT_KINDS),
  unitId: Id,
  rate: z.enum(RATE_KEYS),
});
export const DrillDto = z.object({
  unit: z.object({ kind: z.enum(UNIT_KINDS), id: z.string(), name: z.string() }),
  rate: z.enum(RATE_KEYS),
  value: RateValueDto,
  rows: z.array(
    z.object({
      orderId: z.string(),
      no: z.string(),
      title: z.string(),
      counted: z.number(),
      excluded: z.boolean(),
      detail: z.string(),
    }),
  ),
  /** Orders behind the number the caller may not open (outside their scope): counted, not listed. */
  hidden: z.number().int(),
});
export type Drill = z.infer<typeof DrillDto>;

// ───────────── settings ─────────────

export const SettingsDto = z.object({
  weights: WeightsDto,
  redListSize: z.number().int().min(0).max(20),
  blackListSize: z.number().int().min(0).max(20),
  appealDays: z.number().int().min(1).max(30),
  appealReviewers: z.array(z.enum(['district_admin', 'street_staff'])).min(1),
  callbackTries: z.number().int().min(1).max(10),
  version: z.number().int(),
});
export type Settings = z.infer<typeof SettingsDto>;
export const SettingsBody = SettingsDto;

// ───────────── appeals ─────────────

export const AppealBody = z.object({
  orderId: Id,
  unitKind: z.enum(['street', 'community', 'department']),
  unitId: Id,
  reason: z.enum(APPEAL_REASONS),
  explanation: Text(1000),
  evidence: z.array(Text(500)).max(10).default([]),
});
export type AppealInput = z.infer<typeof AppealBody>;

export const AppealDto = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  orderTitle: z.string(),
  unitKind: z.enum(UNIT_KINDS),
  unitId: z.string(),
  unitName: z.string(),
  reason: z.enum(APPEAL_REASONS),
  explanation: z.string(),
  evidence: z.array(z.string()),
  status: z.enum(APPEAL_STATUSES),
  filedByName: z.string(),
  filedAt: z.string(),
  deadlineAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
  can: z.object({ decide: z.boolean() }),
});
export type Appeal = z.infer<typeof AppealDto>;
export const AppealListQuery = z.object({ status: z.enum(APPEAL_STATUSES).optional() });
export const AppealListDto = z.object({ items: z.array(AppealDto) });
export const AppealReplyDto = z.object({ appeal: AppealDto });
export const AppealParams = z.object({ id: Id });
export const DecideBody = z.object({ approve: z.boolean(), note: Text(500), version: z.number().int() });

// ───────────── callbacks ─────────────

export const CallbackQueueDto = z.object({
  items: z.array(
    z.object({
      orderId: z.string(),
      no: z.string(),
      title: z.string(),
      channel: z.string(),
      closedAt: z.string(),
      rating: z.number().int().nullable(),
      reporterName: z.string().nullable(),
      reporterPhoneMasked: z.string().nullable(),
      tries: z.number().int(),
      lastCalledAt: z.string().nullable(),
      why: z.enum(['hotline_no_account', 'not_rated']),
    }),
  ),
  maxTries: z.number().int(),
});
export type CallbackQueue = z.infer<typeof CallbackQueueDto>;
export const CallbackParams = z.object({ id: Id });
export const CallbackBody = z.object({
  outcome: z.enum(CALLBACK_OUTCOMES),
  /** Asked when the caller is reached: is the problem solved? */
  resolved: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
});
export type CallbackInput = z.infer<typeof CallbackBody>;
export const CallbackDto = z.object({
  id: z.string(),
  orderId: z.string(),
  outcome: z.enum(CALLBACK_OUTCOMES),
  resolved: z.boolean().nullable(),
  note: z.string().nullable(),
  calledByName: z.string(),
  calledAt: z.string(),
});
export const CallbackReplyDto = z.object({
  callback: CallbackDto,
  /** Set when a dissatisfied callback sent the order back as a redo (重办): its new deadline. */
  redo: z.object({ dueAt: z.string() }).nullable(),
  /** This try was the last allowed one and nobody answered: the order leaves the list. */
  givenUp: z.boolean(),
});
export const CallbackListDto = z.object({ items: z.array(CallbackDto) });
