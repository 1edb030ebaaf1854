import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { listAudit } from './audit.repository.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['audit']);

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      route('audit.read', '审计日志（写操作与敏感信息查看）', {
        querystring: z.object({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(60).optional(),
          action: z.string().max(60).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      }),
      async (req) => {
        const items = await listAudit(ctx.db, actorOf(req).districtId, req.query);
        return { items };
      },
    );
  };
}
