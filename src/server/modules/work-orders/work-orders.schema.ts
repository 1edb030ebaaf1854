import { z } from 'zod';
import { CHANNELS, HANDLER_KINDS, ORDER_STATUSES } from './work-orders.tables.js';

export const CategoryDto = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  defaultHandler: z.enum(HANDLER_KINDS),
  defaultWorkUnitId: z.string().nullable(),
  handleDays: z.number().int(),
});

export const LegDto = z.object({
  id: z.string(),
  handlerKind: z.enum(HANDLER_KINDS),
  workUnitId: z.string().nullable(),
  handlerName: z.string(),
  status: z.enum(['open', 'fulfilled', 'returned', 'paused']),
  dueAt: z.string().nullable(),
  result: z.string().nullable(),
  evidence: z.array(z.string()),
  fulfilledAt: z.string().nullable(),
  extension: z
    .object({
      id: z.string(),
      days: z.number().int(),
      reason: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
    })
    .nullable(),
});
export type LegView = z.infer<typeof LegDto>;

export const EventDto = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  type: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const OrderSummaryDto = z.object({
  id: z.string(),
  no: z.string(),
  hotlineNo: z.string().nullable(),
  channel: z.enum(CHANNELS),
  categoryName: z.string(),
  title: z.string(),
  compoundName: z.string(),
  communityName: z.string(),
  status: z.enum(ORDER_STATUSES),
  escalationLevel: z.number().int(),
  dueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  createdAt: z.string(),
  rating: z.number().int().nullable(),
  possibleDuplicateOf: z.string().nullable(),
  version: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummaryDto>;

export const OrderDetailDto = OrderSummaryDto.extend({
  description: z.string(),
  address: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  photos: z.array(z.string()),
  legs: z.array(LegDto),
  events: z.array(EventDto),
  supervised: z.boolean(),
  closedAt: z.string().nullable(),
  ratingComment: z.string().nullable(),
  mergedInto: z.string().nullable(),
});
export type OrderDetail = z.infer<typeof OrderDetailDto>;

export const OrderCanDto = z.object({
  accept: z.boolean(),
  dispatch: z.boolean(),
  fulfil: z.array(z.string()),
  confirm: z.boolean(),
  requestExtension: z.array(z.string()),
  decideExtension: z.boolean(),
  escalate: z.boolean(),
  supervise: z.boolean(),
  reopen: z.boolean(),
  merge: z.boolean(),
});
export type OrderCan = z.infer<typeof OrderCanDto>;

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/;

export const CreateOrderBody = z.object({
  channel: z.enum(CHANNELS),
  categoryId: z.string().min(1).max(40),
  title: z.string().trim().min(2, '标题至少 2 个字').max(80, '标题不能超过 80 个字'),
  description: z.string().trim().min(1, '请描述诉求').max(2000, '诉求内容不能超过 2000 字'),
  compoundId: z.string().min(1).max(60),
  buildingId: z.string().max(60).optional(),
  reporterName: z.string().trim().max(30).optional(),
  reporterPhone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位，以 1 开头')
    .optional(),
  hotlineNo: z.string().trim().max(40).optional(),
  photos: z
    .array(z.string().max(1_400_000, '每张照片不能超过 1 MB').regex(DATA_URL, '照片须为 png/jpeg/webp/gif 图片'))
    .max(3, '最多上传 3 张照片')
    .default([]),
});
export type CreateOrderInput = z.infer<typeof CreateOrderBody>;

export const ListOrdersQuery = z.object({
  box: z.enum(['inbox', 'open', 'overdue', 'closed', 'all']).default('inbox'),
  q: z.string().trim().max(40).default(''),
  compoundId: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListOrdersInput = z.infer<typeof ListOrdersQuery>;

const version = z.number().int().positive();
export const AcceptBody = z.object({ version, note: z.string().trim().max(500).optional() });
export const DispatchBody = z.object({
  version,
  legs: z
    .array(z.object({ handlerKind: z.enum(HANDLER_KINDS), workUnitId: z.string().max(60).optional() }))
    .min(1, '请至少选择一个承办方')
    .max(6),
  note: z.string().trim().max(500).optional(),
});
export type DispatchInput = z.infer<typeof DispatchBody>;
export const FulfilBody = z.object({
  result: z.string().trim().min(2, '请填写办理结果').max(2000),
  evidence: z.array(z.string().max(500)).max(10).default([]),
});
export const ReasonBody = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });
export const ExtensionBody = z.object({
  days: z.number().int().min(1).max(10),
  reason: z.string().trim().min(2, '请填写延期原因').max(500),
});
export const DecideBody = z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional() });
export const ConfirmBody = z.object({
  version,
  rating: z.number().int().min(1, '评分为 1–5').max(5, '评分为 1–5'),
  comment: z.string().trim().max(500).optional(),
});
export const NoteBody = z.object({ note: z.string().trim().min(2, '请填写督办意见').max(500) });
export const MergeBody = z.object({ intoId: z.string().min(1).max(60) });
