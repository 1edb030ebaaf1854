import { z } from 'zod';
import { HOTSPOT_KINDS, TOPIC_ACTION_STATUSES, TOPIC_STATUSES } from './assessment.constants.js';

/** 每月一题 / 治理课题: the month's recurring problems, the topics the district picks, their actions and effect. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Id = z.string().min(1).max(80);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const HotspotQuery = z.object({ month: Month });
export const HotspotDto = z.object({
  kind: z.enum(HOTSPOT_KINDS),
  key: z.string(),
  label: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  compoundIds: z.array(z.string()),
  /** Orders per month over the window, oldest first (`months` of the reply). */
  trend: z.array(z.number().int()),
  total: z.number().int(),
  monthsWithOrders: z.number().int(),
  sampleTitles: z.array(z.string()),
  /** The topic already made of this candidate. */
  topicId: z.string().nullable(),
});
export type Hotspot = z.infer<typeof HotspotDto>;
export const HotspotListDto = z.object({ month: z.string(), months: z.array(z.string()), items: z.array(HotspotDto) });
export type HotspotList = z.infer<typeof HotspotListDto>;

export const TopicActionDto = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: z.enum(TOPIC_ACTION_STATUSES),
  version: z.number().int(),
});
export type TopicAction = z.infer<typeof TopicActionDto>;
const EffectSideDto = z.object({ before: z.number().int(), after: z.number().int(), change: z.number().nullable() });
export const TopicDto = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  sourceKind: z.enum(HOTSPOT_KINDS),
  sourceKey: z.string(),
  startMonth: z.string(),
  pilotCompounds: z.array(z.object({ id: z.string(), name: z.string() })),
  owners: z.array(z.string()),
  status: z.enum(TOPIC_STATUSES),
  actions: z.array(TopicActionDto),
  version: z.number().int(),
  can: z.object({ manage: z.boolean() }),
});
export type Topic = z.infer<typeof TopicDto>;
export const TopicListDto = z.object({
  items: z.array(TopicDto),
  /** Distinct pilot compounds over all topics (the seed's "11 个治理课题在 85 个小区试点"). */
  pilotCompoundCount: z.number().int(),
});
export type TopicList = z.infer<typeof TopicListDto>;
export const EffectDto = z.object({
  months: z.array(z.object({ month: z.string(), pilot: z.number().int(), others: z.number().int() })),
  monthsCompared: z.number().int(),
  pilot: EffectSideDto,
  others: EffectSideDto,
});
export type TopicEffect = z.infer<typeof EffectDto>;
export const TopicDetailDto = z.object({ topic: TopicDto, effect: EffectDto });
export type TopicDetail = z.infer<typeof TopicDetailDto>;

export const TopicParams = z.object({ id: Id });
export const TopicActionParams = z.object({ id: Id, actionId: Id });
export const TopicBody = z.object({
  title: Text(100),
  description: z.string().trim().max(2000).default(''),
  categoryId: Id,
  sourceKind: z.enum(HOTSPOT_KINDS),
  sourceKey: Text(200),
  startMonth: Month,
  pilotCompoundIds: z.array(Id).min(1).max(500),
  owners: z.array(Text(60)).min(1).max(20),
});
export type TopicInput = z.infer<typeof TopicBody>;
export const TopicPatchBody = z.object({
  title: Text(100).optional(),
  description: z.string().trim().max(2000).optional(),
  pilotCompoundIds: z.array(Id).min(1).max(500).optional(),
  owners: z.array(Text(60)).min(1).max(20).optional(),
  status: z.enum(TOPIC_STATUSES).optional(),
  version: z.number().int(),
});
export type TopicPatch = z.infer<typeof TopicPatchBody>;
export const TopicActionBody = z.object({ title: Text(200), owner: Text(60), dueDate: Day });
export type TopicActionInput = z.infer<typeof TopicActionBody>;
export const TopicActionPatchBody = z.object({
  title: Text(200).optional(),
  owner: Text(60).optional(),
  dueDate: Day.optional(),
  status: z.enum(TOPIC_ACTION_STATUSES).optional(),
  version: z.number().int(),
});
export type TopicActionPatch = z.infer<typeof TopicActionPatchBody>;
