import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/client.js';
import { shanghaiMinute } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import type { WhistleRecord } from '../access/whistles.access.js';
import { writeAudit } from '../audit/audit.service.js';
import { remind } from '../notifications/remind.js';
import { loadOrder } from '../work-orders/orders.service.js';
import { assertCanSee } from '../work-orders/work-orders.permissions.js';
import { recordEvents } from '../work-orders/work-orders.service.js';
import { DEFAULT_GRACE_MINUTES, type WhistleRating } from '../../../shared/whistles.constants.js';
import type { RateInput, Whistle, WhistleInput, WhistleList } from '../../../shared/whistles.schema.js';
import { attendanceOf, departmentFigures, onTimeUntil } from './whistles.compute.js';
import { E } from './whistles.errors.js';
import * as repo from './whistles.repository.js';
import { whistles } from './whistles.tables.js';

/** 吹哨报到: open a whistle, departments check in and record what they did, the whistler closes and rates. */
const RATING_WORDS: Record<WhistleRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};
const ATTENDANCE_WORDS = { on_time: '按时', late: '迟到', absent: '未到', pending: '待报到' } as const;

const recordOf = (w: repo.WhistleRow, summons: repo.SummonRow[]): WhistleRecord => ({
  orgPath: w.orgPath,
  ownerPath: w.ownerPath,
  ownerName: w.ownerName,
  departmentIds: summons.filter((s) => s.whistleId === w.id).map((s) => s.workUnitId),
});

async function toDtos(q: Queryable, actor: Actor, rows: repo.WhistleRow[]): Promise<Whistle[]> {
  const d = actor.districtId;
  const summons = await repo.summonsOf(
    q,
    d,
    rows.map((r) => r.id),
  );
  const names = await repo.namesFor(q, d, rows, summons);
  return rows.map((w) => {
    const mine = summons.filter((s) => s.whistleId === w.id);
    const rec = recordOf(w, mine);
    const own = mine.find((s) => s.workUnitId === actor.workUnitId);
    const open = w.status === 'open';
    const checks = canAccess(actor, 'whistle', rec, 'checkin');
    const manages = canAccess(actor, 'whistle', rec, 'manage');
    return {
      id: w.id,
      title: w.title,
      problem: w.problem,
      reason: w.reason,
      compoundId: w.compoundId,
      compoundName: names.compound.get(w.compoundId) ?? w.compoundId,
      orderId: w.orderId,
      orderNo: w.orderId ? (names.orderNo.get(w.orderId) ?? null) : null,
      ownerName: w.ownerName,
      onSiteAt: w.onSiteAt.toISOString(),
      graceMinutes: w.graceMinutes,
      onTimeUntil: onTimeUntil(w.onSiteAt, w.graceMinutes).toISOString(),
      status: w.status,
      openedByName: w.openedByName,
      openedAt: w.openedAt.toISOString(),
      closedByName: w.closedByName,
      closedAt: w.closedAt?.toISOString() ?? null,
      closeNote: w.closeNote,
      version: w.version,
      summons: mine.map((s) => ({
        departmentId: s.workUnitId,
        departmentName: names.department.get(s.workUnitId) ?? s.workUnitId,
        attendance: attendanceOf({ ...w, checkedInAt: s.checkedInAt }),
        checkedInAt: s.checkedInAt?.toISOString() ?? null,
        checkedInByName: s.checkedInByName,
        checkInNote: s.checkInNote,
        action: s.action,
        actionAt: s.actionAt?.toISOString() ?? null,
        rating: s.rating,
        ratingComment: s.ratingComment,
        ratedAt: s.ratedAt?.toISOString() ?? null,
      })),
      can: {
        checkIn: open && checks && !!own && !own.checkedInAt,
        report: open && checks && !!own?.checkedInAt,
        close: open && manages,
        rate: !open && manages && mine.some((s) => !s.rating),
      },
    };
  });
}

