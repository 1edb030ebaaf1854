import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyError, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { langOf, toAppError } from '../../http/error-handler.js';
import { httpErrors } from '../../http/http.errors.js';
import { actorOf } from '../../http/route-permissions.js';
import { E } from './open311.errors.js';
import {
  getRequest,
  listRequests,
  listServices,
  listUpdates,
  postRequest,
  serviceDefinition,
  tokenOf,
} from './open311.service.js';
import { CONTENT_TYPE, renderXml, type Format } from './open311.xml.js';
import { routeOptions } from '../../http/route-options.js';

/**
 * Open311 GeoReport v2, XML (the spec's required format) and JSON, chosen by the extension, mapped
 * onto the same work-order engine and permissions: discovery, services and service definitions are
 * public; requests, tokens and updates need an api_key (or a session) and see exactly what that
 * account sees. Orders carry residents' personal matters, so unlike many city deployments GET
 * requests is not public. Errors are the spec's arrays `[{code, description}]` / `<errors>`.
 */
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-12-02T00:00:00Z';
const tags = ['open311'];
const route = routeOptions(tags);
const format = z.enum(['json', 'xml']);
const formatOnly = z.object({ format });
const jurisdiction = z.string().max(20).optional();
const dateArg = z.string().max(40).optional();

/** The reply in the format the path asked for; `root`/`item` name the XML elements. */
function send(reply: FastifyReply, f: Format, doc: { root: string; item?: string; body: unknown }, status = 200) {
  const payload = f === 'xml' ? renderXml(doc.root, doc.item, doc.body as never) : JSON.stringify(doc.body);
  return reply.status(status).type(CONTENT_TYPE[f]).send(payload);
}

/** The format of a path (`….xml` or `….json`); JSON when it names neither. */
const formatOfUrl = (url: string): Format => (/\.xml(?:\?|$)/.test(url) ? 'xml' : 'json');

