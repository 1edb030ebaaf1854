import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as api from '../../../shared/party-programmes.schema.js';
import { route } from './party-admin.routes.js';
import { openYear, setTargets } from './programme-plan.service.js';
import { addProgress, listProgrammes } from './programmes.service.js';
import { designateSite, listSites, revokeSite } from './sites.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const SiteReply = z.object({ site: api.SiteDto });

/** 六大工程 (programmes with computed indicators and the progress log) and 党建示范点. */
export function programmeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/party/programmes',
      route('party.read', '六大工程：指标目标与完成情况、进展（按街道、社区）', {
        querystring: api.ProgrammesQuery,
        response: { 200: api.ProgrammesDto },
      }),
      async (req) => listProgrammes(ctx, actorOf(req), req.query),
    );
    app.post(
      '/api/party/programmes/years',
      route('party.plan', '建立年度六大工程（沿用上一年度的指标与目标）', {
        body: api.OpenYearBody,
        response: { 201: api.ProgrammesDto },
      }),
      async (req, reply) => reply.status(201).send(await openYear(ctx, actorOf(req), req.body.year, req.ip)),
    );
    app.put(
      '/api/party/programmes/:id/targets',
      route('party.plan', '调整工程指标目标', {
        params: IdParams,
        body: api.SetTargetsBody,
        response: { 200: api.ProgrammesDto },
      }),
      async (req) => setTargets(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
    );
    app.post(
      '/api/party/programmes/:id/progress',
      route('party.manage', '填报工程进展', {
        params: IdParams,
        body: api.AddProgressBody,
        response: { 201: z.object({ entry: api.ProgressDto }) },
      }),
      async (req, reply) =>
        reply
          .status(201)
          .send({ entry: await addProgress(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip) }),
    );
    app.get(
      '/api/party/demonstration-sites',
      route('party.read', '党建示范点', {
        querystring: api.SitesQuery,
        response: { 200: z.object({ items: z.array(api.SiteDto) }) },
      }),
      async (req) => ({ items: await listSites(ctx, actorOf(req), req.query) }),
    );
    app.post(
      '/api/party/demonstration-sites',
      route('party.manage', '命名党建示范点', { body: api.DesignateSiteBody, response: { 201: SiteReply } }),
      async (req, reply) => reply.status(201).send({ site: await designateSite(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.post(
      '/api/party/demonstration-sites/:id/revoke',
      route('party.manage', '撤销党建示范点', {
        params: IdParams,
        body: api.RevokeSiteBody,
        response: { 200: SiteReply },
      }),
      async (req) => ({ site: await revokeSite(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip) }),
    );
  };
}
