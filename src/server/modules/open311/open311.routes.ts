import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { actorOf } from '../../http/route-permissions.js';
import { createOrder, getOrder, visibilitySql } from '../work-orders/work-orders.service.js';
import { workOrderCategories } from '../work-orders/work-orders.tables.js';

/**
 * Open311 GeoReport v2 (JSON) mapped onto the same work-order engine and permissions: discovery,
 * services and service definitions are public; requests and updates need an api_key (or a session)
 * and see exactly what that account sees. Service codes are the request categories.
 * Orders carry residents' personal matters, so unlike many city deployments GET requests is not public.
 */
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const tags = ['open311'];

const statusOf = (s: string) => (s === 'closed' ? 'closed' : 'open');

interface RequestRow {
  id: string;
  no: string;
  status: string;
  category_id: string;
  category_name: string;
  description: string;
  title: string;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  address: string | null;
  compound_id: string;
  agency: string | null;
  last_note: string | null;
}

function toRequest(r: RequestRow) {
  return {
    service_request_id: r.id,
    status: statusOf(r.status),
    status_notes: r.last_note,
    service_name: r.category_name,
    service_code: r.category_id,
    description: `${r.title}：${r.description}`,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: new Date(r.created_at).toISOString(),
    updated_datetime: new Date(r.updated_at).toISOString(),
    expected_datetime: r.due_at ? new Date(r.due_at).toISOString() : null,
    address: r.address,
    address_id: r.compound_id,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export function open311Routes(ctx: AppContext): FastifyPluginAsyncZod {
  const visibility = visibilitySql; // the one definition of who sees an order
  const selectRequests = (actor: ReturnType<typeof actorOf>, where: SQL[]) =>
    queryRows<RequestRow>(
      ctx.db,
      sql`
    select o.id, o.no, o.status, o.category_id, c.name as category_name, o.description, o.title, o.created_at, o.updated_at, o.due_at, o.address, o.compound_id,
      (select string_agg(coalesce(w.name, l.handler_kind), '、') from work_order_legs l left join work_units w on w.district_id = l.district_id and w.id = l.work_unit_id
        where l.district_id = o.district_id and l.order_id = o.id) as agency,
      (select e.note from work_order_events e where e.district_id = o.district_id and e.order_id = o.id and e.note is not null order by e.id desc limit 1) as last_note
    from work_orders o join work_order_categories c on c.district_id = o.district_id and c.id = o.category_id
    where o.district_id = ${actor.districtId} and o.merged_into is null and ${visibility(actor)} and ${sql.join(where, sql` and `)}
    order by o.created_at desc limit 1000`,
    );

  return async (app) => {
    // GeoReport v2 clients post application/x-www-form-urlencoded; only here (this plugin's own scope).
    // Elsewhere a form body is refused, so a cross-site HTML form cannot reach the JSON API.
    await app.register(formbody);
    const districtQuery = z.object({ jurisdiction_id: z.string().max(20).optional() }).loose();
    const jurisdictionOf = (j?: string) => j ?? '140213';

    app.get(
      '/open311/v2/discovery.json',
      {
        config: { permission: 'public' },
        schema: { tags, summary: 'Open311 discovery' },
      },
      async () => ({
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
      }),
    );

    app.get(
      '/open311/v2/services.json',
      {
        config: { permission: 'public' },
        schema: { tags, summary: 'Open311 service list (request categories)', querystring: districtQuery },
      },
      async (req) => {
        const rows = await ctx.db
          .select()
          .from(workOrderCategories)
          .where(eq(workOrderCategories.districtId, jurisdictionOf(req.query.jurisdiction_id)))
          .orderBy(asc(workOrderCategories.id));
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
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: 'Open311 service definition',
          params: z.object({ code: z.string().max(40) }),
          querystring: districtQuery,
        },
      },
      async (req) => {
        const [c] = await ctx.db
          .select()
          .from(workOrderCategories)
          .where(
            and(
              eq(workOrderCategories.districtId, jurisdictionOf(req.query.jurisdiction_id)),
              eq(workOrderCategories.id, req.params.code),
            ),
          );
        if (!c) throw new AppError('not_found', 'SERVICE_NOT_FOUND', `服务代码 ${req.params.code} 不存在。`);
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
      {
        config: { permission: 'orders.create' },
        schema: { tags, summary: 'Open311 create service request (JSON or form-encoded)', body: PostBody },
      },
      async (req, reply) => {
        const b = req.body;
        const compoundId = b.attribute?.compound_id ?? b['attribute[compound_id]'];
        if (!compoundId)
          throw new AppError('bad_request', 'COMPOUND_REQUIRED', '请在 attribute[compound_id] 中填写小区编码。');
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
          req.headers['idempotency-key'] as string | undefined,
          req.ip,
        );
        return reply
          .status(r.replayed ? 200 : 201)
          .send([{ service_request_id: r.order.id, service_notice: `工单号 ${r.order.no}`, account_id: null }]);
      },
    );

    app.get(
      '/open311/v2/tokens/:token.json',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: 'Open311 token → request id (requests are created synchronously, so the token is the id)',
          params: z.object({ token: z.string().max(60) }),
        },
      },
      async (req) => {
        const { order } = await getOrder(ctx, actorOf(req), req.params.token); // 404 / 403 exactly as the staff API
        return [{ service_request_id: order.id, token: req.params.token }];
      },
    );

    app.get(
      '/open311/v2/requests.json',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: 'Open311 list service requests',
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
        },
      },
      async (req) => {
        const q = req.query;
        const where: SQL[] = [sql`true`];
        if (q.service_request_id) where.push(inArray(sql`o.id`, q.service_request_id.split(',').slice(0, 100)));
        if (q.service_code) where.push(sql`o.category_id = ${q.service_code}`);
        // Open311 default window: the last 90 days
        where.push(
          sql`o.created_at >= ${q.start_date ?? new Date(Date.now() - 90 * 86400_000).toISOString()}::timestamptz`,
        );
        if (q.end_date) where.push(sql`o.created_at <= ${q.end_date}::timestamptz`);
        if (q.status) where.push(q.status === 'closed' ? sql`o.status = 'closed'` : sql`o.status <> 'closed'`);
        return (await selectRequests(actorOf(req), where)).map(toRequest);
      },
    );

    app.get(
      '/open311/v2/requests/:id.json',
      {
        config: { permission: 'orders.read' },
        schema: { tags, summary: 'Open311 get one service request', params: z.object({ id: z.string().max(60) }) },
      },
      async (req) => {
        await getOrder(ctx, actorOf(req), req.params.id); // 404 / 403 exactly as the staff API
        return (await selectRequests(actorOf(req), [sql`o.id = ${req.params.id}`])).map(toRequest);
      },
    );

    app.get(
      '/open311/v2/servicerequestupdates.json',
      {
        config: { permission: 'orders.read' },
        schema: {
          tags,
          summary: 'Open311 service request updates (GeoReport v2 updates extension)',
          querystring: z
            .object({
              api_key: z.string().max(200).optional(),
              service_request_id: z.string().max(60).optional(),
              start_date: z.iso.datetime({ offset: true }).optional(),
              end_date: z.iso.datetime({ offset: true }).optional(),
            })
            .loose(),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const q = req.query;
        const rows = await queryRows<{
          id: number;
          order_id: string;
          at: Date;
          type: string;
          note: string | null;
          status: string;
        }>(
          ctx.db,
          sql`
        select e.id, e.order_id, e.at, e.type, e.note, o.status
        from work_order_events e join work_orders o on o.district_id = e.district_id and o.id = e.order_id
        where e.district_id = ${actor.districtId} and ${visibility(actor)}
          and e.at >= ${q.start_date ?? new Date(Date.now() - 7 * 86400_000).toISOString()}::timestamptz
          ${q.end_date ? sql`and e.at <= ${q.end_date}::timestamptz` : sql``}
          ${q.service_request_id ? sql`and e.order_id = ${q.service_request_id}` : sql``}
        order by e.id limit 1000`,
        );
        return rows.map((e) => ({
          update_id: String(e.id),
          service_request_id: e.order_id,
          status: e.type === 'closed' ? 'closed' : 'open',
          updated_datetime: new Date(e.at).toISOString(),
          description: e.note ?? e.type,
          media_url: null,
        }));
      },
    );
  };
}
