import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { sendStoredFile } from '../../lib/uploads.js';
import {
  CreateProposalBody,
  ProposalReply,
  ProposalsReply,
  RecuseBody,
  ScoreBody,
  ScreenBody,
} from '../../../shared/service-purchase.schema.js';
import { getAttachment, getProposal, listProposals } from './proposals.service.js';
import { recuse, scoreProposal } from './scores.service.js';
import { IdParams, AttachmentParams } from './service-purchase.params.js';
import { byOf } from './service-purchase.by.js';
import { screenProposal, submitProposal, withdrawProposal } from './submissions.service.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['service-purchase'];

const route = routeOptions(tags);

/** /api/purchase/…/proposals: submission, screening and the jurors' scores. */
export function purchaseProposalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/purchase/rounds/:id/proposals',
      route('purchase.read', '项目书列表（按角色与辖区可见）', { params: IdParams, response: { 200: ProposalsReply } }),
      async (req) => ({ items: await listProposals(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/purchase/rounds/:id/proposals',
      {
        config: { permission: 'purchase.propose' },
        bodyLimit: 12 * 1024 * 1024,
        schema: {
          tags,
          summary: '社会组织提交项目书（截止前）',
          params: IdParams,
          body: CreateProposalBody,
          response: { 201: ProposalReply },
        },
      },
      async (req, reply) => reply.status(201).send(await submitProposal(ctx, byOf(req), req.params.id, req.body)),
    );

    app.get(
      '/api/purchase/proposals/:id',
      route('purchase.read', '项目书详情（评分在全部评审提交前密封）', {
        params: IdParams,
        response: { 200: ProposalReply },
      }),
      async (req) => getProposal(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/purchase/proposals/:id/attachments/:attId',
      route('purchase.read', '项目书附件', { params: AttachmentParams }),
      async (req, reply) => {
        const ref = { proposalId: req.params.id, attachmentId: req.params.attId };
        return sendStoredFile(reply, await getAttachment(ctx, actorOf(req), ref));
      },
    );

    app.post(
      '/api/purchase/proposals/:id/withdraw',
      route('purchase.propose', '撤回项目书（截止前）', { params: IdParams, response: { 200: ProposalReply } }),
      async (req) => withdrawProposal(ctx, byOf(req), req.params.id),
    );

    app.post(
      '/api/purchase/proposals/:id/screen',
      route('purchase.manage', '初步筛选（通过 / 不通过及原因，申报单位可见）', {
        params: IdParams,
        body: ScreenBody,
        response: { 200: ProposalReply },
      }),
      async (req) => screenProposal(ctx, byOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/purchase/proposals/:id/recuse',
      route('purchase.score', '评审专家利益冲突回避', {
        params: IdParams,
        body: RecuseBody,
        response: { 200: ProposalReply },
      }),
      async (req) => recuse(ctx, byOf(req), req.params.id, req.body.reason),
    );

    app.put(
      '/api/purchase/proposals/:id/score',
      route('purchase.score', '提交评分（再次提交为修改，须写原因并留痕）', {
        params: IdParams,
        body: ScoreBody,
        response: { 200: ProposalReply },
      }),
      async (req) => scoreProposal(ctx, byOf(req), req.params.id, req.body),
    );
  };
}
