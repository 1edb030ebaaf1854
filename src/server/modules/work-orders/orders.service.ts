import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import type {
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
  listSummaries,
  photoIdsOf,
  summaryOf,
  workUnitNames,
  type Leg,
  type Order,
  type SummaryRow,
} from './repository/orders.repository.js';
import type { HandlerKind } from '../../../shared/work-orders.constants.js';

/** Reading orders: the lists by box, one order with its timeline, its photos. */
export const HANDLER_LABELS: Record<HandlerKind, string> = {
  community: '社区自办',
  property: '物业公司',
  owners_committee: '业委会（物管会）',
  department: '职能部门',
};

export function toSummary(r: SummaryRow, now = Date.now()): OrderSummary {
  const due = r.dueAt ? new Date(r.dueAt) : null;
  return {
    ...r,
    dueAt: iso(due),
    isOverdue: r.status !== 'closed' && due !== null && due.getTime() < now,
    createdAt: iso(r.createdAt),
  };
}

export async function listOrders(ctx: AppContext, actor: Actor, input: ListOrdersInput): Promise<OrderList> {
  const filter = {
    actor,
    box: input.box,
    q: input.q,
    compoundId: input.compoundId,
    before: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
  };
  // 待办 has its own page-first query (repository/inbox.repository.ts); the other boxes are the order list.
  const rows = input.box === 'inbox' ? await listInbox(ctx.db, filter) : await listSummaries(ctx.db, filter);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toSummary(r)),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(JSON.stringify([iso(last.createdAt), last.id])).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      !Number.isNaN(Date.parse(v[0]))
    )
      return [v[0], v[1]];
  } catch {
    /* fall through */
  }
  throw E.CURSOR_INVALID();
}

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
  const pendingExt = exts.some((e) => e.status === 'pending');
  return {
    order: {
      ...toSummary(summary!),
      description: order.description,
      address: order.address,
      reporterName: order.reporterName,
      reporterPhoneMasked: order.reporterPhoneMasked,
      photos: photos.map((p) => `/api/work-orders/${order.id}/photos/${p.id}`),
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
          fulfilledAt: iso(l.fulfilledAt),
          extension: ext ? { id: ext.id, days: ext.days, reason: ext.reason, status: ext.status } : null,
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
    can: permissions(actor, order, legs, pendingExt),
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
