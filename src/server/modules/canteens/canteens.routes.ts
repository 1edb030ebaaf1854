import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { replyXlsx } from '../../lib/xlsx.js';
import {
  CanteenParams as IdParams,
  DeliverBody,
  DeliveryBody,
  DeliveryListDto,
  DeliveryReplyDto,
  MealBody,
  MealListDto,
  MealReplyDto,
  MealsQuery,
  MenuDto,
  MenuItemBody,
  MenuItemReplyDto,
  MonthParams,
  MyCanteensDto,
  RuleBody,
  RuleListDto,
  RuleParams,
  RuleReplyDto,
  SettlementDto,
} from '../../../shared/canteens.schema.js';
import * as deliveries from './delivery.service.js';
import * as menus from './menus.service.js';
import { myCanteens } from './my-canteens.service.js';
import * as settlements from './settlement.service.js';
import { settlementWorkbook } from './settlement.workbook.js';
import * as subsidy from './subsidy.service.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['canteens'];

const route = routeOptions(tags);

export function canteenRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/canteen-subsidy-rules',
      route('stations.read', '幸福餐厅补贴规则', { response: { 200: RuleListDto } }),
      async (req) => subsidy.listRules(ctx, actorOf(req)),
    );

    app.put(
      '/api/canteen-subsidy-rules/:id',
      route('canteens.configure', '新增或修改补贴规则（按类别、年龄段）', {
        params: RuleParams,
        body: RuleBody,
        response: { 200: RuleReplyDto },
      }),
      async (req) => ({ rule: await subsidy.saveRule(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/canteens/mine',
      route('canteens.dine', '我的幸福餐厅：本街道餐厅的菜单、按补贴规则计算的本人应付金额与本人就餐记录', {
        response: { 200: MyCanteensDto },
      }),
      async (req) => myCanteens(ctx, actorOf(req)),
    );

    app.get(
      '/api/canteens/:id/menu',
      route('stations.read', '菜单（含银发特色菜）', { params: IdParams, response: { 200: MenuDto } }),
      async (req) => menus.getMenu(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/canteens/:id/menu-items',
      route('canteens.manage', '添加菜品', {
        params: IdParams,
        body: MenuItemBody,
        response: { 201: MenuItemReplyDto },
      }),
      async (req, reply) =>
        reply.status(201).send({ item: await menus.addMenuItem(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/canteens/:id/meals',
      route('canteens.manage', '就餐记录', {
        params: IdParams,
        querystring: MealsQuery,
        response: { 200: MealListDto },
      }),
      async (req) => menus.listMeals(ctx, actorOf(req), req.params.id, req.query.date),
    );

    app.post(
      '/api/canteens/:id/meals',
      route('canteens.manage', '登记就餐（自动按补贴规则计算，重复申领拒绝）', {
        params: IdParams,
        body: MealBody,
        response: { 201: MealReplyDto },
      }),
      async (req, reply) =>
        reply.status(201).send({ meal: await menus.recordMeal(ctx, actorOf(req), req.params.id, req.body) }),
    );

    app.get(
      '/api/canteens/:id/deliveries',
      route('canteens.manage', '送餐单', { params: IdParams, response: { 200: DeliveryListDto } }),
      async (req) => deliveries.listDeliveries(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/canteens/:id/deliveries',
      route('canteens.manage', '登记送餐', {
        params: IdParams,
        body: DeliveryBody,
        response: { 201: DeliveryReplyDto },
      }),
      async (req, reply) =>
        reply
          .status(201)
          .send({ delivery: await deliveries.orderDelivery(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/canteen-deliveries/:id/deliver',
      route('canteens.manage', '送达（同时登记就餐与补贴）', {
        params: IdParams,
        body: DeliverBody,
        response: { 200: DeliveryReplyDto },
      }),
      async (req) => ({
        delivery: await deliveries.deliver(ctx, actorOf(req), req.params.id, req.body.priceCents, req.ip),
      }),
    );

    app.get(
      '/api/canteens/:id/settlements/:month',
      route('canteens.manage', '月度结算预览（含重复申领检查）', {
        params: MonthParams,
        response: { 200: SettlementDto },
      }),
      async (req) => settlements.settlement(ctx, actorOf(req), req.params.id, req.params.month),
    );

    app.get(
      '/api/canteens/:id/settlements/:month/xlsx',
      route('canteens.manage', '导出月度结算（.xlsx）', { params: MonthParams }),
      async (req, reply) =>
        replyXlsx(
          reply,
          `canteen-${req.params.month}.xlsx`,
          await settlementWorkbook(ctx, actorOf(req), req.params.id, req.params.month),
        ),
    );

    app.post(
      '/api/canteens/:id/settlements/:month',
      route('canteens.manage', '确认月度结算（每月一次，有重复申领时拒绝）', {
        params: MonthParams,
        response: { 201: SettlementDto },
      }),
      async (req, reply) =>
        reply.status(201).send(await settlements.settle(ctx, actorOf(req), req.params.id, req.params.month, req.ip)),
    );
  };
}
