import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { stations } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import type { Item, LedgerEntry } from '../../../../shared/volunteers.schema.js';
import { loveSupermarketItems, pointsAccounts, pointsLedger } from '../volunteers.tables.js';

/**
 * 积分: balances (`points_accounts`, changed only by conditional statements that take the row lock),
 * the append-only ledger, and the love-supermarket items.
 */
export interface Balance {
  balance: number;
  earnedTotal: number;
  redeemedTotal: number;
}

export async function balanceOf(q: Queryable, districtId: string, personId: string): Promise<Balance | undefined> {
  const a = pointsAccounts;
  const [row] = await q
    .select({ balance: a.balance, earnedTotal: a.earnedTotal, redeemedTotal: a.redeemedTotal })
    .from(a)
    .where(and(eq(a.districtId, districtId), eq(a.personId, personId)));
  return row;
}

/** Credits the account in one atomic upsert (its row lock) and returns the new balance. */
export async function creditAccount(
  q: Queryable,
  districtId: string,
  personId: string,
  points: number,
): Promise<number> {
  const a = pointsAccounts;
  const [acc] = await q
    .insert(a)
    .values({ districtId, personId, balance: points, earnedTotal: points })
    .onConflictDoUpdate({
      target: [a.districtId, a.personId],
      set: {
        balance: sql`${a.balance} + ${points}`,
        earnedTotal: sql`${a.earnedTotal} + ${points}`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ balance: a.balance });
  return acc!.balance;
}

/** Debits only when the balance covers it (a concurrent debit waits for the row lock and re-checks). */
export async function debitAccount(
  q: Queryable,
  districtId: string,
  personId: string,
  cost: number,
): Promise<number | undefined> {
  const a = pointsAccounts;
  const [acc] = await q
    .update(a)
    .set({
      balance: sql`${a.balance} - ${cost}`,
      redeemedTotal: sql`${a.redeemedTotal} + ${cost}`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(a.districtId, districtId), eq(a.personId, personId), gte(a.balance, cost)))
    .returning({ balance: a.balance });
  return acc?.balance;
}

export async function appendLedger(q: Queryable, line: typeof pointsLedger.$inferInsert): Promise<number> {
  const [row] = await q.insert(pointsLedger).values(line).returning({ id: pointsLedger.id });
  return Number(row!.id);
}

const LEDGER_SELECT = sql`
  select l.id::int as id, l.person_id as "personId", p.name as "personName", l.delta, l.balance_after as "balanceAfter", l.kind, l.source_type as "sourceType",
    l.note, s.name as "stationName", l.created_at as "createdAt"
  from ${pointsLedger} l
  join ${people} p on p.district_id = l.district_id and p.id = l.person_id
  left join ${stations} s on s.district_id = l.district_id and s.id = l.station_id`;

const toLedger = (r: LedgerEntry): LedgerEntry => ({
  ...r,
  id: Number(r.id),
  createdAt: new Date(r.createdAt).toISOString(),
});

/** The ledger lines the actor may see (the member rule over the line's person), newest first. */
export async function listLedger(
  q: Queryable,
  actor: Actor,
  f: { personId?: string; kind?: LedgerEntry['kind']; limit: number },
): Promise<LedgerEntry[]> {
  const where: SQL[] = [
    sql`l.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'pointsAccount', { orgPath: sql`p.org_path`, workUnitId: sql`p.work_unit_id` }),
  ];
  if (f.personId) where.push(sql`l.person_id = ${f.personId}`);
  if (f.kind) where.push(sql`l.kind = ${f.kind}`);
  const rows = await queryRows<LedgerEntry>(
    q,
    sql`${LEDGER_SELECT} where ${sql.join(where, sql` and `)} order by l.created_at desc, l.id desc limit ${f.limit}`,
  );
  return rows.map(toLedger);
}

/** A person's own latest ledger lines. */
export async function ledgerOf(
  q: Queryable,
  districtId: string,
  personId: string,
  limit: number,
): Promise<LedgerEntry[]> {
  const rows = await queryRows<LedgerEntry>(
    q,
    sql`${LEDGER_SELECT} where l.district_id = ${districtId} and l.person_id = ${personId} order by l.id desc limit ${limit}`,
  );
  return rows.map(toLedger);
}

/** The items of the stations the actor may see (of one station when given). */
export async function listItems(q: Queryable, actor: Actor, stationId?: string): Promise<Item[]> {
  const where: SQL[] = [
    sql`i.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'station', { orgPath: sql`s.org_path` }),
  ];
  if (stationId) where.push(sql`i.station_id = ${stationId}`);
  return queryRows<Item>(
    q,
    sql`
    select i.id, i.station_id as "stationId", s.name as "stationName", i.name, i.points_cost as "pointsCost", i.stock
    from ${loveSupermarketItems} i join ${stations} s on s.district_id = i.district_id and s.id = i.station_id
    where ${sql.join(where, sql` and `)}
    order by s.name, i.points_cost limit 500`,
  );
}

export async function insertItem(q: Queryable, row: typeof loveSupermarketItems.$inferInsert): Promise<void> {
  await q.insert(loveSupermarketItems).values(row);
}

export interface ItemRow {
  id: string;
  name: string;
  pointsCost: number;
  stock: number;
  stationId: string;
}

export async function findItem(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<ItemRow | undefined> {
  const i = loveSupermarketItems;
  const query = q
    .select({ id: i.id, name: i.name, pointsCost: i.pointsCost, stock: i.stock, stationId: i.stationId })
    .from(i)
    .where(and(eq(i.districtId, districtId), eq(i.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function takeStock(q: Queryable, districtId: string, itemId: string, quantity: number): Promise<number> {
  const i = loveSupermarketItems;
  const [row] = await q
    .update(i)
    .set({ stock: sql`${i.stock} - ${quantity}` })
    .where(and(eq(i.districtId, districtId), eq(i.id, itemId)))
    .returning({ stock: i.stock });
  return row!.stock;
}
