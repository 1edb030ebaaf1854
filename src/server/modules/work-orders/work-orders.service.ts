import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import { decodeDataUrl } from '../../lib/uploads.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { addWorkingDays, shanghaiDate } from '../../lib/working-days.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { reportsOwnOrders } from '../access/work-orders.access.js';
import { auditInsertSql, writeAudit } from '../audit/audit.service.js';
import { escapeLike } from '../org/org.repository.js';
import { workUnits } from '../org/org.tables.js';
import type {
  CreateOrderInput,
  DispatchInput,
  ListOrdersInput,
  OrderCan,
  OrderDetail,
  OrderSummary,
} from './work-orders.schema.js';
import {
  idempotencyKeys,
  outbox,
  workOrderAttachments,
  workOrderCategories,
  workOrderEvents,
  workOrderExtensions,
  workOrderLegs,
  workOrders,
  type HandlerKind,
} from './work-orders.tables.js';

/**
 * The work-order engine: 小区接单 → 社区派单 → 部门兑单 → 居民评价 → 办结, with return, extension,
 * escalation, supervision, reopen and merge. Every transition is one transaction that locks the
 * order, checks its version, writes the timeline event, the audit row and any outbox reminder.
 */
type Order = typeof workOrders.$inferSelect;
type Leg = typeof workOrderLegs.$inferSelect;

export const CONFIRM_DAYS = 3;
export const REOPEN_WINDOW_DAYS = 7;
const HANDLER_LABELS: Record<HandlerKind, string> = {
  community: '社区自办',
  property: '物业公司',
  owners_committee: '业委会（物管会）',
  department: '职能部门',
};

// ───────────────────────── access (rules in access/work-orders.access.ts) ─────────────────────────

const ORDER_COLUMNS = {
  districtId: sql`o.district_id`,
  id: sql`o.id`,
  orgPath: sql`o.org_path`,
  reporterUserId: sql`o.reporter_user_id`,
};

/** Who sees an order: staff by subtree, a department through a leg assigned to it, a resident their own. */
export function visibilitySql(actor: Actor): SQL {
  return scopeWhere(actor, 'workOrder', ORDER_COLUMNS);
}

const orderRecord = (order: Order, legs: Leg[]) => ({
  orgPath: order.orgPath,
  reporterUserId: order.reporterUserId,
  legWorkUnitIds: legs.map((l) => l.workUnitId),
});
const legRecord = (order: Order, leg: Leg) => ({
  orgPath: order.orgPath,
  handlerKind: leg.handlerKind,
  workUnitId: leg.workUnitId,
  status: leg.status,
});

/** May this actor act on this leg (兑单, 退回, 申请延期)? */
const canWorkLeg = (actor: Actor, order: Order, leg: Leg) => canAccess(actor, 'leg', legRecord(order, leg), 'work');

function permissions(actor: Actor, order: Order, legs: Leg[], pendingExt: boolean): OrderCan {
  const rec = orderRecord(order, legs);
  const staffInScope = canAccess(actor, 'workOrder', rec, 'handle');
  const isReporter = canAccess(actor, 'workOrder', rec, 'report');
  const open = order.status !== 'closed';
  return {
    accept: order.status === 'new' && can(actor, 'orders.accept') && staffInScope,
    dispatch:
      (order.status === 'accepted' || order.status === 'dispatched') && can(actor, 'orders.dispatch') && staffInScope,
    fulfil: legs.filter((l) => canWorkLeg(actor, order, l)).map((l) => l.id),
    confirm: order.status === 'fulfilled' && can(actor, 'orders.confirm') && (isReporter || staffInScope),
    requestExtension: legs.filter((l) => canWorkLeg(actor, order, l) && !l.pausedAt).map((l) => l.id),
    decideExtension: pendingExt && can(actor, 'orders.dispatch') && staffInScope,
    escalate: open && order.escalationLevel < 2 && can(actor, 'orders.dispatch') && staffInScope,
    supervise: open && can(actor, 'orders.supervise') && staffInScope,
    merge: open && !!order.possibleDuplicateOf && can(actor, 'orders.dispatch') && staffInScope,
    reopen:
      order.status === 'closed' &&
      !order.mergedInto &&
      !!order.closedAt &&
      Date.now() - order.closedAt.getTime() < REOPEN_WINDOW_DAYS * 86400_000 &&
      (isReporter || (can(actor, 'orders.confirm') && staffInScope)),
  };
}

// ───────────────────────── reads ─────────────────────────

interface SummaryRow {
  id: string;
  no: string;
  hotline_no: string | null;
  channel: OrderSummary['channel'];
  category_name: string;
  title: string;
  compound_name: string;
  community_name: string;
  status: OrderSummary['status'];
  escalation_level: number;
  due_at: Date | null;
  created_at: Date;
  rating: number | null;
  possible_duplicate_of: string | null;
  version: number;
}

