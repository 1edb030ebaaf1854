import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { PRESENCE_QR_PREFIX } from '../../../shared/volunteers.constants.js';
import type { Account, Card, CounterAccount, PresenceCode } from '../../../shared/volunteers.schema.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { personListableSql } from '../access/minor-protection.access.js';
import { writeAudit } from '../audit/audit.service.js';
import { requirePerson, requireStation } from './lookups.service.js';
import type { PersonRow, StationRow } from './repository/lookups.repository.js';
import { balanceOf } from './repository/points.repository.js';
import * as presence from './repository/presence.repository.js';
import { E, ForCard } from './volunteers.errors.js';

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
const FAILED = 'points.presence_failed';

export interface PresenceProof {
  presenceCode?: string;
  cardNumber?: string;
}
export interface Proven {
  personId: string;
  via: 'code' | 'card';
  codeHash?: string;
}

const codeHash = (ctx: AppContext, districtId: string, code: string) =>
  ctx.crypto.blindIndex(`points-presence:${districtId}:${code}`);
const cardHash = (ctx: Pick<AppContext, 'crypto'>, districtId: string, card: string) =>
  ctx.crypto.blindIndex(`points-card:${districtId}:${card}`);
const normalisedCard = (raw: string) => raw.replace(/[\s-]/g, '');

export async function balanceOrZero(q: Queryable, districtId: string, personId: string) {
  const a = await balanceOf(q, districtId, personId);
  return { balance: a?.balance ?? 0, earnedTotal: a?.earnedTotal ?? 0, redeemedTotal: a?.redeemedTotal ?? 0 };
}

/** A station serves the residents inside its own org unit: a community's station its community, a street's the whole street. */
export function assertServes(station: StationRow, person: PersonRow): void {
  if (!person.orgPath.startsWith(station.orgPath)) throw E.STATION_NOT_SERVING({ station: station.name });
}

// ───────────────────────── the resident's side ─────────────────────────

/** A new 6-digit code for the resident's own account; it replaces any earlier one and lives PRESENCE_TTL_SECONDS. */
export async function createPresenceCode(ctx: AppContext, actor: Actor, ip?: string): Promise<PresenceCode> {
  const personId = personOf(actor);
  const d = actor.districtId;
  const expiresAt = new Date(Date.now() + PRESENCE_TTL_SECONDS * 1000);
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const hash = codeHash(ctx, d, code);
    const created = await ctx.db.transaction(async (tx) => {
      const row = { districtId: d, personId, codeHash: hash, expiresAt };
      if (!(await presence.replacePresenceCode(tx, row))) return false; // a live code of someone else: draw again
      const detail = { expiresAt: expiresAt.toISOString() };
      const entry = { action: 'points.presence_code', entityType: 'points_account', entityId: personId, detail };
      await writeAudit(tx, actor, entry, ip);
      return true;
    });
    if (created) {
      const qrPayload = `${PRESENCE_QR_PREFIX}${code}`;
      const svg = await QRCode.toString(qrPayload, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { code, qrPayload, svg, expiresAt: expiresAt.toISOString(), ttlSeconds: PRESENCE_TTL_SECONDS };
    }
  }
  throw E.PRESENCE_CODE_BUSY();
}

// ───────────────────────── the counter's side ─────────────────────────

async function assertAttemptsLeft(q: Queryable, actor: Actor): Promise<void> {
  const n = await presence.recentFailures(q, {
    districtId: actor.districtId,
    userId: actor.userId,
    action: FAILED,
    minutes: FAILURE_WINDOW_MINUTES,
  });
  if (n >= PRESENCE_MAX_FAILURES)
    throw E.PRESENCE_ATTEMPTS_EXCEEDED({ max: PRESENCE_MAX_FAILURES, minutes: FAILURE_WINDOW_MINUTES });
}

/** A wrong code or card is recorded (in its own transaction, so the refusal does not roll it back) and refused. */
export async function refuseProof(
  ctx: AppContext,
  actor: Actor,
  opts: { via: 'code' | 'card'; stationId: string },
  ip?: string,
): Promise<never> {
  const entry = { action: FAILED, entityType: 'station', entityId: opts.stationId, detail: { via: opts.via } };
  await writeAudit(ctx.db, actor, entry, ip);
  throw opts.via === 'code' ? E.PRESENCE_CODE_INVALID() : ForCard.PRESENCE_CODE_INVALID();
}

