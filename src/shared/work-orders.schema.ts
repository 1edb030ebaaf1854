/**
 * The work-order (接诉即办) and joint-meeting API: request and response schemas, the server's routes
 * validate with them and the web takes its types from them.
 */
import { z } from 'zod';
import { Attachment, AttachmentIds } from './attachments.schema.js';
import {
  AGENDA_REASONS,
  ATTENDEE_ROLES,
  BOXES,
  CHANNELS,
  EXTENSION_STATUSES,
  HANDLER_KINDS,
  LEG_VIEW_STATUSES,
  MEETING_ACTION_STATUSES,
  ORDER_STATUSES,
} from './work-orders.constants.js';

export * from './work-orders.constants.js';

// ───────── categories and work units ─────────

export const CategoryDto = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  defaultHandler: z.enum(HANDLER_KINDS),
  defaultWorkUnitId: z.string().nullable(),
  handleDays: z.number().int(),
});
export type Category = z.infer<typeof CategoryDto>;
export const CategoryListReply = z.object({ items: z.array(CategoryDto) });

export const CategoryBody = z.object({
  name: z.string().trim().min(1, '请填写分类名称').max(30),
  parentId: z.string().max(20).nullable().default(null),
  defaultHandler: z.enum(HANDLER_KINDS),
  defaultWorkUnitId: z.string().max(60).nullable().default(null),
  acceptDays: z.number().int().min(0).max(10).default(1),
  dispatchDays: z.number().int().min(0).max(10).default(1),
  handleDays: z.number().int().min(1).max(60).default(5),
});
export type CategoryInput = z.infer<typeof CategoryBody> & { id: string };
export const CategoryReply = z.object({ category: CategoryDto });

export const WorkUnitDto = z.object({ id: z.string(), name: z.string() });
export type WorkUnit = z.infer<typeof WorkUnitDto>;
export const WorkUnitsQuery = z.object({ functional: z.enum(['true', 'false']).optional() });
export const WorkUnitListReply = z.object({ items: z.array(WorkUnitDto) });

// ───────── orders ─────────

export const ExtensionDto = z.object({
  id: z.string(),
  days: z.number().int(),
  reason: z.string(),
  status: z.enum(EXTENSION_STATUSES),
});
export type Extension = z.infer<typeof ExtensionDto>;

export const LegDto = z.object({
  id: z.string(),
  handlerKind: z.enum(HANDLER_KINDS),
  workUnitId: z.string().nullable(),
  handlerName: z.string(),
  status: z.enum(LEG_VIEW_STATUSES),
  dueAt: z.string().nullable(),
  result: z.string().nullable(),
  evidence: z.array(z.string()),
  /** the files of the result (鉴定证明, 现场照片) */
  attachments: z.array(Attachment),
  fulfilledAt: z.string().nullable(),
  extension: ExtensionDto.nullable(),
  /** 签收: null while the leg waits to be signed for (待签收) */
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
});
export type Leg = z.infer<typeof LegDto>;

export const EventDto = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  type: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type OrderEvent = z.infer<typeof EventDto>;

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
  /** Open legs of the caller's own unit still waiting to be signed for (签收 straight from the list). */
  toSign: z.array(z.string()),
});
export type OrderSummary = z.infer<typeof OrderSummaryDto>;

export const OrderDetailDto = OrderSummaryDto.extend({
  description: z.string(),
  address: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  photos: z.array(z.string()),
  /** files uploaded with the request (POST /api/attachments?purpose=request, then attachmentIds) */
  attachments: z.array(Attachment),
  legs: z.array(LegDto),
  events: z.array(EventDto),
  supervised: z.boolean(),
  closedAt: z.string().nullable(),
  ratingComment: z.string().nullable(),
  mergedInto: z.string().nullable(),
});
export type OrderDetail = z.infer<typeof OrderDetailDto>;

