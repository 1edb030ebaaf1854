import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as canteens from './canteens.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const MonthParams = z.object({
  id: z.string().min(1).max(60),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
});
const tags = ['canteens'];

export function canteenRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/canteen-subsidy-rules',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '幸福餐厅补贴规则',
          response: { 200: z.object({ items: z.array(canteens.RuleDto) }) },
        },
      },
      async (req) => canteens.listRules(ctx, actorOf(req)),
    );

    app.put(
      '/api/canteen-subsidy-rules/:id',
      {
        config: { permission: 'canteens.configure' },
        schema: {
          tags,
          summary: '新增或修改补贴规则（按类别、年龄段）',
          params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/, '规则编码为 1–30 位字母、数字、- 或 _') }),
          body: canteens.RuleBody,
          response: { 200: z.object({ rule: canteens.RuleDto }) },
        },
      },
      async (req) => ({ rule: await canteens.saveRule(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/canteens/:id/menu',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '菜单（含银发特色菜）',
          params: IdParams,
          response: { 200: z.object({ items: z.array(canteens.MenuItemDto) }) },
        },
      },
      async (req) => canteens.getMenu(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/canteens/:id/menu-items',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '添加菜品',
          params: IdParams,
          body: canteens.MenuItemBody,
          response: { 201: z.object({ item: canteens.MenuItemDto }) },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send({ item: await canteens.addMenuItem(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/canteens/:id/meals',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '就餐记录',
          params: IdParams,
          querystring: z.object({ date: z.iso.date().optional() }),
          response: { 200: z.object({ items: z.array(canteens.MealDto) }) },
        },
      },
      async (req) => canteens.listMeals(ctx, actorOf(req), req.params.id, req.query.date),
    );

    app.post(
      '/api/canteens/:id/meals',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '登记就餐（自动按补贴规则计算，重复申领拒绝）',
          params: IdParams,
          body: canteens.MealBody,
          response: { 201: z.object({ meal: canteens.MealDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ meal: await canteens.recordMeal(ctx, actorOf(req), req.params.id, req.body) }),
    );

    app.get(
      '/api/canteens/:id/deliveries',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '送餐单',
          params: IdParams,
          response: { 200: z.object({ items: z.array(canteens.DeliveryDto) }) },
        },
      },
      async (req) => canteens.listDeliveries(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/canteens/:id/deliveries',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '登记送餐',
          params: IdParams,
          body: canteens.DeliveryBody,
          response: { 201: z.object({ delivery: canteens.DeliveryDto }) },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send({ delivery: await canteens.orderDelivery(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/canteen-deliveries/:id/deliver',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '送达（同时登记就餐与补贴）',
          params: IdParams,
          body: canteens.DeliverBody,
          response: { 200: z.object({ delivery: canteens.DeliveryDto }) },
        },
      },
      async (req) => ({
        delivery: await canteens.deliver(ctx, actorOf(req), req.params.id, req.body.priceCents, req.ip),
      }),
    );

    app.get(
      '/api/canteens/:id/settlements/:month',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '月度结算预览（含重复申领检查）',
          params: MonthParams,
          response: { 200: canteens.SettlementDto },
        },
      },
      async (req) => canteens.settlement(ctx, actorOf(req), req.params.id, req.params.month),
    );

    app.get(
      '/api/canteens/:id/settlements/:month/xlsx',
      {
        config: { permission: 'canteens.manage' },
        schema: { tags, summary: '导出月度结算（.xlsx）', params: MonthParams },
      },
      async (req, reply) =>
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="canteen-${req.params.month}.xlsx"`)
          .send(await canteens.settlementWorkbook(ctx, actorOf(req), req.params.id, req.params.month)),
    );

    app.post(
      '/api/canteens/:id/settlements/:month',
      {
        config: { permission: 'canteens.manage' },
        schema: {
          tags,
          summary: '确认月度结算（每月一次，有重复申领时拒绝）',
          params: MonthParams,
          response: { 201: canteens.SettlementDto },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await canteens.settle(ctx, actorOf(req), req.params.id, req.params.month, req.ip)),
    );
  };
}
