import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { OrgUnitDto } from '../org/org.schema.js';
import { CoverageRowDto, getCoverage } from './dashboard.service.js';

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboard/coverage',
      {
        config: { permission: 'dashboard.read' },
        schema: {
          tags: ['dashboard'],
          summary: '小区党建覆盖率（按下级单位分组）',
          querystring: z.object({ orgUnitId: z.string().max(60).optional() }),
          response: { 200: z.object({ scope: OrgUnitDto, totals: CoverageRowDto, rows: z.array(CoverageRowDto) }) },
        },
      },
      async (req) => getCoverage(ctx, actorOf(req), req.query.orgUnitId),
    );
  };
}
