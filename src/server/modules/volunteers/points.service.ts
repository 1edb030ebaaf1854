import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import { personListableSql } from '../access/minor-protection.access.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { AccountDto, CardDto, CounterAccountDto, PresenceCodeDto, RedemptionDto } from './volunteers.schema.js';
import { must } from '../../lib/must.js';
import { personOf } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { pointsLedger } from './volunteers.tables.js';

/**
 * 爱心超市柜台: points are spent only with the resident there. The counter proves presence with a
 * short-lived, single-use code the resident takes from their own account (6 digits or its QR), or with
 * the points card the community issued them; it never debits by a bare person id. The station debits
 * only residents it serves (those living inside its org unit), and a counter reads no account outside
 * its scope. Wrong codes count against the counter login: five in ten minutes and it must wait.
 */
export const PRESENCE_TTL_SECONDS = 180;
export const PRESENCE_MAX_FAILURES = 5;
const FAILURE_WINDOW_MINUTES = 10;
const QR_PREFIX = 'linli-presence:';

export interface PresenceProof {
  presenceCode?: string;
  cardNumber?: string;
}
interface Proven {
  personId: string;
  via: 'code' | 'card';
  codeHash?: string;
}
interface StationRow {
  id: string;
  name: string;
  org_path: string;
}
interface PersonRow {
  id: string;
  name: string;
  org_path: string;
}

const codeHash = (ctx: AppContext, districtId: string, code: string) =>
  ctx.crypto.blindIndex(`points-presence:${districtId}:${code}`);
const cardHash = (ctx: Pick<AppContext, 'crypto'>, districtId: string, card: string) =>
  ctx.crypto.blindIndex(`points-card:${districtId}:${card}`);

