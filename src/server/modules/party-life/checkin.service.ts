import type { AppContext } from '../../context.js';
import { parseQrToken, qrSvg, signQrToken, verifyQrToken } from '../../lib/signed-qr.js';
import { iso, shanghaiDate } from '../../lib/time.js';
import { PARTY_SCAN_PATH } from '../../../shared/party-life.constants.js';
import type { MyPartyLife, PartyCheckin, PartyQr } from '../../../shared/party-life.schema.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { figures, OPENS_BEFORE_MS, requireActivity } from './activities.service.js';
import { E } from './party-life.errors.js';
import * as repo from './repository/activities.repository.js';

/**
 * 扫码签到 at a branch activity, with the volunteers' mechanism (lib/signed-qr.ts): one signed token per
 * activity, valid from an hour before the start until two hours after the end, voided with the activity's
 * nonce. The member scans it with their own resident account; the account's person must be an active
 * member of the activity's branch (a member not on the list is added as present).
 */
const QR_PURPOSE = 'party-life-qr';
const QR_GRACE_MS = 2 * 3600_000;

export async function activityQr(ctx: AppContext, actor: Actor, id: string, origin: string): Promise<PartyQr> {
  const a = await requireActivity(ctx.db, actor, id, 'run');
  if (a.status === 'cancelled') throw E.ACTIVITY_CANCELLED();
  const expires = new Date(a.endsAt.getTime() + QR_GRACE_MS);
  const token = signQrToken(
    ctx.crypto,
    QR_PURPOSE,
    { a: a.id, p: 'in', e: Math.floor(expires.getTime() / 1000) },
    a.qrNonce,
  );
  const url = `${origin}${PARTY_SCAN_PATH}?t=${encodeURIComponent(token)}`;
  return { token, url, svg: await qrSvg(url), expiresAt: expires.toISOString() };
}

export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  input: { token: string; now?: Date },
  ip?: string,
): Promise<PartyCheckin> {
  const now = input.now ?? new Date();
  const personId = personOf(actor);
  const t = parseQrToken(input.token, ['in'] as const);
  if (!t) throw E.QR_INVALID();
  const d = actor.districtId;
  return ctx.db.transaction(async (tx) => {
    const a = await repo.loadActivity(tx, d, t.a, true);
    if (!a || !verifyQrToken(ctx.crypto, QR_PURPOSE, t, a.qrNonce)) throw E.QR_INVALID();
    if (now.getTime() > t.e * 1000) throw E.QR_EXPIRED();
    if (now.getTime() < a.startsAt.getTime() - OPENS_BEFORE_MS) throw E.QR_TOO_EARLY();
    if (a.status === 'cancelled') throw E.ACTIVITY_CANCELLED();
    const m = await repo.memberOfPerson(tx, d, personId);
    if (!m || m.status !== 'active' || m.partyOrgId !== a.partyOrgId) throw E.NOT_A_PARTY_MEMBER();
    const current = await repo.attendanceOf(tx, d, a.id, m.id);
    if (current?.status === 'present') throw E.ALREADY_CHECKED_IN();
    await repo.upsertAttendance(tx, {
      districtId: d,
      activityId: a.id,
      memberId: m.id,
      status: 'present',
      leaveReason: null,
      via: 'qr',
      checkedInAt: now,
    });
    if (a.status === 'scheduled') await repo.setActivity(tx, d, a.id, { status: 'held' });
    await writeAudit(
      tx,
      actor,
      { action: 'party_activity.check_in', entityType: 'party_activity', entityId: a.id },
      ip,
    );
    return { activityId: a.id, topic: a.topic, partyOrgName: a.partyOrgName, status: 'present' as const };
  });
}

/** A member's own year: the activities they were expected at and their attendance (nothing of others). */
export async function myPartyLife(ctx: AppContext, actor: Actor, year: number): Promise<MyPartyLife> {
  const personId = personOf(actor);
  const m = await repo.memberOfPerson(ctx.db, actor.districtId, personId);
  if (!m)
    return {
      member: null,
      year,
      activities: [],
      attendance: figures({ expected: 0, present: 0, leave: 0, absent: 0 }),
    };
  const rows = await repo.activitiesOfMember(ctx.db, actor.districtId, m.id, year);
  const held = rows.filter((r) => r.status === 'held');
  const count = (s: string) => held.filter((r) => r.myStatus === s).length;
  return {
    member: { name: m.name, partyOrgName: m.partyOrgName },
    year,
    activities: rows.map((r) => ({ ...r, startsAt: iso(r.startsAt) })),
    attendance: figures({
      expected: held.length,
      present: count('present'),
      leave: count('leave'),
      absent: count('absent'),
    }),
  };
}

export const thisYear = () => Number(shanghaiDate(new Date()).slice(0, 4));
