import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { auditLog } from './audit.tables.js';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志（写操作与敏感信息查看）',
          querystring: z.object({
            entityType: z.string().max(40).optional(),
            entityId: z.string().max(60).optional(),
            action: z.string().max(60).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const where: SQL[] = [eq(auditLog.districtId, actor.districtId)];
        if (req.query.entityType) where.push(eq(auditLog.entityType, req.query.entityType));
        if (req.query.entityId) where.push(eq(auditLog.entityId, req.query.entityId));
        if (req.query.action) where.push(eq(auditLog.action, req.query.action));
        const items = await ctx.db
          .select()
          .from(auditLog)
          .where(and(...where))
          .orderBy(desc(auditLog.id))
          .limit(req.query.limit);
        return { items };
      },
    );
  };
}
