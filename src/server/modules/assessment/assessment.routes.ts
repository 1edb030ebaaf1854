import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { replyXlsx } from '../../lib/xlsx.js';
import * as api from '../../../shared/assessment.schema.js';
import * as appeals from './appeals.service.js';
import * as callbacks from './callbacks.service.js';
import { drillDown, getRanking } from './rates.service.js';
import { rankingWorkbook } from './rates.workbook.js';
import { getSettings, saveSettings } from './settings.service.js';
import { routeOptions } from '../../http/route-options.js';
import { topicRoutes } from './topics.routes.js';

const tags = ['assessment'];

const route = routeOptions(tags);

export function assessmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(topicRoutes(ctx));
    app.get(
      '/api/assessment/ranking',
      route('assessment.read', '月度考核排名（六项指标、综合得分、趋势、红黑榜）', {
        querystring: api.MonthQuery,
        response: { 200: api.RankingDto },
      }),
      async (req) => getRanking(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/assessment/ranking.xlsx',
      route('assessment.read', '导出月度考核排名（.xlsx）', { querystring: api.MonthQuery }),
      async (req, reply) => {
        const ranking = await getRanking(ctx, actorOf(req), req.query);
        return replyXlsx(
          reply,
          `考核排名-${ranking.month}.xlsx`,
          await rankingWorkbook(ranking),
          `assessment-${ranking.month}.xlsx`,
        );
      },
    );

    app.get(
      '/api/assessment/drill',
      route('assessment.read', '指标下钻：构成该数字的工单', {
        querystring: api.DrillQuery,
        response: { 200: api.DrillDto },
      }),
      async (req) => drillDown(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/assessment/settings',
      route('assessment.read', '考核设置（权重、红黑榜、申诉期限、审核人、回访次数）', {
        response: { 200: api.SettingsDto },
      }),
      async (req) => getSettings(ctx, actorOf(req)),
    );

    app.put(
      '/api/assessment/settings',
      route('assessment.configure', '修改考核设置（留痕）', {
        body: api.SettingsBody,
        response: { 200: api.SettingsDto },
      }),
      async (req) => saveSettings(ctx, actorOf(req), req.body, req.ip),
    );

    app.get(
      '/api/assessment/appeals',
      route('assessment.read', '申诉/核减列表', {
        querystring: api.AppealListQuery,
        response: { 200: api.AppealListDto },
      }),
      async (req) => appeals.listAppeals(ctx, actorOf(req), req.query.status),
    );

    app.post(
      '/api/assessment/appeals',
      route('appeals.file', '提出申诉（本单位、办结后规定工作日内）', {
        body: api.AppealBody,
        response: { 201: api.AppealReplyDto },
      }),
      async (req, reply) =>
        reply.status(201).send({ appeal: await appeals.fileAppeal(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/assessment/appeals/:id/decision',
      route('appeals.review', '审核申诉（通过 / 驳回，须写明理由）', {
        params: api.AppealParams,
        body: api.DecideBody,
        response: { 200: api.AppealReplyDto },
      }),
      async (req) => ({ appeal: await appeals.decideAppeal(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/assessment/callbacks',
      route('callbacks.manage', '待回访工单', { response: { 200: api.CallbackQueueDto } }),
      async (req) => callbacks.getCallbackQueue(ctx, actorOf(req)),
    );

    app.get(
      '/api/assessment/callbacks/:id',
      route('callbacks.manage', '某工单的回访记录', {
        params: api.CallbackParams,
        response: { 200: api.CallbackListDto },
      }),
      async (req) => callbacks.listCallbacks(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/assessment/callbacks/:id',
      route('callbacks.manage', '记录回访结果（不满意即重办）', {
        params: api.CallbackParams,
        body: api.CallbackBody,
        response: { 201: api.CallbackReplyDto },
      }),
      async (req, reply) =>
        reply.status(201).send(await callbacks.recordCallback(ctx, actorOf(req), req.params.id, req.body, req.ip)),
    );
  };
}