const SUMMARY_SELECT = sql`
  select o.id, o.no, o.hotline_no, o.channel, coalesce(c.name, o.category_id) as category_name, o.title, cp.name as compound_name,
    cm.name as community_name, o.status, o.escalation_level, o.due_at, o.created_at, o.rating, o.possible_duplicate_of, o.version
  from work_orders o
  left join work_order_categories c on c.district_id = o.district_id and c.id = o.category_id
  join org_units cp on cp.district_id = o.district_id and cp.id = o.compound_id
  join org_units cm on cm.district_id = cp.district_id and cm.id = cp.parent_id`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toSummary(r: SummaryRow, now = Date.now()): OrderSummary {
  const due = r.due_at ? new Date(r.due_at) : null;
  return {
    id: r.id,
    no: r.no,
    hotlineNo: r.hotline_no,
    channel: r.channel,
    categoryName: r.category_name,
    title: r.title,
    compoundName: r.compound_name,
    communityName: r.community_name,
    status: r.status,
    escalationLevel: r.escalation_level,
    dueAt: iso(due),
    isOverdue: r.status !== 'closed' && due !== null && due.getTime() < now,
    createdAt: iso(r.created_at)!,
    rating: r.rating,
    possibleDuplicateOf: r.possible_duplicate_of,
    version: r.version,
  };
}

function inboxSql(actor: Actor): SQL {
  switch (actor.role) {
    case 'grid_worker':
    case 'branch_secretary':
      return sql`o.status = 'new'`;
    case 'community_worker':
      return sql`(o.status in ('new', 'accepted', 'fulfilled')
        or exists (select 1 from work_order_extensions e where e.district_id = o.district_id and e.order_id = o.id and e.status = 'pending'))`;
    case 'department_staff':
      return sql`exists (select 1 from work_order_legs l where l.district_id = o.district_id and l.order_id = o.id and l.work_unit_id = ${actor.workUnitId ?? ''} and l.status = 'open')`;
    case 'street_staff':
      return sql`o.status <> 'closed' and (o.escalation_level >= 1 or o.is_supervised)`;
    case 'district_admin':
      return sql`o.status <> 'closed' and (o.escalation_level >= 2 or o.is_supervised)`;
    case 'resident':
      return sql`o.status = 'fulfilled'`;
    default:
      return sql`o.status <> 'closed'`;
  }
}

