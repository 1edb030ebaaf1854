import { readerOf, type AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { requireUnit } from '../org/org.service.js';
import type { MetricsResponse } from '../../../shared/work-orders.schema.js';
import { metricsOf, resolvedDisputesOf, type Agg } from './repository/metrics.repository.js';

const rate = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);
const onTime = (r: Agg) => rate(r.on_time, r.closed + r.overdue_open);

/**
 * Work-order metrics over the last 12 months for a unit and its children: received, on-time rate
 * = closed on time ÷ (closed + open overdue), satisfaction, and 12345 volume year on year (same
 * span of the calendar year, Asia/Shanghai).
 */
export async function getMetrics(ctx: AppContext, actor: Actor, orgUnitId?: string): Promise<MetricsResponse> {
  const scope = await requireUnit(ctx, actor, orgUnitId ?? actor.orgUnitId);
  // a report: the read replica when there is one
  const { totals: t, byMonth, rows, hotline } = await metricsOf(readerOf(ctx), actor.districtId, scope);
  const disputes = await resolvedDisputesOf(readerOf(ctx), actor.districtId, scope);
  const ledger = disputes.ledger;
  return {
    scope: { id: scope.id, name: scope.name },
    received: t.received,
    closed: t.closed,
    open: t.open,
    overdueOpen: t.overdue_open,
    onTimeRate: onTime(t),
    satisfaction: t.satisfaction,
    hotline: {
      thisYear: hotline.this_year,
      lastYear: hotline.last_year,
      change: hotline.last_year
        ? Math.round(((hotline.this_year - hotline.last_year) / hotline.last_year) * 1000) / 1000
        : null,
    },
    resolvedDisputes: {
      total: disputes.orders + (ledger?.n ?? 0),
      fromOrders: disputes.orders,
      ledger: ledger
        ? { count: ledger.n!, from: ledger.from!, until: ledger.until!, sources: ledger.sources ?? [] }
        : null,
    },
    byMonth: byMonth.map((m) => ({ month: m.month, received: m.received, closed: m.closed, onTimeRate: onTime(m) })),
    rows: rows.map((r) => ({
      orgUnitId: r.id,
      name: r.name,
      received: r.received,
      closed: r.closed,
      onTimeRate: onTime(r),
      satisfaction: r.satisfaction,
    })),
  };
}
