import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';

/**
 * 老旧小区改造 in the demo: each of the 129 renovated old compounds has its completed project (2019–2025, its
 * items from the 基础类 and 完善类 lists, ¥3,000–¥8,000 per household, carried out by the district's housing
 * bureau through a contractor), and 12 old compounds are being renovated in 2026. Deterministic from the ids.
 */
const ITEMS = sql`(array[
  '["pipes","roof","sewage","roads"]', '["pipes","facade","fire","greening"]', '["roof","sewage","parking","barrier_free"]',
  '["pipes","roads","elevator","greening"]', '["fire","facade","parking","services"]'
])`;

export async function loadDemoRenovations(db: Db, d: string): Promise<string> {
  // households per compound in one pass (a correlated count per compound scans the ledger once each)
  const homes = sql`(select compound_id, count(*) as n from households where district_id = ${d} group by compound_id)`;
  await db.execute(sql`
    insert into compound_renovations (district_id, id, compound_id, org_path, year, items, investment_yuan, implementer,
      status, started_on, completed_on, note)
    select c.district_id, 'REN-' || c.id, c.id, c.path, y.year, (${ITEMS})[1 + abs(hashtext(c.id || 'i')) % 5]::jsonb,
      greatest(1, coalesce(hh.n, 0)) * (3000 + abs(hashtext(c.id || 'y')) % 5001),
      '平城区住房和城乡建设局（' || (array['山西建投', '大同市政', '同煤建工'])[1 + abs(hashtext(c.id)) % 3] || '施工）',
      'completed', make_date(y.year, 4, 1), make_date(y.year, 10, 30), ''
    from org_units c cross join lateral (select 2019 + abs(hashtext(c.id)) % 7 as year) y
    left join ${homes} hh on hh.compound_id = c.id
    where c.district_id = ${d} and c.kind = 'compound' and c.is_renovated`);
  await db.execute(sql`
    insert into compound_renovations (district_id, id, compound_id, org_path, year, items, investment_yuan, implementer,
      status, started_on, note)
    select c.district_id, 'REN-' || c.id, c.id, c.path, 2026, '["pipes","facade","parking"]'::jsonb,
      greatest(1, coalesce(hh.n, 0)) * 6000,
      '平城区住房和城乡建设局（山西建投施工）', 'in_progress', date '2026-04-15', '2026 年度改造计划'
    from org_units c left join ${homes} hh on hh.compound_id = c.id
    where c.district_id = ${d} and c.kind = 'compound' and c.is_old and not coalesce(c.is_renovated, false)
    order by md5(c.id) limit 12`);
  const [n] = await queryRows<{ done: number; doing: number }>(
    db,
    sql`select count(*) filter (where status = 'completed')::int as done, count(*) filter (where status = 'in_progress')::int as doing
        from compound_renovations where district_id = ${d}`,
  );
  return `已完工 ${n!.done} 个小区，2026 年在建 ${n!.doing} 个`;
}
