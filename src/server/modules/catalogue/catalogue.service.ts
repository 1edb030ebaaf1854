import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertCanSee } from '../work-orders/work-orders.permissions.js';
import { loadOrder } from '../work-orders/orders.service.js';
import type {
  CatalogueHandler,
  CatalogueReply,
  CatalogueVersionDto,
  CatalogueVersionInput,
  DispatchSuggestion,
} from '../../../shared/catalogue.schema.js';
import { E } from './catalogue.errors.js';
import { catalogueEntryFor } from './catalogue.lookup.js';
import {
  catalogueMisses,
  categoryRows,
  departmentRows,
  entriesOf,
  insertVersion,
  listVersions,
  versionDateTaken,
  versionOn,
  type CatalogueEntryRow,
} from './catalogue.repository.js';

/** 派单目录: read the versions with their change log and misses, add a version, suggest a dispatch. */
const HANDLER_NAMES: Record<string, string> = {
  community: '社区',
  property: '物业服务企业',
  owners_committee: '业主委员会',
};
const DISTRICT_RECORD = { orgPath: '' };

async function namer(ctx: AppContext, districtId: string) {
  const [cats, depts] = await Promise.all([categoryRows(ctx.db, districtId), departmentRows(ctx.db, districtId)]);
  const cat = new Map(cats.map((c) => [c.id, c.name]));
  const dept = new Map(depts.map((d) => [d.id, d.name]));
  return {
    category: (id: string) => cat.get(id) ?? id,
    handler: (h: CatalogueHandler) =>
      h.handlerKind === 'department'
        ? (dept.get(h.workUnitId ?? '') ?? h.workUnitId ?? '')
        : HANDLER_NAMES[h.handlerKind]!,
    cats,
    dept,
  };
}

const sameEntry = (a: CatalogueEntryRow | undefined, b: CatalogueEntryRow) =>
  !!a && a.handleDays === b.handleDays && JSON.stringify(a.handlers) === JSON.stringify(b.handlers);

/** Every version, newest first, each with its entries, what changed against the one before, and misses. */
export async function getCatalogue(ctx: AppContext, actor: Actor, on?: string): Promise<CatalogueReply> {
  requireAccess(actor, 'catalogue', DISTRICT_RECORD);
  const d = actor.districtId;
  const all = await listVersions(ctx.db, d);
  const inForce = await versionOn(ctx.db, d, shanghaiDate(new Date()));
  const shown = on ? all.filter((v) => v.id === all.find((x) => x.effectiveFrom <= on)?.id) : all;
  const entries = await entriesOf(
    ctx.db,
    d,
    all.map((v) => v.id),
  );
  const misses = new Map((await catalogueMisses(ctx.db, d)).map((m) => [`${m.version_id}|${m.category_id}`, m.misses]));
  const names = await namer(ctx, d);
  const versions: CatalogueVersionDto[] = shown.map((v) => {
    const before = all[all.indexOf(v) + 1];
    const prev = new Map(entries.filter((e) => e.versionId === before?.id).map((e) => [e.categoryId, e]));
    return {
      id: v.id,
      effectiveFrom: v.effectiveFrom,
      reason: v.reason,
      createdByName: v.createdByName,
      createdAt: v.createdAt.toISOString(),
      inForce: v.id === inForce?.id,
      entries: entries
        .filter((e) => e.versionId === v.id)
        .map((e) => ({
          categoryId: e.categoryId,
          categoryName: names.category(e.categoryId),
          handlers: e.handlers,
          handlerNames: e.handlers.map(names.handler),
          handleDays: e.handleDays,
          misses: misses.get(`${v.id}|${e.categoryId}`) ?? 0,
          changed: !!before && !sameEntry(prev.get(e.categoryId), e),
        })),
    };
  });
  return { versions, canConfigure: can(actor, 'catalogue.configure') };
}

/**
 * Adds a version taking effect on a day from today on (never in the past: a dispatched order keeps the
 * version of its day). One transaction writes the version, its entries and the audit row (who and why).
 */
export async function createVersion(ctx: AppContext, actor: Actor, input: CatalogueVersionInput, ip?: string) {
  requireAccess(actor, 'catalogue', DISTRICT_RECORD, 'configure');
  const d = actor.districtId;
  const today = shanghaiDate(new Date());
  if (input.effectiveFrom < today) throw E.CATALOGUE_DATE_PAST({ today });
  const names = await namer(ctx, d);
  const seen = new Set<string>();
  for (const e of input.entries) {
    if (!names.cats.some((c) => c.id === e.categoryId)) throw E.CATALOGUE_CATEGORY_UNKNOWN({ id: e.categoryId });
    if (seen.has(e.categoryId)) throw E.CATALOGUE_CATEGORY_TWICE({ id: e.categoryId });
    seen.add(e.categoryId);
    for (const h of e.handlers) {
      const ok = h.handlerKind === 'department' ? names.dept.has(h.workUnitId ?? '') : h.workUnitId === null;
      if (!ok) throw E.CATALOGUE_UNIT_INVALID({ id: e.categoryId });
    }
  }
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    if (await versionDateTaken(tx, d, input.effectiveFrom)) throw E.CATALOGUE_DATE_TAKEN({ date: input.effectiveFrom });
    await insertVersion(
      tx,
      {
        districtId: d,
        id,
        effectiveFrom: input.effectiveFrom,
        reason: input.reason,
        createdBy: actor.userId,
        createdByName: actor.displayName,
      },
      input.entries.map((e) => ({ districtId: d, versionId: id, ...e })),
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'dispatch_catalogue.version',
        entityType: 'dispatch_catalogue_version',
        entityId: id,
        detail: { effectiveFrom: input.effectiveFrom, reason: input.reason, entries: input.entries.length },
      },
      ip,
    );
  });
  return (await getCatalogue(ctx, actor)).versions.find((v) => v.id === id)!;
}

/** What the catalogue in force today says for this order: the dispatch dialog pre-selects it. */
export async function dispatchSuggestion(ctx: AppContext, actor: Actor, orderId: string): Promise<DispatchSuggestion> {
  const { order, legs } = await loadOrder(ctx.db, actor.districtId, orderId);
  assertCanSee(actor, order, legs);
  const found = await catalogueEntryFor(ctx.db, actor.districtId, order.categoryId, new Date());
  if (!found) return { suggestion: null };
  const names = await namer(ctx, actor.districtId);
  return {
    suggestion: {
      versionId: found.version.id,
      effectiveFrom: found.version.effectiveFrom,
      categoryId: found.entry.categoryId,
      handlers: found.entry.handlers,
      handlerNames: found.entry.handlers.map(names.handler),
      handleDays: found.handleDays,
    },
  };
}
