import type { AppContext } from '../../context.js';
import { iso, shanghaiDate } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess } from '../access/access.records.js';
import { attachmentsOf } from '../attachments/attachments.service.js';
import { inSubtree } from '../access/access.scope.js';
import type {
  CaseResponse,
  CaseSummary,
  Guardian,
  Referral as ReferralView,
} from '../../../shared/minor-protection.schema.js';
import { ageBand, MASKED_CHILD_NAME } from './minor-protection.policy.js';
import { selectCaseParts, selectCaseRow, type Case, type CaseRow } from './repository/cases.repository.js';
import type { Referral } from './repository/referrals.repository.js';

/**
 * What a file shows its caller: identity fields only with identity access (the one rule in
 * access/minor-protection.access.ts, kind `minorCase`, action `identity`), the rest masked.
 */
type CaseAccessFields = Pick<Case, 'orgPath' | 'workerUserId' | 'status'>;

export const canSeeIdentity = (actor: Actor, c: CaseAccessFields) => canAccess(actor, 'minorCase', c, 'identity');

interface Plan {
  goals: { text: string; done: boolean }[];
}
interface Assessment {
  notes: string | null;
}

export function toSummary(ctx: AppContext, actor: Actor, r: CaseRow, now = new Date()): CaseSummary {
  const identityVisible = canSeeIdentity(actor, {
    orgPath: r.org_path,
    workerUserId: r.worker_user_id,
    status: r.status,
  });
  const due = r.next_visit_due;
  const age = now.getUTCFullYear() - r.birth_year;
  return {
    id: r.id,
    caseNo: r.case_no,
    identityVisible,
    name: identityVisible ? ctx.crypto.decrypt(r.name_cipher) : null,
    nameMasked: MASKED_CHILD_NAME,
    gender: r.gender,
    age: identityVisible ? age : null,
    ageBand: ageBand(age),
    streetName: r.street_name,
    communityName: identityVisible || inSubtree(actor, r.community_path) ? r.community_name : null,
    categories: r.categories,
    riskLevel: r.risk_level,
    status: r.status,
    workerName: r.worker_name,
    openedOn: r.opened_on,
    lastVisitOn: r.last_visit_on,
    nextVisitDue: due,
    isVisitOverdue: r.status !== 'closed' && due !== null && due < shanghaiDate(now),
    isEscalated: r.status !== 'closed' && due !== null && r.escalated_for_due === due,
    version: r.version,
  };
}

function decryptJson<T>(ctx: AppContext, cipher: string | null, fallback: T): T {
  return cipher ? (JSON.parse(ctx.crypto.decrypt(cipher)) as T) : fallback;
}

const referralRecord = (r: Referral, c: CaseAccessFields) => ({
  receiverKind: r.receiverKind,
  workUnitId: r.workUnitId,
  receiverUserId: r.receiverUserId,
  case: c,
});
/** The receiver of a referral: the department it went to, the organisation's account, or for a volunteer the case's own worker. */
export function canRespond(actor: Actor, r: Referral, c: CaseAccessFields): boolean {
  return canAccess(actor, 'referral', referralRecord(r, c), 'respond');
}

export interface ReferralShown {
  r: Referral;
  /** The referral's file. */
  c: Pick<Case, 'caseNo' | 'nameMasked'> & CaseAccessFields;
  /** Request and report shown (they are also shown to whoever may respond). */
  showContent: boolean;
}

export function referralView(ctx: AppContext, actor: Actor, v: ReferralShown, now = Date.now()): ReferralView {
  const { r, c, showContent } = v;
  const respond = canRespond(actor, r, c);
  const content = showContent || respond;
  return {
    id: r.id,
    caseId: r.caseId,
    caseNo: c.caseNo,
    childMasked: MASKED_CHILD_NAME,
    receiverKind: r.receiverKind,
    receiverName: r.receiverName,
    status: r.status,
    basis: r.consentId ? 'consent' : 'override',
    request: content ? ctx.crypto.decrypt(r.requestCipher) : null,
    report: content && r.reportCipher ? ctx.crypto.decrypt(r.reportCipher) : null,
    ackDueAt: iso(r.ackDueAt),
    isAckOverdue: r.status === 'pending' && r.ackDueAt.getTime() < now,
    acknowledgedAt: iso(r.acknowledgedAt),
    reportedAt: iso(r.reportedAt),
    createdAt: iso(r.createdAt),
    canRespond: respond && r.status !== 'reported',
  };
}

/** The whole file as its caller may see it, and what the caller may do with it. */
export async function detailOf(ctx: AppContext, actor: Actor, c: Case): Promise<CaseResponse> {
  const d = actor.districtId;
  const row = await selectCaseRow(ctx.db, d, c.id);
  const summary = toSummary(ctx, actor, row!);
  const full = summary.identityVisible;
  const { services, consents, referrals, events } = await selectCaseParts(ctx.db, d, c.id, full);
  // a file's name may itself name the child: the list, like the files, only with identity access
  const materials = full ? await attachmentsOf(ctx.db, d, 'minor_case', [c.id]) : [];
  const counts: Record<string, number> = {};
  for (const s of services) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  const work = canAccess(actor, 'minorCase', c, 'work');
  const approve = canAccess(actor, 'minorCase', c, 'approve');
  return {
    case: {
      ...summary,
      needs: c.needs,
      identity: full
        ? {
            name: summary.name!,
            idMasked: c.idMasked,
            address: c.addressCipher ? ctx.crypto.decrypt(c.addressCipher) : null,
            guardians: decryptJson<Guardian[]>(ctx, c.guardiansCipher, []),
            health: c.healthCipher ? ctx.crypto.decrypt(c.healthCipher) : null,
            assessmentNotes: decryptJson<Assessment>(ctx, c.assessmentCipher, { notes: null }).notes,
            planGoals: decryptJson<Plan>(ctx, c.planCipher, { goals: [] }).goals,
          }
        : null,
      services: services.map((s) => ({
        id: s.id,
        kind: s.kind,
        servedOn: s.servedOn,
        workerName: s.workerName,
        outcome: full ? ctx.crypto.decrypt(s.outcomeCipher) : null,
        visit: full && s.visitCipher ? decryptJson(ctx, s.visitCipher, null) : null,
        safetyConcern: s.safetyConcern,
      })),
      consents: consents.map((x) => ({
        id: x.id,
        guardian: ctx.crypto.decrypt(x.guardianCipher),
        givenOn: x.givenOn,
        scope: ctx.crypto.decrypt(x.scopeCipher),
        withdrawn: x.withdrawnAt !== null,
      })),
      referrals: referrals.map((r) => referralView(ctx, actor, { r, c, showContent: full })),
      events: events.map((e) => ({
        id: e.id!,
        at: iso(e.at),
        actorName: e.actorName,
        type: e.type,
        note: full && e.noteCipher ? ctx.crypto.decrypt(e.noteCipher) : null,
        data: e.data ?? null,
      })),
      serviceCounts: counts,
      materials: materials.map(({ recordId: _r, part: _p, ...f }) => f),
    },
    can: {
      work: work && c.status !== 'closed',
      approve,
      requestClosure: work && c.status === 'open',
      decideClosure: approve && c.status === 'closure_requested',
      reopen: approve && c.status === 'closed',
      assign: approve && c.status !== 'closed',
    },
  };
}
