import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { readXlsxUpload, sendStoredFile, withImportSlot } from '../../lib/uploads.js';
import { actorOf } from '../../http/route-permissions.js';
import { ImportResultDto } from '../org/org.schema.js';
import { workUnits } from '../org/org.tables.js';
import { HOTLINE_MAX_UPLOAD_BYTES, hotlineTemplate, importHotlineOrders } from './hotline-import.js';
import {
  addAction,
  createMeeting,
  CreateActionBody,
  CreateMeetingBody,
  getMeeting,
  listMeetings,
  MeetingDto,
  updateAction,
  UpdateActionBody,
  updateMeeting,
  UpdateMeetingBody,
} from './joint-meetings.service.js';
import { getMetrics, MetricsDto } from './work-orders.metrics.js';
import {
  AcceptBody,
  CategoryDto,
  ConfirmBody,
  CreateOrderBody,
  DecideBody,
  DispatchBody,
  ExtensionBody,
  FulfilBody,
  ListOrdersQuery,
  MergeBody,
  NoteBody,
  OrderCanDto,
  OrderDetailDto,
  OrderSummaryDto,
  ReasonBody,
} from './work-orders.schema.js';
import * as service from './work-orders.service.js';
import { upsertCategory } from './categories.service.js';
import { workOrderCategories } from './work-orders.tables.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const LegParams = z.object({ id: z.string().min(1).max(60), legId: z.string().min(1).max(60) });
const OrderReply = z.object({ order: OrderDetailDto, can: OrderCanDto });
const tags = ['work-orders'];

