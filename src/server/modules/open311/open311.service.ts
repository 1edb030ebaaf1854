import type { AppContext } from '../../context.js';
import type { Lang } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { createOrder, getOrder } from '../work-orders/work-orders.service.js';
import { E } from './open311.errors.js';
import {
  compoundByAddress,
  insertOpen311Request,
  jurisdictionExists,
  jurisdictions,
  nearestCompound,
  placeById,
  requestsOf,
  serviceOf,
  servicesOf,
  updatesOf,
  type RequestRow,
} from './open311.repository.js';

/**
 * Open311 GeoReport v2 operations over the work-order engine: the argument rules of the spec
 * (jurisdiction, W3C dates, comma lists, the location of a new request) and the mapping of orders and
 * their events onto GeoReport's request and update documents.
 */

/** How far (metres) a posted lat/long may lie from the nearest compound and still be placed in it. */
const MAX_PLACE_METRES = 2000;
const DAY = 86400_000;

/**
 * The jurisdiction a call is about. Given: it must exist (404), and a keyed caller must belong to it
 * (403). Not given: allowed only while the deployment serves one district (the spec: "only required
 * if the endpoint serves multiple jurisdictions").
 */
export async function resolveJurisdiction(ctx: AppContext, given: string | undefined, actor?: Actor): Promise<string> {
  if (given !== undefined) {
    if (!(await jurisdictionExists(ctx.db, given))) throw E.JURISDICTION_NOT_FOUND({ id: given });
    if (actor && actor.districtId !== given) throw E.JURISDICTION_NOT_YOURS({ id: given });
    return given;
  }
  if (actor) return actor.districtId;
  const all = await jurisdictions(ctx.db);
  if (all.length !== 1) throw E.JURISDICTION_REQUIRED();
  return all[0]!.id;
}

const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * A W3C date-time (NOTE-datetime: YYYY, YYYY-MM, YYYY-MM-DD, or a time with minutes, optional seconds
 * and fraction, and a zone). A value without a time means that period in the jurisdiction's zone
 * (Asia/Shanghai, +08:00): its first instant for `start_date`, its last for `end_date`.
 */
export function parseW3cDate(value: string, field: string, edge: 'start' | 'end'): Date {
  const m = W3C.exec(value);
  if (!m) throw E.DATE_INVALID({ field });
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = mo ? Number(mo) : 1;
  const day = d ? Number(d) : 1;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate())
    throw E.DATE_INVALID({ field });
  if (h !== undefined) {
    if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) throw E.DATE_INVALID({ field });
    const t = new Date(
      `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : ''}${zone}`,
    );
    if (Number.isNaN(t.getTime())) throw E.DATE_INVALID({ field });
    return t;
  }
  const startUtc = Date.UTC(Number(y), month - 1, day) - 8 * 3600_000;
  if (edge === 'start') return new Date(startUtc);
  const next = d
    ? startUtc + DAY
    : mo
      ? Date.UTC(Number(y), month, 1) - 8 * 3600_000
      : Date.UTC(Number(y) + 1, 0, 1) - 8 * 3600_000;
  return new Date(next - 1);
}

const commaList = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export interface RequestsQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

/** GET requests: `service_request_id` (a comma list) overrides every other argument; otherwise a 90-day window. */
export async function listRequests(ctx: AppContext, actor: Actor, q: RequestsQuery) {
  await resolveJurisdiction(ctx, q.jurisdiction_id, actor);
  const ids = commaList(q.service_request_id);
  if (ids?.length) return (await requestsOf(ctx.db, actor, { ids: ids.slice(0, 1000) })).map(toRequest);
  const statuses = commaList(q.status);
  if (statuses && !statuses.every((s) => s === 'open' || s === 'closed')) throw E.STATUS_INVALID();
  const end = q.end_date ? parseW3cDate(q.end_date, 'end_date', 'end') : undefined;
  const start = q.start_date
    ? parseW3cDate(q.start_date, 'start_date', 'start')
    : new Date((end?.getTime() ?? Date.now()) - 90 * DAY);
  const rows = await requestsOf(ctx.db, actor, {
    serviceCodes: commaList(q.service_code),
    start,
    end,
    statuses: statuses as ('open' | 'closed')[] | undefined,
  });
  return rows.map(toRequest);
}

