import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { prefixPattern } from '../../../lib/like.js';
import { orgUnits } from '../../org/org.tables.js';
import { disputeBaselines, workOrders } from '../work-orders.tables.js';

/** Aggregates of the orders under one unit's path over the last 12 months. */
export interface Agg {
  received: number;
  closed: number;
  open: number;
  overdue_open: number;
  on_time: number;
  satisfaction: number | null;
}

const o = workOrders;
const aggCols = sql`count(*)::int as received, count(*) filter (where ${o.status} = 'closed')::int as closed,
    count(*) filter (where ${o.status} <> 'closed')::int as open,
    count(*) filter (where ${o.status} <> 'closed' and ${o.dueAt} < now())::int as overdue_open,
    count(*) filter (where ${o.status} = 'closed' and ${o.closedOnTime})::int as on_time,
    round(avg(${o.rating})::numeric, 2)::float8 as satisfaction`;
const lastYear = sql`${o.mergedInto} is null and ${o.createdAt} >= now() - interval '12 months'`;

export async function metricsOf(q: Queryable, districtId: string, scope: { id: string; path: string }) {
  const base = sql`${o.districtId} = ${districtId} and ${o.orgPath} like ${prefixPattern(scope.path)} and ${lastYear}`;
  const [totals] = await queryRows<Agg>(q, sql`select ${aggCols} from ${o} where ${base}`);
  const byMonth = await queryRows<Agg & { month: string }>(
    q,
    sql`
    select to_char(${o.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM') as month, ${aggCols}
    from ${o} where ${base} group by 1 order by 1`,
  );
  const u = orgUnits;
  const rows = await queryRows<Agg & { id: string; name: string }>(
    q,
    sql`
    select ${u.id}, ${u.name}, m.*
    from ${u}
    cross join lateral (select ${aggCols} from ${o}
      where ${o.districtId} = ${u.districtId} and ${o.orgPath} like ${u.path} || '%' and ${lastYear}) m
    where ${u.districtId} = ${districtId} and ${u.parentId} = ${scope.id}
    order by ${u.id}`,
  );
  const local = sql`(${o.createdAt} at time zone 'Asia/Shanghai')`;
  const [hotline] = await queryRows<{ this_year: number; last_year: number }>(
    q,
    sql`
    with t as (select (now() at time zone 'Asia/Shanghai') as local_now)
    select
      count(*) filter (where ${local} >= date_trunc('year', t.local_now))::int as this_year,
      count(*) filter (where ${local} >= date_trunc('year', t.local_now) - interval '1 year'
                         and ${local} < t.local_now - interval '1 year')::int as last_year
    from ${o}, t
    where ${o.districtId} = ${districtId} and ${o.orgPath} like ${prefixPattern(scope.path)} and ${o.channel} = 'hotline_12345'`,
  );
  return { totals: totals!, byMonth, rows, hotline: hotline! };
}

/**
 * 累计化解: every order closed under the unit (the orders kept here), and the ledger figures of the years
 * before them recorded for the unit or the units under it (dispute_baselines).
 */
export async function resolvedDisputesOf(q: Queryable, districtId: string, scope: { id: string; path: string }) {
  const b = disputeBaselines;
  const [orders] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from ${o} where ${o.districtId} = ${districtId}
      and ${o.orgPath} like ${prefixPattern(scope.path)} and ${o.status} = 'closed' and ${o.mergedInto} is null`,
  );
  const [ledger] = await queryRows<{
    n: number | null;
    from: string | null;
    until: string | null;
    sources: string[] | null;
  }>(
    q,
    sql`select sum(${b.count})::int as n, min(${b.countedFrom})::text as "from", max(${b.countedUntil})::text as until,
        array_agg(distinct ${b.source}) as sources
      from ${b} join ${orgUnits} u on u.district_id = ${b.districtId} and u.id = ${b.orgUnitId}
      where ${b.districtId} = ${districtId} and u.path like ${prefixPattern(scope.path)}`,
  );
  return { orders: orders?.n ?? 0, ledger: ledger?.n ? ledger : null };
}
