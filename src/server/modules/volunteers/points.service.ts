import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/client.js';
import type { CreateItemInput, Item, LedgerEntry, LedgerInput, Redemption } from '../../../shared/volunteers.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requirePerson, requireStation } from './lookups.service.js';
import { assertServes, provePresence, refuseProof, storeCard, type PresenceProof } from './presence.service.js';
import * as points from './repository/points.repository.js';
import { usePresenceCode } from './repository/presence.repository.js';
import { E } from './volunteers.errors.js';

/**
 * 积分 and the 爱心超市: confirmed hours earn points, the love supermarket spends them. The ledger is
 * append-only (trigger); a balance lives in `points_accounts`, changed only by conditional statements
 * that take its row lock, so concurrent redemptions can never drive it below zero.
 */
export const DEFAULT_POINTS_PER_HOUR = 10;

/** Credits points: one atomic upsert of the balance (row lock), then the ledger line carrying the new balance. */
export async function awardPoints(
  tx: Tx,
  actor: Actor,
  award: { personId: string; points: number; sourceType: string; sourceId: string; note: string },
): Promise<void> {
  const balanceAfter = await points.creditAccount(tx, actor.districtId, award.personId, award.points);
  await points.appendLedger(tx, {
    districtId: actor.districtId,
    personId: award.personId,
    delta: award.points,
    balanceAfter,
    kind: 'earn',
    sourceType: award.sourceType,
    sourceId: award.sourceId,
    note: award.note,
    actorUserId: actor.userId,
  });
}

export async function listLedger(ctx: AppContext, actor: Actor, input: LedgerInput): Promise<{ items: LedgerEntry[] }> {
  return { items: await points.listLedger(ctx.db, actor, input) };
}

export async function listItems(ctx: AppContext, actor: Actor, stationId?: string): Promise<{ items: Item[] }> {
  return { items: await points.listItems(ctx.db, actor, stationId) };
}

export async function createItem(ctx: AppContext, actor: Actor, input: CreateItemInput, ip?: string): Promise<Item> {
  const station = await requireStation(ctx.db, actor, input.stationId);
  requireAccess(actor, 'station', { orgPath: station.orgPath }, 'write');
  const id = randomUUID();
  const { name, pointsCost, stock } = input;
  await ctx.db.transaction(async (tx) => {
    await points.insertItem(tx, { districtId: actor.districtId, id, stationId: station.id, name, pointsCost, stock });
    const detail = { name, pointsCost, stock };
    const entry = { action: 'love_supermarket.item_create', entityType: 'love_supermarket_item', entityId: id, detail };
    await writeAudit(tx, actor, entry, ip);
  });
  return { id, stationId: station.id, stationName: station.name, name, pointsCost, stock };
}

/**
 * 爱心超市兑换: presence first (code or card, refused before anything is locked), then in one
 * transaction: use the code up, take the item's row lock and check the station serves the resident,
 * debit the balance with a conditional UPDATE (the account's row lock; a concurrent redemption waits and
 * re-checks), decrement the stock, write the ledger line and the audit row — all or nothing.
 */
export async function redeem(
  ctx: AppContext,
  actor: Actor,
  input: PresenceProof & { itemId: string; quantity: number },
  ip?: string,
): Promise<Redemption> {
  const d = actor.districtId;
  const listed = await points.findItem(ctx.db, d, input.itemId);
  if (!listed) throw E.ITEM_NOT_FOUND();
  const station = await requireStation(ctx.db, actor, listed.stationId);
  requireAccess(actor, 'station', { orgPath: station.orgPath }, 'write', { what: '该阵地的爱心超市' });
  const proven = await provePresence(ctx, actor, { ...input, stationId: station.id }, ip);
  const person = await requirePerson(ctx.db, actor, proven.personId);
  assertServes(station, person);
  const personId = person.id;
  const result = await ctx.db.transaction(async (tx) => {
    if (proven.via === 'code' && !(await usePresenceCode(tx, d, proven.personId, proven.codeHash!)))
      return 'code-used' as const;
    const it = await points.findItem(tx, d, input.itemId, true);
    if (!it) throw E.ITEM_NOT_FOUND();
    if (it.stock < input.quantity) throw E.OUT_OF_STOCK({ item: it.name, stock: it.stock });
    const cost = it.pointsCost * input.quantity;
    const balance = await points.debitAccount(tx, d, personId, cost);
    if (balance === undefined) {
      const now = await points.balanceOf(tx, d, personId);
      throw E.POINTS_INSUFFICIENT({ cost, balance: now?.balance ?? 0 });
    }
    const stock = await points.takeStock(tx, d, it.id, input.quantity);
    const ledgerId = await points.appendLedger(tx, {
      districtId: d,
      personId,
      delta: -cost,
      balanceAfter: balance,
      kind: 'redeem',
      sourceType: 'love_supermarket',
      sourceId: randomUUID(),
      stationId: it.stationId,
      note: `兑换 ${it.name} × ${input.quantity}`,
      actorUserId: actor.userId,
    });
    const detail = {
      itemId: it.id,
      item: it.name,
      quantity: input.quantity,
      cost,
      balance,
      stationId: it.stationId,
      ledgerId,
      presence: proven.via,
    };
    await writeAudit(
      tx,
      actor,
      { action: 'points.redeem', entityType: 'points_account', entityId: personId, detail },
      ip,
    );
    return { ledgerId, balance, spent: cost, stock };
  });
  // a code used by a concurrent redemption in the meantime: the same refusal as a wrong code
  if (result === 'code-used') return refuseProof(ctx, actor, { via: 'code', stationId: station.id }, ip);
  return result;
}

/** The demo loader's way in: {@link storeCard} with positional arguments. */
export async function issueCardIn(
  q: Queryable,
  ctx: Pick<AppContext, 'crypto'>,
  ...[districtId, personId, cardNumber, issuedBy, issuedAt]: [string, string, string, string | null, Date?]
): Promise<void> {
  await storeCard(q, ctx, { districtId, personId, cardNumber, issuedBy, issuedAt });
}