export async function listOrders(
  ctx: AppContext,
  actor: Actor,
  input: ListOrdersInput,
): Promise<{ items: OrderSummary[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`o.district_id = ${actor.districtId}`, visibilitySql(actor), sql`o.merged_into is null`];
  if (input.box === 'inbox') where.push(inboxSql(actor));
  else if (input.box === 'open') where.push(sql`o.status <> 'closed'`);
  else if (input.box === 'overdue') where.push(sql`o.status <> 'closed' and o.due_at < now()`);
  else if (input.box === 'closed') where.push(sql`o.status = 'closed'`);
  if (input.compoundId) where.push(sql`o.compound_id = ${input.compoundId}`);
  if (input.q)
    where.push(
      sql`(o.no = ${input.q} or o.hotline_no = ${input.q} or o.title like ${'%' + escapeLike(input.q) + '%'})`,
    );
  if (input.cursor) {
    const [createdAt, id] = decodeCursor(input.cursor);
    where.push(sql`(o.created_at, o.id) < (${createdAt}::timestamptz, ${id})`);
  }
  const rows = await queryRows<SummaryRow>(
    ctx.db,
    sql`${SUMMARY_SELECT} where ${sql.join(where, sql` and `)}
    order by o.created_at desc, o.id desc limit ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toSummary(r)),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(JSON.stringify([iso(last.created_at), last.id])).toString('base64url')
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
  throw badRequest('CURSOR_INVALID', '分页参数无效，请从第一页重新查询。');
}

async function loadOrder(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<{ order: Order; legs: Leg[] }> {
  const rows = lock
    ? await q
        .select()
        .from(workOrders)
        .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)))
        .for('update')
    : await q
        .select()
        .from(workOrders)
        .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)));
  const order = rows[0];
  if (!order) throw notFound('ORDER_NOT_FOUND', '找不到该工单，请核对工单号。');
  const legs = await q
    .select()
    .from(workOrderLegs)
    .where(and(eq(workOrderLegs.districtId, districtId), eq(workOrderLegs.orderId, id)))
    .orderBy(asc(workOrderLegs.createdAt), asc(workOrderLegs.id));
  return { order, legs };
}

function assertCanSee(actor: Actor, order: Order, legs: Leg[]): void {
  requireAccess(actor, 'workOrder', orderRecord(order, legs));
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
  const [summary] = await queryRows<SummaryRow>(
    ctx.db,
    sql`${SUMMARY_SELECT} where o.district_id = ${d} and o.id = ${order.id}`,
  );
  const events = await ctx.db
    .select()
    .from(workOrderEvents)
    .where(and(eq(workOrderEvents.districtId, d), eq(workOrderEvents.orderId, order.id)))
    .orderBy(asc(workOrderEvents.id));
  const exts = await ctx.db
    .select()
    .from(workOrderExtensions)
    .where(and(eq(workOrderExtensions.districtId, d), eq(workOrderExtensions.orderId, order.id)))
    .orderBy(asc(workOrderExtensions.createdAt));
  const unitIds = [...new Set(legs.map((l) => l.workUnitId).filter((x): x is string => x !== null))];
  const units = unitIds.length
    ? await ctx.db
        .select({ id: workUnits.id, name: workUnits.name })
        .from(workUnits)
        .where(and(eq(workUnits.districtId, d), inArray(workUnits.id, unitIds)))
    : [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const photos = await ctx.db
    .select({ id: workOrderAttachments.id })
    .from(workOrderAttachments)
    .where(and(eq(workOrderAttachments.districtId, d), eq(workOrderAttachments.orderId, order.id)));
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
        at: iso(e.at)!,
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
  const [p] = await ctx.db
    .select()
    .from(workOrderAttachments)
    .where(
      and(
        eq(workOrderAttachments.districtId, actor.districtId),
        eq(workOrderAttachments.orderId, orderId),
        eq(workOrderAttachments.id, photoId),
      ),
    );
  if (!p) throw notFound('PHOTO_NOT_FOUND', '找不到该照片。');
  return { mime: p.mime, data: Buffer.from(p.dataBase64, 'base64') };
}

// ───────────────────────── writes ─────────────────────────

const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

interface EventInput {
  type: string;
  note?: string | null;
  data?: Record<string, unknown>;
}

export async function recordEvents(
  tx: Tx,
  actor: Actor | null,
  districtId: string,
  orderId: string,
  events: EventInput[],
): Promise<number[]> {
  const name = actor ? actor.displayName : '系统';
  const ids: number[] = [];
  for (const e of events) {
    const [row] = await tx
      .insert(workOrderEvents)
      .values({
        districtId,
        orderId,
        actorUserId: actor?.userId ?? null,
        actorName: name,
        actorRole: actor?.role ?? 'system',
        type: e.type,
        note: e.note ?? null,
        data: e.data ?? null,
      })
      .returning({ id: workOrderEvents.id });
    ids.push(row!.id!);
  }
  return ids;
}

/** The nearest open deadline: the order's own stage deadline or an unpaused open leg's. */
function nearestDue(stageDueAt: Date | null, legs: Leg[]): Date | null {
  const dues = [stageDueAt, ...legs.filter((l) => l.status === 'open' && !l.pausedAt).map((l) => l.dueAt)].filter(
    (d): d is Date => d !== null,
  );
  return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
}

interface Transition {
  order: Partial<Order>;
  events: EventInput[];
  outbox?: { topic: string; payload: Record<string, unknown> }[];
}

/** Lock, authorise, check the version, apply, recompute the deadline, write events + audit + outbox — one transaction. */
async function transition(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number | null,
  action: string,
  apply: (tx: Tx, order: Order, legs: Leg[]) => Promise<Transition>,
  ip?: string,
): Promise<{ order: OrderDetail; can: OrderCan }> {
  await ctx.db.transaction(async (tx) => {
    const { order, legs } = await loadOrder(tx, actor.districtId, id, true);
    assertCanSee(actor, order, legs);
    if (version !== null && order.version !== version)
      throw conflict('VERSION_CONFLICT', '该工单已被他人处理，请刷新后再操作。');
    const t = await apply(tx, order, legs);
    const freshLegs = await tx
      .select()
      .from(workOrderLegs)
      .where(and(eq(workOrderLegs.districtId, actor.districtId), eq(workOrderLegs.orderId, id)));
    const stageDueAt = t.order.stageDueAt !== undefined ? t.order.stageDueAt : order.stageDueAt;
    await tx
      .update(workOrders)
      .set({
        ...t.order,
        dueAt: nearestDue(stageDueAt, freshLegs),
        version: sql`${workOrders.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(workOrders.districtId, actor.districtId), eq(workOrders.id, id)));
    await recordEvents(tx, actor, actor.districtId, id, t.events);
    for (const o of t.outbox ?? [])
      await tx
        .insert(outbox)
        .values({ districtId: actor.districtId, topic: o.topic, payload: { orderId: id, no: order.no, ...o.payload } });
    await writeAudit(
      tx,
      actor,
      {
        action: `work_order.${action}`,
        entityType: 'work_order',
        entityId: id,
        detail: { events: t.events.map((e) => e.type) },
      },
      ip,
    );
  });
  return getOrder(ctx, actor, id);
}

function requireState(ok: boolean, message: string): void {
  if (!ok) throw new AppError('conflict', 'ORDER_STATE_INVALID', message);
}

