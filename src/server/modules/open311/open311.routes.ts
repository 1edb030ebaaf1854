import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import { actorOf } from '../../http/route-permissions.js';
import { createOrder, getOrder } from '../work-orders/work-orders.service.js';
import { E } from './open311.errors.js';
import {
  defaultDistrictId,
  requestsOf,
  serviceOf,
  servicesOf,
  updatesOf,
  type RequestRow,
} from './open311.repository.js';
import { routeOptions } from '../../http/route-options.js';

/**
 * Open311 GeoReport v2 (JSON) mapped onto the same work-order engine and permissions: discovery,
 * services and service definitions are public; requests and updates need an api_key (or a session)
 * and see exactly what that account sees. Service codes are the request categories.
 * Orders carry residents' personal matters, so unlike many city deployments GET requests is not public.
 */
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const tags = ['open311'];
const route = routeOptions(tags);

const statusOf = (s: string) => (s === 'closed' ? 'closed' : 'open');

function toRequest(r: RequestRow) {
  return {
    service_request_id: r.id,
    status: statusOf(r.status),
    status_notes: r.lastNote,
    service_name: r.categoryName,
    service_code: r.categoryId,
    description: `${r.title}：${r.description}`,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: iso(r.createdAt),
    updated_datetime: iso(r.updatedAt),
    expected_datetime: iso(r.dueAt),
    address: r.address,
    address_id: r.compoundId,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export function open311Routes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // GeoReport v2 clients post application/x-www-form-urlencoded; only here (this plugin's own scope).
    // Elsewhere a form body is refused, so a cross-site HTML form cannot reach the JSON API.
    await app.register(formbody);
    const districtQuery = z.object({ jurisdiction_id: z.string().max(20).optional() }).loose();
    // No jurisdiction_id: the deployment's district (the first, in a one-district deployment the only one).
    const jurisdictionOf = async (j?: string) => j ?? (await defaultDistrictId(ctx.db)) ?? '';

    app.get('/open311/v2/discovery.json', route('public', 'Open311 discovery'), async () => ({
      changeset: '2026-11-23T00:00:00Z',
      contact: '平城区区、街、社三级智慧治理平台',
      key_service: '向所在社区或区级管理员申请 api_key（linli api-key --user <账号>）',
      endpoints: [
        {
          specification: SPEC,
          url: `${publicBaseUrl(ctx.config)}/open311/v2`,
          changeset: '2026-11-23T00:00:00Z',
          type: 'production',
          formats: ['application/json'],
        },
      ],
    }));

    app.get(
      '/open311/v2/services.json',
      route('public', 'Open311 service list (request categories)', { querystring: districtQuery }),
      async (req) => {
        const rows = await servicesOf(ctx.db, await jurisdictionOf(req.query.jurisdiction_id));
        return rows.map((c) => ({
          service_code: c.id,
          service_name: c.name,
          description: `${c.name}类诉求，${c.handleDays} 个工作日内办理`,
          metadata: true,
          type: 'realtime',
          keywords: c.name,
          group: c.defaultHandler === 'department' ? '职能部门' : '社区/物业',
        }));
      },
    );

    app.get(
      '/open311/v2/services/:code.json',
      route('public', 'Open311 service definition', {
        params: z.object({ code: z.string().max(40) }),
        querystring: districtQuery,
      }),
      async (req) => {
        const c = await serviceOf(ctx.db, await jurisdictionOf(req.query.jurisdiction_id), req.params.code);
        if (!c) throw E.SERVICE_NOT_FOUND({ code: req.params.code });
        return {
          service_code: c.id,
          attributes: [
            {
              variable: true,
              code: 'compound_id',
              datatype: 'string',
              required: true,
              datatype_description: '小区编码，如 140213066003-C001',
              order: 1,
              description: '所在小区',
            },
            {
              variable: true,
              code: 'title',
              datatype: 'string',
              required: false,
              datatype_description: '不超过 80 字',
              order: 2,
              description: '标题',
            },
          ],
        };
      },
    );

    const PostBody = z
      .object({
        api_key: z.string().max(200).optional(),
        service_code: z.string().min(1).max(40),
        description: z.string().trim().min(1, '请描述诉求').max(2000),
        'attribute[compound_id]': z.string().max(60).optional(),
        attribute: z
          .object({ compound_id: z.string().max(60).optional(), title: z.string().max(80).optional() })
          .optional(),
        'attribute[title]': z.string().max(80).optional(),
        first_name: z.string().max(20).optional(),
        last_name: z.string().max(20).optional(),
        phone: z.string().max(20).optional(),
        address_string: z.string().max(200).optional(),
      })
      .loose();

    app.post(
      '/open311/v2/requests.json',
      route('orders.create', 'Open311 create service request (JSON or form-encoded)', { body: PostBody }),
      async (req, reply) => {
        const b = req.body;
        const compoundId = b.attribute?.compound_id ?? b['attribute[compound_id]'];
        if (!compoundId) throw E.COMPOUND_REQUIRED();
        const title = b.attribute?.title ?? b['attribute[title]'] ?? b.description.slice(0, 30);
        const name = `${b.last_name ?? ''}${b.first_name ?? ''}` || undefined;
        const phone = b.phone && /^1[3-9]\d{9}$/.test(b.phone) ? b.phone : undefined;
        const r = await createOrder(
          ctx,
          actorOf(req),
          {
            channel: 'resident',
            categoryId: b.service_code,
            title: title.length >= 2 ? title : `${title}诉求`,
            description: b.description,
            compoundId,
            reporterName: name,
            reporterPhone: phone,
            photos: [],
          },
          { idempotencyKey: req.headers['idempotency-key'] as string | undefined, ip: req.ip },
        );
        return reply
          .status(r.replayed ? 200 : 201)
          .send([{ service_request_id: r.order.id, service_notice: `工单号 ${r.order.no}`, account_id: null }]);
      },
    );

    app.get(
      '/open311/v2/tokens/:token.json',
      route('orders.read', 'Open311 token → request id (requests are created synchronously, so the token is the id)', {
        params: z.object({ token: z.string().max(60) }),
      }),
      async (req) => {
        const { order } = await getOrder(ctx, actorOf(req), req.params.token); // 404 / 403 exactly as the staff API
        return [{ service_request_id: order.id, token: req.params.token }];
      },
    );

    app.get(
      '/open311/v2/requests.json',
      route('orders.read', 'Open311 list service requests', {
        querystring: z
          .object({
            api_key: z.string().max(200).optional(),
            service_request_id: z.string().max(2000).optional(),
            service_code: z.string().max(40).optional(),
            start_date: z.iso.datetime({ offset: true }).optional(),
            end_date: z.iso.datetime({ offset: true }).optional(),
            status: z.enum(['open', 'closed']).optional(),
          })
          .loose(),
      }),
      async (req) => {
        const q = req.query;
        const rows = await requestsOf(ctx.db, actorOf(req), {
          ids: q.service_request_id ? q.service_request_id.split(',').slice(0, 100) : undefined,
          serviceCode: q.service_code,
          // Open311 default window: the last 90 days
          start: q.start_date ?? new Date(Date.now() - 90 * 86400_000).toISOString(),
          end: q.end_date,
          status: q.status,
        });
        return rows.map(toRequest);
      },
    );

    app.get(
      '/open311/v2/requests/:id.json',
      route('orders.read', 'Open311 get one service request', { params: z.object({ id: z.string().max(60) }) }),
      async (req) => {
        await getOrder(ctx, actorOf(req), req.params.id); // 404 / 403 exactly as the staff API
        return (await requestsOf(ctx.db, actorOf(req), { ids: [req.params.id] })).map(toRequest);
      },
    );

    app.get(
      '/open311/v2/servicerequestupdates.json',
      route('orders.read', 'Open311 service request updates (GeoReport v2 updates extension)', {
        querystring: z
          .object({
            api_key: z.string().max(200).optional(),
            service_request_id: z.string().max(60).optional(),
            start_date: z.iso.datetime({ offset: true }).optional(),
            end_date: z.iso.datetime({ offset: true }).optional(),
          })
          .loose(),
      }),
      async (req) => {
        const actor = actorOf(req);
        const q = req.query;
        const rows = await updatesOf(ctx.db, actor, {
          start: q.start_date ?? new Date(Date.now() - 7 * 86400_000).toISOString(),
          end: q.end_date,
          orderId: q.service_request_id,
        });
        return rows.map((e) => ({
          update_id: String(e.id),
          service_request_id: e.orderId,
          status: e.type === 'closed' ? 'closed' : 'open',
          updated_datetime: iso(e.at),
          description: e.note ?? e.type,
          media_url: null,
        }));
      },
    );
  };
}