export async function getRequest(ctx: AppContext, actor: Actor, id: string, jurisdiction?: string) {
  await resolveJurisdiction(ctx, jurisdiction, actor);
  await getOrder(ctx, actor, id); // 404 / 403 exactly as the staff API
  const rows = await requestsOf(ctx.db, actor, { ids: [id] });
  if (!rows.length) throw E.REQUEST_NOT_FOUND({ id });
  return rows.map(toRequest);
}

export function toRequest(r: RequestRow) {
  return {
    service_request_id: r.id,
    status: r.status === 'closed' ? 'closed' : 'open',
    status_notes: r.lastNote,
    service_name: r.categoryName,
    service_code: r.categoryId,
    description: `${r.title}：${r.description}`,
    agency_responsible: r.agency,
    service_notice: `工单号 ${r.no}`,
    requested_datetime: iso(r.createdAt),
    updated_datetime: iso(r.updatedAt),
    expected_datetime: iso(r.dueAt),
    address: r.address,
    address_id: r.compoundId,
    zipcode: null,
    lat: r.lat,
    long: r.long,
    media_url: r.mediaUrl,
  };
}

export interface PostRequestInput {
  jurisdiction_id?: string;
  service_code: string;
  lat?: number;
  long?: number;
  address_string?: string;
  address_id?: string;
  description?: string;
  media_url?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  compoundId?: string;
  title?: string;
}

/** Where a new request is: lat+long (the nearest compound), address_string (a compound/building name) or address_id. */
async function placeOf(ctx: AppContext, d: string, b: PostRequestInput) {
  if (b.lat !== undefined && b.long !== undefined) {
    const id = await nearestCompound(ctx.db, d, b.lat, b.long, MAX_PLACE_METRES);
    if (!id) throw E.LOCATION_NOT_FOUND({ what: `${b.lat},${b.long}` });
    return { compoundId: id, buildingId: undefined };
  }
  const byId = b.address_id ?? b.compoundId;
  if (byId) {
    const p = await placeById(ctx.db, d, byId);
    if (!p) throw E.LOCATION_NOT_FOUND({ what: byId });
    return p;
  }
  if (b.address_string) {
    const p = await compoundByAddress(ctx.db, d, b.address_string);
    if (!p) throw E.LOCATION_NOT_FOUND({ what: b.address_string });
    return p;
  }
  throw E.LOCATION_REQUIRED();
}

export async function postRequest(
  ctx: AppContext,
  actor: Actor,
  b: PostRequestInput,
  opts: { idempotencyKey?: string; ip?: string },
) {
  const d = await resolveJurisdiction(ctx, b.jurisdiction_id, actor);
  const service = await serviceOf(ctx.db, d, b.service_code);
  if (!service) throw E.SERVICE_NOT_FOUND({ code: b.service_code });
  const place = await placeOf(ctx, d, b);
  const description = b.description?.trim() || `${service.name}（未填写描述）`;
  const rawTitle = (b.title ?? b.description?.trim().slice(0, 30)) || service.name;
  const name = `${b.last_name ?? ''}${b.first_name ?? ''}`.trim().slice(0, 30) || undefined;
  const phone = b.phone && /^1[3-9]\d{9}$/.test(b.phone) ? b.phone : undefined;
  const r = await createOrder(
    ctx,
    actor,
    {
      channel: 'resident',
      categoryId: service.id,
      title: rawTitle.length >= 2 ? rawTitle : `${rawTitle}诉求`,
      description,
      compoundId: place.compoundId,
      buildingId: place.buildingId,
      reporterName: name,
      reporterPhone: phone,
      photos: [],
    },
    {
      ...opts,
      alsoWrite: (tx, orderId) =>
        insertOpen311Request(tx, {
          districtId: d,
          orderId,
          accountId: actor.userId,
          mediaUrl: b.media_url ?? null,
          postedLat: b.lat ?? null,
          postedLong: b.long ?? null,
          addressString: b.address_string ?? null,
        }),
    },
  );
  return {
    replayed: r.replayed,
    body: [{ service_request_id: r.order.id, service_notice: `工单号 ${r.order.no}`, account_id: actor.userId }],
  };
}