async function categoryOf(q: Queryable, districtId: string, id: string) {
  const [c] = await q
    .select()
    .from(workOrderCategories)
    .where(and(eq(workOrderCategories.districtId, districtId), eq(workOrderCategories.id, id)));
  return c;
}

/**
 * Reserve `count` order numbers for today (Asia/Shanghai) with one atomic upsert, in its own short
 * statement so concurrent creates never wait on each other's transactions. A failed create leaves a
 * gap in the sequence, which is acceptable for order numbers.
 */
export async function reserveOrderNumbers(q: Queryable, districtId: string, now: Date, count = 1): Promise<string[]> {
  const day = shanghaiDate(now).replaceAll('-', '');
  const [row] = await queryRows<{ last: number }>(
    q,
    sql`insert into order_number_counters (district_id, day, last) values (${districtId}, ${day}, ${count})
    on conflict (district_id, day) do update set last = order_number_counters.last + ${count} returning last`,
  );
  const first = row!.last - count + 1;
  return Array.from({ length: count }, (_, i) => `WO${day}${String(first + i).padStart(4, '0')}`);
}

function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

export async function createOrder(
  ctx: AppContext,
  actor: Actor,
  input: CreateOrderInput,
  idempotencyKey?: string,
  ip?: string,
): Promise<{ order: OrderDetail; can: OrderCan; replayed: boolean }> {
  const d = actor.districtId;
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{8,100}$/.test(idempotencyKey)) {
    throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 应为 8–100 位字母、数字、- 或 _（建议用 UUID）。');
  }
  const hash = requestHash(input);
  const replay = async (): Promise<string | null> => {
    if (!idempotencyKey) return null;
    const [k] = await ctx.db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.districtId, d),
          eq(idempotencyKeys.userId, actor.userId),
          eq(idempotencyKeys.key, idempotencyKey),
        ),
      );
    if (!k) return null;
    if (k.requestHash !== hash)
      throw conflict('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一份不同的诉求，请为新的提交生成新的 Key。');
    return k.resourceId;
  };
  if (input.channel === 'hotline_12345' && !input.hotlineNo)
    throw badRequest('HOTLINE_NO_REQUIRED', '12345 工单须填写 12345 工单编号。');
  // The bytes of each photo must be the image type it claims (lib/uploads.ts), before anything is written.
  const photos = await Promise.all(input.photos.map((p) => decodeDataUrl(p, PHOTO_TYPES)));

  // One statement reads the compound, its community, the category and the building, and reserves the
  // order number (its own short autocommit, so concurrent creates never wait on each other's
  // transactions; a refused request leaves a gap in the day's sequence, which is acceptable).
  const now = new Date();
  const day = shanghaiDate(now).replaceAll('-', '');
  const [found] = await queryRows<{
    id: string | null;
    kind: string | null;
    path: string | null;
    name: string | null;
    address: string | null;
    community_name: string | null;
    category_id: string | null;
    category_name: string | null;
    accept_days: number | null;
    building_compound_id: string | null;
    last: number;
  }>(
    ctx.db,
    sql`
    with n as (insert into order_number_counters (district_id, day, last) values (${d}, ${day}, 1)
      on conflict (district_id, day) do update set last = order_number_counters.last + 1 returning last)
    select c.id, c.kind, c.path, c.name, c.address, p.name as community_name,
      cat.id as category_id, cat.name as category_name, cat.accept_days,
      ${input.buildingId ? sql`(select b.compound_id from buildings b where b.district_id = ${d} and b.id = ${input.buildingId})` : sql`null::text`} as building_compound_id,
      n.last
    from n
    left join org_units c on c.district_id = ${d} and c.id = ${input.compoundId}
    left join org_units p on p.district_id = c.district_id and p.id = c.parent_id
    left join work_order_categories cat on cat.district_id = ${d} and cat.id = ${input.categoryId}`,
  );
  const compound = found!;
  if (!compound.id || compound.kind !== 'compound')
    throw notFound('COMPOUND_NOT_FOUND', '找不到该小区，请从列表中选择。');
  requireAccess(actor, 'orgUnit', { orgPath: compound.path! }, 'read', { what: '该小区' });
  if (!compound.category_id) throw badRequest('CATEGORY_NOT_FOUND', '诉求分类不存在，请从列表中选择。');
  if (input.buildingId && compound.building_compound_id !== compound.id)
    throw badRequest('BUILDING_NOT_IN_COMPOUND', '所选楼栋不属于该小区。');
  const category = { id: compound.category_id, name: compound.category_name!, acceptDays: compound.accept_days! };
  const orgPath = compound.path!;

  const id = randomUUID();
  const no = `WO${day}${String(compound.last).padStart(4, '0')}`;
  const stageDueAt = addWorkingDays(now, category.acceptDays);
  let possibleDuplicateOf: string | null = null;
  const photoIds: string[] = [];
  let createdEventId: number | undefined;
  const createdData = (dupe: string | null) => ({ channel: input.channel, possibleDuplicateOf: dupe });
  try {
    await ctx.db.transaction(async (tx) => {
      // 可能重复：同楼栋（无楼栋时同小区）、同分类、未办结 — looked up inside the insert itself.
      const [inserted] = await tx
        .insert(workOrders)
        .values({
          districtId: d,
          id,
          no,
          hotlineNo: input.hotlineNo ?? null,
          channel: input.channel,
          categoryId: category.id,
          title: input.title,
          description: input.description,
          compoundId: compound.id!,
          buildingId: input.buildingId ?? null,
          orgPath,
          address: compound.address,
          reporterName: input.reporterName ?? null,
          reporterPhoneCipher: input.reporterPhone ? ctx.crypto.encrypt(input.reporterPhone) : null,
          reporterPhoneMasked: input.reporterPhone ? maskPhone(input.reporterPhone) : null,
          reporterUserId: reportsOwnOrders(actor) ? actor.userId : null,
          status: 'new',
          stageDueAt,
          dueAt: stageDueAt,
          createdBy: actor.userId,
          createdAt: now,
          possibleDuplicateOf: sql`(select o.id from work_orders o where o.district_id = ${d} and o.status <> 'closed' and o.category_id = ${category.id}
          and o.compound_id = ${compound.id} and o.merged_into is null and ${input.buildingId ? sql`o.building_id = ${input.buildingId}` : sql`true`}
          order by o.created_at limit 1)`,
        })
        .returning({ possibleDuplicateOf: workOrders.possibleDuplicateOf });
      possibleDuplicateOf = inserted!.possibleDuplicateOf;
      for (const photo of photos) {
        const photoId = randomUUID();
        photoIds.push(photoId);
        await tx.insert(workOrderAttachments).values({
          districtId: d,
          id: photoId,
          orderId: id,
          mime: photo.mime,
          dataBase64: photo.data.toString('base64'),
        });
      }
      // Idempotency key, timeline event, reminder and audit row in one round trip (data-modifying CTE).
      // A repeated key fails here with a unique violation and the whole create rolls back.
      const [event] = await queryRows<{ id: number }>(
        tx,
        sql`
        with ${
          idempotencyKey
            ? sql`k as (insert into ${idempotencyKeys} (district_id, user_id, key, request_hash, resource_id)
          values (${d}, ${actor.userId}, ${idempotencyKey}, ${hash}, ${id})),`
            : sql``
        }
        e as (insert into ${workOrderEvents} (district_id, order_id, actor_user_id, actor_name, actor_role, type, note, data)
          values (${d}, ${id}, ${actor.userId}, ${actor.displayName}, ${actor.role}, 'created', ${input.title}, ${JSON.stringify(createdData(possibleDuplicateOf))}::jsonb)
          returning id),
        o as (insert into ${outbox} (district_id, topic, payload)
          values (${d}, 'order.to_accept', ${JSON.stringify({ orderId: id, no, compoundId: compound.id, dueAt: stageDueAt.toISOString() })}::jsonb)),
        a as (${auditInsertSql(actor, { action: 'work_order.create', entityType: 'work_order', entityId: id, detail: { no, channel: input.channel, categoryId: category.id } }, ip)})
        select id from e`,
      );
      createdEventId = Number(event!.id);
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (code !== '23505') throw err;
    const again = await replay(); // the key was used before (a retry, or a concurrent request that won the race)
    if (again) return { ...(await getOrder(ctx, actor, again)), replayed: true };
    throw err;
  }
  // The new order is known in full: answer without reading it back.
  const order: OrderDetail = {
    id,
    no,
    hotlineNo: input.hotlineNo ?? null,
    channel: input.channel,
    categoryName: category.name,
    title: input.title,
    compoundName: compound.name!,
    communityName: compound.community_name!,
    status: 'new',
    escalationLevel: 0,
    dueAt: stageDueAt.toISOString(),
    isOverdue: false,
    createdAt: now.toISOString(),
    rating: null,
    possibleDuplicateOf,
    version: 1,
    description: input.description,
    address: compound.address,
    reporterName: input.reporterName ?? null,
    reporterPhoneMasked: input.reporterPhone ? maskPhone(input.reporterPhone) : null,
    photos: photoIds.map((p) => `/api/work-orders/${id}/photos/${p}`),
    legs: [],
    events: [
      {
        id: createdEventId!,
        at: now.toISOString(),
        actorName: actor.displayName,
        actorRole: actor.role,
        type: 'created',
        note: input.title,
        data: { channel: input.channel, possibleDuplicateOf },
      },
    ],
    supervised: false,
    closedAt: null,
    ratingComment: null,
    mergedInto: null,
  };
  const stub = {
    status: 'new',
    possibleDuplicateOf,
    orgPath,
    reporterUserId: reportsOwnOrders(actor) ? actor.userId : null,
    escalationLevel: 0,
    mergedInto: null,
    closedAt: null,
  } as Order;
  return { order, can: permissions(actor, stub, [], false), replayed: false };
}

export function acceptOrder(ctx: AppContext, actor: Actor, id: string, version: number, note?: string, ip?: string) {
  return transition(
    ctx,
    actor,
    id,
    version,
    'accept',
    async (tx, order) => {
      requireState(order.status === 'new', '只有待接单的工单可以接单。');
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const stageDueAt = addWorkingDays(new Date(), category?.dispatchDays ?? 1);
      return {
        order: { status: 'accepted', stageDueAt },
        events: [{ type: 'accepted', note: note ?? null }],
        outbox: [{ topic: 'order.to_dispatch', payload: { dueAt: stageDueAt.toISOString() } }],
      };
    },
    ip,
  );
}

export function dispatchOrder(ctx: AppContext, actor: Actor, id: string, input: DispatchInput, ip?: string) {
  return transition(
    ctx,
    actor,
    id,
    input.version,
    'dispatch',
    async (tx, order, legs) => {
      requireState(order.status === 'accepted' || order.status === 'dispatched', '只有已接单的工单可以派单。');
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const now = new Date();
      const due = addWorkingDays(now, category?.handleDays ?? 5);
      const created: string[] = [];
      for (const leg of input.legs) {
        if (leg.handlerKind === 'department') {
          if (!leg.workUnitId) throw badRequest('DEPARTMENT_REQUIRED', '派给职能部门时须选择具体部门。');
          const [u] = await tx
            .select()
            .from(workUnits)
            .where(and(eq(workUnits.districtId, actor.districtId), eq(workUnits.id, leg.workUnitId)));
          if (!u) throw badRequest('DEPARTMENT_NOT_FOUND', '所选部门不存在。');
        }
        const workUnitId = leg.handlerKind === 'department' ? leg.workUnitId! : null;
        if (legs.some((l) => l.status === 'open' && l.handlerKind === leg.handlerKind && l.workUnitId === workUnitId)) {
          throw conflict('LEG_ALREADY_OPEN', '该承办方已有未办结的派单，无需重复派单。');
        }
        const legId = randomUUID();
        await tx.insert(workOrderLegs).values({
          districtId: actor.districtId,
          id: legId,
          orderId: id,
          handlerKind: leg.handlerKind,
          workUnitId,
          status: 'open',
          dueAt: due,
        });
        created.push(legId);
      }
      return {
        order: { status: 'dispatched', stageDueAt: null },
        events: [
          {
            type: legs.length ? 'reassigned' : 'dispatched',
            note: input.note ?? null,
            data: { legs: input.legs, dueAt: due.toISOString() },
          },
        ],
        outbox: input.legs.map((l) => ({
          topic: 'order.to_fulfil',
          payload: { handlerKind: l.handlerKind, workUnitId: l.workUnitId ?? null, dueAt: due.toISOString() },
        })),
      };
    },
    ip,
  );
}

function legOf(legs: Leg[], legId: string): Leg {
  const leg = legs.find((l) => l.id === legId);
  if (!leg) throw notFound('LEG_NOT_FOUND', '找不到该派单。');
  return leg;
}

export function fulfilLeg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  legId: string,
  result: string,
  evidence: string[],
  ip?: string,
) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'fulfil',
    async (tx, order, legs) => {
      const leg = legOf(legs, legId);
      requireAccess(actor, 'leg', legRecord(order, leg), 'work');
      requireState(!leg.pausedAt, '该派单的延期申请尚在审批中，审批后再办结。');
      const now = new Date();
      await tx
        .update(workOrderLegs)
        .set({ status: 'fulfilled', result, evidence, fulfilledAt: now })
        .where(and(eq(workOrderLegs.districtId, actor.districtId), eq(workOrderLegs.id, legId)));
      const stillOpen = legs.filter((l) => l.id !== legId && l.status === 'open');
      const done = stillOpen.length === 0;
      const stageDueAt = done ? addWorkingDays(now, CONFIRM_DAYS) : order.stageDueAt;
      return {
        order: done ? { status: 'fulfilled', stageDueAt } : {},
        events: [
          { type: 'fulfilled', note: result, data: { legId, evidence, late: leg.dueAt ? leg.dueAt < now : false } },
        ],
        outbox: done ? [{ topic: 'order.to_confirm', payload: { dueAt: stageDueAt!.toISOString() } }] : [],
      };
    },
    ip,
  );
}

