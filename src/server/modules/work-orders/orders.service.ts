import { attachmentsOf } from '../attachments/attachments.service.js';
import { readerOf, type AppContext } from '../../context.js';
import { decodeCursor, pageOf } from '../../lib/cursor.js';
import { iso } from '../../lib/time.js';
import type { Queryable } from '../../db/client.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess } from '../access/access.records.js';
import type {
  OrderFilterInput,
  ListOrdersInput,
  OrderCan,
  OrderDetail,
  OrderList,
  OrderSummary,
} from '../../../shared/work-orders.schema.js';
import { E } from './work-orders.errors.js';
import { listInbox } from './repository/inbox.repository.js';
import { assertCanSee, permissions } from './work-orders.permissions.js';
import {
  eventsOf,
  extensionsOf,
  findOrder,
  findPhoto,
  exportExtras,
  listSummaries,
  photoIdsOf,
  summaryOf,
  unsignedLegsOf,
  workUnitNames,
  type Leg,
  type Order,
  type SummaryRow,
} from './repository/orders.repository.js';
import type { Channel, HandlerKind, OrderStatus } from '../../../shared/work-orders.constants.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';

/** Reading orders: the lists by box, one order with its timeline, its photos. */
export const HANDLER_LABELS: Record<HandlerKind, string> = {
  community: '社区自办',
  property: '物业公司',
  owners_committee: '业委会（物管会）',
  department: '职能部门',
};

export function toSummary(r: SummaryRow, now = Date.now(), toSign: string[] = []): OrderSummary {
  const due = r.dueAt ? new Date(r.dueAt) : null;
  return {
    ...r,
    toSign,
    dueAt: iso(due),
    isOverdue: r.status !== 'closed' && due !== null && due.getTime() < now,
    createdAt: iso(r.createdAt),
  };
}

/** Calendar days (Asia/Shanghai) as instants: [from 00:00, the day after `to` 00:00). */
function dayRange(from?: string, to?: string): { from?: Date; to?: Date } {
  const at = (d: string) => new Date(`${d}T00:00:00+08:00`);
  return {
    from: from ? at(from) : undefined,
    to: to ? new Date(at(to).getTime() + 86_400_000) : undefined,
  };
}

export async function listOrders(ctx: AppContext, actor: Actor, input: ListOrdersInput): Promise<OrderList> {
  const { cursor, limit, from, to, ...filters } = input;
  const filter = {
    ...filters,
    ...dayRange(from, to),
    actor,
    before: cursor ? decodeCursor(cursor, ['time', 'text'], E.CURSOR_INVALID) : undefined,
    limit: limit + 1,
  };
  // 待办 has its own page-first query (repository/inbox.repository.ts); the other boxes are the order list.
  const rows = input.box === 'inbox' ? await listInbox(ctx.db, filter) : await listSummaries(ctx.db, filter);
  const { page, nextCursor } = pageOf(rows, limit, (r) => [iso(r.createdAt), r.id]);
  const toSign = await signableLegs(
    ctx.db,
    actor,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toSummary(r, Date.now(), toSign.get(r.id) ?? [])),
    nextCursor,
  };
}

/** Per order of a page: the legs waiting to be signed for that this caller may sign (签收 from the list). */
async function signableLegs(q: Queryable, actor: Actor, orderIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!can(actor, 'orders.fulfil')) return out;
  for (const l of await unsignedLegsOf(q, actor.districtId, orderIds))
    if (canAccess(actor, 'leg', l, 'work')) out.set(l.orderId, [...(out.get(l.orderId) ?? []), l.id]);
  return out;
}

/** An export holds at most this many orders (the newest matching); the sheet says when there were more. */
export const EXPORT_LIMIT = 5000;

/** The filtered list as an .xlsx workbook (the same filters and visibility as the list). */
export async function exportOrders(ctx: AppContext, actor: Actor, input: OrderFilterInput): Promise<Buffer> {
  const { from, to, ...filters } = input;
  // an export: the read replica when there is one
  const rows = await listSummaries(readerOf(ctx), {
    ...filters,
    ...dayRange(from, to),
    actor,
    limit: EXPORT_LIMIT + 1,
  });
  const page = rows.slice(0, EXPORT_LIMIT).map((r) => toSummary(r));
  const extras = new Map(
    (
      await exportExtras(
        readerOf(ctx),
        actor.districtId,
        page.map((r) => r.id),
      )
    ).map((x) => [x.id, x]),
  );
  const handlerName = (h: string) => HANDLER_LABELS[h as HandlerKind] ?? h;
  const sheetRows = page.map((r) => {
    const x = extras.get(r.id);
    return {
      no: r.no,
      hotlineNo: r.hotlineNo ?? '',
      channel: CHANNEL_LABELS[r.channel],
      category: r.categoryName,
      title: r.title,
      community: r.communityName,
      compound: r.compoundName,
      building: x?.buildingName ?? '',
      handlers: (x?.handlers ?? '').split('、').filter(Boolean).map(handlerName).join('、'),
      status: STATUS_LABELS[r.status],
      overdue: r.isOverdue ? '是' : '',
      escalation: r.escalationLevel > 0 ? ESCALATION_LABELS[Math.min(r.escalationLevel, 2)] : '',
      dueAt: r.dueAt ? shanghaiDateTime(r.dueAt) : '',
      createdAt: shanghaiDateTime(r.createdAt),
      closedAt: x?.closedAt ? shanghaiDateTime(x.closedAt.toISOString()) : '',
      rating: r.rating ?? '',
    };
  });
  const sheets = [
    tableSheet<(typeof sheetRows)[number]>({
      name: '工单',
      columns: [
        { header: '工单号', key: 'no', width: 18 },
        { header: '12345 编号', key: 'hotlineNo', width: 16 },
        { header: '渠道', key: 'channel', width: 12 },
        { header: '分类', key: 'category', width: 16 },
        { header: '标题', key: 'title', width: 30 },
        { header: '社区', key: 'community', width: 14 },
        { header: '小区', key: 'compound', width: 16 },
        { header: '楼栋', key: 'building', width: 10 },
        { header: '承办单位', key: 'handlers', width: 24 },
        { header: '状态', key: 'status', width: 10 },
        { header: '超期', key: 'overdue', width: 6 },
        { header: '升级', key: 'escalation', width: 8 },
        { header: '当前时限', key: 'dueAt', width: 18 },
        { header: '登记时间', key: 'createdAt', width: 18 },
        { header: '办结时间', key: 'closedAt', width: 18 },
        { header: '评分', key: 'rating', width: 6 },
      ],
      rows: sheetRows,
    }),
  ];
  if (rows.length > EXPORT_LIMIT)
    sheets.push({
      kind: 'rows',
      name: '说明',
      rows: [[`仅导出最新的 ${EXPORT_LIMIT} 条；请缩小筛选范围后分批导出。`]],
    });
  return buildWorkbook(sheets);
}

