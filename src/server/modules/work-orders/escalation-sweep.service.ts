import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import { escalateOverdue, insertOutbox } from './repository/transitions.repository.js';
import { recordEvents } from './transition.js';

/**
 * Escalates every open order whose nearest deadline has passed, exactly once per deadline: the
 * conditional UPDATE marks the deadline it fired for, so a second sweep (another process, or after
 * a restart) finds nothing. Restart-safe: a deadline that fell due while the server was down is
 * caught by the first sweep after start.
 */
export async function sweepOverdue(ctx: AppContext, now = new Date()): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const fired = await escalateOverdue(tx, now);
    for (const o of fired) {
      await recordEvents(tx, { actor: null, districtId: o.districtId, orderId: o.id }, [
        {
          type: 'escalated',
          note: '超过办理时限，系统自动上报',
          data: {
            level: o.escalationLevel,
            to: o.escalationLevel === 1 ? 'street' : 'district',
            automatic: true,
            dueAt: iso(o.dueAt),
          },
        },
      ]);
      await insertOutbox(tx, o.districtId, 'order.overdue', { orderId: o.id, no: o.no, level: o.escalationLevel });
    }
    return fired.length;
  });
}
