import { randomUUID } from 'node:crypto';
import { remind } from '../notifications/remind.js';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import type { ContractReply, DeliveryBody, EvaluateBody } from '../../../shared/service-purchase.schema.js';
import { contractWrite } from './contracts.service.js';
import {
  insertDelivery,
  lockMilestone,
  openMilestones,
  targetCommunityIds,
  updateMilestone,
} from './repository/contracts.repository.js';
import { gradeOf } from './scoring.rules.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S } from './service-purchase.errors.js';

/**
 * Delivering a signed contract: the organisation submits each milestone's evidence and records its
 * activities; the street accepts the evidence (which releases that tranche) and makes the final evaluation.
 */

export interface MilestoneRef {
  contractId: string;
  milestoneId: string;
}

export async function submitEvidence(
  ctx: AppContext,
  by: By,
  ref: MilestoneRef,
  evidence: string,
): Promise<ContractReply> {
  const d = by.actor.districtId;
  return contractWrite(ctx, by, {
    id: ref.contractId,
    action: 'evidence',
    who: 'owner',
    apply: async (tx, c, now) => {
      requireState(c.status === 'signed', S.notInDelivery.CONTRACT_STATE_INVALID);
      const m = await lockMilestone(tx, d, ref.contractId, ref.milestoneId);
      requireState(
        m.status === 'pending',
        m.status === 'submitted'
          ? S.evidenceSubmitted.MILESTONE_STATE_INVALID
          : S.milestoneAccepted.MILESTONE_STATE_INVALID,
      );
      await updateMilestone(tx, d, m.id, { status: 'submitted', evidence, evidenceAt: now });
      await remind(tx, d, 'purchase.tranche_to_review', {
        contractId: c.id,
        orgPath: c.orgPath,
        title: c.title,
        seq: m.seq,
      });
      return { detail: { milestoneId: ref.milestoneId } };
    },
  });
}

export async function reviewMilestone(
  ctx: AppContext,
  by: By,
  ref: MilestoneRef,
  input: { accept: boolean; note: string },
): Promise<ContractReply> {
  if (!input.accept && input.note.length < 2) throw S.review.REASON_REQUIRED();
  const { actor } = by;
  return contractWrite(ctx, by, {
    id: ref.contractId,
    action: 'review',
    who: 'buyer',
    apply: async (tx, c, now) => {
      requireState(c.status === 'signed', S.notInDelivery.CONTRACT_STATE_INVALID);
      const m = await lockMilestone(tx, actor.districtId, ref.contractId, ref.milestoneId);
      requireState(m.status === 'submitted', S.review.MILESTONE_STATE_INVALID);
      // Accepting the evidence releases the milestone's tranche in the same transaction.
      await updateMilestone(
        tx,
        actor.districtId,
        m.id,
        input.accept
          ? { status: 'accepted', reviewNote: input.note || null, reviewedBy: actor.userId, releasedAt: now }
          : { status: 'pending', reviewNote: input.note, reviewedBy: actor.userId },
      );
      return {
        detail: {
          milestoneId: ref.milestoneId,
          accept: input.accept,
          releasedCents: input.accept ? m.trancheCents : 0,
        },
      };
    },
  });
}

export async function recordDelivery(
  ctx: AppContext,
  by: By,
  id: string,
  input: z.infer<typeof DeliveryBody>,
): Promise<ContractReply> {
  const { actor } = by;
  return contractWrite(ctx, by, {
    id,
    action: 'delivery',
    who: 'owner',
    apply: async (tx, c) => {
      requireState(c.status === 'signed', S.deliveryNotInDelivery.CONTRACT_STATE_INVALID);
      const targets = await targetCommunityIds(tx, actor.districtId, c.proposalId);
      if (!targets.includes(input.communityId)) throw E.COMMUNITY_NOT_TARGETED();
      if (c.periodStart && input.heldOn < c.periodStart) throw E.DATE_BEFORE_PERIOD({ start: c.periodStart });
      const deliveryId = randomUUID();
      await insertDelivery(tx, {
        districtId: actor.districtId,
        id: deliveryId,
        contractId: id,
        communityId: input.communityId,
        heldOn: input.heldOn,
        title: input.title,
        beneficiaries: input.beneficiaries,
        note: input.note,
        recordedBy: actor.userId,
      });
      return { detail: { deliveryId, beneficiaries: input.beneficiaries } };
    },
  });
}

export async function evaluateContract(
  ctx: AppContext,
  by: By,
  id: string,
  input: z.infer<typeof EvaluateBody>,
): Promise<ContractReply> {
  return contractWrite(ctx, by, {
    id,
    action: 'evaluate',
    who: 'buyer',
    apply: async (tx, c, now) => {
      requireState(
        c.status === 'signed',
        c.status === 'completed' ? S.evaluated.CONTRACT_STATE_INVALID : S.unsigned.CONTRACT_STATE_INVALID,
      );
      const open = await openMilestones(tx, by.actor.districtId, id);
      requireState(open === 0, () => E.MILESTONES_OPEN({ count: open }));
      const grade = gradeOf(input.score);
      return {
        set: {
          status: 'completed',
          evaluationScore: input.score,
          evaluationGrade: grade,
          evaluationComment: input.comment,
          evaluatedAt: now,
        },
        detail: { score: input.score, grade },
      };
    },
  });
}
