import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { iso, shanghaiDateTime } from '../../lib/time.js';
import { remind } from '../notifications/remind.js';
import { AMENDABLE_FIELDS, type AmendRoundInput, type RoundDetail } from '../../../shared/service-purchase.schema.js';
import { amendmentRows, insertAmendment } from './repository/amendments.repository.js';
import type { Round } from './repository/rounds.repository.js';
import { roundWrite } from './rounds.service.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E } from './service-purchase.errors.js';
import type { RoundChange } from './service-purchase.tables.js';

/**
 * 更正公告: the agent changes a published call while it is open — its title, scope, eligibility, budget,
 * or a later deadline — with a reason everyone sees. The rule follows 政府采购竞争性磋商采购方式管理
 * 暂行办法 第十条: a change that may affect how proposals are prepared (scope, eligibility, budget) needs
 * at least five days before the deadline, or the deadline moves. A deadline is never brought forward.
 * The round, the amendment row, the audit row and the notice to the registered organisations are one
 * transaction; the change history restates the call as published (the OCDS tender release).
 */
export const AMENDMENT_MIN_DAYS = 5;
const DAY = 86_400_000;
const AFFECTS_PREPARATION: RoundChange['field'][] = ['scope', 'eligibility', 'budgetCents'];

const valueOf = (r: Round, f: RoundChange['field']): string | number =>
  f === 'deadlineAt' ? iso(r.deadlineAt) : (r[f] as string | number);

export async function amendRound(ctx: AppContext, by: By, id: string, input: AmendRoundInput): Promise<RoundDetail> {
  return roundWrite(ctx, by, {
    id,
    action: 'amend',
    expectedVersion: input.version,
    detail: { rationale: input.rationale },
    apply: async (tx, r, now) => {
      requireState(r.status === 'open' && now < r.deadlineAt, E.AMEND_NOT_OPEN);
      const changes: RoundChange[] = [];
      for (const f of AMENDABLE_FIELDS) {
        if (input[f] === undefined) continue;
        const before = valueOf(r, f);
        const after = f === 'deadlineAt' ? iso(new Date(input.deadlineAt!)) : input[f]!;
        if (before !== after) changes.push({ field: f, before, after });
      }
      if (changes.length === 0) throw E.AMENDMENT_EMPTY();
      const deadline = input.deadlineAt ? new Date(input.deadlineAt) : r.deadlineAt;
      if (deadline < r.deadlineAt) throw E.DEADLINE_SHORTENED({ deadline: shanghaiDateTime(r.deadlineAt) });
      const earliest = new Date(now.getTime() + AMENDMENT_MIN_DAYS * DAY);
      if (changes.some((c) => AFFECTS_PREPARATION.includes(c.field)) && deadline < earliest)
        throw E.AMENDMENT_TOO_LATE({ days: AMENDMENT_MIN_DAYS, earliest: shanghaiDateTime(earliest) });
      const seq = (await amendmentRows(tx, r.districtId, r.id)).length + 1;
      await insertAmendment(tx, {
        districtId: r.districtId,
        id: randomUUID(),
        roundId: r.id,
        seq,
        rationale: input.rationale,
        changes,
        amendedBy: by.actor.userId,
        amendedByName: by.actor.displayName,
        amendedAt: now,
      });
      await remind(tx, r.districtId, 'purchase.round_amended', { roundId: r.id, title: r.title, seq });
      const set = Object.fromEntries(changes.map((c) => [c.field, c.field === 'deadlineAt' ? deadline : c.after]));
      return set;
    },
  });
}
