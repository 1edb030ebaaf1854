import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { routeOptions } from '../../http/route-options.js';
import { replyXlsx } from '../../lib/xlsx.js';
import * as api from '../../../shared/visits.schema.js';
import * as service from './visits.service.js';

const route = routeOptions(['visits']);
const IdParams = z.object({ id: z.string().min(1).max(60) });
const CampaignReply = z.object({ campaign: api.CampaignDto });

/** 走访慰问: campaigns, the visit ledger (list, .xlsx), recording visits, needs to orders or referrals. */
export function visitsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/visit-campaigns',
      route('visits.read', '走访慰问活动（含户数、慰问金、慰问品合计）', { response: { 200: api.CampaignListDto } }),
      async (req) => service.listCampaigns(ctx, actorOf(req)),
    );
    app.post(
      '/api/visit-campaigns',
      route('visits.manage', '发起走访慰问活动', { body: api.CreateCampaignBody, response: { 201: CampaignReply } }),
      async (req, reply) =>
        reply.status(201).send({ campaign: await service.createCampaign(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.get(
      '/api/visits',
      route('visits.read', '走访慰问台账', { querystring: api.ListVisitsQuery, response: { 200: api.VisitListDto } }),
      async (req) => service.listVisits(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/visits/xlsx',
      route('visits.read', '导出走访慰问台账（.xlsx，姓名脱敏）', { querystring: api.ListVisitsQuery }),
      async (req, reply) =>
        replyXlsx(
          reply,
          '走访慰问台账.xlsx',
          await service.visitsWorkbook(ctx, actorOf(req), req.query),
          'visits.xlsx',
        ),
    );
    app.get(
      '/api/visits/:id',
      route('visits.read', '走访记录', { params: IdParams, response: { 200: api.VisitReply } }),
      async (req) => ({ visit: await service.getVisit(ctx, actorOf(req), req.params.id) }),
    );
    app.post(
      '/api/visits',
      route('visits.manage', '登记走访慰问', { body: api.CreateVisitBody, response: { 201: api.VisitReply } }),
      async (req, reply) =>
        reply.status(201).send({ visit: await service.createVisit(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.post(
      '/api/visit-needs/:id/order',
      route('visits.manage', '后续需求转为工单', {
        params: IdParams,
        body: api.NeedToOrderBody,
        response: { 200: api.VisitReply },
      }),
      async (req) => ({
        visit: await service.needToOrder(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
    app.post(
      '/api/visit-needs/:id/refer',
      route('visits.manage', '后续需求转介', {
        params: IdParams,
        body: api.NeedReferBody,
        response: { 200: api.VisitReply },
      }),
      async (req) => ({
        visit: await service.referNeed(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
  };
}
