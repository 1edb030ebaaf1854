import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf, type RoutePermission } from '../../http/route-permissions.js';
import { IdParams } from '../../../shared/property.schema.js';
import * as api from '../../../shared/property-evaluations.schema.js';
import * as results from './evaluation-results.service.js';
import * as evaluations from './evaluations.service.js';
import * as schemes from './schemes.service.js';

const tags = ['property'];
function route<const S extends FastifySchema>(permission: RoutePermission, summary: string, schema?: S) {
  return { config: { permission }, schema: { tags, summary, ...(schema as S) } };
}

/** 物业服务质量评价: the year's items and weights, a compound's evaluation, the street's ranking. */
export function evaluationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/property/evaluation-schemes',
      route('property.read', '物业服务评价方案（年度评价项目与权重）', { response: { 200: api.SchemeListDto } }),
      async (req) => schemes.listSchemes(ctx, actorOf(req)),
    );
    app.post(
      '/api/property/evaluation-schemes',
      route('property.evaluation.configure', '设定年度评价项目与权重（权重合计 100）', {
        body: api.SchemeBody,
        response: { 201: api.SchemeDto },
      }),
      async (req, reply) => reply.status(201).send(await schemes.createScheme(ctx, actorOf(req), req.body, req.ip)),
    );
    app.patch(
      '/api/property/evaluation-schemes/:id',
      route('property.evaluation.configure', '修改评价方案（开始评价后冻结）', {
        params: api.SchemeParams,
        body: api.SchemePatch,
        response: { 200: api.SchemeDto },
      }),
      async (req) => schemes.updateScheme(ctx, actorOf(req), { id: req.params.id, body: req.body, ip: req.ip }),
    );
    app.get(
      '/api/property/evaluations',
      route('property.read', '物业服务评价列表（物业企业只见已公布的本企业评价）', {
        querystring: api.ListQuery,
        response: { 200: api.EvaluationListDto },
      }),
      async (req) => results.listEvaluations(ctx, actorOf(req), req.query.year),
    );
    app.get(
      '/api/property/evaluation-ranking',
      route('property.read', '年度物业服务评价排名与末位企业', {
        querystring: api.RankingQuery,
        response: { 200: api.RankingDto },
      }),
      async (req) => results.ranking(ctx, actorOf(req), req.query),
    );
    app.post(
      '/api/property/compounds/:id/evaluations',
      route('property.evaluate', '发起小区年度物业服务评价（同时向各户发起问卷）', {
        params: IdParams,
        body: api.OpenBody,
        response: { 201: api.EvaluationDto },
      }),
      async (req, reply) =>
        reply.status(201).send(
          await evaluations.openEvaluation(ctx, actorOf(req), {
            compoundId: req.params.id,
            input: req.body,
            ip: req.ip,
          }),
        ),
    );
    app.get(
      '/api/property/evaluations/:id',
      route('property.read', '物业服务评价详情（居民只见逐项均分）', {
        params: api.EvaluationParams,
        response: { 200: api.EvaluationDto },
      }),
      async (req) => results.getEvaluation(ctx, actorOf(req), req.params.id),
    );
    app.put(
      '/api/property/evaluations/:id/scores',
      route('property.evaluate', '录入党支部或业委会逐项评分（0–100 分）', {
        params: api.EvaluationParams,
        body: api.ScoresBody,
        response: { 200: api.EvaluationDto },
      }),
      async (req) => evaluations.saveScores(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );
    app.post(
      '/api/property/evaluations/:id/publish',
      route('property.evaluate', '公布评价结果（问卷截止、两方评分后）', {
        params: api.EvaluationParams,
        body: api.VersionBody,
        response: { 200: api.EvaluationDto },
      }),
      async (req) =>
        evaluations.publishEvaluation(ctx, actorOf(req), { id: req.params.id, version: req.body.version, ip: req.ip }),
    );
  };
}
