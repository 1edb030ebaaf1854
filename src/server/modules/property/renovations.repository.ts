import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { prefixPattern } from '../../lib/like.js';
import { orgUnits } from '../org/org.tables.js';
import type { RenovationSummary } from '../../../shared/property-renovations.schema.js';
import { compoundRenovations } from './property.tables.js';

const r = compoundRenovations;
/** The compound's path in the summary's queries (alias c), for the access layer's predicate. */
export const compoundPathColumns = { orgPath: sql`c.path` };

export function renovationsOf(q: Queryable, d: string, compoundId: string) {
  return q
    .select({
      id: r.id,
      year: r.year,
      items: r.items,
      investmentYuan: r.investmentYuan,
      implementer: r.implementer,
      status: r.status,
      startedOn: r.startedOn,
      completedOn: r.completedOn,
      note: r.note,
      createdAt: r.createdAt,
    })
    .from(r)
    .where(and(eq(r.districtId, d), eq(r.compoundId, compoundId)))
    .orderBy(desc(r.year), asc(r.createdAt));
}

export async function insertRenovation(tx: Tx, row: typeof r.$inferInsert): Promise<void> {
  await tx.insert(r).values(row);
}

/** A completed renovation makes the compound 已改造. */
export async function markRenovated(tx: Tx, d: string, compoundId: string): Promise<void> {
  await tx
    .update(orgUnits)
    .set({ isRenovated: true })
    .where(and(eq(orgUnits.districtId, d), eq(orgUnits.id, compoundId)));
}

/** The old compounds of a scope (`scope` is the access layer's predicate on the compound's path), renovated or not. */
export async function renovationSummary(
  q: Queryable,
  d: string,
  under: string,
  scope: SQL,
): Promise<RenovationSummary> {
  const [totals] = await queryRows<Omit<RenovationSummary, 'byYear'>>(
    q,
    sql`select count(*) filter (where c.is_old)::int as "oldCompounds",
          count(*) filter (where c.is_renovated)::int as renovated,
          count(*) filter (where exists (select 1 from compound_renovations x where x.district_id = c.district_id
            and x.compound_id = c.id and x.status = 'in_progress'))::int as "inProgress",
          coalesce((select sum(x.investment_yuan) from compound_renovations x where x.district_id = ${d}
            and x.org_path like ${prefixPattern(under)} and x.status = 'completed'), 0)::bigint as "investmentYuan"
        from org_units c where c.district_id = ${d} and c.kind = 'compound' and c.path like ${prefixPattern(under)} and ${scope}`,
  );
  const byYear = await queryRows<RenovationSummary['byYear'][number]>(
    q,
    sql`select x.year, count(distinct x.compound_id)::int as compounds, sum(x.investment_yuan)::bigint as "investmentYuan"
        from compound_renovations x join org_units c on c.district_id = x.district_id and c.id = x.compound_id
        where x.district_id = ${d} and x.org_path like ${prefixPattern(under)} and x.status = 'completed' and ${scope}
        group by x.year order by x.year`,
  );
  return {
    ...totals!,
    investmentYuan: Number(totals!.investmentYuan),
    byYear: byYear.map((y) => ({ ...y, investmentYuan: Number(y.investmentYuan) })),
  };
}
