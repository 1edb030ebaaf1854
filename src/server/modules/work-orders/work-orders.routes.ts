import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ability, Actor } from '../access/access.policy.js';
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
  ReturnBody,
  SignBody,
} from '../../../shared/work-orders.schema.js';
import * as service from './work-orders.service.js';
import { routeOptions } from '../../http/route-options.js';

/** The order's routes: lists, intake, and each step of 接诉即办. */
export const IdParams = z.object({ id: z.string().min(1).max(60) });
const LegParams = z.object({ id: z.string().min(1).max(60), legId: z.string().min(1).max(60) });
export const tags = ['work-orders'];
export const route = routeOptions(tags);
type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export function workOrderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/work-orders',
      route('orders.read', '工单列表：待办（按角色）、进行中、已超期、已办结、全部', {
        querystring: ListOrdersQuery,
        response: { 200: OrderListReply },
      }),
      async (req) => service.listOrders(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/work-orders/export.xlsx',
      route('orders.read', '导出筛选后的工单列表（.xlsx，与列表相同的筛选条件，最多 5000 条）', {
        querystring: OrderFilters,
      }),
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
      route('orders.read', '工单详情与时间线', { params: IdParams, response: { 200: OrderReply } }),
      async (req) => service.getOrder(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/work-orders/:id/photos/:photoId',
      route('orders.read', '工单照片', { params: z.object({ id: z.string().max(60), photoId: z.string().max(60) }) }),
      async (req, reply) => {
        const p = await service.getPhoto(ctx, actorOf(req), req.params.id, req.params.photoId);
        return sendStoredFile(reply.header('cache-control', 'private, max-age=3600'), {
          data: p.data,
          mime: p.mime,
          name: `photo-${req.params.photoId}`,
        });
      },
    );

    // Each step of an order: POST /api/work-orders/:id<path>, the ability it needs, its params and body; the
    // operation receives params + body + the caller's address and answers with the order.
    const step = orderSteps(app, ctx);
    step('orders.accept', '/accept', IdParams, AcceptBody, service.acceptOrder);
    step('orders.dispatch', '/dispatch', IdParams, DispatchBody, service.dispatchOrder);
    step('orders.fulfil', '/legs/:legId/fulfil', LegParams, FulfilBody, service.fulfilLeg);
    step('orders.fulfil', '/legs/:legId/sign', LegParams, SignBody, service.signLeg);
    step('orders.fulfil', '/legs/:legId/return', LegParams, ReturnBody, service.returnLeg);
    step('orders.fulfil', '/legs/:legId/extension', LegParams, ExtensionBody, service.requestExtension);
    step('orders.dispatch', '/legs/:legId/extension/decide', LegParams, DecideBody, service.decideExtension);
    step('orders.confirm', '/confirm', IdParams, ConfirmBody, service.confirmOrder);
    step('orders.dispatch', '/escalate', IdParams, ReasonBody, service.escalateOrder);
    step('orders.supervise', '/supervise', IdParams, NoteBody, service.superviseOrder);
    step('orders.confirm', '/reopen', IdParams, ReasonBody, service.reopenOrder);
    step('orders.dispatch', '/merge', IdParams, MergeBody, service.mergeOrder);
  };
}

/** The OpenAPI summary of each order step, by its path below /api/work-orders/:id. */
const STEP_SUMMARIES: Record<string, string> = {
  '/accept': '小区接单',
  '/dispatch': '社区派单（可同时派给多个承办方）',
  '/legs/:legId/fulfil': '部门兑单：填写办理结果与佐证',
  '/legs/:legId/sign': '签收派单（承办单位确认接收，响应率自此计）',
  '/legs/:legId/return': '退回派单',
  '/legs/:legId/extension': '申请延期（审批期间暂停计时）',
  '/legs/:legId/extension/decide': '审批延期',
  '/confirm': '评价确认并办结',
  '/escalate': '上报街道 / 区级',
  '/supervise': '督办',
  '/reopen': '重新打开（办结后 7 天内）',
  '/merge': '合并重复工单',
};

type StepOperation<I> = (
  ctx: AppContext,
  actor: Actor,
  input: I & { ip: string },
) => Promise<z.infer<typeof OrderReply>>;

/** Registers an order step; each is `POST /api/work-orders/:id<path>` and replies with the order. */
function orderSteps(app: ZodApp, ctx: AppContext) {
  return <P extends z.ZodObject, B extends z.ZodObject>(
    ability: Ability,
    path: string,
    params: P,
    body: B,
    operation: StepOperation<z.infer<P> & z.infer<B>>,
  ) =>
    app.post(
      `/api/work-orders/:id${path}`,
      route(ability, STEP_SUMMARIES[path] ?? path, { params, body, response: { 200: OrderReply } }),
      async (req) =>
        operation(ctx, actorOf(req), { ...(req.params as z.infer<P>), ...(req.body as z.infer<B>), ip: req.ip }),
    );
}
