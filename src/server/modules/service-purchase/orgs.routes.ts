import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  CreateNeedBody,
  JurorAccountsReply,
  NeedReply,
  NeedsReply,
  OrgReply,
  RegisteredOrgReply,
  RegisterOrgBody,
} from '../../../shared/service-purchase.schema.js';
import { createNeed, listJurorAccounts, listNeeds, myOrg, registerOrg } from './orgs.service.js';
import { byOf } from './service-purchase.by.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['service-purchase'];

const route = routeOptions(tags);

/** /api/purchase: the call's inputs — social organisations, residents' needs, juror accounts. */
export function purchaseOrgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/purchase/orgs/me',
      route('purchase.propose', '本账号登记的社会组织', { response: { 200: OrgReply } }),
      async (req) => ({ org: await myOrg(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/purchase/orgs',
      route('purchase.propose', '社会组织登记（每个账号一个）', {
        body: RegisterOrgBody,
        response: { 201: RegisteredOrgReply },
      }),
      async (req, reply) => reply.status(201).send({ org: await registerOrg(ctx, byOf(req), req.body) }),
    );

    app.get(
      '/api/purchase/needs',
      route('purchase.read', '居民需求与项目意向', { response: { 200: NeedsReply } }),
      async (req) => ({ items: await listNeeds(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/purchase/needs',
      route('purchase.needs', '社区登记居民需求 / 项目意向', { body: CreateNeedBody, response: { 201: NeedReply } }),
      async (req, reply) => reply.status(201).send({ need: await createNeed(ctx, byOf(req), req.body) }),
    );

    app.get(
      '/api/purchase/jurors',
      route('purchase.manage', '可选评审专家账号', { response: { 200: JurorAccountsReply } }),
      async (req) => ({ items: await listJurorAccounts(ctx, actorOf(req)) }),
    );
  };
}
