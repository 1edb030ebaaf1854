import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiDateTime } from '../../lib/time.js';
import { decodeDataUrl, sanitizeFileName } from '../../lib/uploads.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { ATTACHMENT_MIMES } from '../../../shared/service-purchase.constants.js';
import type { CreateProposalInput, ProposalReply } from '../../../shared/service-purchase.schema.js';
import { myOrg } from './orgs.service.js';
import { getProposal, proposalRecord } from './proposals.service.js';
import { isAccepting } from './round-detail.service.js';
import {
  insertProposal,
  loadProposal,
  proposalCount,
  unitsByIds,
  updateProposal,
  type Proposal,
} from './repository/proposals.repository.js';
import { loadRound, markScreening, type Round } from './repository/rounds.repository.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S, targetsNotFound } from './service-purchase.errors.js';

/** A proposal's life before the scoring: submitted by its organisation, withdrawn before the deadline, screened after it. */

export async function submitProposal(
  ctx: AppContext,
  by: By,
  roundId: string,
  input: CreateProposalInput,
): Promise<ProposalReply> {
  const { actor } = by;
  const d = actor.districtId;
  const org = await myOrg(ctx, actor);
  if (!org) throw E.ORG_NOT_REGISTERED();
  const ids = [...new Set(input.targetCommunityIds)];
  const communities = await unitsByIds(ctx.db, d, ids);
  if (communities.length !== ids.length || communities.some((c) => c.kind !== 'community' && c.kind !== 'village'))
    throw targetsNotFound();
  const streets = new Set(communities.map((c) => c.parentId));
  if (streets.size !== 1) throw E.TARGETS_ACROSS_STREETS();
  const budgetCents = input.budgetLines.reduce((s, l) => s + l.amountCents, 0);
  if (budgetCents <= 0) throw E.BUDGET_EMPTY();
  // Each attachment's bytes must be the type it claims; names lose paths and control characters.
  const attachments = await Promise.all(
    input.attachments.map(async (a) => {
      const { mime, data } = await decodeDataUrl(a.dataUrl, ATTACHMENT_MIMES);
      return { id: randomUUID(), name: sanitizeFileName(a.name, mime), mime, dataBase64: data.toString('base64') };
    }),
  );
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const r = await loadRound(tx, d, roundId, true);
    requireAccess(actor, 'round', r);
    requireState(isAccepting(r), () =>
      r.status === 'open'
        ? S.submitAfterDeadline.CALL_CLOSED({ deadline: shanghaiDateTime(r.deadlineAt) })
        : S.submitNotOpen.CALL_CLOSED(),
    );
    const n = await proposalCount(tx, d, roundId);
    await insertProposal(
      tx,
      {
        districtId: d,
        id,
        roundId,
        orgId: org.id,
        no: `P${String(n + 1).padStart(4, '0')}`,
        title: input.title,
        summary: input.summary,
        category: input.category,
        team: input.team,
        budgetLines: input.budgetLines,
        budgetCents,
        pastDelivery: input.pastDelivery,
        streetId: [...streets][0]!,
        targetCommunityIds: ids,
        targetPaths: ids.map((x) => communities.find((c) => c.id === x)!.path),
        status: 'submitted',
        submittedAt: new Date(),
      },
      attachments,
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'purchase.proposal.submit',
        entityType: 'purchase_proposal',
        entityId: id,
        detail: { roundId, title: input.title, budgetCents },
      },
      by.ip,
    );
  });
  return getProposal(ctx, actor, id);
}

export interface ProposalWrite {
  id: string;
  /** The audit action, after `purchase.proposal.`. */
  action: string;
  /** Only the applying organisation (`own`), or anyone who may read it and holds the route's ability. */
  ownerOnly?: boolean;
  /** Checks the state, writes, and returns the audit detail. */
  apply: (tx: Tx, p: Proposal, r: Round, now: Date) => Promise<Record<string, unknown>>;
}

/** One step on a proposal: lock it, check access, apply, audit; answered with the proposal's detail. */
export async function proposalWrite(ctx: AppContext, by: By, w: ProposalWrite): Promise<ProposalReply> {
  const { actor } = by;
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor.districtId, w.id, true);
    requireAccess(actor, 'proposal', await proposalRecord(tx, p), w.ownerOnly ? 'own' : 'read');
    const r = await loadRound(tx, actor.districtId, p.roundId);
    const detail = await w.apply(tx, p, r, new Date());
    await writeAudit(
      tx,
      actor,
      { action: `purchase.proposal.${w.action}`, entityType: 'purchase_proposal', entityId: w.id, detail },
      by.ip,
    );
  });
  return getProposal(ctx, actor, w.id);
}

export async function withdrawProposal(ctx: AppContext, by: By, id: string): Promise<ProposalReply> {
  return proposalWrite(ctx, by, {
    id,
    action: 'withdraw',
    ownerOnly: true,
    apply: async (tx, p, r, now) => {
      requireState(p.status === 'submitted', S.withdraw.PROPOSAL_STATE_INVALID);
      requireState(isAccepting(r, now), () => S.withdraw.CALL_CLOSED({ deadline: shanghaiDateTime(r.deadlineAt) }));
      await updateProposal(tx, by.actor.districtId, id, { status: 'withdrawn', withdrawnAt: now });
      return {};
    },
  });
}

export async function screenProposal(
  ctx: AppContext,
  by: By,
  id: string,
  input: { pass: boolean; reason: string },
): Promise<ProposalReply> {
  if (!input.pass && input.reason.trim().length < 2) throw S.screen.REASON_REQUIRED();
  return proposalWrite(ctx, by, {
    id,
    action: 'screen',
    apply: async (tx, p, r, now) => {
      requireState(p.status === 'submitted', S.screen.PROPOSAL_STATE_INVALID);
      requireState(r.status === 'open' || r.status === 'screening', S.screen.ROUND_STATE_INVALID);
      requireState(now >= r.deadlineAt, () =>
        S.screen.DEADLINE_NOT_REACHED({ deadline: shanghaiDateTime(r.deadlineAt) }),
      );
      await updateProposal(tx, by.actor.districtId, id, {
        screening: input.pass ? 'pass' : 'fail',
        screeningReason: input.reason.trim() || null,
        screenedAt: now,
      });
      if (r.status === 'open') await markScreening(tx, by.actor.districtId, r.id, now);
      return { pass: input.pass, reason: input.reason, previous: p.screening };
    },
  });
}