const CHANNEL_LABELS: Record<Channel, string> = {
  resident: '居民上报',
  grid_patrol: '网格巡查',
  party_household: '党员联户',
  hotline_12345: '12345 热线',
  joint_meeting: '联席会议',
  station: '服务站',
};
const STATUS_LABELS: Record<OrderStatus, string> = {
  new: '待接单',
  accepted: '已接单',
  dispatched: '办理中',
  fulfilled: '待评价',
  closed: '已办结',
};
const ESCALATION_LABELS = ['', '街道', '区级'];
/** 2026-12-02 13:05 in Beijing time. */
const shanghaiDateTime = (isoString: string) =>
  new Date(new Date(isoString).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The order and its legs, or ORDER_NOT_FOUND. */
export async function loadOrder(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<{ order: Order; legs: Leg[] }> {
  const found = await findOrder(q, districtId, id, lock);
  if (!found) throw E.ORDER_NOT_FOUND();
  return found;
}

export async function getOrder(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ order: OrderDetail; can: OrderCan }> {
  const { order, legs } = await loadOrder(ctx.db, actor.districtId, id);
  assertCanSee(actor, order, legs);
  return detailOf(ctx, actor, order, legs);
}

async function detailOf(
  ctx: AppContext,
  actor: Actor,
  order: Order,
  legs: Leg[],
): Promise<{ order: OrderDetail; can: OrderCan }> {
  const d = actor.districtId;
  const summary = await summaryOf(ctx.db, d, order.id);
  const events = await eventsOf(ctx.db, d, order.id);
  const exts = await extensionsOf(ctx.db, d, order.id);
  const unitName = await workUnitNames(ctx.db, d, [
    ...new Set(legs.map((l) => l.workUnitId).filter((x): x is string => x !== null)),
  ]);
  const photos = await photoIdsOf(ctx.db, d, order.id);
  const files = await attachmentsOf(ctx.db, d, 'work_order', [order.id]);
  const filesOf = (part: string | null) =>
    files.filter((f) => f.part === part).map(({ recordId: _r, part: _p, ...a }) => a);
  const pendingExt = exts.some((e) => e.status === 'pending');
  const allowed = permissions(actor, order, legs, pendingExt);
  const signer = new Map(
    events.filter((e) => e.type === 'signed').map((e) => [String(e.data?.legId ?? ''), e.actorName] as const),
  );
  return {
    order: {
      ...toSummary(summary!, Date.now(), allowed.sign),
      description: order.description,
      address: order.address,
      reporterName: order.reporterName,
      reporterPhoneMasked: order.reporterPhoneMasked,
      photos: photos.map((p) => `/api/work-orders/${order.id}/photos/${p.id}`),
      attachments: filesOf(null),
      legs: legs.map((l) => {
        const ext = exts.filter((e) => e.legId === l.id).at(-1);
        return {
          id: l.id,
          handlerKind: l.handlerKind,
          workUnitId: l.workUnitId,
          handlerName: l.workUnitId ? (unitName.get(l.workUnitId) ?? l.workUnitId) : HANDLER_LABELS[l.handlerKind],
          status: l.status === 'open' && l.pausedAt ? 'paused' : l.status,
          dueAt: iso(l.dueAt),
          result: l.result,
          evidence: l.evidence,
          attachments: filesOf(l.id),
          fulfilledAt: iso(l.fulfilledAt),
          extension: ext ? { id: ext.id, days: ext.days, reason: ext.reason, status: ext.status } : null,
          signedAt: iso(l.signedAt),
          signedByName: l.signedAt ? (signer.get(l.id) ?? null) : null,
        };
      }),
      events: events.map((e) => ({
        id: e.id!,
        at: iso(e.at),
        actorName: e.actorName,
        actorRole: e.actorRole,
        type: e.type,
        note: e.note,
        data: e.data ?? null,
      })),
      supervised: order.isSupervised,
      closedAt: iso(order.closedAt),
      ratingComment: order.ratingComment,
      mergedInto: order.mergedInto,
    },
    can: allowed,
  };
}

export async function getPhoto(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  photoId: string,
): Promise<{ mime: string; data: Buffer }> {
  const { order, legs } = await loadOrder(ctx.db, actor.districtId, orderId);
  assertCanSee(actor, order, legs);
  const p = await findPhoto(ctx.db, actor.districtId, orderId, photoId);
  if (!p) throw E.PHOTO_NOT_FOUND();
  return { mime: p.mime, data: Buffer.from(p.dataBase64, 'base64') };
}
