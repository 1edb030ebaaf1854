import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import type { SystemChecks } from '../../../shared/party-life.schema.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess } from '../access/access.records.js';
import { attachmentsOf, linkAttachments } from '../attachments/attachments.service.js';
import { writeAudit } from '../audit/audit.service.js';
import { branchRecord, requireBranch } from './activities.service.js';
import { E } from './party-life.errors.js';
import * as repo from './repository/records.repository.js';
import { effectiveSettings } from './settings.service.js';

/**
 * The branch's working systems (六项工作制度 — their names are the district's settings) as a yearly
 * checklist: the branch submits what it did (text and files) per system; the community committee above it
 * approves or returns it. Approved evidence is final; returned evidence may be submitted again.
 */
export async function listChecks(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; year: number },
): Promise<SystemChecks> {
  const b = await requireBranch(ctx.db, actor, input.id);
  const settings = await effectiveSettings(ctx.db, actor.districtId);
  const rows = await repo.checksOf(ctx.db, actor.districtId, b.id, input.year);
  const files = await attachmentsOf(
    ctx.db,
    actor.districtId,
    'party_check',
    rows.map((r) => r.id),
  );
  const items = settings.systems
    .filter((s) => !s.disabled)
    .map((s) => {
      const r = rows.find((x) => x.itemKey === s.key);
      return {
        itemKey: s.key,
        name: s.name,
        status: r?.status ?? ('pending' as const),
        evidence: r?.evidence ?? null,
        attachments: files.filter((f) => f.recordId === r?.id).map(({ recordId: _r, part: _p, ...f }) => f),
        reviewNote: r?.reviewNote ?? null,
        reviewedAt: r?.reviewedAt ? iso(r.reviewedAt) : null,
        version: r?.version ?? 0,
      };
    });
  return {
    year: input.year,
    items,
    done: items.filter((i) => i.status === 'approved').length,
    can: {
      run: canAccess(actor, 'branchLife', branchRecord(b), 'run'),
      review: canAccess(actor, 'branchLife', branchRecord(b), 'review'),
    },
  };
}

async function requireItem(ctx: AppContext, actor: Actor, key: string) {
  const settings = await effectiveSettings(ctx.db, actor.districtId);
  const item = settings.systems.find((s) => s.key === key);
  if (!item) throw E.SYSTEM_ITEM_UNKNOWN({ key });
  if (item.disabled) throw E.SYSTEM_ITEM_DISABLED({ name: item.name });
  return item;
}

export async function submitEvidence(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; itemKey: string; year: number; evidence: string; attachmentIds: string[] },
  ip?: string,
) {
  const item = await requireItem(ctx, actor, input.itemKey);
  await ctx.db.transaction(async (tx) => {
    const b = await requireBranch(tx, actor, input.id, 'run');
    const row = await repo.lockCheck(tx, actor.districtId, b.id, input.year, item.key);
    if (row?.status === 'approved') throw E.CHECK_APPROVED();
    const id = row?.id ?? randomUUID();
    if (row) await repo.updateCheck(tx, actor.districtId, id, { evidence: input.evidence, status: 'submitted' });
    else
      await repo.insertCheck(tx, {
        districtId: actor.districtId,
        id,
        partyOrgId: b.id,
        year: input.year,
        itemKey: item.key,
        evidence: input.evidence,
        status: 'submitted',
      });
    await linkAttachments(tx, actor, {
      ids: input.attachmentIds,
      purposes: ['party_check'],
      kind: 'party_check',
      recordId: id,
      ip,
    });
    const detail = { partyOrgId: b.id, year: input.year, itemKey: item.key };
    await writeAudit(tx, actor, { action: 'party_check.submit', entityType: 'party_check', entityId: id, detail }, ip);
  });
  return listChecks(ctx, actor, { id: input.id, year: input.year });
}

export async function reviewCheck(
  ctx: AppContext,
  actor: Actor,
  input: {
    id: string;
    itemKey: string;
    year: number;
    decision: 'approved' | 'returned';
    note?: string;
    version: number;
  },
  ip?: string,
) {
  const item = await requireItem(ctx, actor, input.itemKey);
  await ctx.db.transaction(async (tx) => {
    const b = await requireBranch(tx, actor, input.id, 'review');
    const row = await repo.lockCheck(tx, actor.districtId, b.id, input.year, item.key);
    if (!row || row.status !== 'submitted') throw E.CHECK_NOT_SUBMITTED();
    if (row.version !== input.version) throw E.CHECK_CHANGED();
    await repo.updateCheck(tx, actor.districtId, row.id, {
      status: input.decision,
      reviewNote: input.note ?? null,
      reviewedBy: actor.userId,
      reviewedAt: new Date(),
    });
    const detail = { partyOrgId: b.id, year: input.year, itemKey: item.key, decision: input.decision };
    await writeAudit(
      tx,
      actor,
      { action: 'party_check.review', entityType: 'party_check', entityId: row.id, detail },
      ip,
    );
  });
  return listChecks(ctx, actor, { id: input.id, year: input.year });
}