export async function getWhistle(ctx: AppContext, actor: Actor, id: string): Promise<Whistle> {
  const w = await repo.whistleById(ctx.db, actor.districtId, id);
  if (!w) throw E.WHISTLE_NOT_FOUND();
  requireAccess(actor, 'whistle', recordOf(w, await repo.summonsOf(ctx.db, actor.districtId, [id])));
  return (await toDtos(ctx.db, actor, [w]))[0]!;
}

export async function listWhistles(
  ctx: AppContext,
  actor: Actor,
  query: { status?: 'open' | 'closed'; month?: string },
): Promise<WhistleList> {
  const window = query.month ? monthBounds(query.month) : {};
  const scope = scopeWhere(actor, 'whistle', repo.whistleScopeColumns);
  const rows = await repo.listWhistles(ctx.db, actor.districtId, scope, { status: query.status, ...window });
  return { items: await toDtos(ctx.db, actor, rows), canBlow: can(actor, 'whistles.blow') };
}

export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: new Date(`${month}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`) };
}

/** Writes the whistle's step on the linked order's timeline, in words (the same transaction). */
async function onOrderTimeline(tx: Tx, actor: Actor, w: repo.WhistleRow, type: string, note: string) {
  if (!w.orderId) return;
  await recordEvents(tx, { actor, districtId: actor.districtId, orderId: w.orderId }, [
    { type, note, data: { whistleId: w.id } },
  ]);
}

/** 吹哨: the caller's street or community summons departments to a compound of its area at a future time. */
export async function openWhistle(ctx: AppContext, actor: Actor, input: WhistleInput, ip?: string): Promise<Whistle> {
  const d = actor.districtId;
  const now = new Date();
  const found = input.orderId ? await loadOrder(ctx.db, d, input.orderId).catch(() => null) : undefined;
  if (found === null) throw E.WHISTLE_ORDER_NOT_FOUND();
  if (found) assertCanSee(actor, found.order, found.legs);
  const placeId = input.compoundId ?? found?.order.compoundId;
  if (!placeId) throw E.WHISTLE_PLACE_REQUIRED();
  const compound = await repo.orgUnitById(ctx.db, d, placeId);
  if (!compound || compound.kind !== 'compound') throw E.WHISTLE_NOT_COMPOUND();
  if (found && found.order.compoundId !== compound.id) throw E.WHISTLE_ORDER_ELSEWHERE({ no: found.order.no });
  const owner = (await repo.orgUnitById(ctx.db, d, actor.orgUnitId))!;
  const rec: WhistleRecord = {
    orgPath: compound.path,
    ownerPath: actor.scopePath,
    ownerName: owner.name,
    departmentIds: input.departmentIds,
  };
  requireAccess(actor, 'whistle', rec, 'manage', { what: '该小区' });
  const onSiteAt = new Date(input.onSiteAt);
  if (onSiteAt <= now) throw E.WHISTLE_TIME_PAST({ at: shanghaiMinute(onSiteAt) });
  if (new Set(input.departmentIds).size !== input.departmentIds.length) throw E.WHISTLE_DEPARTMENT_TWICE();
  const depts = await repo.departmentsByIds(ctx.db, d, input.departmentIds);
  const missing = input.departmentIds.find((id) => !depts.some((x) => x.id === id));
  if (missing) throw E.WHISTLE_DEPARTMENT_UNKNOWN({ id: missing });
  const id = randomUUID();
  const row: typeof whistles.$inferInsert = {
    districtId: d,
    id,
    title: input.title,
    problem: input.problem,
    reason: input.reason,
    compoundId: compound.id,
    orgPath: compound.path,
    orderId: input.orderId ?? null,
    ownerUnitId: owner.id,
    ownerPath: actor.scopePath,
    ownerName: owner.name,
    onSiteAt,
    graceMinutes: input.graceMinutes ?? DEFAULT_GRACE_MINUTES,
    status: 'open',
    openedBy: actor.userId,
    openedByName: actor.displayName,
    openedAt: now,
  };
  const names = input.departmentIds.map((x) => depts.find((y) => y.id === x)!.name).join('、');
  await ctx.db.transaction(async (tx) => {
    await repo.insertWhistle(
      tx,
      row,
      input.departmentIds.map((workUnitId) => ({ districtId: d, whistleId: id, workUnitId })),
    );
    const note = `${owner.name}吹哨：${input.title}。召集 ${names} 于 ${shanghaiMinute(onSiteAt)} 到${compound.name}现场（${input.reason}）`;
    await onOrderTimeline(tx, actor, row as repo.WhistleRow, 'whistle_blown', note);
    const detail = { compoundId: compound.id, orderId: row.orderId, departments: input.departmentIds, onSiteAt };
    await writeAudit(tx, actor, { action: 'whistle.open', entityType: 'whistle', entityId: id, detail }, ip);
    await remind(tx, d, 'whistle.blown', {
      whistleId: id,
      title: input.title,
      dueAt: onSiteAt.toISOString(),
      departmentIds: input.departmentIds,
      orgPath: compound.path,
      ownerName: owner.name,
      compoundName: compound.name,
    });
  });
  return getWhistle(ctx, actor, id);
}

