import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { routeOptions } from '../../http/route-options.js';
import * as api from '../../../shared/topics.schema.js';
import * as topics from './topics.service.js';

const route = routeOptions(['assessment']);

/** 每月一题 / 治理课题: the month's recurring problems, the topics picked from them, their actions and effect. */
export function topicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/assessment/hotspots',
      route('topics.read', '每月一题：本月高频、反复出现的问题（同小区/社区同类、相似标题）', {
        querystring: api.HotspotQuery,
        response: { 200: api.HotspotListDto },
      }),
      async (req) => topics.listHotspots(ctx, actorOf(req), req.query.month),
    );
    app.get(
      '/api/assessment/topics',
      route('topics.read', '治理课题列表', { response: { 200: api.TopicListDto } }),
      async (req) => topics.listTopics(ctx, actorOf(req)),
    );
    app.post(
      '/api/assessment/topics',
      route('topics.manage', '立为治理课题（试点小区、责任人）', {
        body: api.TopicBody,
        response: { 201: api.TopicDetailDto },
      }),
      async (req, reply) => reply.status(201).send(await topics.createTopic(ctx, actorOf(req), req.body, req.ip)),
    );
    app.get(
      '/api/assessment/topics/:id',
      route('topics.read', '治理课题详情与成效（试点前后、对照非试点小区）', {
        params: api.TopicParams,
        response: { 200: api.TopicDetailDto },
      }),
      async (req) => topics.getTopic(ctx, actorOf(req), req.params.id),
    );
    app.patch(
      '/api/assessment/topics/:id',
      route('topics.manage', '修改治理课题（试点、责任人、结题）', {
        params: api.TopicParams,
        body: api.TopicPatchBody,
        response: { 200: api.TopicDetailDto },
      }),
      async (req) => topics.updateTopic(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );
    app.post(
      '/api/assessment/topics/:id/actions',
      route('topics.manage', '添加课题措施（责任人、完成期限）', {
        params: api.TopicParams,
        body: api.TopicActionBody.extend({ version: z.number().int() }),
        response: { 201: api.TopicDetailDto },
      }),
      async (req, reply) =>
        reply.status(201).send(await topics.addAction(ctx, actorOf(req), req.params.id, req.body, req.ip)),
    );
    app.patch(
      '/api/assessment/topics/:id/actions/:actionId',
      route('topics.manage', '更新课题措施（进度）', {
        params: api.TopicActionParams,
        body: api.TopicActionPatchBody,
        response: { 200: api.TopicDetailDto },
      }),
      async (req) => topics.updateAction(ctx, actorOf(req), req.params.id, req.params.actionId, req.body, req.ip),
    );
  };
}
