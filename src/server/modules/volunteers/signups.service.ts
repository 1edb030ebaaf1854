import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { parseQrToken, qrSvg, signQrToken, verifyQrToken } from '../../lib/signed-qr.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Activity, CheckinResult, Qr } from '../../../shared/volunteers.schema.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requireActivity } from './activities.service.js';
import { requirePerson } from './lookups.service.js';
import * as activities from './repository/activities.repository.js';
import { insertRecord } from './repository/records.repository.js';
import { remind } from '../notifications/remind.js';
import { AtScan, E } from './volunteers.errors.js';

/**
 * Signing up to an activity and the QR check-in/-out at it. Check-out writes the pending service
 * record (服务时长) a supervisor then confirms.
 */
const QR_GRACE_MS = 2 * 3600_000; // codes work from 1 h before the start until 2 h after the end

export async function signUp(ctx: AppContext, actor: Actor, activityId: string, ip?: string): Promise<Activity> {
  const personId = personOf(actor);
  await ctx.db.transaction(async (tx) => {
    const a = await requireActivity(tx, actor, activityId, true); // serialises sign-ups against the capacity
    requireAccess(actor, 'activity', { orgPath: a.orgPath });
    if (a.status !== 'open' || a.endsAt.getTime() < Date.now()) throw E.ACTIVITY_CLOSED();
    if ((await activities.countTakenPlaces(tx, actor.districtId, activityId)) >= a.capacity) throw E.ACTIVITY_FULL();
    const person = await requirePerson(tx, actor, personId);
    const added = await activities.insertSignup(tx, {
      districtId: actor.districtId,
      id: randomUUID(),
      activityId,
      personId,
      orgPath: person.orgPath,
    });
    if (!added) throw E.ALREADY_SIGNED_UP();
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_activity.sign_up', entityType: 'volunteer_activity', entityId: activityId },
      ip,
    );
  });
  return (await activities.activityView(ctx.db, actor.districtId, activityId, personId))!;
}

// ───────────────────────── QR check-in / check-out ─────────────────────────

const QR_PURPOSE = 'volunteer-qr';

/** One signed token per activity and phase: base64url({a, p, e}).signature — no database row per code. */
export async function activityQr(
  ctx: AppContext,
  actor: Actor,
  activityId: string,
  origin: string,
): Promise<{ items: Qr[] }> {
  const a = await requireActivity(ctx.db, actor, activityId);
  requireAccess(actor, 'activity', { orgPath: a.orgPath }, 'write');
  const expires = new Date(a.endsAt.getTime() + QR_GRACE_MS);
  const items = await Promise.all(
    (['in', 'out'] as const).map(async (phase) => {
      const claims = { a: a.id, p: phase, e: Math.floor(expires.getTime() / 1000) };
      const token = signQrToken(ctx.crypto, QR_PURPOSE, claims, a.qrNonce);
      const url = `${origin}/volunteer/scan?t=${encodeURIComponent(token)}`;
      return {
        phase,
        token,
        url,
        svg: await qrSvg(url),
        expiresAt: expires.toISOString(),
      };
    }),
  );
  return { items };
}

function readToken(token: string) {
  const t = parseQrToken(token, ['in', 'out'] as const);
  if (!t) throw E.QR_INVALID();
  return t;
}

function hoursBetween(from: Date, to: Date, max: number): number {
  const h = Math.round(((to.getTime() - from.getTime()) / 3600_000) * 4) / 4;
  return Math.min(max, Math.max(0.25, h));
}

export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  input: { token: string; now?: Date },
  ip?: string,
): Promise<CheckinResult> {
  const now = input.now ?? new Date();
  const personId = personOf(actor);
  const t = readToken(input.token);
  const d = actor.districtId;
  return ctx.db.transaction(async (tx) => {
    const a = await requireActivity(tx, actor, t.a, true).catch(() => {
      throw E.QR_INVALID();
    });
    if (!verifyQrToken(ctx.crypto, QR_PURPOSE, t, a.qrNonce)) throw E.QR_INVALID();
    if (now.getTime() > t.e * 1000) throw E.QR_EXPIRED();
    if (now.getTime() < a.startsAt.getTime() - 3600_000) throw E.QR_TOO_EARLY();
    requireAccess(actor, 'activity', { orgPath: a.orgPath });
    if (a.status === 'cancelled') throw AtScan.ACTIVITY_CLOSED();
    const person = await requirePerson(tx, actor, personId);
    let s = await activities.lockSignup(tx, d, a.id, personId);
    if (t.p === 'in') {
      if (!s) {
        // walk-ins may join on the spot while there is room
        if ((await activities.countTakenPlaces(tx, d, a.id)) >= a.capacity) throw AtScan.ACTIVITY_FULL();
        s = { id: randomUUID(), status: 'signed_up', checkedInAt: null };
        const row = { districtId: d, id: s.id, activityId: a.id, personId, orgPath: person.orgPath };
        await activities.insertSignup(tx, row, { ifAbsent: false });
      }
      if (s.status !== 'signed_up') throw E.ALREADY_CHECKED_IN();
      await activities.updateSignup(tx, d, s.id, { status: 'checked_in', checkedInAt: now });
      await writeAudit(
        tx,
        actor,
        { action: 'volunteer_activity.check_in', entityType: 'volunteer_activity', entityId: a.id },
        ip,
      );
      return {
        activityId: a.id,
        activityTitle: a.title,
        phase: 'in' as const,
        status: 'checked_in' as const,
        hours: null,
      };
    }
    if (!s || s.status !== 'checked_in' || !s.checkedInAt) throw E.NOT_CHECKED_IN();
    const checkedIn = new Date(s.checkedInAt);
    const maxHours = Math.max(0.25, (a.endsAt.getTime() - a.startsAt.getTime()) / 3600_000);
    const hours = hoursBetween(checkedIn, now, maxHours);
    const recordId = randomUUID();
    await insertRecord(tx, {
      districtId: d,
      id: recordId,
      personId,
      orgUnitId: a.orgUnitId,
      orgPath: a.orgPath,
      workUnitId: person.workUnitId,
      source: 'activity',
      sourceId: a.id,
      title: a.title,
      servedOn: shanghaiDate(checkedIn),
      hours,
    });
    await activities.updateSignup(tx, d, s.id, {
      status: 'checked_out',
      checkedOutAt: now,
      hours,
      serviceRecordId: recordId,
    });
    await remind(tx, d, 'volunteers.hours_to_confirm', { recordId, orgPath: a.orgPath, title: a.title, count: 1 });
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_activity.check_out', entityType: 'volunteer_activity', entityId: a.id, detail: { hours } },
      ip,
    );
    return { activityId: a.id, activityTitle: a.title, phase: 'out' as const, status: 'checked_out' as const, hours };
  });
}
