import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type {
  CaseList,
  CaseResponse,
  ListCasesInput,
  Referral as ReferralView,
  Tasks,
} from '../../../shared/minor-protection.schema.js';
import { addDays } from './categories.service.js';
import { canSeeIdentity, detailOf, referralView, toSummary } from './case-view.js';
import { loadCase } from './case-write.js';
import { IDENTITY_FIELDS, MASKED_FIELDS } from './minor-protection.policy.js';
import { listReferralInbox, loadReferral } from './referrals.service.js';
import { decodeCursor, pageOf } from '../../lib/cursor.js';
import { MinorErrors } from './minor-protection.errors.js';
import { caseKey, selectCases, selectTaskCases, selectWaitingReferralIds } from './repository/cases.repository.js';

/**
 * Reading files. Every read writes an audit row naming the fields shown (PIPL); identity and free text are
 * decrypted only for callers the access layer gives identity access (kind `minorCase`, action `identity`).
 */
const dueWindow = () => {
  const today = shanghaiDate(new Date());
  return { today, dueBy: addDays(today, 14) };
};

/** Files the actor reaches, each masked or not by the one rule; the read is audited with the identities shown. */
export async function listCases(ctx: AppContext, actor: Actor, input: ListCasesInput, ip?: string): Promise<CaseList> {
  const { limit, cursor, ...filter } = input;
  const after = cursor ? decodeCursor(cursor, ['int', 'time', 'text'], MinorErrors.CURSOR_INVALID) : undefined;
  const found = await selectCases(ctx.db, actor, { ...filter, ...dueWindow() }, { limit: limit + 1, after });
  const { page: rows, nextCursor } = pageOf(found.rows, limit, caseKey);
  const items = rows.map((r) => toSummary(ctx, actor, r));
  const shown = items.filter((i) => i.identityVisible).map((i) => i.id);
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_case.list',
      entityType: 'minor_case',
      entityId: null,
      detail: {
        count: items.length,
        identityShownFor: shown,
        fields: shown.length ? ['name', ...MASKED_FIELDS] : [...MASKED_FIELDS],
      },
    },
    ip,
  );
  return { items, total: found.total, nextCursor };
}

export async function getCase(ctx: AppContext, actor: Actor, id: string, ip?: string): Promise<CaseResponse> {
  const c = await loadCase(ctx.db, actor.districtId, id);
  requireAccess(actor, 'minorCase', c);
  const detail = await detailOf(ctx, actor, c);
  // PIPL: every read of a child's file is logged with who, when and which fields were shown.
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_case.read',
      entityType: 'minor_case',
      entityId: id,
      detail: {
        identity: detail.case.identityVisible,
        fields: detail.case.identityVisible ? [...IDENTITY_FIELDS, ...MASKED_FIELDS] : [...MASKED_FIELDS],
      },
    },
    ip,
  );
  return detail;
}

/** The caseworker's tasks: visits overdue or due within 14 days, closures to decide, referrals waiting. */
export async function getTasks(ctx: AppContext, actor: Actor, ip?: string): Promise<Tasks> {
  const rows = await selectTaskCases(ctx.db, actor, dueWindow().dueBy);
  const items = rows.map((r) => toSummary(ctx, actor, r));
  const inbox = can(actor, 'minor.referral.respond') ? await listReferralInbox(ctx, actor) : [];
  // referrals the caseworker made and is waiting on
  const waiting = can(actor, 'minor.casework') ? await selectWaitingReferralIds(ctx.db, actor) : [];
  const awaiting: ReferralView[] = [...inbox];
  for (const id of waiting) {
    const { r, c } = await loadReferral(ctx.db, actor.districtId, id);
    if (!awaiting.some((a) => a.id === id))
      awaiting.push(referralView(ctx, actor, { r, c, showContent: canSeeIdentity(actor, c) }));
  }
  const shown = items.filter((i) => i.identityVisible).map((i) => i.id);
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_case.tasks',
      entityType: 'minor_case',
      entityId: null,
      detail: { count: items.length, identityShownFor: shown },
    },
    ip,
  );
  return {
    visitsOverdue: items.filter((i) => i.isVisitOverdue),
    visitsDue: items.filter((i) => !i.isVisitOverdue && i.status !== 'closed' && i.nextVisitDue !== null),
    closuresToDecide: items.filter((i) => i.status === 'closure_requested' && can(actor, 'minor.approve')),
    referralsAwaiting: awaiting,
  };
}
