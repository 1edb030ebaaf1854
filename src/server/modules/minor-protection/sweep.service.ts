import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { recordEvent } from './case-write.js';
import { insertOutbox, markOverdueVisits } from './repository/cases.repository.js';
import { markOverdueReferrals } from './repository/referrals.repository.js';

/**
 * Escalates overdue home visits to the street's station head, and referrals not acknowledged by their deadline,
 * exactly once: the conditional UPDATE records what it fired for, so another sweep (a second process, or after a
 * restart) finds nothing; something that fell due while the server was down is caught by the first sweep after start.
 */
export async function sweepMinorOverdue(
  ctx: AppContext,
  now = new Date(),
): Promise<{ visits: number; referrals: number }> {
  return ctx.db.transaction(async (tx) => {
    const visits = await markOverdueVisits(tx, shanghaiDate(now));
    for (const v of visits) {
      const to = 'minor_station_head';
      await recordEvent(ctx, tx, {
        actor: null,
        districtId: v.districtId,
        caseId: v.id,
        type: 'visit_overdue_escalated',
        data: { due: v.due, to },
      });
      await insertOutbox(tx, {
        districtId: v.districtId,
        topic: 'minor.visit_overdue',
        payload: { caseId: v.id, caseNo: v.caseNo, streetId: v.streetId, due: v.due, to },
      });
    }
    const referrals = await markOverdueReferrals(tx, now);
    for (const r of referrals) {
      await recordEvent(ctx, tx, {
        actor: null,
        districtId: r.districtId,
        caseId: r.caseId,
        type: 'referral_ack_overdue',
        data: { referralId: r.id, to: 'minor_station_head' },
      });
      await insertOutbox(tx, {
        districtId: r.districtId,
        topic: 'minor.referral_overdue',
        payload: { referralId: r.id, caseId: r.caseId, to: 'minor_station_head' },
      });
    }
    return { visits: visits.length, referrals: referrals.length };
  });
}