function normalisedCard(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

async function personRow(q: Queryable, districtId: string, personId: string): Promise<PersonRow> {
  const [p] = await queryRows<PersonRow>(
    q,
    sql`select id, name, org_path from people where district_id = ${districtId} and id = ${personId}`,
  );
  return must(p, 'PERSON_NOT_FOUND', '找不到该人员，请核对后重试。');
}

async function stationRow(q: Queryable, districtId: string, stationId: string): Promise<StationRow> {
  const [s] = await queryRows<StationRow>(
    q,
    sql`select id, name, org_path from stations where district_id = ${districtId} and id = ${stationId}`,
  );
  return must(s, 'STATION_NOT_FOUND', '找不到该阵地。');
}

async function balanceOf(
  q: Queryable,
  districtId: string,
  personId: string,
): Promise<{ balance: number; earnedTotal: number; redeemedTotal: number }> {
  const [a] = await queryRows<{ balance: number; earned_total: number; redeemed_total: number }>(
    q,
    sql`
    select balance, earned_total, redeemed_total from points_accounts where district_id = ${districtId} and person_id = ${personId}`,
  );
  return { balance: a?.balance ?? 0, earnedTotal: a?.earned_total ?? 0, redeemedTotal: a?.redeemed_total ?? 0 };
}

/** A station serves the residents inside its own org unit: a community's station its community, a street's the whole street. */
function assertServes(station: StationRow, person: PersonRow): void {
  if (!person.org_path.startsWith(station.org_path)) {
    throw forbidden(
      'STATION_NOT_SERVING',
      `“${station.name}”不服务该居民所在的社区，不能在此兑换积分；请居民到本社区（或所在街道）的阵地兑换。`,
    );
  }
}

// ───────────────────────── the resident's side ─────────────────────────

/** A new 6-digit code for the resident's own account; it replaces any earlier one and lives PRESENCE_TTL_SECONDS. */
export async function createPresenceCode(
  ctx: AppContext,
  actor: Actor,
  ip?: string,
): Promise<z.infer<typeof PresenceCodeDto>> {
  const personId = personOf(actor);
  const d = actor.districtId;
  const expiresAt = new Date(Date.now() + PRESENCE_TTL_SECONDS * 1000);
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const hash = codeHash(ctx, d, code);
    const created = await ctx.db.transaction(async (tx) => {
      // this person's earlier code goes; so does a spent or expired code of anyone that happens to share the digits
      await tx.execute(sql`delete from points_presence_codes where district_id = ${d}
        and (person_id = ${personId} or (code_hash = ${hash} and (used_at is not null or expires_at <= now())))`);
      const rows = await queryRows<{ person_id: string }>(
        tx,
        sql`insert into points_presence_codes (district_id, person_id, code_hash, expires_at)
        values (${d}, ${personId}, ${hash}, ${expiresAt.toISOString()}) on conflict do nothing returning person_id`,
      );
      if (rows.length === 0) return false; // a live code of someone else has these digits: draw again
      await writeAudit(
        tx,
        actor,
        {
          action: 'points.presence_code',
          entityType: 'points_account',
          entityId: personId,
          detail: { expiresAt: expiresAt.toISOString() },
        },
        ip,
      );
      return true;
    });
    if (created) {
      const qrPayload = `${QR_PREFIX}${code}`;
      const svg = await QRCode.toString(qrPayload, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { code, qrPayload, svg, expiresAt: expiresAt.toISOString(), ttlSeconds: PRESENCE_TTL_SECONDS };
    }
  }
  throw new AppError('conflict', 'PRESENCE_CODE_BUSY', '暂时无法生成到场码，请稍后再试。');
}

// ───────────────────────── the counter's side ─────────────────────────

async function assertAttemptsLeft(q: Queryable, actor: Actor): Promise<void> {
  const [f] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from audit_log
    where district_id = ${actor.districtId} and actor_user_id = ${actor.userId} and action = 'points.presence_failed'
      and at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})`,
  );
  if ((f?.n ?? 0) >= PRESENCE_MAX_FAILURES) {
    throw new AppError(
      'rate_limited',
      'PRESENCE_ATTEMPTS_EXCEEDED',
      `到场码或卡号已连续输错 ${PRESENCE_MAX_FAILURES} 次，请 ${FAILURE_WINDOW_MINUTES} 分钟后再试；请居民在“我的志愿服务”重新生成到场码。`,
    );
  }
}

/** A wrong code or card is recorded (in its own transaction, so the refusal does not roll it back) and refused. */
async function refuseProof(
  ctx: AppContext,
  actor: Actor,
  via: 'code' | 'card',
  stationId: string,
  ip?: string,
): Promise<never> {
  await writeAudit(
    ctx.db,
    actor,
    { action: 'points.presence_failed', entityType: 'station', entityId: stationId, detail: { via } },
    ip,
  );
  throw badRequest(
    'PRESENCE_CODE_INVALID',
    via === 'code'
      ? '到场码无效、已过期或已使用：请居民在“我的志愿服务”重新生成到场码后再试。'
      : '积分卡号无效或已挂失：请核对卡号，或请居民出示到场码。',
  );
}

/** Who the code or card belongs to. Reads only; the redemption uses the code up in its own transaction. */
async function provePresence(
  ctx: AppContext,
  actor: Actor,
  proof: PresenceProof,
  stationId: string,
  ip?: string,
): Promise<Proven> {
  if (!proof.presenceCode && !proof.cardNumber)
    throw badRequest(
      'PRESENCE_REQUIRED',
      '请输入居民出示的到场码（6 位数字或扫码），或其积分卡号；积分只能在本人在场时兑换。',
    );
  await assertAttemptsLeft(ctx.db, actor);
  const d = actor.districtId;
  if (proof.presenceCode) {
    const hash = codeHash(ctx, d, proof.presenceCode.replace(QR_PREFIX, ''));
    const [row] = await queryRows<{ person_id: string }>(
      ctx.db,
      sql`select person_id from points_presence_codes
      where district_id = ${d} and code_hash = ${hash} and used_at is null and expires_at > now()`,
    );
    if (!row) return refuseProof(ctx, actor, 'code', stationId, ip);
    return { personId: row.person_id, via: 'code', codeHash: hash };
  }
  const [card] = await queryRows<{ person_id: string }>(
    ctx.db,
    sql`select person_id from points_cards
    where district_id = ${d} and card_hash = ${cardHash(ctx, d, normalisedCard(proof.cardNumber!))} and revoked_at is null`,
  );
  if (!card) return refuseProof(ctx, actor, 'card', stationId, ip);
  return { personId: card.person_id, via: 'card' };
}

/** The counter reads the account of the resident who is there: code or card, at a station that serves them. */
export async function lookupAtCounter(
  ctx: AppContext,
  actor: Actor,
  input: PresenceProof & { stationId: string },
  ip?: string,
): Promise<z.infer<typeof CounterAccountDto>> {
  const station = await stationRow(ctx.db, actor.districtId, input.stationId);
  requireAccess(actor, 'station', { orgPath: station.org_path }, 'write', { what: '该阵地的爱心超市' });
  const proven = await provePresence(ctx, actor, input, station.id, ip);
  const person = await personRow(ctx.db, actor.districtId, proven.personId);
  assertServes(station, person);
  return {
    personId: person.id,
    personName: person.name,
    ...(await balanceOf(ctx.db, actor.districtId, person.id)),
    via: proven.via,
    stationId: station.id,
    stationName: station.name,
  };
}

/** An account by person id: only inside the caller's own scope (the counter of another community uses the code or card). */
export async function getAccount(ctx: AppContext, actor: Actor, personId: string): Promise<z.infer<typeof AccountDto>> {
  const person = await personRow(ctx.db, actor.districtId, personId);
  // a child with a minor-protection file is not in the registry for callers without identity access to the file
  const [listable] = await queryRows<{ ok: boolean }>(
    ctx.db,
    sql`select ${personListableSql(actor)} as ok from people p where p.district_id = ${actor.districtId} and p.id = ${personId}`,
  );
  if (!listable?.ok) throw notFound('PERSON_NOT_FOUND', '找不到该人员，请核对后重试。');
  requireAccess(actor, 'pointsAccount', { orgPath: person.org_path, workUnitId: null }, 'counter');
  return { personId, personName: person.name, ...(await balanceOf(ctx.db, actor.districtId, personId)) };
}

/** 发放积分卡: the community issues (or re-issues, revoking the old one) a card to a resident in its scope. */
export async function issueCard(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  ip?: string,
): Promise<z.infer<typeof CardDto>> {
  const person = await personRow(ctx.db, actor.districtId, personId);
  requireAccess(actor, 'pointsAccount', { orgPath: person.org_path, workUnitId: null }, 'counter', { what: '该居民' });
  const cardNumber = Array.from({ length: 12 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('');
  const last4 = cardNumber.slice(-4);
  const issuedAt = new Date();
  await ctx.db.transaction(async (tx) => {
    await issueCardIn(tx, ctx, actor.districtId, person.id, cardNumber, actor.userId, issuedAt);
    await writeAudit(
      tx,
      actor,
      { action: 'points.card_issue', entityType: 'points_account', entityId: person.id, detail: { last4 } },
      ip,
    );
  });
  return { personId: person.id, personName: person.name, cardNumber, last4, issuedAt: issuedAt.toISOString() };
}

/** Revokes the person's live cards and stores the new one (also used by the demo loader). */
export async function issueCardIn(
  q: Queryable,
  ctx: Pick<AppContext, 'crypto'>,
  districtId: string,
  personId: string,
  cardNumber: string,
  issuedBy: string | null,
  issuedAt = new Date(),
): Promise<void> {
  await q.execute(
    sql`update points_cards set revoked_at = now() where district_id = ${districtId} and person_id = ${personId} and revoked_at is null`,
  );
  await q.execute(sql`insert into points_cards (district_id, card_hash, person_id, last4, issued_by, issued_at)
    values (${districtId}, ${cardHash(ctx, districtId, cardNumber)}, ${personId}, ${cardNumber.slice(-4)}, ${issuedBy}, ${issuedAt.toISOString()})`);
}

export async function cardLast4(q: Queryable, districtId: string, personId: string): Promise<string | null> {
  const [c] = await queryRows<{ last4: string }>(
    q,
    sql`select last4 from points_cards where district_id = ${districtId} and person_id = ${personId} and revoked_at is null order by issued_at desc limit 1`,
  );
  return c?.last4 ?? null;
}

async function useCode(tx: Tx, districtId: string, proven: Proven): Promise<boolean> {
  if (proven.via !== 'code') return true;
  const rows = await queryRows<{ person_id: string }>(
    tx,
    sql`update points_presence_codes set used_at = now()
    where district_id = ${districtId} and person_id = ${proven.personId} and code_hash = ${proven.codeHash!} and used_at is null and expires_at > now()
    returning person_id`,
  );
  return rows.length === 1;
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
): Promise<z.infer<typeof RedemptionDto>> {
  const [itemStation] = await queryRows<{ station_id: string }>(
    ctx.db,
    sql`select station_id from love_supermarket_items where district_id = ${actor.districtId} and id = ${input.itemId}`,
  );
  const stationId = must(itemStation, 'ITEM_NOT_FOUND', '找不到该兑换物品。').station_id;
  const station = await stationRow(ctx.db, actor.districtId, stationId);
  requireAccess(actor, 'station', { orgPath: station.org_path }, 'write', { what: '该阵地的爱心超市' });
  const proven = await provePresence(ctx, actor, input, station.id, ip);
  const person = await personRow(ctx.db, actor.districtId, proven.personId);
  assertServes(station, person);
  const personId = person.id;
  const result = await ctx.db.transaction(async (tx) => {
    if (!(await useCode(tx, actor.districtId, proven))) return 'code-used' as const;
    const [item] = await queryRows<{
      id: string;
      name: string;
      points_cost: number;
      stock: number;
      station_id: string;
    }>(
      tx,
      sql`
      select i.id, i.name, i.points_cost, i.stock, i.station_id from love_supermarket_items i
      where i.district_id = ${actor.districtId} and i.id = ${input.itemId} for update of i`,
    );
    const it = must(item, 'ITEM_NOT_FOUND', '找不到该兑换物品。');
    if (it.stock < input.quantity) throw conflict('OUT_OF_STOCK', `“${it.name}”库存不足（剩余 ${it.stock} 件）。`);
    const cost = it.points_cost * input.quantity;
    const [acc] = await queryRows<{ balance: number }>(
      tx,
      sql`
      update points_accounts set balance = balance - ${cost}, redeemed_total = redeemed_total + ${cost}, updated_at = now()
      where district_id = ${actor.districtId} and person_id = ${personId} and balance >= ${cost} returning balance`,
    );
    if (!acc) {
      const [now] = await queryRows<{ balance: number }>(
        tx,
        sql`select balance from points_accounts where district_id = ${actor.districtId} and person_id = ${personId}`,
      );
      throw conflict('POINTS_INSUFFICIENT', `积分不足：需要 ${cost} 分，当前余额 ${now?.balance ?? 0} 分。`);
    }
    const [stock] = await queryRows<{ stock: number }>(
      tx,
      sql`update love_supermarket_items set stock = stock - ${input.quantity}
      where district_id = ${actor.districtId} and id = ${it.id} returning stock`,
    );
    const redemptionId = randomUUID();
    const [line] = await tx
      .insert(pointsLedger)
      .values({
        districtId: actor.districtId,
        personId,
        delta: -cost,
        balanceAfter: acc.balance,
        kind: 'redeem',
        sourceType: 'love_supermarket',
        sourceId: redemptionId,
        stationId: it.station_id,
        note: `兑换 ${it.name} × ${input.quantity}`,
        actorUserId: actor.userId,
      })
      .returning({ id: pointsLedger.id });
    await writeAudit(
      tx,
      actor,
      {
        action: 'points.redeem',
        entityType: 'points_account',
        entityId: personId,
        detail: {
          itemId: it.id,
          item: it.name,
          quantity: input.quantity,
          cost,
          balance: acc.balance,
          stationId: it.station_id,
          ledgerId: line!.id,
          presence: proven.via,
        },
      },
      ip,
    );
    return { ledgerId: Number(line!.id), balance: acc.balance, spent: cost, stock: stock!.stock };
  });
  // a code used by a concurrent redemption in the meantime: the same refusal as a wrong code
  if (result === 'code-used') return refuseProof(ctx, actor, 'code', station.id, ip);
  return result;
}
