import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { routeOptions } from '../../http/route-options.js';
import * as api from '../../../shared/whistles.schema.js';
import * as svc from './whistles.service.js';

const route = routeOptions(['whistles']);

/** 吹哨报到: 街乡吹哨、部门报到. */
export function whistleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/whistles',
      route('whistles.read', '吹哨报到列表（街道/社区：本辖区；部门：召集本部门的）', {
        querystring: api.WhistleListQuery,
        response: { 200: api.WhistleListReply },
      }),
      async (req) => svc.listWhistles(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/whistles',
      route('whistles.blow', '吹哨：召集职能部门按约定时间到小区现场', {
        body: api.WhistleBody,
        response: { 201: api.WhistleReply },
      }),
      async (req, reply) =>
        reply.status(201).send({ whistle: await svc.openWhistle(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/whistles/:id',
      route('whistles.read', '吹哨事项详情（各部门报到、处置与评价）', {
        params: api.WhistleParams,
        response: { 200: api.WhistleReply },
      }),
      async (req) => ({ whistle: await svc.getWhistle(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/whistles/:id/check-in',
      route('whistles.checkin', '部门报到（按服务器时间判定按时或迟到）', {
        params: api.WhistleParams,
        body: api.CheckInBody,
        response: { 200: api.WhistleReply },
      }),
      async (req) => ({ whistle: await svc.checkIn(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/whistles/:id/report',
      route('whistles.checkin', '部门记录现场处置情况', {
        params: api.WhistleParams,
        body: api.ReportBody,
        response: { 200: api.WhistleReply },
      }),
      async (req) => ({ whistle: await svc.reportAction(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/whistles/:id/close',
      route('whistles.blow', '结束吹哨事项（未报到的部门记为未到）', {
        params: api.WhistleParams,
        body: api.CloseBody,
        response: { 200: api.WhistleReply },
      }),
      async (req) => ({ whistle: await svc.closeWhistle(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/whistles/:id/ratings',
      route('whistles.blow', '评价各部门的响应（结束后，每部门一次）', {
        params: api.WhistleParams,
        body: api.RateBody,
        response: { 200: api.WhistleReply },
      }),
      async (req) => ({ whistle: await svc.rateWhistle(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );
  };
}