export function returnLeg(ctx: AppContext, actor: Actor, id: string, legId: string, reason: string, ip?: string) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'return',
    async (tx, order, legs) => {
      const leg = legOf(legs, legId);
      requireAccess(actor, 'leg', legRecord(order, leg), 'work');
      await tx
        .update(workOrderLegs)
        .set({ status: 'returned', result: reason })
        .where(and(eq(workOrderLegs.districtId, actor.districtId), eq(workOrderLegs.id, legId)));
      const othersOpen = legs.some((l) => l.id !== legId && l.status === 'open');
      const othersFulfilled = legs.some((l) => l.id !== legId && l.status === 'fulfilled');
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const back = !othersOpen; // nothing left in progress: back to the community to dispatch again
      return {
        order: back ? { status: 'accepted', stageDueAt: addWorkingDays(new Date(), category?.dispatchDays ?? 1) } : {},
        events: [{ type: 'returned', note: reason, data: { legId, othersFulfilled } }],
        outbox: [{ topic: 'order.returned', payload: { legId, reason } }],
      };
    },
    ip,
  );
}

export function requestExtension(
  ctx: AppContext,
  actor: Actor,
  id: string,
  legId: string,
  days: number,
  reason: string,
  ip?: string,
) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'extension_request',
    async (tx, order, legs) => {
      const leg = legOf(legs, legId);
      requireAccess(actor, 'leg', legRecord(order, leg), 'work');
      requireState(!leg.pausedAt, '该派单已有待审批的延期申请。');
      const now = new Date();
      await tx.insert(workOrderExtensions).values({
        districtId: actor.districtId,
        id: randomUUID(),
        orderId: id,
        legId,
        days,
        reason,
        status: 'pending',
        requestedBy: actor.userId,
      });
      // the clock stops while the request waits for a decision
      await tx
        .update(workOrderLegs)
        .set({ pausedAt: now })
        .where(and(eq(workOrderLegs.districtId, actor.districtId), eq(workOrderLegs.id, legId)));
      return {
        order: {},
        events: [{ type: 'extension_requested', note: reason, data: { legId, days } }],
        outbox: [{ topic: 'order.extension_requested', payload: { legId, days } }],
      };
    },
    ip,
  );
}

