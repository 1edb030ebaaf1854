import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { analyzeTables } from '../db/analyze.js';

/**
 * A year of extra work orders under one street (the inbox targets: a street user with ≥ 100k orders in
 * scope on PostgreSQL, 25k on PGlite), one set-based INSERT: 2 % still open (spread over the four open
 * statuses, one in three of those escalated to the street), the rest closed, spread over the street's
 * compounds and the last 365 days. Then ANALYZE, as after any bulk load.
 */
export async function addStreetOrders(
  database: Database,
  opts: { districtId: string; streetPath: string; count: number; tag: string },
): Promise<number> {
  const d = opts.districtId;
  const t0 = performance.now();
  await database.db.execute(sql`
    with c as (
      select id, path, (row_number() over (order by id))::int - 1 as i, (count(*) over ())::int as n
      from org_units where district_id = ${d} and kind = 'compound' and path like ${opts.streetPath + '%'}
    )
    insert into work_orders (district_id, id, no, channel, category_id, title, description, compound_id, org_path,
      status, stage_due_at, due_at, escalation_level, closed_at, closed_on_time, rating, created_at, updated_at)
    select ${d}, md5(${opts.tag} || g), ${opts.tag} || g, 'grid_patrol', 'C0' || (1 + g % 5), '存量工单 ' || g, '压测存量工单',
      c.id, c.path,
      case when g % 50 = 0 then (array['new', 'accepted', 'dispatched', 'fulfilled'])[1 + (g / 50) % 4] else 'closed' end,
      at + interval '1 day', at + interval '10 days',
      case when g % 150 = 0 then 1 else 0 end,
      case when g % 50 = 0 then null else at + interval '3 days' end,
      case when g % 50 = 0 then null else g % 7 <> 0 end,
      case when g % 50 = 0 then null else 3 + g % 3 end,
      at, at
    from generate_series(1, ${opts.count}) g
    cross join lateral (select now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second' as at) t
    join c on c.i = g % c.n`);
  await analyzeTables(database.db, ['work_orders']);
  return (performance.now() - t0) / 1000;
}
