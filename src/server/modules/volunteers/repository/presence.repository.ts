import { and, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { auditLog } from '../../audit/audit.tables.js';
import { people } from '../../people/people.tables.js';
import { pointsCards, pointsPresenceCodes } from '../volunteers.tables.js';

/** 到场码 and 积分卡: only keyed hashes are stored; a code is single-use and short-lived. */
const codes = pointsPresenceCodes;
const cards = pointsCards;

/**
 * Stores a person's new code: their earlier code goes, and so does a spent or expired code of anyone
 * that happens to share the digits. `false` when a live code of someone else has them (draw again).
 */
export async function replacePresenceCode(
  q: Queryable,
  row: { districtId: string; personId: string; codeHash: string; expiresAt: Date },
): Promise<boolean> {
  await q
    .delete(codes)
    .where(
      and(
        eq(codes.districtId, row.districtId),
        or(
          eq(codes.personId, row.personId),
          and(eq(codes.codeHash, row.codeHash), or(isNotNull(codes.usedAt), lte(codes.expiresAt, sql`now()`))),
        ),
      ),
    );
  const rows = await q.insert(codes).values(row).onConflictDoNothing().returning({ personId: codes.personId });
  return rows.length > 0;
}

/** Whose live (unused, unexpired) code this is. */
export async function livePresenceCode(
  q: Queryable,
  districtId: string,
  codeHash: string,
): Promise<string | undefined> {
  const [row] = await q
    .select({ personId: codes.personId })
    .from(codes)
    .where(
      and(
        eq(codes.districtId, districtId),
        eq(codes.codeHash, codeHash),
        isNull(codes.usedAt),
        gt(codes.expiresAt, sql`now()`),
      ),
    );
  return row?.personId;
}

/** Uses the code up; `false` when a concurrent redemption used it first (or it expired meanwhile). */
export async function usePresenceCode(
  q: Queryable,
  districtId: string,
  personId: string,
  codeHash: string,
): Promise<boolean> {
  const rows = await q
    .update(codes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(codes.districtId, districtId),
        eq(codes.personId, personId),
        eq(codes.codeHash, codeHash),
        isNull(codes.usedAt),
        gt(codes.expiresAt, sql`now()`),
      ),
    )
    .returning({ personId: codes.personId });
  return rows.length === 1;
}

/** The holder of a live (not revoked) card. */
export async function liveCardHolder(q: Queryable, districtId: string, cardHash: string): Promise<string | undefined> {
  const [row] = await q
    .select({ personId: cards.personId })
    .from(cards)
    .where(and(eq(cards.districtId, districtId), eq(cards.cardHash, cardHash), isNull(cards.revokedAt)));
  return row?.personId;
}

/** Revokes the person's live cards and stores the new one. */
export async function replaceCard(
  q: Queryable,
  row: {
    districtId: string;
    personId: string;
    cardHash: string;
    last4: string;
    issuedBy: string | null;
    issuedAt: Date;
  },
): Promise<void> {
  await q
    .update(cards)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(cards.districtId, row.districtId), eq(cards.personId, row.personId), isNull(cards.revokedAt)));
  await q.insert(cards).values(row);
}

export async function liveCardLast4(q: Queryable, districtId: string, personId: string): Promise<string | null> {
  const [c] = await q
    .select({ last4: cards.last4 })
    .from(cards)
    .where(and(eq(cards.districtId, districtId), eq(cards.personId, personId), isNull(cards.revokedAt)))
    .orderBy(desc(cards.issuedAt))
    .limit(1);
  return c?.last4 ?? null;
}

/** Wrong codes or cards this counter login entered in the last `minutes`. */
export async function recentFailures(
  q: Queryable,
  opts: { districtId: string; userId: string; action: string; minutes: number },
): Promise<number> {
  const [f] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.districtId, opts.districtId),
        eq(auditLog.actorUserId, opts.userId),
        eq(auditLog.action, opts.action),
        gt(auditLog.at, sql`now() - make_interval(mins => ${opts.minutes})`),
      ),
    );
  return f?.n ?? 0;
}

/** Whether the caller may see the person at all (`listable` is the access layer's predicate over `p`). */
export async function personListable(
  q: Queryable,
  districtId: string,
  personId: string,
  listable: SQL,
): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    q,
    sql`select ${listable} as ok from ${people} p where p.district_id = ${districtId} and p.id = ${personId}`,
  );
  return row?.ok === true;
}