export function decideExtension(
  ctx: AppContext,
  actor: Actor,
  id: string,
  legId: string,
  approve: boolean,
  note?: string,
  ip?: string,
) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'extension_decide',
    async (tx, order, legs) => {
      const leg = legOf(legs, legId);
      if (!(can(actor, 'orders.dispatch') && canAccess(actor, 'workOrder', orderRecord(order, legs), 'handle'))) {
        throw forbidden('EXTENSION_FORBIDDEN', '延期由社区或上级审批，您无权审批。');
      }
      const [ext] = await tx
        .select()
        .from(workOrderExtensions)
        .where(
          and(
            eq(workOrderExtensions.districtId, actor.districtId),
            eq(workOrderExtensions.legId, legId),
            eq(workOrderExtensions.status, 'pending'),
          ),
        );
      requireState(!!ext && !!leg.pausedAt, '该派单没有待审批的延期申请。');
      const now = new Date();
      const paused = now.getTime() - leg.pausedAt!.getTime();
      const resumed = new Date((leg.dueAt ?? now).getTime() + paused);
      const dueAt = approve ? addWorkingDays(resumed, ext!.days) : resumed;
      await tx
        .update(workOrderExtensions)
        .set({ status: approve ? 'approved' : 'rejected', decidedBy: actor.userId, decidedAt: now })
        .where(and(eq(workOrderExtensions.districtId, actor.districtId), eq(workOrderExtensions.id, ext!.id)));
      await tx
        .update(workOrderLegs)
        .set({ pausedAt: null, dueAt })
        .where(and(eq(workOrderLegs.districtId, actor.districtId), eq(workOrderLegs.id, legId)));
      return {
        order: {},
        events: [
          {
            type: 'extension_decided',
            note: note ?? null,
            data: { legId, approve, days: ext!.days, dueAt: dueAt.toISOString() },
          },
        ],
      };
    },
    ip,
  );
}

