import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { routeOptions } from '../../http/route-options.js';
import { actorOf } from '../../http/route-permissions.js';
import * as api from '../../../shared/proposals.schema.js';
import * as proposals from './proposals.service.js';

const route = routeOptions(['proposals']);

/** 居民提议: raised and seconded by the compound's households, taken up by its next joint meeting. */
export function proposalsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/proposals',
      route('proposals.read', '居民提议列表（本小区或辖区）', {
        querystring: api.ProposalsQuery,
        response: { 200: api.ProposalListReply },
      }),
      async (req) => ({ items: await proposals.listProposals(ctx, actorOf(req), req.query) }),
    );
    app.post(
      '/api/proposals',
      route('proposals.raise', '居民提出提议（本户计为第一户附议）', {
        body: api.ProposalBody,
        response: { 201: api.ProposalReply },
      }),
      async (req, reply) =>
        reply
          .status(201)
          .send({ proposal: await proposals.raiseProposal(ctx, actorOf(req), { ...req.body, ip: req.ip }) }),
    );
    app.get(
      '/api/proposals/:id',
      route('proposals.read', '居民提议详情', { params: api.ProposalIdParams, response: { 200: api.ProposalReply } }),
      async (req) => ({ proposal: await proposals.getProposal(ctx, actorOf(req), req.params.id) }),
    );
    app.post(
      '/api/proposals/:id/support',
      route('proposals.raise', '附议（每户一次）', {
        params: api.ProposalIdParams,
        response: { 200: api.ProposalReply },
      }),
      async (req) => ({
        proposal: await proposals.supportProposal(ctx, actorOf(req), { id: req.params.id, ip: req.ip }),
      }),
    );
  };
}