interface Step {
  ctx: AppContext;
  actor: Actor;
  id: string;
  version: number | null;
  ip?: string;
  action: string;
  apply: (tx: Tx, w: repo.WhistleRow, summons: repo.SummonRow[], now: Date) => Promise<Record<string, unknown>>;
  set?: (w: repo.WhistleRow, now: Date) => Partial<typeof whistles.$inferInsert> | null;
}

/** Every change of a whistle: lock → version → check → apply → bump → audit, in one transaction. */
async function step(s: Step): Promise<Whistle> {
  const d = s.actor.districtId;
  let set: Partial<typeof whistles.$inferInsert> | null = null;
  await versionedUpdate(s.ctx.db, {
    table: whistles,
    id: s.id,
    actor: s.actor,
    ip: s.ip,
    expectedVersion: s.version,
    conflict: () => E.WHISTLE_CHANGED(),
    load: async (tx) => {
      const w = await repo.lockWhistle(tx, d, s.id);
      if (!w) throw E.WHISTLE_NOT_FOUND();
      return w;
    },
    apply: async (tx, w, now) => {
      const summons = await repo.summonsOf(tx, d, [w.id]);
      const detail = await s.apply(tx, w, summons, now);
      set = s.set?.(w, now) ?? null;
      return { set, audit: { action: `whistle.${s.action}`, entityType: 'whistle', entityId: w.id, detail } };
    },
  });
  return getWhistle(s.ctx, s.actor, s.id);
}

const ownSummon = (actor: Actor, w: repo.WhistleRow, summons: repo.SummonRow[]) => {
  requireAccess(actor, 'whistle', recordOf(w, summons), 'checkin');
  return summons.find((x) => x.workUnitId === actor.workUnitId)!;
};
const requireOpen = (w: repo.WhistleRow) => {
  if (w.status !== 'open') throw E.WHISTLE_CLOSED({ at: shanghaiMinute(w.closedAt!) });
};

/** 报到: a summoned department checks in (server clock); on time up to the appointed time plus the grace. */
export function checkIn(ctx: AppContext, actor: Actor, id: string, input: { note?: string }, ip?: string) {
  return step({
    ctx,
    actor,
    id,
    version: null,
    ip,
    action: 'check_in',
    apply: async (tx, w, summons, now) => {
      const own = ownSummon(actor, w, summons);
      requireOpen(w);
      if (own.checkedInAt) throw E.WHISTLE_ALREADY_CHECKED_IN({ at: shanghaiMinute(own.checkedInAt) });
      await repo.updateSummon(tx, actor.districtId, w.id, own.workUnitId, {
        checkedInAt: now,
        checkedInBy: actor.userId,
        checkedInByName: actor.displayName,
        checkInNote: input.note || null,
      });
      const attendance = attendanceOf({ ...w, checkedInAt: now });
      const dept = (await repo.departmentsByIds(tx, actor.districtId, [own.workUnitId]))[0]?.name ?? own.workUnitId;
      const note = `${dept} 报到（${ATTENDANCE_WORDS[attendance]}，约定 ${shanghaiMinute(w.onSiteAt)}）${input.note ? `：${input.note}` : ''}`;
      await onOrderTimeline(tx, actor, w, 'whistle_checked_in', note);
      return { department: own.workUnitId, attendance };
    },
  });
}