export async function tokenOf(ctx: AppContext, actor: Actor, token: string, jurisdiction?: string) {
  await resolveJurisdiction(ctx, jurisdiction, actor);
  // Requests are created synchronously, so a token is the request's id.
  const { order } = await getOrder(ctx, actor, token);
  return [{ service_request_id: order.id, token }];
}

/** What happened, in words (the timeline's event kinds). */
const EVENT_WORDS: Record<string, { zh: string; en: string }> = {
  created: { zh: '诉求已登记受理', en: 'Request registered' },
  imported: { zh: '从 12345 热线导入', en: 'Imported from the 12345 hotline' },
  accepted: { zh: '社区已接单', en: 'Accepted by the community' },
  dispatched: { zh: '已派单给承办单位', en: 'Sent to the responsible agency' },
  reassigned: { zh: '已改派承办单位', en: 'Sent to another agency' },
  fulfilled: { zh: '承办单位已办理并反馈结果', en: 'The agency has dealt with it and reported back' },
  returned: { zh: '已退回重新办理', en: 'Returned to be dealt with again' },
  extension_requested: { zh: '承办单位申请延期', en: 'The agency asked for more time' },
  extension_decided: { zh: '延期申请已审批', en: 'The request for more time was decided' },
  escalated: { zh: '已上报上级督办', en: 'Escalated to the next level' },
  supervised: { zh: '上级已督办', en: 'Supervised by the next level' },
  confirmed: { zh: '已评价确认', en: 'Confirmed and rated' },
  closed: { zh: '已办结', en: 'Closed' },
  reopened: { zh: '已重新打开', en: 'Reopened' },
  merged: { zh: '已与相同诉求合并', en: 'Merged with a matching request' },
  meeting_decision: { zh: '小区联席会议已作出决定', en: 'Decided at the compound joint meeting' },
  reminder: { zh: '已催办', en: 'Reminder sent' },
};
const OTHER_EVENT = { zh: '工单有新进展', en: 'The request was updated' };

export async function listUpdates(
  ctx: AppContext,
  actor: Actor,
  q: { jurisdiction_id?: string; service_request_id?: string; start_date?: string; end_date?: string },
  lang: Lang,
) {
  await resolveJurisdiction(ctx, q.jurisdiction_id, actor);
  const end = q.end_date ? parseW3cDate(q.end_date, 'end_date', 'end') : undefined;
  const start = q.start_date
    ? parseW3cDate(q.start_date, 'start_date', 'start')
    : new Date((end?.getTime() ?? Date.now()) - 7 * DAY);
  const rows = await updatesOf(ctx.db, actor, { start, end, orderId: q.service_request_id });
  return rows.map((e) => {
    const words = (EVENT_WORDS[e.type] ?? OTHER_EVENT)[lang];
    const isClosed = e.status === 'closed' && !!e.closedAt && e.at.getTime() >= e.closedAt.getTime();
    return {
      update_id: String(e.id),
      service_request_id: e.orderId,
      status: isClosed ? 'closed' : 'open',
      updated_datetime: iso(e.at),
      description: e.note && e.type !== 'created' ? `${words}：${e.note}` : words,
      media_url: null,
    };
  });
}

export async function listServices(ctx: AppContext, jurisdiction?: string) {
  const rows = await servicesOf(ctx.db, await resolveJurisdiction(ctx, jurisdiction));
  return rows.map((c) => ({
    service_code: c.id,
    service_name: c.name,
    description: `${c.name}类诉求，${c.handleDays} 个工作日内办理`,
    metadata: true,
    type: 'realtime',
    keywords: c.name,
    group: c.defaultHandler === 'department' ? '职能部门' : '社区/物业',
  }));
}

export async function serviceDefinition(ctx: AppContext, code: string, jurisdiction?: string) {
  const c = await serviceOf(ctx.db, await resolveJurisdiction(ctx, jurisdiction), code);
  if (!c) throw E.SERVICE_NOT_FOUND({ code });
  return {
    service_code: c.id,
    attributes: [
      {
        variable: true,
        code: 'compound_id',
        datatype: 'string',
        required: false,
        datatype_description:
          '小区编码，如 140213066003-C001（也可用 lat/long、address_string 或 address_id 给出位置）',
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
}
