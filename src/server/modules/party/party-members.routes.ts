import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as api from '../../../shared/party.schema.js';
import * as members from './members.service.js';
import { route } from './party-admin.routes.js';
import { transferIn } from './transfer-in.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const MemberReply = z.object({ member: api.MemberDto });

/** The member registry (masked, scoped by residence), transfers and the development pipeline. */
export function partyMemberRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/party-members',
      route('party.read', '党员名册（含发展环节）', {
        querystring: api.ListMembersQuery,
        response: { 200: api.MemberListDto },
      }),
      async (req) => members.listMembers(ctx, actorOf(req), req.query),
    );
    app.post(
      '/api/party-members',
      route('party.manage', '登记入党申请人 / 党员', { body: api.RegisterMemberBody, response: { 201: MemberReply } }),
      async (req, reply) =>
        reply.status(201).send({ member: await members.registerMember(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.post(
      '/api/party-members/transfers-in',
      route('party.manage', '组织关系转入（区外转入、区内转接）', {
        body: api.TransferInBody,
        response: { 201: MemberReply },
      }),
      async (req, reply) => reply.status(201).send({ member: await transferIn(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.get(
      '/api/party-members/:id',
      route('party.read', '党员档案', { params: IdParams, response: { 200: MemberReply } }),
      async (req) => ({ member: await members.getMember(ctx, actorOf(req), req.params.id) }),
    );
    app.post(
      '/api/party-members/:id/advance',
      route('party.manage', '发展环节：积极分子、发展对象、预备党员、转正', {
        params: IdParams,
        body: api.AdvanceMemberBody,
        response: { 200: MemberReply },
      }),
      async (req) => ({
        member: await members.advanceMember(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
    app.post(
      '/api/party-members/:id/transfers',
      route('party.manage', '组织关系转接', {
        params: IdParams,
        body: api.TransferBody,
        response: { 200: MemberReply },
      }),
      async (req) => ({
        member: await members.transferMember(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
  };
}
