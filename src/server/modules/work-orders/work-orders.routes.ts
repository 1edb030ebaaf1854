import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { sendStoredFile } from '../../lib/uploads.js';
import { replyXlsx } from '../../lib/xlsx.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  AcceptBody,
  ConfirmBody,
  CreateOrderBody,
  CreateOrderHeaders,
  DecideBody,
  DispatchBody,
  ExtensionBody,
  FulfilBody,
  ListOrdersQuery,
  MergeBody,
  NoteBody,
  OrderFilters,
  OrderListReply,
  OrderReply,
  ReasonBody,
} from '../../../shared/work-orders.schema.js';
import * as service from './work-orders.service.js';

/** The order's routes: lists, intake, and each step of 接诉即办. */
export const IdParams = z.object({ id: z.string().min(1).max(60) });
const LegParams = z.object({ id: z.string().min(1).max(60), legId: z.string().min(1).max(60) });
export const tags = ['work-orders'];

export function workOrderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/work-orders',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '工单列表：待办（按角色）、进行中、已超期、已办结、全部',
          querystring: ListOrdersQuery,
          response: { 200: OrderListReply },
        },
      },
      async (req) => service.listOrders(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/work-orders/export.xlsx',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: '导出筛选后的工单列表（.xlsx，与列表相同的筛选条件，最多 5000 条）',
          querystring: OrderFilters,
        },
      },
      async (req, reply) =>
        replyXlsx(
          reply,
          `工单-${new Date().toISOString().slice(0, 10)}.xlsx`,
          await service.exportOrders(ctx, actorOf(req), req.query),
          'work-orders.xlsx',
        ),
    );

    app.post(
      '/api/work-orders',
      {
        config: { permission: 'orders.create' },
        bodyLimit: 6 * 1024 * 1024,
        schema: {
          tags,
          summary: '登记诉求（支持 Idempotency-Key）',
          headers: CreateOrderHeaders,
          body: CreateOrderBody,
          response: { 201: OrderReply, 200: OrderReply },
        },
      },
      async (req, reply) => {
        const r = await service.createOrder(ctx, actorOf(req), req.body, {
          idempotencyKey: req.headers['idempotency-key'],
          ip: req.ip,
        });
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
      async (req) => service.acceptOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
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
      async (req) => service.dispatchOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
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
      async (req) => service.fulfilLeg(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/work-orders/:id/legs/:legId/return',
      {
        config: { permission: 'orders.fulfil' },
        schema: { tags, summary: '退回派单', params: LegParams, body: ReasonBody, response: { 200: OrderReply } },
      },
      async (req) => service.returnLeg(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
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
      async (req) => service.requestExtension(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/work-orders/:id/legs/:legId/extension/decide',
      {
        config: { permission: 'orders.dispatch' },
        schema: { tags, summary: '审批延期', params: LegParams, body: DecideBody, response: { 200: OrderReply } },
      },
      async (req) => service.decideExtension(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/work-orders/:id/confirm',
      {
        config: { permission: 'orders.confirm' },
        schema: { tags, summary: '评价确认并办结', params: IdParams, body: ConfirmBody, response: { 200: OrderReply } },
      },
      async (req) => service.confirmOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/work-orders/:id/escalate',
      {
        config: { permission: 'orders.dispatch' },
        schema: { tags, summary: '上报街道 / 区级', params: IdParams, body: ReasonBody, response: { 200: OrderReply } },
      },
      async (req) => service.escalateOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/work-orders/:id/supervise',
      {
        config: { permission: 'orders.supervise' },
        schema: { tags, summary: '督办', params: IdParams, body: NoteBody, response: { 200: OrderReply } },
      },
      async (req) => service.superviseOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
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
      async (req) => service.reopenOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/work-orders/:id/merge',
      {
        config: { permission: 'orders.dispatch' },
        schema: { tags, summary: '合并重复工单', params: IdParams, body: MergeBody, response: { 200: OrderReply } },
      },
      async (req) => service.mergeOrder(ctx, actorOf(req), { ...req.params, ...req.body, ip: req.ip }),
    );
  };
}
