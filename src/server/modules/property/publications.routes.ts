import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf, type RoutePermission } from '../../http/route-permissions.js';
import { IdParams } from '../../../shared/property.schema.js';
import * as api from '../../../shared/property-publications.schema.js';
import * as publications from './publications.service.js';

const tags = ['property'];
function route<const S extends FastifySchema>(permission: RoutePermission, summary: string, schema?: S) {
  return { config: { permission }, schema: { tags, summary, ...(schema as S) } };
}

/** 公示三专栏: entering, reviewing and publishing a compound's notices; the public page; overdue statements. */
export function publicationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/property/compounds/:id/publications',
      route('property.read', '小区公示三专栏（含待审核与退回）', {
        params: IdParams,
        response: { 200: api.PublicationListDto },
      }),
      async (req) => publications.listPublications(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/property/compounds/:id/publications',
      route('property.publish', '物业企业录入公示（收支明细须与合计相符）', {
        params: IdParams,
        body: api.PublicationBody,
        response: { 201: api.PublicationDto },
      }),
      async (req, reply) =>
        reply.status(201).send(
          await publications.submitPublication(ctx, actorOf(req), {
            compoundId: req.params.id,
            input: req.body,
            ip: req.ip,
          }),
        ),
    );
    app.post(
      '/api/property/publications/:id/review',
      route('property.review', '审核物业公示：发布或退回（须说明理由）', {
        params: api.PublicationParams,
        body: api.ReviewBody,
        response: { 200: api.PublicationDto },
      }),
      async (req) =>
        publications.reviewPublication(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );
    app.get(
      '/api/property/publications/overdue',
      route('property.read', '逾期未公示的季度收支', {
        querystring: api.OverdueQuery,
        response: { 200: api.OverdueDto },
      }),
      async (req) => publications.overdue(ctx, actorOf(req), { graceDays: req.query.graceDays }),
    );
    app.get(
      '/api/public/property/:districtId/compounds/:compoundId',
      route('public', '小区物业公示公开页（免登录，不含个人信息）', {
        params: api.PublicPageParams,
        response: { 200: api.PublicPageDto },
      }),
      async (req) => publications.publicPage(ctx, req.params.districtId, req.params.compoundId),
    );
  };
}