/** What the caller may do with the order now (the web shows these buttons only). */
export const OrderCanDto = z.object({
  accept: z.boolean(),
  dispatch: z.boolean(),
  fulfil: z.array(z.string()),
  /** legs the caller may sign for (签收) now */
  sign: z.array(z.string()),
  confirm: z.boolean(),
  requestExtension: z.array(z.string()),
  decideExtension: z.boolean(),
  escalate: z.boolean(),
  supervise: z.boolean(),
  reopen: z.boolean(),
  merge: z.boolean(),
});
export type OrderCan = z.infer<typeof OrderCanDto>;

export const OrderReply = z.object({ order: OrderDetailDto, can: OrderCanDto });
export type OrderResponse = z.infer<typeof OrderReply>;

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
  attachmentIds: AttachmentIds,
});
/** Intake from other modules (Open311, rider meetings) may omit the files. */
export type CreateOrderInput = Omit<z.infer<typeof CreateOrderBody>, 'attachmentIds'> & { attachmentIds?: string[] };
export type NewOrderInput = z.input<typeof CreateOrderBody>;
export const CreateOrderHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).loose();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
/** The filters of the order list (and of its .xlsx export): every one optional, all combined with AND. */
export const OrderFilters = z.object({
  box: z.enum(BOXES).default('inbox'),
  /** order no., 12345 no., words of the title, or a compound's / building's name */
  q: z.string().trim().max(40).default(''),
  /** a category: its sub-categories included */
  categoryId: z.string().max(60).optional(),
  subCategoryId: z.string().max(60).optional(),
  channel: z.enum(CHANNELS).optional(),
  /** created on or after / on or before (Asia/Shanghai calendar days) */
  from: day.optional(),
  to: day.optional(),
  compoundId: z.string().max(60).optional(),
  buildingId: z.string().max(60).optional(),
  /** a department that has (or had) a leg of the order */
  workUnitId: z.string().max(60).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  overdue: flag.optional(),
  escalated: flag.optional(),
  /** 待签收: orders with an open leg not yet signed for (of the caller's own unit, when the caller has one) */
  unsigned: flag.optional(),
});
export type OrderFilterInput = z.infer<typeof OrderFilters>;
export const ListOrdersQuery = OrderFilters.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListOrdersInput = z.infer<typeof ListOrdersQuery>;
export const OrderListReply = z.object({ items: z.array(OrderSummaryDto), nextCursor: z.string().nullable() });
export type OrderList = z.infer<typeof OrderListReply>;

const version = z.number().int().positive();
export const AcceptBody = z.object({ version, note: z.string().trim().max(500).optional() });
export const DispatchLeg = z.object({ handlerKind: z.enum(HANDLER_KINDS), workUnitId: z.string().max(60).optional() });
export const DispatchBody = z.object({
  version,
  legs: z.array(DispatchLeg).min(1, '请至少选择一个承办方').max(6),
  note: z.string().trim().max(500).optional(),
});
export type DispatchInput = z.infer<typeof DispatchBody>;
export const FulfilBody = z.object({
  result: z.string().trim().min(2, '请填写办理结果').max(2000),
  evidence: z.array(z.string().max(500)).max(10).default([]),
  /** photos and documents uploaded before (POST /api/attachments?purpose=order_result) */
  attachmentIds: AttachmentIds,
});
export const ReasonBody = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });
/** 退回: `catalogue` when the dispatch catalogue named the wrong unit (the return then does not count against the unit). */
export const ReturnBody = ReasonBody.extend({ cause: z.enum(['unit', 'catalogue']).optional() });
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
/** 签收: the handler unit takes the leg (an optional note, e.g. who will handle it). */
export const SignBody = z.object({ note: z.string().trim().max(200).optional() });
export const NoteBody = z.object({ note: z.string().trim().min(2, '请填写督办意见').max(500) });
export const MergeBody = z.object({ intoId: z.string().min(1).max(60) });

// ───────── metrics ─────────