export function open311Routes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // GeoReport v2 clients post application/x-www-form-urlencoded; only here (this plugin's own scope).
    // Elsewhere a form body is refused, so a cross-site HTML form cannot reach the JSON API.
    await app.register(formbody);

    // Errors as the spec writes them: HTTP status as the code, the message as the description; a missing
    // or refused api_key is the spec's 403. The stable Linli code rides in a header.
    app.setErrorHandler((err: FastifyError, req, reply) => {
      const mapped = toAppError(err);
      if (!mapped) {
        req.log.error({ err, errorId: req.id }, 'unhandled error');
      }
      const status = mapped ? (mapped.status === 401 ? 403 : mapped.status) : 500;
      const lang = langOf(req.headers);
      const description = mapped
        ? mapped.status === 401
          ? E.API_KEY_REQUIRED().messageIn(lang)
          : mapped.messageIn(lang)
        : httpErrors.INTERNAL({ errorId: req.id }).messageIn(lang);
      if (!mapped) void reply.header('x-linli-error-id', req.id);
      void reply.header('x-linli-error-code', mapped?.code ?? 'INTERNAL');
      return send(
        reply,
        formatOfUrl(req.url),
        { root: 'errors', item: 'error', body: [{ code: status, description }] },
        status,
      );
    });

    app.get(
      '/open311/v2/discovery.:format',
      route('public', 'Open311 discovery', { params: formatOnly }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'discovery',
          body: {
            changeset: CHANGESET,
            contact: '平城区区、街、社三级智慧治理平台',
            key_service: `在“账号管理 → 接口密钥”中申请 api_key：${publicBaseUrl(ctx.config)}/users/api-keys`,
            endpoints: [
              {
                specification: SPEC,
                url: `${publicBaseUrl(ctx.config)}/open311/v2`,
                changeset: CHANGESET,
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          },
        }),
    );

    app.get(
      '/open311/v2/services.:format',
      route('public', 'Open311 service list (request categories)', {
        params: formatOnly,
        querystring: z.object({ jurisdiction_id: jurisdiction }).loose(),
      }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'services',
          item: 'service',
          body: await listServices(ctx, req.query.jurisdiction_id),
        }),
    );

    app.get(
      '/open311/v2/services/:code.:format',
      route('public', 'Open311 service definition', {
        params: z.object({ code: z.string().max(40), format }),
        querystring: z.object({ jurisdiction_id: jurisdiction }).loose(),
      }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'service_definition',
          body: await serviceDefinition(ctx, req.params.code, req.query.jurisdiction_id),
        }),
    );

    const coordinate = z.coerce.number().finite();
    const PostBody = z
      .object({
        api_key: z.string().max(200).optional(),
        jurisdiction_id: jurisdiction,
        service_code: z.string().min(1).max(40),
        lat: coordinate.min(-90).max(90).optional(),
        long: coordinate.min(-180).max(180).optional(),
        address_string: z.string().trim().max(200).optional(),
        address_id: z.string().max(60).optional(),
        description: z.string().max(2000).optional(),
        media_url: z
          .url({ protocol: /^https?$/ })
          .max(1000)
          .optional(),
        email: z.string().max(200).optional(),
        device_id: z.string().max(200).optional(),
        account_id: z.string().max(200).optional(),
        first_name: z.string().max(20).optional(),
        last_name: z.string().max(20).optional(),
        phone: z.string().max(20).optional(),
        'attribute[compound_id]': z.string().max(60).optional(),
        'attribute[title]': z.string().max(80).optional(),
        attribute: z
          .object({ compound_id: z.string().max(60).optional(), title: z.string().max(80).optional() })
          .optional(),
      })
      .loose();

    app.post(
      '/open311/v2/requests.:format',
      route('orders.create', 'Open311 create service request (form-encoded or JSON)', {
        params: formatOnly,
        body: PostBody,
      }),
      async (req, reply) => {
        const b = req.body;
        const r = await postRequest(
          ctx,
          actorOf(req),
          {
            ...b,
            compoundId: b.attribute?.compound_id ?? b['attribute[compound_id]'],
            title: b.attribute?.title ?? b['attribute[title]'],
          },
          { idempotencyKey: req.headers['idempotency-key'] as string | undefined, ip: req.ip },
        );
        return send(
          reply,
          req.params.format,
          { root: 'service_requests', item: 'request', body: r.body },
          r.replayed ? 200 : 201,
        );
      },
    );

    app.get(
      '/open311/v2/tokens/:token.:format',
      route('orders.read', 'Open311 token → request id (requests are created synchronously, so the token is the id)', {
        params: z.object({ token: z.string().max(60), format }),
        querystring: z.object({ jurisdiction_id: jurisdiction }).loose(),
      }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'service_requests',
          item: 'request',
          body: await tokenOf(ctx, actorOf(req), req.params.token, req.query.jurisdiction_id),
        }),
    );

    app.get(
      '/open311/v2/requests.:format',
      route('orders.read', 'Open311 list service requests', {
        params: formatOnly,
        querystring: z
          .object({
            api_key: z.string().max(200).optional(),
            jurisdiction_id: jurisdiction,
            service_request_id: z.string().max(40_000).optional(),
            service_code: z.string().max(2000).optional(),
            start_date: dateArg,
            end_date: dateArg,
            status: z.string().max(40).optional(),
          })
          .loose(),
      }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'service_requests',
          item: 'request',
          body: await listRequests(ctx, actorOf(req), req.query),
        }),
    );

    app.get(
      '/open311/v2/requests/:id.:format',
      route('orders.read', 'Open311 get one service request', {
        params: z.object({ id: z.string().max(60), format }),
        querystring: z.object({ jurisdiction_id: jurisdiction }).loose(),
      }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'service_requests',
          item: 'request',
          body: await getRequest(ctx, actorOf(req), req.params.id, req.query.jurisdiction_id),
        }),
    );

    app.get(
      '/open311/v2/servicerequestupdates.:format',
      route('orders.read', 'Open311 service request updates (GeoReport v2 updates extension)', {
        params: formatOnly,
        querystring: z
          .object({
            api_key: z.string().max(200).optional(),
            jurisdiction_id: jurisdiction,
            service_request_id: z.string().max(60).optional(),
            start_date: dateArg,
            end_date: dateArg,
          })
          .loose(),
      }),
      async (req, reply) =>
        send(reply, req.params.format, {
          root: 'service_request_updates',
          item: 'request_update',
          body: await listUpdates(ctx, actorOf(req), req.query, langOf(req.headers)),
        }),
    );
  };
}
