import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { DEFAULT_PUBLICATION_GRACE_DAYS } from '../../../shared/property.constants.js';
import type {
  Overdue,
  Publication,
  PublicationInput,
  PublicationList,
  PublicPage,
  ReviewInput,
} from '../../../shared/property-publications.schema.js';
import { publicEvaluations } from './evaluation-results.service.js';
import { E, PE } from './property.errors.js';
import * as repo from './publications.repository.js';
import { currentCompanyOf, contractColumnsForScope } from './property.repository.js';

/**
 * 公示三专栏: the property company serving a compound enters a notice (maintenance record, quarterly income
 * and expenditure statement, fee standards); the compound's branch or owners' committee (through the
 * community) publishes it or returns it with a reason; the public page shows what is published, with its
 * history; a quarter's statement still unpublished N days after the quarter ended is overdue.
 */

const yuan = (cents: number) => (cents / 100).toFixed(2);
const strip = ({ orgPath: _o, ...rest }: repo.PublicationRow): Publication => rest;

async function compoundFor(ctx: AppContext, districtId: string, id: string) {
  const compound = await repo.publicCompound(ctx.db, districtId, id);
  if (!compound || compound.kind !== 'compound') throw E.COMPOUND_NOT_FOUND();
  return compound;
}

/** A statement's lines must sum to its declared totals; anything else is refused before a row is written. */
export function assertStatement(input: PublicationInput): void {
  if (input.column !== 'finance') return;
  if (!input.period || input.lines.length === 0 || input.incomeTotalCents == null || input.expenseTotalCents == null)
    throw PE.PERIOD_REQUIRED();
  for (const [kind, zh, total] of [
    ['income', '收入', input.incomeTotalCents],
    ['expense', '支出', input.expenseTotalCents],
  ] as const) {
    const sum = input.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountCents, 0);
    if (sum !== total) throw PE.STATEMENT_NOT_BALANCED({ kind: zh, sum: yuan(sum), total: yuan(total) });
  }
}

export async function listPublications(ctx: AppContext, actor: Actor, compoundId: string): Promise<PublicationList> {
  const d = actor.districtId;
  const compound = await compoundFor(ctx, d, compoundId);
  const current = await currentCompanyOf(ctx.db, d, compoundId);
  const asRecord = { orgPath: compound.path, companyId: current?.companyId ?? '' };
  // the compound itself: staff of its subtree, or the company serving it now
  requireAccess(actor, 'propertyContract', { orgPath: compound.path, companyId: current?.companyId ?? null });
  const scope = scopeWhere(actor, 'propertyPublication', repo.publicationScopeColumns);
  const rows = await repo.listPublications(ctx.db, d, compoundId, [scope]);
  return {
    compound: { id: compound.id, name: compound.name },
    items: rows.map(strip),
    canSubmit: current !== undefined && canAccess(actor, 'propertyPublication', asRecord, 'submit'),
    canReview: canAccess(actor, 'propertyPublication', asRecord, 'review'),
  };
}

export async function submitPublication(
  ctx: AppContext,
  actor: Actor,
  step: { compoundId: string; input: PublicationInput; ip?: string },
): Promise<Publication> {
  const { input } = step;
  const d = actor.districtId;
  const compound = await compoundFor(ctx, d, step.compoundId);
  const current = await currentCompanyOf(ctx.db, d, compound.id);
  if (!current) {
    requireAccess(actor, 'propertyPublication', { orgPath: compound.path, companyId: '' }, 'submit', {
      what: '该小区',
    });
    throw PE.NO_CONTRACT();
  }
  requireAccess(actor, 'propertyPublication', { orgPath: compound.path, companyId: current.companyId }, 'submit', {
    what: '该小区',
  });
  assertStatement(input);
  const isStatement = input.column === 'finance';
  const id = `PUB-${randomUUID()}`;
  await ctx.db.transaction(async (tx) => {
    await repo.insertPublication(tx, {
      districtId: d,
      id,
      compoundId: compound.id,
      orgPath: compound.path,
      companyId: current.companyId,
      column: input.column,
      title: input.title,
      period: input.period ?? null,
      content: input.content,
      lines: isStatement ? input.lines : [],
      incomeTotalCents: isStatement ? input.incomeTotalCents! : null,
      expenseTotalCents: isStatement ? input.expenseTotalCents! : null,
      submittedBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'property_publication.submit',
        entityType: 'property_publication',
        entityId: id,
        detail: { compoundId: compound.id, column: input.column, period: input.period ?? null },
      },
      step.ip,
    );
  });
  return strip((await repo.findPublication(ctx.db, d, id))!);
}

