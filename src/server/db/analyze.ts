import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Queryable } from './client.js';

/**
 * Planner statistics after bulk loads. This machine's PostgreSQL runs with autovacuum off and PGlite has
 * none, so a freshly loaded table has no statistics and the planner guesses (a people list took 17–23 s
 * until ANALYZE, 0.26 s after). Every bulk load (demo loader, imports) ends with `analyzeTables`, and
 * `linli serve` on PGlite runs `analyzeChanged` on a timer (see cli.ts).
 *
 * On PostgreSQL served by a least-privilege login the app owns no table: ANALYZE then skips the table
 * with a WARNING (not an error) and the server's own autovacuum is expected to do the work.
 */

/** ANALYZE the named tables (of the current schema), or the whole database when none are given. */
export async function analyzeTables(q: Queryable, tables: readonly string[] = []): Promise<void> {
  if (!tables.length) {
    await q.execute(sql`analyze`);
    return;
  }
  for (const t of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a table name: ${t}`);
    await q.execute(sql.raw(`analyze "${t}"`));
  }
}

/**
 * The tables whose rows changed enough since their last ANALYZE (the autovacuum rule: 50 rows + 10 % of
 * the live rows), or that were never analysed.
 */
export async function tablesNeedingAnalyze(q: Queryable): Promise<string[]> {
  const rows = await queryRows<{ relname: string }>(
    q,
    sql`
    select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and (n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)
           or (last_analyze is null and last_autoanalyze is null and n_live_tup > 0))
    order by relname`,
  );
  return rows.map((r) => r.relname);
}

/** ANALYZE what changed (one table at a time, so the one embedded connection is never held for long). */
export async function analyzeChanged(database: Database): Promise<string[]> {
  const tables = await tablesNeedingAnalyze(database.db);
  await analyzeTables(database.db, tables);
  return tables;
}
