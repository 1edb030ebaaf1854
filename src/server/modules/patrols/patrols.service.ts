import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { iso, shanghaiMinute } from '../../lib/time.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { attachmentsOf } from '../attachments/attachments.service.js';
import { writeAudit } from '../audit/audit.service.js';
import {
  LEDGER_MAX_MONTHS,
  type Finding,
  type FinishPatrolInput,
  type Ledger,
  type LedgerFilters,
  type PatrolDetail,
  type PatrolList,
  type PatrolListFilters,
  type StartPatrolInput,
} from '../../../shared/patrols.schema.js';
import { E } from './patrols.errors.js';
import {
  byPatrol,
  compoundsByIds,
  compoundsOf,
  findingsOf,
  finishPatrolRow,
  insertPatrol,
  ledgerRows,
  listPatrols as listRows,
  loadPatrol,
  openPatrolOf,
  lockPatrol,
  PATROL_COLS,
  type PatrolRow,
} from './patrols.repository.js';

/** 网格巡查: start a patrol over compounds of the worker's grid, read it, list them, finish it, the monthly ledger. */

/** The deepest org path holding every one of the paths (`d/s/c/x/` and `d/s/c/y/` → `d/s/c/`). */
function commonPath(paths: string[]): string {
  const parts = paths.map((p) => p.split('/').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0]![i]); i++) out.push(parts[0]![i]!);
  return out.length ? `${out.join('/')}/` : '';
}

export async function startPatrol(
  ctx: AppContext,
  actor: Actor,
  input: StartPatrolInput,
  ip?: string,
): Promise<PatrolDetail> {
  const d = actor.districtId;
  const ids = [...new Set(input.compoundIds)];
  const found = await compoundsByIds(ctx.db, d, ids);
  for (const id of ids) {
    const c = found.find((x) => x.id === id);
    // only compounds of the worker's own grid: a unit he may record patrols in
    const mine = c?.kind === 'compound' && canAccess(actor, 'patrol', { orgPath: c.path, workerUserId: actor.userId });
    if (!mine) throw E.PATROL_COMPOUND_INVALID({ id: c?.name ?? id });
  }
  const orgPath = commonPath(found.map((c) => c.path));
  requireAccess(actor, 'patrol', { orgPath, workerUserId: actor.userId }, 'record');
  const id = randomUUID();
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    // one patrol at a time: a second open one would split the round's findings between two records
    const open = await openPatrolOf(tx, d, actor.userId);
    if (open) throw E.PATROL_ALREADY_OPEN({ at: shanghaiMinute(new Date(open.startedAt)) });
    await insertPatrol(
      tx,
      {
        districtId: d,
        id,
        orgPath,
        workerUserId: actor.userId,
        workerName: actor.displayName,
        status: 'open',
        startedAt: now,
        routeNote: input.routeNote ?? '',
        startLocation: input.location ?? null,
      },
      ids,
    );
    await writeAudit(
      tx,
      actor,
      { action: 'patrol.start', entityType: 'patrol', entityId: id, detail: { compoundIds: ids } },
      ip,
    );
  });
  return getPatrol(ctx, actor, id);
}

export const finishedError = (endedAt: Date | string | null) =>
  E.PATROL_FINISHED({ at: endedAt ? shanghaiMinute(new Date(endedAt)) : '' });

export async function readable(ctx: AppContext, actor: Actor, id: string): Promise<PatrolRow> {
  const p = await loadPatrol(ctx.db, actor.districtId, id);
  if (!p) throw E.PATROL_NOT_FOUND();
  requireAccess(actor, 'patrol', p);
  return p;
}

/** The findings of some patrols (or one finding), with their photos and the orders they raised. */
export async function findingsFor(q: Queryable, districtId: string, where: Parameters<typeof findingsOf>[2]) {
  const rows = await findingsOf(q, districtId, where);
  const patrolFiles = await attachmentsOf(q, districtId, 'patrol', [...new Set(rows.map((r) => r.f.patrolId))]);
  const orderFiles = await attachmentsOf(
    q,
    districtId,
    'work_order',
    rows.flatMap((r) => (r.f.orderId ? [r.f.orderId] : [])),
  );
  const files = new Map([...patrolFiles, ...orderFiles].map((a) => [a.id, a]));
  return rows.map(({ f, ...x }): Finding => ({
    id: f.id,
    compoundId: f.compoundId,
    compoundName: x.compoundName,
    buildingId: f.buildingId,
    buildingName: x.buildingName,
    categoryId: f.categoryId,
    categoryName: x.categoryName,
    description: f.description,
    outcome: f.outcome,
    resolution: f.resolution,
    orderId: f.orderId,
    orderNo: x.orderNo,
    orderStatus: x.orderStatus,
    location: f.location,
    photos: f.photoIds.flatMap((pid) => {
      const a = files.get(pid);
      return a
        ? [{ id: a.id, name: a.name, mime: a.mime, size: a.size, url: a.url, thumbnailUrl: a.thumbnailUrl }]
        : [];
    }),
    createdAt: f.createdAt.toISOString(),
  }));
}