export async function reviewPublication(
  ctx: AppContext,
  actor: Actor,
  step: { id: string; input: ReviewInput; ip?: string },
): Promise<Publication> {
  const { input } = step;
  const d = actor.districtId;
  const row = await repo.findPublication(ctx.db, d, step.id);
  if (!row) throw PE.PUBLICATION_NOT_FOUND();
  requireAccess(actor, 'propertyPublication', row, 'review');
  if (row.status !== 'submitted') throw PE.NOT_SUBMITTED();
  const reason = input.reason?.trim() || null;
  if (input.decision === 'return' && !reason) throw PE.RETURN_REASON_REQUIRED();
  const status = input.decision === 'approve' ? 'published' : 'returned';
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.reviewPublication(
      tx,
      { districtId: d, id: row.id, version: input.version },
      { status, returnReason: status === 'returned' ? reason : null, reviewedBy: actor.userId },
    );
    if (!ok) throw PE.PUBLICATION_CHANGED();
    await writeAudit(
      tx,
      actor,
      {
        action: `property_publication.${input.decision}`,
        entityType: 'property_publication',
        entityId: row.id,
        detail: { status, reason },
      },
      step.ip,
    );
  });
  return strip((await repo.findPublication(ctx.db, d, row.id))!);
}

/** The public page (no login): published notices only, newest first — the company's name, never a person. */
export async function publicPage(ctx: AppContext, districtId: string, compoundId: string): Promise<PublicPage> {
  const compound = await compoundFor(ctx, districtId, compoundId);
  const rows = await repo.listPublications(ctx.db, districtId, compoundId, [repo.published]);
  return {
    compound: { id: compound.id, name: compound.name, communityName: compound.communityName },
    companyName: compound.companyName,
    items: rows.map((r) => ({
      id: r.id,
      column: r.column,
      title: r.title,
      period: r.period,
      content: r.content,
      lines: r.lines,
      incomeTotalCents: r.incomeTotalCents,
      expenseTotalCents: r.expenseTotalCents,
      publishedAt: r.publishedAt,
    })),
    evaluations: await publicEvaluations(ctx, districtId, compoundId),
  };
}

/** The last quarter that has ended on `today`, its last day, and the day its statement is due. */
export function lastQuarter(today: Date, graceDays: number): { period: string; endsOn: string; dueOn: string } {
  const y = today.getUTCFullYear();
  const q = Math.floor(today.getUTCMonth() / 3); // the current quarter, 0-based: the last ended one is q-1
  const [py, pq] = q === 0 ? [y - 1, 4] : [y, q];
  const end = new Date(Date.UTC(py, pq * 3, 0));
  const due = new Date(end.getTime() + graceDays * 86_400_000);
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { period: `${py}-Q${pq}`, endsOn: iso(end), dueOn: iso(due) };
}

export function graceDays(override?: number): number {
  const env = Number(process.env.LINLI_PUBLICATION_GRACE_DAYS);
  return override ?? (Number.isInteger(env) && env >= 0 ? env : DEFAULT_PUBLICATION_GRACE_DAYS);
}

/** Compounds of the caller's scope whose last quarter's statement is overdue (empty while still within the grace). */
export async function overdue(ctx: AppContext, actor: Actor, opts: { graceDays?: number; today?: Date } = {}) {
  const q = lastQuarter(opts.today ?? new Date(), graceDays(opts.graceDays));
  const today = (opts.today ?? new Date()).toISOString().slice(0, 10);
  const scope = scopeWhere(actor, 'propertyContract', contractColumnsForScope);
  const items =
    today > q.dueOn ? await repo.overdueStatements(ctx.db, actor.districtId, q.period, q.endsOn, scope) : [];
  return { period: q.period, dueOn: q.dueOn, items } satisfies Overdue;
}
