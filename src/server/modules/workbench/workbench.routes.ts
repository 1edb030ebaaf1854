import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { WorkbenchReply } from '../../../shared/workbench.schema.js';
import { getWorkbench } from './workbench.service.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['workbench']);

/** 工作台: every signed-in role has one; what it holds is decided per kind by abilities and the access layer. */
export function workbenchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/workbench',
      route('authenticated', '工作台：等待我处理的事项（各模块汇总，含数量、时限与时钟颜色）', {
        response: { 200: WorkbenchReply },
      }),
      async (req) => getWorkbench(ctx, actorOf(req)),
    );
  };
}