/** The department records what it did on site (after checking in, while the whistle is open). */
export function reportAction(ctx: AppContext, actor: Actor, id: string, input: { action: string }, ip?: string) {
  return step({
    ctx,
    actor,
    id,
    version: null,
    ip,
    action: 'report',
    apply: async (tx, w, summons, now) => {
      const own = ownSummon(actor, w, summons);
      requireOpen(w);
      if (!own.checkedInAt) throw E.WHISTLE_NOT_CHECKED_IN();
      await repo.updateSummon(tx, actor.districtId, w.id, own.workUnitId, { action: input.action, actionAt: now });
      return { department: own.workUnitId };
    },
  });
}

/** The whistler closes it: departments that never checked in are absent from now on. */
export function closeWhistle(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { note: string; version: number },
  ip?: string,
) {
  return step({
    ctx,
    actor,
    id,
    version: input.version,
    ip,
    action: 'close',
    apply: async (tx, w, summons, now) => {
      requireAccess(actor, 'whistle', recordOf(w, summons), 'manage');
      requireOpen(w);
      const absent = summons.filter((s) => !s.checkedInAt).map((s) => s.workUnitId);
      await onOrderTimeline(tx, actor, w, 'whistle_closed', `吹哨事项结束：${input.note}`);
      return { note: input.note, absent, at: now };
    },
    set: (_w, now) => ({
      status: 'closed',
      closedAt: now,
      closedBy: actor.userId,
      closedByName: actor.displayName,
      closeNote: input.note,
    }),
  });
}

/** The whistler rates each summoned department's response, once, after the close. */
export function rateWhistle(ctx: AppContext, actor: Actor, id: string, input: RateInput, ip?: string) {
  return step({
    ctx,
    actor,
    id,
    version: input.version,
    ip,
    action: 'rate',
    apply: async (tx, w, summons, now) => {
      requireAccess(actor, 'whistle', recordOf(w, summons), 'manage');
      if (w.status !== 'closed') throw E.WHISTLE_NOT_CLOSED();
      const names = await repo.departmentsByIds(
        tx,
        actor.districtId,
        summons.map((s) => s.workUnitId),
      );
      const nameOf = (x: string) => names.find((n) => n.id === x)?.name ?? x;
      if (new Set(input.ratings.map((r) => r.departmentId)).size !== input.ratings.length)
        throw E.WHISTLE_DEPARTMENT_TWICE();
      const words: string[] = [];
      for (const r of input.ratings) {
        const s = summons.find((x) => x.workUnitId === r.departmentId);
        if (!s) throw E.WHISTLE_RATE_NOT_SUMMONED({ id: r.departmentId });
        if (s.rating) throw E.WHISTLE_ALREADY_RATED({ name: nameOf(r.departmentId) });
        await repo.updateSummon(tx, actor.districtId, w.id, r.departmentId, {
          rating: r.rating,
          ratingComment: r.comment || null,
          ratedAt: now,
        });
        words.push(`${nameOf(r.departmentId)}：${RATING_WORDS[r.rating]}`);
      }
      await onOrderTimeline(tx, actor, w, 'whistle_rated', `吹哨单位评价部门响应 — ${words.join('；')}`);
      return { ratings: input.ratings };
    },
  });
}

/** Each department's 吹哨报到 figures for a month as they stood at `asOf` (the assessment shows them). */
export async function whistleFigures(q: Queryable, districtId: string, month: string, asOf: Date) {
  const { start, end } = monthBounds(month);
  return departmentFigures(await repo.summonFacts(q, districtId, start, end, asOf), asOf);
}