export function workOrderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/work-order-categories',
      {
        config: { permission: 'orders.read' },
        schema: { tags, summary: '诉求分类', response: { 200: z.object({ items: z.array(CategoryDto) }) } },
      },
      async (req) => {
        const rows = await ctx.db
          .select()
          .from(workOrderCategories)
          .where(eq(workOrderCategories.districtId, actorOf(req).districtId))
          .orderBy(asc(workOrderCategories.id));
        return {
          items: rows.map((c) => ({
            id: c.id,
            name: c.name,
            parentId: c.parentId,
            defaultHandler: c.defaultHandler,
            defaultWorkUnitId: c.defaultWorkUnitId,
            handleDays: c.handleDays,
          })),
        };
      },
    );

    const CategoryBody = z.object({
      id: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,20}$/, '分类编码为 1–20 位字母、数字、- 或 _'),
      name: z.string().trim().min(1, '请填写分类名称').max(30),
      parentId: z.string().max(20).nullable().default(null),
      defaultHandler: z.enum(['community', 'property', 'owners_committee', 'department']),
      defaultWorkUnitId: z.string().max(60).nullable().default(null),
      acceptDays: z.number().int().min(0).max(10).default(1),
      dispatchDays: z.number().int().min(0).max(10).default(1),
      handleDays: z.number().int().min(1).max(60).default(5),
    });
    app.put(
      '/api/work-order-categories/:id',
      {
        config: { permission: 'orders.configure' },
        schema: {
          tags,
          summary: '新增或修改诉求分类（默认承办方与各环节时限，工作日）',
          params: IdParams,
          body: CategoryBody.omit({ id: true }),
          response: { 200: z.object({ category: CategoryDto }) },
        },
      },
      async (req) => ({
        category: await upsertCategory(ctx, actorOf(req), { ...req.body, id: req.params.id }, req.ip),
      }),
    );

    app.get(
      '/api/work-units',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '职能单位（派单对象）',
          querystring: z.object({ functional: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const where =
          req.query.functional === 'true'
            ? and(eq(workUnits.districtId, actor.districtId), eq(workUnits.isFunctionalDepartment, true))
            : eq(workUnits.districtId, actor.districtId);
        return {
          items: await ctx.db
            .select({ id: workUnits.id, name: workUnits.name })
            .from(workUnits)
            .where(where)
            .orderBy(asc(workUnits.id)),
        };
      },
    );

    app.get(
      '/api/work-orders',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '工单列表：待办（按角色）、进行中、已超期、已办结、全部',
          querystring: ListOrdersQuery,
          response: { 200: z.object({ items: z.array(OrderSummaryDto), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => service.listOrders(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/work-orders/metrics',
      {
        config: { permission: 'metrics.read' },
        schema: {
          tags,
          summary: '工单统计：受理量、按时办结率、满意度、12345 同比',
          querystring: z.object({ orgUnitId: z.string().max(60).optional() }),
          response: { 200: MetricsDto },
        },
      },
      async (req) => getMetrics(ctx, actorOf(req), req.query.orgUnitId),
    );

    app.post(
      '/api/work-orders',
      {
        config: { permission: 'orders.create' },
        bodyLimit: 6 * 1024 * 1024,
        schema: {
          tags,
          summary: '登记诉求（支持 Idempotency-Key）',
          headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).loose(),
          body: CreateOrderBody,
          response: { 201: OrderReply, 200: OrderReply },
        },
      },
      async (req, reply) => {
        const r = await service.createOrder(ctx, actorOf(req), req.body, req.headers['idempotency-key'], req.ip);
        return reply.status(r.replayed ? 200 : 201).send({ order: r.order, can: r.can });
      },
    );

    app.get(
      '/api/work-orders/:id',
      {
        config: { permission: 'orders.read' },
        schema: { tags, summary: '工单详情与时间线', params: IdParams, response: { 200: OrderReply } },
      },
      async (req) => service.getOrder(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/work-orders/:id/photos/:photoId',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '工单照片',
          params: z.object({ id: z.string().max(60), photoId: z.string().max(60) }),
        },
      },
      async (req, reply) => {
        const p = await service.getPhoto(ctx, actorOf(req), req.params.id, req.params.photoId);
        return sendStoredFile(reply.header('cache-control', 'private, max-age=3600'), {
          data: p.data,
          mime: p.mime,
          name: `photo-${req.params.photoId}`,
        });
      },
    );

    app.post(
      '/api/work-orders/:id/accept',
      {
        config: { permission: 'orders.accept' },
        schema: { tags, summary: '小区接单', params: IdParams, body: AcceptBody, response: { 200: OrderReply } },
      },
      async (req) => service.acceptOrder(ctx, actorOf(req), req.params.id, req.body.version, req.body.note, req.ip),
    );

    app.post(
      '/api/work-orders/:id/dispatch',
      {
        config: { permission: 'orders.dispatch' },
        schema: {
          tags,
          summary: '社区派单（可同时派给多个承办方）',
          params: IdParams,
          body: DispatchBody,
          response: { 200: OrderReply },
        },
      },
      async (req) => service.dispatchOrder(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    app.post(
      '/api/work-orders/:id/legs/:legId/fulfil',
      {
        config: { permission: 'orders.fulfil' },
        schema: {
          tags,
          summary: '部门兑单：填写办理结果与佐证',
          params: LegParams,
          body: FulfilBody,
          response: { 200: OrderReply },
        },
      },
      async (req) =>
        service.fulfilLeg(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.legId,
          req.body.result,
          req.body.evidence,
          req.ip,
        ),
    );

    app.post(
      '/api/work-orders/:id/legs/:legId/return',
      {
        config: { permission: 'orders.fulfil' },
        schema: { tags, summary: '退回派单', params: LegParams, body: ReasonBody, response: { 200: OrderReply } },
      },
      async (req) => service.returnLeg(ctx, actorOf(req), req.params.id, req.params.legId, req.body.reason, req.ip),
    );

    app.post(
      '/api/work-orders/:id/legs/:legId/extension',
      {
        config: { permission: 'orders.fulfil' },
        schema: {
          tags,
          summary: '申请延期（审批期间暂停计时）',
          params: LegParams,
          body: ExtensionBody,
          response: { 200: OrderReply },
        },
      },
      async (req) =>
        service.requestExtension(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.legId,
          req.body.days,
          req.body.reason,
          req.ip,
        ),
    );

    app.post(
      '/api/work-orders/:id/legs/:legId/extension/decide',
      {
        config: { permission: 'orders.dispatch' },
        schema: { tags, summary: '审批延期', params: LegParams, body: DecideBody, response: { 200: OrderReply } },
      },
      async (req) =>
        service.decideExtension(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.legId,
          req.body.approve,
          req.body.note,
          req.ip,
        ),
    );

    app.post(
      '/api/work-orders/:id/confirm',
      {
        config: { permission: 'orders.confirm' },
        schema: { tags, summary: '评价确认并办结', params: IdParams, body: ConfirmBody, response: { 200: OrderReply } },
      },
      async (req) =>
        service.confirmOrder(
          ctx,
          actorOf(req),
          req.params.id,
          req.body.version,
          req.body.rating,
          req.body.comment,
          req.ip,
        ),
    );

    app.post(
      '/api/work-orders/:id/escalate',
      {
        config: { permission: 'orders.dispatch' },
        schema: { tags, summary: '上报街道 / 区级', params: IdParams, body: ReasonBody, response: { 200: OrderReply } },
      },
      async (req) => service.escalateOrder(ctx, actorOf(req), req.params.id, req.body.reason, req.ip),
    );

    app.post(
      '/api/work-orders/:id/supervise',
      {
        config: { permission: 'orders.supervise' },
        schema: { tags, summary: '督办', params: IdParams, body: NoteBody, response: { 200: OrderReply } },
      },
      async (req) => service.superviseOrder(ctx, actorOf(req), req.params.id, req.body.note, req.ip),
    );

    app.post(
      '/api/work-orders/:id/reopen',
      {
        config: { permission: 'orders.confirm' },
        schema: {
          tags,
          summary: '重新打开（办结后 7 天内）',
          params: IdParams,
          body: ReasonBody,
          response: { 200: OrderReply },
        },
      },
      async (req) => service.reopenOrder(ctx, actorOf(req), req.params.id, req.body.reason, req.ip),
    );

    app.post(
      '/api/work-orders/:id/merge',
      {
        config: { permission: 'orders.dispatch' },
        schema: { tags, summary: '合并重复工单', params: IdParams, body: MergeBody, response: { 200: OrderReply } },
      },
      async (req) => service.mergeOrder(ctx, actorOf(req), req.params.id, req.body.intoId, req.ip),
    );

    app.post(
      '/api/imports/hotline-12345',
      {
        config: { permission: 'orders.import' },
        schema: {
          tags,
          summary: '导入 12345 工单（.xlsx，按 12345 编号去重）',
          consumes: ['multipart/form-data'],
          response: { 200: ImportResultDto },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return withImportSlot(actor.districtId, async () => {
          const file = await readXlsxUpload(req, Math.max(ctx.config.maxUploadBytes, HOTLINE_MAX_UPLOAD_BYTES));
          return importHotlineOrders(ctx, actor, file, req.ip);
        });
      },
    );

    app.get(
      '/api/imports/templates/hotline-12345.xlsx',
      {
        config: { permission: 'orders.import' },
        schema: { tags, summary: '12345 导入模板' },
      },
      async (_req, reply) =>
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="hotline-12345.xlsx"')
          .send(await hotlineTemplate()),
    );

    app.get(
      '/api/joint-meetings',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '小区联席会议',
          querystring: z.object({ compoundId: z.string().max(60).optional() }),
          response: { 200: z.object({ items: z.array(MeetingDto) }) },
        },
      },
      async (req) => ({ items: await listMeetings(ctx, actorOf(req), req.query.compoundId) }),
    );

    app.post(
      '/api/joint-meetings',
      {
        config: { permission: 'meetings.manage' },
        schema: {
          tags,
          summary: '召开联席会议（议程由未办结、超期、有争议的工单生成）',
          body: CreateMeetingBody,
          response: { 201: z.object({ meeting: MeetingDto }) },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send({ meeting: await createMeeting(ctx, actorOf(req), req.body.compoundId, req.body.heldOn, req.ip) }),
    );

    app.get(
      '/api/joint-meetings/:id',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '联席会议详情',
          params: IdParams,
          response: { 200: z.object({ meeting: MeetingDto }) },
        },
      },
      async (req) => ({ meeting: await getMeeting(ctx, actorOf(req), req.params.id) }),
    );

    app.patch(
      '/api/joint-meetings/:id',
      {
        config: { permission: 'meetings.manage' },
        schema: {
          tags,
          summary: '记录参会人与纪要',
          params: IdParams,
          body: UpdateMeetingBody,
          response: { 200: z.object({ meeting: MeetingDto }) },
        },
      },
      async (req) => ({ meeting: await updateMeeting(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/joint-meetings/:id/actions',
      {
        config: { permission: 'meetings.manage' },
        schema: {
          tags,
          summary: '会议决议转为跟踪事项',
          params: IdParams,
          body: CreateActionBody,
          response: { 200: z.object({ meeting: MeetingDto }) },
        },
      },
      async (req) => ({ meeting: await addAction(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.patch(
      '/api/joint-meeting-actions/:id',
      {
        config: { permission: 'meetings.manage' },
        schema: {
          tags,
          summary: '更新决议事项状态',
          params: IdParams,
          body: UpdateActionBody,
          response: { 200: z.object({ meeting: MeetingDto }) },
        },
      },
      async (req) => ({ meeting: await updateAction(ctx, actorOf(req), req.params.id, req.body.status, req.ip) }),
    );
  };
}
