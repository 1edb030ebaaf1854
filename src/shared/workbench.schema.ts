/** The workbench (工作台) API: what waits for the caller, across modules. */
import { z } from 'zod';
import { CLOCKS, WORKBENCH_KINDS, WORKBENCH_TARGETS } from './workbench.constants.js';

export * from './workbench.constants.js';

export const WorkbenchItemDto = z.object({
  id: z.string(),
  title: z.string(),
  /** Where or what: the compound, the round, the case number. */
  subtitle: z.string().nullable(),
  dueAt: z.string().nullable(),
  clock: z.enum(CLOCKS).nullable(),
  target: z.enum(WORKBENCH_TARGETS),
  /** The record the target page opens (an order for legs and extensions). */
  targetId: z.string(),
});
export type WorkbenchItem = z.infer<typeof WorkbenchItemDto>;

export const WorkbenchGroupDto = z.object({
  kind: z.enum(WORKBENCH_KINDS),
  count: z.number().int(),
  /** Of the items, how many are overdue / near their deadline. */
  red: z.number().int(),
  amber: z.number().int(),
  items: z.array(WorkbenchItemDto),
});
export type WorkbenchGroup = z.infer<typeof WorkbenchGroupDto>;

export const WorkbenchReply = z.object({ groups: z.array(WorkbenchGroupDto), total: z.number().int() });
export type WorkbenchResponse = z.infer<typeof WorkbenchReply>;
