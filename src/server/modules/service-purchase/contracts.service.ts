import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import type { ContractRecord } from '../access/service-purchase.access.js';
import type { ContractReply, ContractSummary, SignBody } from '../../../shared/service-purchase.schema.js';
import {
  contractRow,
  deliveryRows,
  insertMilestones,
  loadContract,
  milestoneRows,
  targetCommunities,
  visibleContractRows,
  type Contract,
  type ContractRow,
} from './repository/contracts.repository.js';
import { partiesOf } from './repository/scoring.repository.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S } from './service-purchase.errors.js';
import { purchaseContracts } from './service-purchase.tables.js';

/**
 * Service contracts (服务合同), one per awarded project, signed by the street (or township) it serves:
 * reading them, and the versioned write every contract step goes through.
 */

async function contractRecord(q: Queryable, c: Contract): Promise<ContractRecord> {
  const { orgAccountUserId } = await partiesOf(q, c.districtId, c.orgId, c.roundId);
  return { orgPath: c.orgPath, buyerName: c.buyerName, targetPaths: c.targetPaths, orgAccountUserId };
}

function contractSummary(r: ContractRow): ContractSummary {
  return {
    id: r.id,
    no: r.no,
    roundId: r.round_id,
    proposalId: r.proposal_id,
    title: r.title,
    orgName: r.org_name,
    buyerName: r.buyer_name,
    buyerKind: r.buyer_kind,
    amountCents: Number(r.amount_cents),
    releasedCents: Number(r.released_cents),
    status: r.status,
    signedAt: iso(r.signed_at),
    activities: r.activities,
    beneficiaries: r.beneficiaries,
    evaluationGrade: r.evaluation_grade,
    version: r.version,
  };
}

export async function listContracts(
  ctx: AppContext,
  actor: Actor,
  filter: { roundId?: string | undefined },
): Promise<ContractSummary[]> {
  return (await visibleContractRows(ctx.db, actor, filter.roundId)).map(contractSummary);
}

export async function getContract(ctx: AppContext, actor: Actor, id: string): Promise<ContractReply> {
  const d = actor.districtId;
  const c = await loadContract(ctx.db, d, id);
  const rec = await contractRecord(ctx.db, c);
  requireAccess(actor, 'contract', rec);
  const row = await contractRow(ctx.db, d, id);
  const milestones = await milestoneRows(ctx.db, d, id);
  const deliveries = await deliveryRows(ctx.db, d, id);
  const targets = await targetCommunities(ctx.db, d, c.proposalId);
  // Street staff manage the contracts their street / township signs; the organisation records delivery.
  const buyer = canAccess(actor, 'contract', rec, 'buy');
  const owner = canAccess(actor, 'contract', rec, 'deliver');
  return {
    contract: {
      ...contractSummary(row),
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      targetCommunities: targets,
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueOn: m.dueOn,
        trancheCents: m.trancheCents,
        status: m.status,
        evidence: m.evidence,
        reviewNote: m.reviewNote,
        releasedAt: iso(m.releasedAt),
      })),
      deliveries,
      evaluationScore: c.evaluationScore,
      evaluationComment: c.evaluationComment,
    },
    can: {
      sign: buyer && c.status === 'pending',
      review: buyer && c.status === 'signed' && milestones.some((m) => m.status === 'submitted'),
      evaluate:
        buyer && c.status === 'signed' && milestones.length > 0 && milestones.every((m) => m.status === 'accepted'),
      deliver: owner && c.status === 'signed',
    },
  };
}

export interface ContractWrite {
  id: string;
  /** The audit action, after `purchase.contract.`. */
  action: string;
  /** The buyer (street / township) signs, reviews and evaluates; the owner (the organisation) delivers. */
  who: 'buyer' | 'owner';
  expectedVersion?: number | null;
  /** Checks the state, writes the milestones or activities, and says what changes on the contract. */
  apply: (
    tx: Tx,
    c: Contract,
    now: Date,
  ) => Promise<{ set?: Partial<typeof purchaseContracts.$inferInsert>; detail: Record<string, unknown> }>;
}

/** One versioned step of a contract (lock → access → version → apply → bump → audit), answered with its detail. */
export async function contractWrite(ctx: AppContext, by: By, w: ContractWrite): Promise<ContractReply> {
  const { actor } = by;
  await versionedUpdate(ctx.db, {
    table: purchaseContracts,
    id: w.id,
    actor,
    ...(by.ip ? { ip: by.ip } : {}),
    expectedVersion: w.expectedVersion ?? null,
    load: async (tx) => {
      const c = await loadContract(tx, actor.districtId, w.id, true);
      requireAccess(actor, 'contract', await contractRecord(tx, c), w.who === 'buyer' ? 'buy' : 'deliver');
      return c;
    },
    conflict: S.sign.VERSION_CONFLICT,
    apply: async (tx, c, now) => {
      const { set, detail } = await w.apply(tx, c, now);
      return {
        set: set ?? null,
        audit: { action: `purchase.contract.${w.action}`, entityType: 'purchase_contract', entityId: w.id, detail },
      };
    },
  });
  return getContract(ctx, actor, w.id);
}

export async function signContract(
  ctx: AppContext,
  by: By,
  id: string,
  input: z.infer<typeof SignBody>,
): Promise<ContractReply> {
  return contractWrite(ctx, by, {
    id,
    action: 'sign',
    who: 'buyer',
    expectedVersion: input.version,
    apply: async (tx, c, now) => {
      requireState(c.status === 'pending', S.sign.CONTRACT_STATE_INVALID);
      if (input.periodEnd < input.periodStart) throw E.PERIOD_INVALID();
      const sum = input.milestones.reduce((s, m) => s + m.trancheCents, 0);
      if (sum !== c.amountCents)
        throw E.TRANCHES_MISMATCH({ sum: (sum / 100).toFixed(2), amount: (c.amountCents / 100).toFixed(2) });
      await insertMilestones(
        tx,
        input.milestones.map((m, i) => ({
          districtId: by.actor.districtId,
          id: randomUUID(),
          contractId: id,
          seq: i + 1,
          title: m.title,
          dueOn: m.dueOn,
          trancheCents: m.trancheCents,
          status: 'pending' as const,
        })),
      );
      return {
        set: { status: 'signed', signedAt: now, periodStart: input.periodStart, periodEnd: input.periodEnd },
        detail: { milestones: input.milestones.length, amountCents: c.amountCents },
      };
    },
  });
}
