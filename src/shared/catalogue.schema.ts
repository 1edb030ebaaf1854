import { z } from 'zod';
import { HANDLER_KINDS } from './work-orders.constants.js';

/** 派单目录 (the dispatch catalogue): its versions, entries, and the suggestion dispatch reads from it. */
export const CatalogueHandler = z.object({
  handlerKind: z.enum(HANDLER_KINDS),
  /** the department, for a department handler */
  workUnitId: z.string().max(60).nullable(),
});
export type CatalogueHandler = z.infer<typeof CatalogueHandler>;

export const CatalogueEntryInput = z.object({
  categoryId: z.string().min(1).max(40),
  handlers: z.array(CatalogueHandler).min(1, '请至少指定一个责任单位').max(4),
  handleDays: z.number().int().min(1).max(60),
});
export const CatalogueVersionBody = z.object({
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '生效日期格式应为 YYYY-MM-DD'),
  reason: z.string().trim().min(2, '请填写调整原因').max(500),
  entries: z.array(CatalogueEntryInput).min(1, '目录至少要有一条').max(500),
});
export type CatalogueVersionInput = z.infer<typeof CatalogueVersionBody>;

export const CatalogueEntryDto = CatalogueEntryInput.extend({
  categoryName: z.string(),
  handlerNames: z.array(z.string()),
  /** legs returned because this entry named the wrong unit (counted against the catalogue, not the unit) */
  misses: z.number().int(),
  /** changed against the version before */
  changed: z.boolean(),
});
export const CatalogueVersionDto = z.object({
  id: z.string(),
  effectiveFrom: z.string(),
  reason: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  inForce: z.boolean(),
  entries: z.array(CatalogueEntryDto),
});
export type CatalogueVersionDto = z.infer<typeof CatalogueVersionDto>;
export const CatalogueReply = z.object({
  versions: z.array(CatalogueVersionDto),
  canConfigure: z.boolean(),
});
export type CatalogueReply = z.infer<typeof CatalogueReply>;
export const CatalogueQuery = z.object({
  /** the version in force on this day (default: every version) */
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
});

export const DispatchSuggestion = z.object({
  suggestion: z
    .object({
      versionId: z.string(),
      effectiveFrom: z.string(),
      categoryId: z.string(),
      handlers: z.array(CatalogueHandler),
      handlerNames: z.array(z.string()),
      handleDays: z.number().int(),
    })
    .nullable(),
});
export type DispatchSuggestion = z.infer<typeof DispatchSuggestion>;
