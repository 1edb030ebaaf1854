import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { routeOptions } from '../../http/route-options.js';
import { actorOf } from '../../http/route-permissions.js';
import * as api from '../../../shared/consultations.schema.js';
import * as ballots from './ballots.service.js';
import * as consult from './consultations.service.js';

const route = routeOptions(['consultations']);

/** 征求民意 / 议事协商: surveys, votes and owners' joint decisions, answered by the residents of their scope. */
export function consultationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/consultations',
      route('consultations.read', '征求意见与表决列表（本辖区及上级发起的）', {
        querystring: api.ListQuery,
        response: { 200: api.ConsultationListDto },
      }),
      async (req) => consult.listConsultations(ctx, actorOf(req), req.query.status),
    );
    app.post(
      '/api/consultations',
      route('consultations.manage', '发起征求意见、表决或业主共同决定事项', {
        body: api.ConsultationBody,
        response: { 201: api.ConsultationDetailDto },
      }),
      async (req, reply) =>
        reply.status(201).send(await consult.createConsultation(ctx, actorOf(req), req.body, req.ip)),
    );
    app.get(
      '/api/consultations/:id',
      route('consultations.read', '征求意见的题目与本人可做的操作', {
        params: api.IdParams,
        response: { 200: api.ConsultationDetailDto },
      }),
      async (req) => consult.getConsultation(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/consultations/:id/answers',
      route('consultations.answer', '居民提交答卷或投票（每户或每人一份）', {
        params: api.IdParams,
        body: api.AnswerBody,
        response: { 201: api.BallotDto },
      }),
      async (req, reply) =>
        reply
          .status(201)
          .send(await ballots.answer(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip })),
    );
    app.post(
      '/api/consultations/:id/paper-ballots',
      route('consultations.manage', '录入纸质票（标注为线下）', {
        params: api.IdParams,
        body: api.PaperBallotBody,
        response: { 201: api.BallotDto },
      }),
      async (req, reply) =>
        reply
          .status(201)
          .send(await ballots.enterPaperBallot(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip })),
    );
    app.get(
      '/api/consultations/:id/results',
      route('consultations.read', '统计结果（发起方实时可见，公布后居民可见）', {
        params: api.IdParams,
        response: { 200: api.ResultsDto },
      }),
      async (req) => ballots.results(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/consultations/:id/close',
      route('consultations.manage', '提前截止', {
        params: api.IdParams,
        body: api.VersionBody,
        response: { 200: api.ConsultationDetailDto },
      }),
      async (req) =>
        consult.changeState(ctx, actorOf(req), {
          id: req.params.id,
          version: req.body.version,
          to: 'closed',
          ip: req.ip,
        }),
    );
    app.post(
      '/api/consultations/:id/publish',
      route('consultations.manage', '截止后公布结果', {
        params: api.IdParams,
        body: api.VersionBody,
        response: { 200: api.ConsultationDetailDto },
      }),
      async (req) =>
        consult.changeState(ctx, actorOf(req), {
          id: req.params.id,
          version: req.body.version,
          to: 'published',
          ip: req.ip,
        }),
    );
  };
}
