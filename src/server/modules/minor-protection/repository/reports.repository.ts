import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { orgUnits } from '../../org/org.tables.js';
import type { RiskLevel, ServiceKind } from '../../../../shared/minor-protection.constants.js';
import { minorCases, minorServices } from '../minor-protection.tables.js';
import { caseScopeSql } from './cases.repository.js';

export interface ReportFilter {
  streetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Shanghai today, and the last day of "due within 14 days". */
  today: string;
  dueBy: string;
}

/** Counts only, over the files the actor reaches (and the street asked for). */
export async function selectReportCounts(q: Queryable, actor: Actor, f: ReportFilter) {
  const vis: SQL = sql`${caseScopeSql(actor)} ${f.streetId ? sql`and mc.street_id = ${f.streetId}` : sql``}`;
  const { today: t, dueBy } = f;
  const [totals] = await queryRows<{
    total: number;
    open: number;
    closed: number;
    communities: number;
    due: number;
    overdue: number;
  }>(
    q,
    sql`
    select count(*)::int as total, count(*) filter (where mc.status <> 'closed')::int as open, count(*) filter (where mc.status = 'closed')::int as closed,
      count(distinct mc.community_id)::int as communities,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due >= ${t}::date and mc.next_visit_due <= ${dueBy}::date)::int as due,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due < ${t}::date)::int as overdue
    from ${minorCases} mc where ${vis}`,
  );
  const cats = await queryRows<{ id: string; count: number }>(
    q,
    sql`
    select c as id, count(*)::int as count from ${minorCases} mc, unnest(mc.categories) c where ${vis} and mc.status <> 'closed' group by c`,
  );
  const risks = await queryRows<{ risk_level: RiskLevel; count: number }>(
    q,
    sql`
    select mc.risk_level, count(*)::int as count from ${minorCases} mc where ${vis} and mc.status <> 'closed' group by mc.risk_level`,
  );
  const streets = await queryRows<{
    street_id: string;
    street_name: string;
    total: number;
    high: number;
    due: number;
    overdue: number;
  }>(
    q,
    sql`
    select mc.street_id, st.name as street_name, count(*)::int as total, count(*) filter (where mc.risk_level = 'high' and mc.status <> 'closed')::int as high,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due >= ${t}::date and mc.next_visit_due <= ${dueBy}::date)::int as due,
      count(*) filter (where mc.status <> 'closed' and mc.next_visit_due < ${t}::date)::int as overdue
    from ${minorCases} mc join ${orgUnits} st on st.district_id = mc.district_id and st.id = mc.street_id
    where ${vis} group by mc.street_id, st.name order by mc.street_id`,
  );
  const services = await queryRows<{ kind: ServiceKind; count: number }>(
    q,
    sql`
    select s.kind, count(*)::int as count from ${minorServices} s join ${minorCases} mc on mc.district_id = s.district_id and mc.id = s.case_id
    where ${vis} ${f.from ? sql`and s.served_on >= ${f.from}::date` : sql``} ${f.to ? sql`and s.served_on <= ${f.to}::date` : sql``}
    group by s.kind`,
  );
  return { totals, cats, risks, streets, services };
}