export function confirmOrder(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  rating: number,
  comment?: string,
  ip?: string,
) {
  return transition(
    ctx,
    actor,
    id,
    version,
    'confirm',
    async (_tx, order, legs) => {
      const p = permissions(actor, order, legs, false);
      if (!p.confirm) {
        requireState(order.status === 'fulfilled', '只有已办结待评价的工单可以评价。');
        throw forbidden('CONFIRM_FORBIDDEN', '只有诉求人或所在社区可以确认评价。');
      }
      const now = new Date();
      // on time = no deadline in the order's life was missed (the sweep marks missed ones)
      const onTime = order.escalatedForDueAt === null && !(order.dueAt && order.dueAt < now);
      return {
        order: {
          status: 'closed',
          rating,
          ratingComment: comment ?? null,
          closedAt: now,
          closedOnTime: onTime,
          stageDueAt: null,
        },
        events: [
          { type: 'confirmed', note: comment ?? null, data: { rating } },
          { type: 'closed', data: { onTime } },
        ],
      };
    },
    ip,
  );
}

export function escalateOrder(ctx: AppContext, actor: Actor, id: string, reason: string, ip?: string) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'escalate',
    async (_tx, order, legs) => {
      if (!permissions(actor, order, legs, false).escalate)
        throw forbidden('ESCALATE_FORBIDDEN', '该工单无法再上报（已办结或已到区级）。');
      const level = order.escalationLevel + 1;
      return {
        order: { escalationLevel: level },
        events: [
          {
            type: 'escalated',
            note: reason,
            data: { level, to: level === 1 ? 'street' : 'district', automatic: false },
          },
        ],
        outbox: [{ topic: 'order.escalated', payload: { level } }],
      };
    },
    ip,
  );
}

