import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { CoverageResponseDto } from '../../../shared/dashboard.schema.js';
import { getCoverage } from './dashboard.service.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['dashboard']);

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboard/coverage',
      route('dashboard.read', '小区党建覆盖率（按下级单位分组）', {
        querystring: z.object({ orgUnitId: z.string().max(60).optional() }),
        response: { 200: CoverageResponseDto },
      }),
      async (req) => getCoverage(ctx, actorOf(req), req.query.orgUnitId),
    );
  };
}
