import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { IdParams, OcdsQuery } from './service-purchase.params.js';
import { extensionDescriptor, extensionReleaseSchema } from './ocds.extension.js';
import { buildReleasePackage } from './ocds.service.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['service-purchase'];

const route = routeOptions(tags);

/** OCDS open data: public once the call is published. */
export function purchaseOcdsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/purchase/rounds/:id/ocds',
      route('public', 'OCDS 1.1.5 发布包（release package）；?download=1 下载', {
        params: IdParams,
        querystring: OcdsQuery,
      }),
      async (req, reply) => {
        const pkg = await buildReleasePackage(ctx, req.params.id, publicBaseUrl(ctx.config));
        if (req.query.download === '1')
          reply.header('content-disposition', `attachment; filename="ocds-${req.params.id}.json"`);
        return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(pkg, null, 2));
      },
    );

    app.get('/api/purchase/ocds/extension.json', route('public', 'OCDS 本地扩展说明（路演评审得分）'), async () =>
      extensionDescriptor(publicBaseUrl(ctx.config)),
    );

    app.get(
      '/api/purchase/ocds/release-schema.json',
      route('public', 'OCDS 本地扩展的 release schema 补丁'),
      async () => extensionReleaseSchema(),
    );
  };
}
