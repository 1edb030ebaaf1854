import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as exports from './exports.service.js';
import * as points from './points.service.js';
import * as presence from './presence.service.js';
import { replyXlsx } from '../../lib/xlsx.js';
import * as api from '../../../shared/volunteers.schema.js';
import { IdParams, route } from './volunteers.routes.js';

/** Points: the ledger, the love-supermarket counter (presence code or card), cards and redemptions. */
export function pointsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ── points and the love supermarket ──
    app.get(
      '/api/points/ledger',
      route('volunteers.read', '积分台账（只增不改）', {
        querystring: api.LedgerQuery,
        response: { 200: api.LedgerListDto },
      }),
      async (req) => points.listLedger(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/points/ledger.xlsx',
      route('volunteers.read', '导出积分台账（.xlsx）', { querystring: api.LedgerQuery }),
      async (req, reply) =>
        replyXlsx(
          reply,
          '积分台账.xlsx',
          await exports.ledgerWorkbook(ctx, actorOf(req), req.query),
          'points-ledger.xlsx',
        ),
    );

    app.get(
      '/api/points/accounts/:id',
      route('points.redeem', '查询积分余额（爱心超市柜台）', { params: IdParams, response: { 200: api.AccountDto } }),
      async (req) => presence.getAccount(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/points/counter/lookup',
      route('points.redeem', '爱心超市柜台：凭居民出示的到场码或积分卡号查询余额（阵地须服务该居民所在社区）', {
        body: api.CounterLookupBody,
        response: { 200: api.CounterAccountDto },
      }),
      async (req) => presence.lookupAtCounter(ctx, actorOf(req), req.body, req.ip),
    );

    app.post(
      '/api/points/cards',
      route('points.redeem', '为本辖区居民发放（补办）积分卡；旧卡即时作废，卡号只显示这一次', {
        body: api.IssueCardBody,
        response: { 201: z.object({ card: api.CardDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ card: await presence.issueCard(ctx, actorOf(req), req.body.personId, req.ip) }),
    );

    app.post(
      '/api/points/me/presence-code',
      route('volunteers.participate', '居民本人生成到场码（6 位数字与二维码，3 分钟内有效，使用一次）', {
        response: { 201: api.PresenceCodeDto },
      }),
      async (req, reply) => reply.status(201).send(await presence.createPresenceCode(ctx, actorOf(req), req.ip)),
    );

    app.get(
      '/api/love-supermarket/items',
      route('stations.read', '爱心超市可兑换物品', { querystring: api.ItemsQuery, response: { 200: api.ItemListDto } }),
      async (req) => points.listItems(ctx, actorOf(req), req.query.stationId),
    );

    app.post(
      '/api/love-supermarket/items',
      route('points.redeem', '上架爱心超市物品', {
        body: api.CreateItemBody,
        response: { 201: z.object({ item: api.ItemDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ item: await points.createItem(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/points/redemptions',
      route('points.redeem', '爱心超市积分兑换：须居民在场（到场码或积分卡），余额不足即拒绝，逐笔审计', {
        body: api.RedeemBody,
        response: { 201: api.RedemptionDto },
      }),
      async (req, reply) => reply.status(201).send(await points.redeem(ctx, actorOf(req), req.body, req.ip)),
    );
  };
}
