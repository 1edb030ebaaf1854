import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { IdParams, OcdsQuery } from './service-purchase.params.js';
import { extensionDescriptor, extensionReleaseSchema } from './ocds.extension.js';
import { publicationPolicyHtml } from './ocds.policy-page.js';
import { buildRecordPackage, buildReleasePackage, bulkReleases, fullReleasePackage } from './ocds.service.js';
import { OCID_PREFIX } from './rounds.service.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['service-purchase'];

const route = routeOptions(tags);
const JSON_TYPE = 'application/json; charset=utf-8';

/** OCDS open data: public once the call is published; every URL from the configured public URL. */
export function purchaseOcdsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const base = () => publicBaseUrl(ctx.config);
  return async (app) => {
    app.get(
      '/api/purchase/rounds/:id/ocds',
      route('public', 'OCDS 1.1.5 发布包（release package，每个事件一个 release）；?download=1 下载', {
        params: IdParams,
        querystring: OcdsQuery,
      }),
      async (req, reply) => {
        const pkg = await buildReleasePackage(ctx, req.params.id, base());
        if (req.query.download === '1')
          reply.header('content-disposition', `attachment; filename="ocds-${req.params.id}.json"`);
        return reply.type(JSON_TYPE).send(JSON.stringify(pkg, null, 2));
      },
    );

    app.get(
      '/ocds/records',
      route('public', 'OCDS 记录包（record package：compiledRelease + versionedRelease）'),
      async (_req, reply) => reply.type(JSON_TYPE).send(JSON.stringify(await buildRecordPackage(ctx, base()))),
    );

    app.get(
      '/ocds/releases',
      route('public', 'OCDS 全部 release，按日期分页（since、cursor、limit）；空页为 204', {
        querystring: z.object({
          since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
          cursor: z.string().max(400).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      }),
      async (req, reply) => {
        const page = await bulkReleases(ctx, base(), req.query);
        if (page.next) reply.header('link', `<${page.next}>; rel="next"`);
        // a release package must hold at least one release: an empty page has no content
        if (!(page.body.releases as unknown[]).length) return reply.status(204).send();
        return reply.type(JSON_TYPE).send(JSON.stringify(page.body));
      },
    );

    app.get(
      '/ocds/releases/full.json',
      route('public', 'OCDS 全量下载：包含全部 release 的一个发布包'),
      async (_req, reply) =>
        reply
          .type(JSON_TYPE)
          .header('content-disposition', 'attachment; filename="ocds-releases-full.json"')
          .send(JSON.stringify(await fullReleasePackage(ctx, base()))),
    );

    app.get(
      '/ocds/publication-policy',
      route('public', 'OCDS 数据发布政策（发布什么、何时、不发布什么及原因）'),
      async (_req, reply) => reply.type('text/html; charset=utf-8').send(publicationPolicyHtml(base(), OCID_PREFIX)),
    );

    app.get('/api/purchase/ocds/extension.json', route('public', 'OCDS 本地扩展说明（extension.json）'), async () =>
      extensionDescriptor(base()),
    );

    app.get(
      '/api/purchase/ocds/release-schema.json',
      route('public', 'OCDS 本地扩展的 release schema 补丁'),
      async () => extensionReleaseSchema(),
    );
  };
}