export function superviseOrder(ctx: AppContext, actor: Actor, id: string, note: string, ip?: string) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'supervise',
    async (_tx, order, legs) => {
      if (!permissions(actor, order, legs, false).supervise)
        throw forbidden('SUPERVISE_FORBIDDEN', '已办结的工单无需督办。');
      return {
        order: { isSupervised: true },
        events: [{ type: 'supervised', note }],
        outbox: [{ topic: 'order.supervised', payload: { note } }],
      };
    },
    ip,
  );
}

export function reopenOrder(ctx: AppContext, actor: Actor, id: string, reason: string, ip?: string) {
  return transition(
    ctx,
    actor,
    id,
    null,
    'reopen',
    async (tx, order, legs) => {
      if (!permissions(actor, order, legs, false).reopen) {
        throw forbidden('REOPEN_FORBIDDEN', `只有诉求人或所在社区可在办结后 ${REOPEN_WINDOW_DAYS} 天内重新打开工单。`);
      }
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      return {
        order: {
          status: 'accepted',
          closedAt: null,
          closedOnTime: null,
          rating: null,
          ratingComment: null,
          stageDueAt: addWorkingDays(new Date(), category?.dispatchDays ?? 1),
        },
        events: [{ type: 'reopened', note: reason, data: { previousRating: order.rating } }],
      };
    },
    ip,
  );
}

export async function mergeOrder(ctx: AppContext, actor: Actor, id: string, intoId: string, ip?: string) {
  if (id === intoId) throw badRequest('MERGE_SELF', '不能把工单合并到自身。');
  const target = await loadOrder(ctx.db, actor.districtId, intoId);
  assertCanSee(actor, target.order, target.legs);
  requireState(target.order.status !== 'closed', '目标工单已办结，不能合并进去。');
  return transition(
    ctx,
    actor,
    id,
    null,
    'merge',
    async (tx, order, legs) => {
      if (!permissions(actor, order, legs, false).dispatch && order.status !== 'new')
        throw forbidden('MERGE_FORBIDDEN', '只有社区可以合并工单。');
      if (!can(actor, 'orders.dispatch')) throw forbidden('MERGE_FORBIDDEN', '只有社区可以合并工单。');
      await recordEvents(tx, actor, actor.districtId, intoId, [
        { type: 'merged', note: `合并了工单 ${order.no}`, data: { from: id } },
      ]);
      return {
        order: { status: 'closed', mergedInto: intoId, closedAt: new Date(), stageDueAt: null },
        events: [{ type: 'merged', note: `并入工单 ${target.order.no}`, data: { into: intoId } }],
      };
    },
    ip,
  );
}

// ───────────────────────── overdue sweep ─────────────────────────

/**
 * Escalates every open order whose nearest deadline has passed, exactly once per deadline: the
 * conditional UPDATE marks the deadline it fired for, so a second sweep (another process, or after
 * a restart) finds nothing. Restart-safe: a deadline that fell due while the server was down is
 * caught by the first sweep after start.
 */
export async function sweepOverdue(ctx: AppContext, now = new Date()): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const fired = await queryRows<{
      district_id: string;
      id: string;
      no: string;
      escalation_level: number;
      due_at: Date;
    }>(
      tx,
      sql`
      update work_orders set escalation_level = least(escalation_level + 1, 2), escalated_for_due_at = due_at, version = version + 1, updated_at = now()
      where status <> 'closed' and due_at < ${now.toISOString()}::timestamptz
        and (escalated_for_due_at is null or escalated_for_due_at <> due_at)
      returning district_id, id, no, escalation_level, due_at`,
    );
    for (const o of fired) {
      await recordEvents(tx, null, o.district_id, o.id, [
        {
          type: 'escalated',
          note: '超过办理时限，系统自动上报',
          data: {
            level: o.escalation_level,
            to: o.escalation_level === 1 ? 'street' : 'district',
            automatic: true,
            dueAt: iso(o.due_at),
          },
        },
      ]);
      await tx.insert(outbox).values({
        districtId: o.district_id,
        topic: 'order.overdue',
        payload: { orderId: o.id, no: o.no, level: o.escalation_level },
      });
    }
    return fired.length;
  });
}
