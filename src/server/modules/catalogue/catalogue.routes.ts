import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { routeOptions } from '../../http/route-options.js';
import {
  CatalogueQuery,
  CatalogueReply,
  CatalogueVersionBody,
  CatalogueVersionDto,
  DispatchSuggestion,
} from '../../../shared/catalogue.schema.js';
import { createVersion, dispatchSuggestion, getCatalogue } from './catalogue.service.js';

const route = routeOptions(['dispatch-catalogue']);

export function catalogueRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dispatch-catalogue',
      route('catalogue.read', '派单目录：各版本（生效日期、调整记录）、责任单位、默认期限与目录误派次数', {
        querystring: CatalogueQuery,
        response: { 200: CatalogueReply },
      }),
      async (req) => getCatalogue(ctx, actorOf(req), req.query.on),
    );

    app.post(
      '/api/dispatch-catalogue/versions',
      route('catalogue.configure', '发布派单目录新版本（自生效日期起用于新派单）', {
        body: CatalogueVersionBody,
        response: { 201: CatalogueVersionDto },
      }),
      async (req, reply) => reply.status(201).send(await createVersion(ctx, actorOf(req), req.body, req.ip)),
    );

    app.get(
      '/api/work-orders/:id/dispatch-suggestion',
      route('orders.dispatch', '按现行派单目录建议的责任单位与期限', {
        params: z.object({ id: z.string().min(1).max(60) }),
        response: { 200: DispatchSuggestion },
      }),
      async (req) => dispatchSuggestion(ctx, actorOf(req), req.params.id),
    );
  };
}