/** Who the code or card belongs to. Reads only; the redemption uses the code up in its own transaction. */
export async function provePresence(
  ctx: AppContext,
  actor: Actor,
  proof: PresenceProof & { stationId: string },
  ip?: string,
): Promise<Proven> {
  if (!proof.presenceCode && !proof.cardNumber) throw E.PRESENCE_REQUIRED();
  await assertAttemptsLeft(ctx.db, actor);
  const d = actor.districtId;
  const stationId = proof.stationId;
  if (proof.presenceCode) {
    const hash = codeHash(ctx, d, proof.presenceCode.replace(PRESENCE_QR_PREFIX, ''));
    const personId = await presence.livePresenceCode(ctx.db, d, hash);
    if (!personId) return refuseProof(ctx, actor, { via: 'code', stationId }, ip);
    return { personId, via: 'code', codeHash: hash };
  }
  const holder = await presence.liveCardHolder(ctx.db, d, cardHash(ctx, d, normalisedCard(proof.cardNumber!)));
  if (!holder) return refuseProof(ctx, actor, { via: 'card', stationId }, ip);
  return { personId: holder, via: 'card' };
}

/** The counter reads the account of the resident who is there: code or card, at a station that serves them. */
export async function lookupAtCounter(
  ctx: AppContext,
  actor: Actor,
  input: PresenceProof & { stationId: string },
  ip?: string,
): Promise<CounterAccount> {
  const station = await requireStation(ctx.db, actor, input.stationId);
  requireAccess(actor, 'station', { orgPath: station.orgPath }, 'write', { what: '该阵地的爱心超市' });
  const proven = await provePresence(ctx, actor, { ...input, stationId: station.id }, ip);
  const person = await requirePerson(ctx.db, actor, proven.personId);
  assertServes(station, person);
  return {
    personId: person.id,
    personName: person.name,
    ...(await balanceOrZero(ctx.db, actor.districtId, person.id)),
    via: proven.via,
    stationId: station.id,
    stationName: station.name,
  };
}

/** An account by person id: only inside the caller's own scope (the counter of another community uses the code or card). */
export async function getAccount(ctx: AppContext, actor: Actor, personId: string): Promise<Account> {
  const person = await requirePerson(ctx.db, actor, personId);
  // a child with a minor-protection file is not in the registry for callers without identity access to the file
  if (!(await presence.personListable(ctx.db, actor.districtId, personId, personListableSql(actor))))
    throw E.PERSON_NOT_FOUND();
  requireAccess(actor, 'pointsAccount', { orgPath: person.orgPath, workUnitId: null }, 'counter');
  return { personId, personName: person.name, ...(await balanceOrZero(ctx.db, actor.districtId, personId)) };
}

/** 发放积分卡: the community issues (or re-issues, revoking the old one) a card to a resident in its scope. */
export async function issueCard(ctx: AppContext, actor: Actor, personId: string, ip?: string): Promise<Card> {
  const person = await requirePerson(ctx.db, actor, personId);
  requireAccess(actor, 'pointsAccount', { orgPath: person.orgPath, workUnitId: null }, 'counter', { what: '该居民' });
  const cardNumber = Array.from({ length: 12 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('');
  const last4 = cardNumber.slice(-4);
  const issuedAt = new Date();
  await ctx.db.transaction(async (tx) => {
    await storeCard(tx, ctx, {
      districtId: actor.districtId,
      personId: person.id,
      cardNumber,
      issuedBy: actor.userId,
      issuedAt,
    });
    const entry = { action: 'points.card_issue', entityType: 'points_account', entityId: person.id, detail: { last4 } };
    await writeAudit(tx, actor, entry, ip);
  });
  return { personId: person.id, personName: person.name, cardNumber, last4, issuedAt: issuedAt.toISOString() };
}

/** Revokes the person's live cards and stores the new one (also used by the demo loader). */
export async function storeCard(
  q: Queryable,
  ctx: Pick<AppContext, 'crypto'>,
  card: { districtId: string; personId: string; cardNumber: string; issuedBy: string | null; issuedAt?: Date },
): Promise<void> {
  const { districtId, personId, cardNumber, issuedBy } = card;
  await presence.replaceCard(q, {
    districtId,
    personId,
    cardHash: cardHash(ctx, districtId, cardNumber),
    last4: cardNumber.slice(-4),
    issuedBy,
    issuedAt: card.issuedAt ?? new Date(),
  });
}

export const cardLast4 = presence.liveCardLast4;
