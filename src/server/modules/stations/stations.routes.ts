import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { StationDto } from '../org/org.schema.js';
import { STATION_KINDS } from '../org/org.tables.js';
import { listStations } from './stations.service.js';

export function stationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/stations', {
      config: { permission: 'stations.read' },
      schema: {
        tags: ['stations'], summary: '服务阵地（党群服务站、小哥驿站、幸福餐厅、便民服务站）',
        querystring: z.object({ kind: z.enum(STATION_KINDS).optional() }),
        response: { 200: z.object({ items: z.array(StationDto) }) },
      },
    }, async (req) => ({ items: await listStations(ctx, actorOf(req), req.query.kind) }));
  };
}