export async function getPatrol(ctx: AppContext, actor: Actor, id: string): Promise<PatrolDetail> {
  const p = await readable(ctx, actor, id);
  const d = actor.districtId;
  const compounds = (await compoundsOf(ctx.db, d, [id])).map((c) => ({ id: c.id, name: c.name }));
  const findingList = await findingsFor(ctx.db, d, byPatrol(id));
  return {
    id: p.id,
    workerName: p.workerName,
    compoundNames: compounds.map((c) => c.name),
    compounds,
    status: p.status,
    startedAt: p.startedAt.toISOString(),
    endedAt: iso(p.endedAt),
    routeNote: p.routeNote,
    startLocation: p.startLocation,
    endLocation: p.endLocation,
    findings: findingList.length,
    ordersRaised: findingList.filter((f) => f.orderId).length,
    findingList,
    canRecord: p.status === 'open' && canAccess(actor, 'patrol', p, 'record'),
  };
}

export async function finishPatrol(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: FinishPatrolInput,
  ip?: string,
): Promise<PatrolDetail> {
  const p = await readable(ctx, actor, id);
  requireAccess(actor, 'patrol', p, 'record');
  await ctx.db.transaction(async (tx) => {
    const locked = await lockPatrol(tx, actor.districtId, id);
    if (locked?.status !== 'open') throw finishedError(locked?.ended_at ?? null);
    await finishPatrolRow(tx, actor.districtId, id, {
      endedAt: new Date(),
      endLocation: input.location ?? null,
      ...(input.routeNote !== undefined ? { routeNote: input.routeNote } : {}),
    });
    await writeAudit(tx, actor, { action: 'patrol.finish', entityType: 'patrol', entityId: id, detail: {} }, ip);
  });
  return getPatrol(ctx, actor, id);
}

export async function listPatrols(ctx: AppContext, actor: Actor, f: PatrolListFilters): Promise<PatrolList> {
  const d = actor.districtId;
  const rows = await listRows(ctx.db, {
    districtId: d,
    scope: scopeWhere(actor, 'patrol', PATROL_COLS),
    month: f.month,
    compoundId: f.compoundId,
    status: f.status,
    workerUserId: f.mine === 'true' ? actor.userId : undefined,
    limit: f.limit,
    offset: f.offset,
  });
  const names = await compoundsOf(
    ctx.db,
    d,
    rows.map((r) => r.id),
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      workerName: r.worker_name,
      compoundNames: names.filter((n) => n.patrol_id === r.id).map((n) => n.name),
      status: r.status,
      startedAt: iso(r.started_at),
      endedAt: iso(r.ended_at),
      routeNote: r.route_note,
      findings: r.findings,
      ordersRaised: r.orders_raised,
    })),
  };
}

const monthsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};

export async function patrolLedger(ctx: AppContext, actor: Actor, q: LedgerFilters): Promise<Ledger> {
  const to = q.to ?? q.from;
  const n = monthsBetween(q.from, to);
  if (n < 1 || n > LEDGER_MAX_MONTHS) throw E.LEDGER_RANGE_INVALID({ max: LEDGER_MAX_MONTHS });
  const rows = await ledgerRows(ctx.db, actor.districtId, scopeWhere(actor, 'patrol', PATROL_COLS), q.from, to);
  const out = rows.map((r) => ({
    month: r.month,
    communityName: r.community_name,
    compoundId: r.compound_id,
    compoundName: r.compound_name,
    workers: r.workers,
    patrols: r.patrols,
    findings: r.findings,
    resolved: r.resolved,
    ordersRaised: r.orders_raised,
  }));
  const sum = (k: 'patrols' | 'findings' | 'resolved' | 'ordersRaised') => out.reduce((s, r) => s + r[k], 0);
  return {
    rows: out,
    totals: {
      patrols: sum('patrols'),
      findings: sum('findings'),
      resolved: sum('resolved'),
      ordersRaised: sum('ordersRaised'),
    },
  };
}

/** The ledger as a workbook: one line per compound and month, then the totals. */
export async function exportLedger(ctx: AppContext, actor: Actor, q: LedgerFilters): Promise<Buffer> {
  const ledger = await patrolLedger(ctx, actor, q);
  const rows = ledger.rows.map((r) => ({ ...r, workers: r.workers.join('、') }));
  rows.push({
    month: '合计',
    communityName: '',
    compoundId: '',
    compoundName: '',
    workers: '',
    ...ledger.totals,
  });
  return buildWorkbook([
    tableSheet({
      name: '巡查台账',
      columns: [
        { header: '月份', key: 'month', width: 10 },
        { header: '社区', key: 'communityName', width: 18 },
        { header: '小区（网格）', key: 'compoundName', width: 20 },
        { header: '网格员', key: 'workers', width: 20 },
        { header: '巡查次数', key: 'patrols', width: 10 },
        { header: '发现问题', key: 'findings', width: 10 },
        { header: '现场处理', key: 'resolved', width: 10 },
        { header: '转工单', key: 'ordersRaised', width: 10 },
      ],
      rows,
    }),
  ]);
}
