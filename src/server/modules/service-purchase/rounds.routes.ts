import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  AmendRoundBody,
  AnswerBody,
  CreateRoundBody,
  JurorsBody,
  ObjectionBody,
  RoundDetailDto as RoundReply,
  RoundsReply,
  UpdateRoundBody,
} from '../../../shared/service-purchase.schema.js';
import { amendRound } from './amendments.service.js';
import { answerObjection, fileObjection } from './objections.service.js';
import { award, publishNotice } from './results.service.js';
import { getRound, listRounds } from './round-detail.service.js';
import { createRound, openScoring, publishRound, setJurors, updateRound } from './rounds.service.js';
import { IdParams } from './service-purchase.params.js';
import { byOf } from './service-purchase.by.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['service-purchase'];

const route = routeOptions(tags);

/** /api/purchase/rounds: the call, its jury, the ranking and public notice, objections and awards. */
export function purchaseRoundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/purchase/rounds',
      route('purchase.read', '购买服务批次（申报通知）', { response: { 200: RoundsReply } }),
      async (req) => ({ items: await listRounds(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/purchase/rounds',
      route('purchase.manage', '起草申报通知（范围、预算、条件、截止时间、评审规则）', {
        body: CreateRoundBody,
        response: { 201: RoundReply },
      }),
      async (req, reply) => reply.status(201).send(await createRound(ctx, byOf(req), req.body)),
    );

    app.get(
      '/api/purchase/rounds/:id',
      route('purchase.read', '批次详情：漏斗、评审团进度、公示异议', {
        params: IdParams,
        response: { 200: RoundReply },
      }),
      async (req) => getRound(ctx, actorOf(req), req.params.id),
    );

    app.patch(
      '/api/purchase/rounds/:id',
      route('purchase.manage', '修改申报通知（发布前）或评审规则（开始评审前）', {
        params: IdParams,
        body: UpdateRoundBody,
        response: { 200: RoundReply },
      }),
      async (req) => updateRound(ctx, byOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/purchase/rounds/:id/amendments',
      route('purchase.manage', '发布更正公告（申报期内修改通知内容、预算或延长截止时间，须写明原因）', {
        params: IdParams,
        body: AmendRoundBody,
        response: { 201: RoundReply },
      }),
      async (req, reply) => reply.status(201).send(await amendRound(ctx, byOf(req), req.params.id, req.body)),
    );

    app.post(
      '/api/purchase/rounds/:id/publish',
      route('purchase.manage', '发布申报通知', { params: IdParams, response: { 200: RoundReply } }),
      async (req) => publishRound(ctx, byOf(req), req.params.id),
    );

    app.put(
      '/api/purchase/rounds/:id/jurors',
      route('purchase.manage', '指定评审团（开始评审前）', {
        params: IdParams,
        body: JurorsBody,
        response: { 200: RoundReply },
      }),
      async (req) => setJurors(ctx, byOf(req), req.params.id, req.body.userIds),
    );

    app.post(
      '/api/purchase/rounds/:id/open-scoring',
      route('purchase.manage', '开始路演评审（锁定评审规则）', { params: IdParams, response: { 200: RoundReply } }),
      async (req) => openScoring(ctx, byOf(req), req.params.id),
    );

    app.post(
      '/api/purchase/rounds/:id/notice',
      route('purchase.manage', '计算排名并发布社会公示', { params: IdParams, response: { 200: RoundReply } }),
      async (req) => publishNotice(ctx, byOf(req), req.params.id),
    );

    app.post(
      '/api/purchase/rounds/:id/award',
      route('purchase.manage', '公示期满：确定中选项目，生成待签合同', {
        params: IdParams,
        response: { 200: RoundReply },
      }),
      async (req) => award(ctx, byOf(req), req.params.id),
    );

    app.post(
      '/api/purchase/rounds/:id/objections',
      route('purchase.object', '公示期内提出异议', {
        params: IdParams,
        body: ObjectionBody,
        response: { 200: RoundReply },
      }),
      async (req) => fileObjection(ctx, byOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/purchase/objections/:id/answer',
      route('purchase.manage', '答复公示异议（成立则取消该项目推荐）', {
        params: IdParams,
        body: AnswerBody,
        response: { 200: RoundReply },
      }),
      async (req) => answerObjection(ctx, byOf(req), req.params.id, req.body),
    );
  };
}
