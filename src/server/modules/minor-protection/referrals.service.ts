import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Referral as ReferralView, ReferralInput } from '../../../shared/minor-protection.schema.js';
import { canRespond, referralView } from './case-view.js';
import { loadCase, recordEvent, writeCase, type CaseOp } from './case-write.js';
import { CaseState, MinorErrors as E, MinorErrorVariants as V } from './minor-protection.errors.js';
import { findConsent, type Case } from './repository/cases.repository.js';
import {
  findActiveAccount,
  findReferral,
  findWorkUnit,
  insertReferral,
  selectInboxReferralIds,
  selectReceivers,
  updateReferral,
  type Referral,
} from './repository/referrals.repository.js';

/** 转介: the caseworker refers (with consent or an audited override), the receiver acknowledges and reports. */

/** Sharing or referring requires a recorded guardian consent, or an override whose reason is recorded and audited. */
export function createReferral(ctx: AppContext, actor: Actor, op: CaseOp & { input: ReferralInput }) {
  const { id, input } = op;
  return writeCase(ctx, actor, {
    id,
    version: null,
    action: 'refer',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', CaseState.CLOSED_NO_REFERRAL);
    },
    apply: async (tx) => {
      const d = actor.districtId;
      let consentId: string | null = null;
      if (input.consentId) {
        const consent = await findConsent(tx, d, id, input.consentId);
        if (!consent || consent.withdrawnAt) throw E.CONSENT_INVALID();
        consentId = consent.id;
      } else if (!input.overrideReason || input.overrideReason.length < 5) {
        throw E.CONSENT_REQUIRED();
      }
      let receiverName = input.receiverName ?? '';
      let workUnitId: string | null = null;
      let receiverUserId: string | null = null;
      if (input.receiverKind === 'department') {
        if (!input.workUnitId) throw E.RECEIVER_REQUIRED();
        const u = await findWorkUnit(tx, d, input.workUnitId);
        if (!u) throw E.RECEIVER_NOT_FOUND();
        workUnitId = u.id;
        receiverName = u.name;
      } else if (input.receiverKind === 'organisation') {
        if (!input.receiverUserId) throw V.ORGANISATION_REQUIRED();
        const u = await findActiveAccount(tx, d, input.receiverUserId);
        if (!u || u.role !== 'social_org') throw V.ORGANISATION_NOT_FOUND();
        receiverUserId = u.id;
        receiverName = u.displayName;
      } else if (!receiverName) {
        throw V.VOLUNTEER_REQUIRED();
      }
      const referralId = randomUUID();
      const ackDueAt = addWorkingDays(new Date(), input.ackDays);
      await insertReferral(tx, {
        districtId: d,
        id: referralId,
        caseId: id,
        receiverKind: input.receiverKind,
        workUnitId,
        receiverUserId,
        receiverName,
        requestCipher: ctx.crypto.encrypt(input.request),
        consentId,
        overrideReasonCipher: consentId ? null : ctx.crypto.encrypt(input.overrideReason!),
        ackDueAt,
        createdBy: actor.userId,
      });
      const basis = consentId ? 'consent' : 'override';
      return {
        set: {},
        event: {
          type: 'referred',
          note: consentId ? null : `未经监护人同意转介，理由：${input.overrideReason}`,
          data: { referralId, receiverKind: input.receiverKind, receiverName, basis, ackDueAt: ackDueAt.toISOString() },
        },
        audit: {
          referralId,
          receiverKind: input.receiverKind,
          workUnitId,
          receiverUserId,
          basis,
          consentId,
          ...(consentId ? {} : { overrideReason: input.overrideReason }),
        },
        outbox: [
          {
            topic: 'minor.referral',
            payload: {
              referralId,
              receiverKind: input.receiverKind,
              workUnitId,
              receiverUserId,
              ackDueAt: ackDueAt.toISOString(),
            },
          },
        ],
      };
    },
  });
}

/** A referral and its file, or REFERRAL_NOT_FOUND. */
export async function loadReferral(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<{ r: Referral; c: Case }> {
  const r = await findReferral(q, districtId, id, lock);
  if (!r) throw E.REFERRAL_NOT_FOUND();
  return { r, c: await loadCase(q, districtId, r.caseId) };
}

export async function listReferralInbox(ctx: AppContext, actor: Actor): Promise<ReferralView[]> {
  const out: ReferralView[] = [];
  for (const id of await selectInboxReferralIds(ctx.db, actor)) {
    const { r, c } = await loadReferral(ctx.db, actor.districtId, id);
    if (canRespond(actor, r, c)) out.push(referralView(ctx, actor, { r, c, showContent: false }));
  }
  return out;
}

/** Where a caseworker may refer: the district's functional departments and the social organisations' accounts. */
export const listReferralReceivers = (ctx: AppContext, actor: Actor) => selectReceivers(ctx.db, actor.districtId);

type Response = { action: 'acknowledge'; report: null } | { action: 'report'; report: string };

async function respond(ctx: AppContext, actor: Actor, op: CaseOp & Response): Promise<ReferralView> {
  const { id, action, report } = op;
  const d = actor.districtId;
  await ctx.db.transaction(async (tx) => {
    const { r, c } = await loadReferral(tx, d, id, true);
    if (!canRespond(actor, r, c)) throw E.REFERRAL_FORBIDDEN();
    const now = new Date();
    if (action === 'acknowledge') {
      requireState(r.status === 'pending', CaseState.REFERRAL_ACKNOWLEDGED);
      await updateReferral(tx, d, id, { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.userId });
    } else {
      requireState(r.status !== 'reported', CaseState.REFERRAL_REPORTED);
      await updateReferral(tx, d, id, {
        status: 'reported',
        reportCipher: ctx.crypto.encrypt(report),
        reportedAt: now,
        acknowledgedAt: r.acknowledgedAt ?? now,
        acknowledgedBy: r.acknowledgedBy ?? actor.userId,
      });
    }
    await recordEvent(ctx, tx, {
      actor,
      districtId: d,
      caseId: c.id,
      type: action === 'acknowledge' ? 'referral_acknowledged' : 'referral_reported',
      note: report,
      data: { referralId: id, late: r.ackDueAt < now && !r.acknowledgedAt },
    });
    await writeAudit(
      tx,
      actor,
      { action: `minor_referral.${action}`, entityType: 'minor_referral', entityId: id, detail: { caseId: c.id } },
      op.ip,
    );
  });
  const { r, c } = await loadReferral(ctx.db, d, id);
  return referralView(ctx, actor, { r, c, showContent: false });
}

export const acknowledgeReferral = (ctx: AppContext, actor: Actor, op: CaseOp) =>
  respond(ctx, actor, { ...op, action: 'acknowledge', report: null });
export const reportReferral = (ctx: AppContext, actor: Actor, op: CaseOp & { report: string }) =>
  respond(ctx, actor, { ...op, action: 'report' });
