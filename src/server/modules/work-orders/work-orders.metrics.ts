import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { escapeLike } from '../org/org.repository.js';
import { requireUnit } from '../org/org.service.js';

export const MetricsDto = z.object({
  scope: z.object({ id: z.string(), name: z.string() }),
  received: z.number().int(),
  closed: z.number().int(),
  open: z.number().int(),
  overdueOpen: z.number().int(),
  onTimeRate: z.number(),
  satisfaction: z.number().nullable(),
  hotline: z.object({ thisYear: z.number().int(), lastYear: z.number().int(), change: z.number().nullable() }),
  byMonth: z.array(
    z.object({ month: z.string(), received: z.number().int(), closed: z.number().int(), onTimeRate: z.number() }),
  ),
  rows: z.array(
    z.object({
      orgUnitId: z.string(),
      name: z.string(),
      received: z.number().int(),
      closed: z.number().int(),
      onTimeRate: z.number(),
      satisfaction: z.number().nullable(),
    }),
  ),
});

interface Agg {
  received: number;
  closed: number;
  open: number;
  overdue_open: number;
  on_time: number;
  satisfaction: number | null;
}
const rate = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);
const onTime = (r: Agg) => rate(r.on_time, r.closed + r.overdue_open);

/**
 * Work-order metrics over the last 12 months for a unit and its children: received, on-time rate
 * = closed on time ÷ (closed + open overdue), satisfaction, and 12345 volume year on year (same
 * span of the calendar year, Asia/Shanghai).
 */
export async function getMetrics(ctx: AppContext, actor: Actor, orgUnitId?: string) {
  const scope = await requireUnit(ctx, actor, orgUnitId ?? actor.orgUnitId);
  const d = actor.districtId;
  const like = escapeLike(scope.path) + '%';
  const aggCols = sql`count(*)::int as received, count(*) filter (where status = 'closed')::int as closed,
      count(*) filter (where status <> 'closed')::int as open,
      count(*) filter (where status <> 'closed' and due_at < now())::int as overdue_open,
      count(*) filter (where status = 'closed' and closed_on_time)::int as on_time,
      round(avg(rating)::numeric, 2)::float8 as satisfaction`;
  const base = sql`district_id = ${d} and org_path like ${like} and merged_into is null and created_at >= now() - interval '12 months'`;
  const [totals] = await queryRows<Agg>(ctx.db, sql`select ${aggCols} from work_orders where ${base}`);
  const byMonth = await queryRows<Agg & { month: string }>(
    ctx.db,
    sql`
    select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, ${aggCols}
    from work_orders where ${base} group by 1 order by 1`,
  );
  const rows = await queryRows<Agg & { id: string; name: string }>(
    ctx.db,
    sql`
    select u.id, u.name, m.*
    from org_units u
    cross join lateral (select ${aggCols} from work_orders
      where district_id = u.district_id and org_path like u.path || '%' and merged_into is null and created_at >= now() - interval '12 months') m
    where u.district_id = ${d} and u.parent_id = ${scope.id}
    order by u.id`,
  );
  const [hotline] = await queryRows<{ this_year: number; last_year: number }>(
    ctx.db,
    sql`
    with t as (select (now() at time zone 'Asia/Shanghai') as local_now)
    select
      count(*) filter (where (o.created_at at time zone 'Asia/Shanghai') >= date_trunc('year', t.local_now))::int as this_year,
      count(*) filter (where (o.created_at at time zone 'Asia/Shanghai') >= date_trunc('year', t.local_now) - interval '1 year'
                         and (o.created_at at time zone 'Asia/Shanghai') < t.local_now - interval '1 year')::int as last_year
    from work_orders o, t
    where o.district_id = ${d} and o.org_path like ${like} and o.channel = 'hotline_12345'`,
  );
  const t = totals!;
  return {
    scope: { id: scope.id, name: scope.name },
    received: t.received,
    closed: t.closed,
    open: t.open,
    overdueOpen: t.overdue_open,
    onTimeRate: onTime(t),
    satisfaction: t.satisfaction,
    hotline: {
      thisYear: hotline!.this_year,
      lastYear: hotline!.last_year,
      change: hotline!.last_year
        ? Math.round(((hotline!.this_year - hotline!.last_year) / hotline!.last_year) * 1000) / 1000
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
