import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { PartyOrgDto } from '../../../shared/org.schema.js';
import { getPartyOrg, getRootPartyOrg, listPartyChildren } from './party.service.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['party']);

const IdParams = z.object({ id: z.string().min(1).max(60) });

export function partyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/party-orgs/root',
      route('party.read', '当前用户所在的顶层党组织', { response: { 200: z.object({ org: PartyOrgDto }) } }),
      async (req) => ({ org: await getRootPartyOrg(ctx, actorOf(req)) }),
    );
    app.get(
      '/api/party-orgs/:id',
      route('party.read', '党组织详情', { params: IdParams, response: { 200: z.object({ org: PartyOrgDto }) } }),
      async (req) => ({ org: await getPartyOrg(ctx, actorOf(req), req.params.id) }),
    );
    app.get(
      '/api/party-orgs/:id/children',
      route('party.read', '下级党组织', {
        params: IdParams,
        response: { 200: z.object({ items: z.array(PartyOrgDto) }) },
      }),
      async (req) => ({ items: await listPartyChildren(ctx, actorOf(req), req.params.id) }),
    );
  };
}
