import { z } from 'zod';
import { RENOVATION_ITEM_LIST, RENOVATION_STATUSES } from './property.constants.js';

/** 老旧小区改造: a compound's renovation projects, and the figures of a scope. */
export const RenovationBody = z.object({
  year: z.number().int().min(2000, '改造年度应在 2000 年以后').max(2100),
  items: z.array(z.enum(RENOVATION_ITEM_LIST)).min(1, '请至少选择一项改造内容').max(RENOVATION_ITEM_LIST.length),
  /** 投资（元）. */
  investmentYuan: z.number().int().min(0).max(2_000_000_000),
  implementer: z.string().trim().min(2, '请填写实施单位').max(100),
  status: z.enum(RENOVATION_STATUSES),
  startedOn: z.iso.date('日期格式应为 YYYY-MM-DD').nullable().default(null),
  completedOn: z.iso.date('日期格式应为 YYYY-MM-DD').nullable().default(null),
  note: z.string().trim().max(1000).default(''),
});
export type RenovationInput = z.input<typeof RenovationBody>;

export const RenovationDto = z.object({
  id: z.string(),
  year: z.number().int(),
  items: z.array(z.enum(RENOVATION_ITEM_LIST)),
  investmentYuan: z.number().int(),
  implementer: z.string(),
  status: z.enum(RENOVATION_STATUSES),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export type Renovation = z.infer<typeof RenovationDto>;
export const CompoundRenovationsDto = z.object({
  compound: z.object({ id: z.string(), name: z.string(), isOld: z.boolean(), isRenovated: z.boolean() }),
  items: z.array(RenovationDto),
});
export type CompoundRenovations = z.infer<typeof CompoundRenovationsDto>;

export const RenovationSummaryQuery = z.object({ orgUnitId: z.string().max(60).optional() });
export const RenovationSummaryDto = z.object({
  oldCompounds: z.number().int(),
  renovated: z.number().int(),
  inProgress: z.number().int(),
  investmentYuan: z.number().int(),
  byYear: z.array(z.object({ year: z.number().int(), compounds: z.number().int(), investmentYuan: z.number().int() })),
});
export type RenovationSummary = z.infer<typeof RenovationSummaryDto>;