export const MetricsQuery = z.object({ orgUnitId: z.string().max(60).optional() });
export const MetricsRowDto = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  received: z.number().int(),
  closed: z.number().int(),
  onTimeRate: z.number(),
  satisfaction: z.number().nullable(),
});
export type MetricsRow = z.infer<typeof MetricsRowDto>;
export const MetricsDto = z.object({
  scope: z.object({ id: z.string(), name: z.string() }),
  received: z.number().int(),
  closed: z.number().int(),
  open: z.number().int(),
  overdueOpen: z.number().int(),
  onTimeRate: z.number(),
  satisfaction: z.number().nullable(),
  hotline: z.object({ thisYear: z.number().int(), lastYear: z.number().int(), change: z.number().nullable() }),
  /** 累计化解矛盾纠纷: the orders closed here, plus the ledger of the years before them (null: none recorded). */
  resolvedDisputes: z.object({
    total: z.number().int(),
    fromOrders: z.number().int(),
    ledger: z
      .object({ count: z.number().int(), from: z.string(), until: z.string(), sources: z.array(z.string()) })
      .nullable(),
  }),
  byMonth: z.array(
    z.object({ month: z.string(), received: z.number().int(), closed: z.number().int(), onTimeRate: z.number() }),
  ),
  rows: z.array(MetricsRowDto),
});
export type MetricsResponse = z.infer<typeof MetricsDto>;

// ───────── joint meetings ─────────

export const AttendeeDto = z.object({ name: z.string(), role: z.enum(ATTENDEE_ROLES) });
export type Attendee = z.infer<typeof AttendeeDto>;
export const AgendaItemDto = z.object({
  orderId: z.string(),
  no: z.string(),
  title: z.string(),
  reason: z.enum(AGENDA_REASONS),
});
export const MeetingActionDto = z.object({
  id: z.string(),
  title: z.string(),
  orderId: z.string().nullable(),
  owner: z.string(),
  ownerUnitId: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(MEETING_ACTION_STATUSES),
});
export type MeetingAction = z.infer<typeof MeetingActionDto>;
export const MeetingDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  heldOn: z.string(),
  attendees: z.array(AttendeeDto),
  minutes: z.string(),
  version: z.number().int(),
  agenda: z.array(AgendaItemDto),
  /** 居民提议 this meeting took up. */
  proposals: z.array(
    z.object({ id: z.string(), title: z.string(), description: z.string(), supports: z.number().int() }),
  ),
  actions: z.array(MeetingActionDto),
  /** photos, the signed minutes (PDF): the meeting's files, oldest first */
  attachments: z.array(Attachment),
});
export type Meeting = z.infer<typeof MeetingDto>;
export const MeetingReply = z.object({ meeting: MeetingDto });
export const MeetingListReply = z.object({ items: z.array(MeetingDto) });
export const MeetingsQuery = z.object({ compoundId: z.string().max(60).optional() });

export const CreateMeetingBody = z.object({
  compoundId: z.string().min(1).max(60),
  heldOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
});
export const UpdateMeetingBody = z.object({
  attendees: z
    .array(z.object({ name: z.string().trim().min(1).max(40), role: z.enum(ATTENDEE_ROLES) }))
    .max(50)
    .optional(),
  minutes: z.string().max(20000).optional(),
  /** files uploaded before (POST /api/attachments?purpose=meeting) to add to the meeting's record */
  attachmentIds: AttachmentIds,
  version: z.number().int().positive(),
});
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingBody>;
export const CreateActionBody = z.object({
  title: z.string().trim().min(2, '请填写决议事项').max(200),
  orderId: z.string().max(60).optional(),
  owner: z.string().trim().min(1, '请填写责任方').max(60),
  /** A department or property company (work unit): named as the owner, it is notified of the decision. */
  ownerUnitId: z.string().max(60).optional(),
  dueOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
});
export type CreateActionInput = z.infer<typeof CreateActionBody>;
export const UpdateActionBody = z.object({ status: z.enum(MEETING_ACTION_STATUSES) });
export const DetachActionBody = z.object({ reason: z.string().trim().min(2, '请写明解除关联的理由').max(500) });
