import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { readXlsxUpload, withImportSlot } from '../../lib/uploads.js';
import { replyXlsx } from '../../lib/xlsx.js';
import { actorOf } from '../../http/route-permissions.js';
import { ImportResultDto } from '../../../shared/org.schema.js';
import {
  CategoryBody,
  CategoryListReply,
  CategoryReply,
  MetricsDto,
  MetricsQuery,
  WorkUnitListReply,
  WorkUnitsQuery,
} from '../../../shared/work-orders.schema.js';
import { categories, upsertCategory, workUnitsOf } from './categories.service.js';
import { HOTLINE_MAX_UPLOAD_BYTES, hotlineTemplate, importHotlineOrders } from './hotline-import.js';
import { getMetrics } from './work-orders.metrics.js';
import { IdParams, route } from './work-orders.routes.js';

/** What orders are sorted and sent by (categories, work units), 12345 imports and the metrics. */
export function workOrderSetupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/work-order-categories',
      route('orders.read', '诉求分类', { response: { 200: CategoryListReply } }),
      async (req) => ({ items: await categories(ctx, actorOf(req)) }),
    );

    app.put(
      '/api/work-order-categories/:id',
      route('orders.configure', '新增或修改诉求分类（默认承办方与各环节时限，工作日）', {
        params: IdParams,
        body: CategoryBody,
        response: { 200: CategoryReply },
      }),
      async (req) => ({
        category: await upsertCategory(ctx, actorOf(req), { ...req.body, id: req.params.id }, req.ip),
      }),
    );

    app.get(
      '/api/work-units',
      route('orders.read', '职能单位（派单对象）', {
        querystring: WorkUnitsQuery,
        response: { 200: WorkUnitListReply },
      }),
      async (req) => ({ items: await workUnitsOf(ctx, actorOf(req), req.query.functional === 'true') }),
    );

    app.get(
      '/api/work-orders/metrics',
      route('metrics.read', '工单统计：受理量、按时办结率、满意度、12345 同比', {
        querystring: MetricsQuery,
        response: { 200: MetricsDto },
      }),
      async (req) => getMetrics(ctx, actorOf(req), req.query.orgUnitId),
    );

    app.post(
      '/api/imports/hotline-12345',
      route('orders.import', '导入 12345 工单（.xlsx，按 12345 编号去重）', {
        consumes: ['multipart/form-data'],
        response: { 200: ImportResultDto },
      }),
      async (req) => {
        const actor = actorOf(req);
        return withImportSlot(actor.districtId, async () => {
          const file = await readXlsxUpload(req, Math.max(ctx.config.maxUploadBytes, HOTLINE_MAX_UPLOAD_BYTES));
          return importHotlineOrders(ctx, actor, file, req.ip);
        });
      },
    );

    app.get(
      '/api/imports/templates/hotline-12345.xlsx',
      route('orders.import', '12345 导入模板'),
      async (_req, reply) => replyXlsx(reply, 'hotline-12345.xlsx', await hotlineTemplate()),
    );
  };
}
