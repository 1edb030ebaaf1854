import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { iso } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { AttendanceFigures, PartyActivity, PartyActivityDetail } from '../../../shared/party-life.schema.js';
import type { CreateActivityBody } from '../../../shared/party-life.schema.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { attachmentsOf, linkAttachments } from '../attachments/attachments.service.js';
import { writeAudit } from '../audit/audit.service.js';
import { E } from './party-life.errors.js';
import { partyActivities } from './party-life.tables.js';
import * as repo from './repository/activities.repository.js';
import type { ActivityRow, BranchRow } from './repository/activities.repository.js';

/**
 * 组织生活 of a branch: 主题党日, 三会一课 (支部党员大会、支委会、党小组会、党课), 立足岗位作贡献, 党建比武 …
 * scheduled with the members expected, attended by QR check-in (checkin.service.ts) or marked by the
 * secretary (请假 with its reason), then minuted with files. An activity counts as held once attendance or
 * minutes are recorded. Attendance rate = present / expected (a leave is not a presence).
 */
const BRANCH_KINDS = ['compound_branch', 'station_branch'];
/** Attendance may be recorded from an hour before the start. */
export const OPENS_BEFORE_MS = 3600_000;

export const branchRecord = (b: { orgPath: string; compoundPaths: string[] }) => ({
  orgPath: b.orgPath,
  compoundPaths: b.compoundPaths ?? [],
});

/** A branch the caller reads branch life of (404 / 403 otherwise); `action` run or review on top. */
export async function requireBranch(
  q: Queryable,
  actor: Actor,
  id: string,
  action: 'read' | 'run' | 'review' = 'read',
): Promise<BranchRow> {
  const b = await repo.loadBranch(q, actor.districtId, id);
  if (!b) throw E.NOT_A_BRANCH();
  requireAccess(actor, 'branchLife', branchRecord(b), action);
  if (!BRANCH_KINDS.includes(b.kind)) throw E.NOT_A_BRANCH();
  return b;
}

export function figures(f: { expected: number; present: number; leave: number; absent: number }): AttendanceFigures {
  return {
    expected: f.expected,
    present: f.present,
    leave: f.leave,
    absent: f.absent,
    rate: f.expected > 0 ? Math.round((f.present / f.expected) * 1000) / 10 : null,
  };
}

export function toActivity(r: ActivityRow): PartyActivity {
  return {
    id: r.id,
    partyOrgId: r.partyOrgId,
    partyOrgName: r.partyOrgName,
    kind: r.kind,
    topic: r.topic,
    place: r.place,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    status: r.status,
    attendance: figures(r),
    version: r.version,
  };
}

export async function requireActivity(
  q: Queryable,
  actor: Actor,
  id: string,
  action: 'read' | 'run' = 'read',
  lock = false,
) {
  const a = await repo.loadActivity(q, actor.districtId, id, lock);
  if (!a) throw E.ACTIVITY_NOT_FOUND();
  requireAccess(actor, 'branchLife', branchRecord(a), action);
  return a;
}

export async function createActivity(ctx: AppContext, actor: Actor, input: CreateActivityBody, ip?: string) {
  const id = await ctx.db.transaction(async (tx) => {
    const b = await requireBranch(tx, actor, input.partyOrgId, 'run');
    if (b.status !== 'active') throw E.BRANCH_DISSOLVED();
    const active = await repo.activeMembersOf(tx, actor.districtId, b.id);
    let expected = active;
    if (input.memberIds) {
      const ids = [...new Set(input.memberIds)];
      const found = await repo.membersByIds(tx, actor.districtId, ids);
      for (const mid of ids) {
        const m = found.find((x) => x.id === mid);
        if (!m || m.partyOrgId !== b.id || m.status !== 'active' || !['probationary', 'full'].includes(m.stage))
          throw E.MEMBER_NOT_OF_BRANCH({ name: m?.name ?? mid });
      }
      expected = found;
    }
    if (expected.length === 0) throw E.NO_MEMBERS();
    const newId = randomUUID();
    await repo.insertActivity(tx, {
      districtId: actor.districtId,
      id: newId,
      partyOrgId: b.id,
      kind: input.kind,
      topic: input.topic,
      place: input.place,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      qrNonce: randomBytes(12).toString('base64url'),
      createdBy: actor.userId,
    });
    await repo.insertAttendance(
      tx,
      expected.map((m) => ({ districtId: actor.districtId, activityId: newId, memberId: m.id })),
    );
    const detail = { partyOrgId: b.id, kind: input.kind, startsAt: input.startsAt, expected: expected.length };
    await writeAudit(
      tx,
      actor,
      { action: 'party_activity.create', entityType: 'party_activity', entityId: newId, detail },
      ip,
    );
    return newId;
  });
  return toActivity((await repo.loadActivity(ctx.db, actor.districtId, id))!);
}

export async function listActivities(
  ctx: AppContext,
  actor: Actor,
  query: { partyOrgId?: string; year?: number; kind?: string; limit: number; offset: number },
) {
  if (query.partyOrgId) await requireBranch(ctx.db, actor, query.partyOrgId);
  const scope = scopeWhere(actor, 'branchLife', repo.BRANCH_COLUMNS);
  const { items, total } = await repo.listActivities(ctx.db, { districtId: actor.districtId, scope, ...query });
  return { items: items.map(toActivity), total };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: string): Promise<PartyActivityDetail> {
  const a = await requireActivity(ctx.db, actor, id);
  const attendees = await repo.attendeesOf(ctx.db, actor.districtId, id);
  const files = await attachmentsOf(ctx.db, actor.districtId, 'party_activity', [id]);
  return {
    activity: toActivity(a),
    minutes: a.minutes,
    attendees: attendees.map((x) => ({ ...x, checkedInAt: x.checkedInAt ? iso(x.checkedInAt) : null })),
    attachments: files.map(({ recordId: _r, part: _p, ...f }) => f),
    can: { run: canAccess(actor, 'branchLife', branchRecord(a), 'run') && a.status !== 'cancelled' },
  };
}

/** The secretary marks who came, who asked for leave (with the reason) and who was absent. */
export async function markAttendance(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; items: { memberId: string; status: 'present' | 'leave' | 'absent'; leaveReason?: string }[] },
  ip?: string,
  now = new Date(),
) {
  await ctx.db.transaction(async (tx) => {
    const a = await requireActivity(tx, actor, input.id, 'run', true);
    if (a.status === 'cancelled') throw E.ACTIVITY_CANCELLED();
    if (now.getTime() < a.startsAt.getTime() - OPENS_BEFORE_MS) throw E.NOT_YET_STARTED();
    const found = await repo.membersByIds(
      tx,
      actor.districtId,
      input.items.map((i) => i.memberId),
    );
    for (const i of input.items) {
      const m = found.find((x) => x.id === i.memberId);
      if (!m || m.partyOrgId !== a.partyOrgId) throw E.MEMBER_NOT_OF_BRANCH({ name: m?.name ?? i.memberId });
      if (i.status === 'leave' && !i.leaveReason) throw E.LEAVE_REASON_REQUIRED({ name: m.name });
      await repo.upsertAttendance(tx, {
        districtId: actor.districtId,
        activityId: a.id,
        memberId: m.id,
        status: i.status,
        leaveReason: i.status === 'leave' ? i.leaveReason! : null,
        via: 'secretary',
        checkedInAt: i.status === 'present' ? now : null,
      });
    }
    if (a.status === 'scheduled') await repo.setActivity(tx, actor.districtId, a.id, { status: 'held' });
    const detail = { items: input.items.map((i) => ({ memberId: i.memberId, status: i.status })) };
    await writeAudit(
      tx,
      actor,
      { action: 'party_activity.attendance', entityType: 'party_activity', entityId: a.id, detail },
      ip,
    );
  });
  return getActivity(ctx, actor, input.id);
}

/** 会议记录: the minutes and the files (photos, sign-in sheet); the activity counts as held. */
export async function recordMinutes(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; minutes: string; attachmentIds: string[]; version: number },
  ip?: string,
) {
  await versionedUpdate(ctx.db, {
    table: partyActivities,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    load: (tx) => requireActivity(tx, actor, input.id, 'run', true),
    conflict: () => E.ACTIVITY_CHANGED(),
    apply: async (tx, a) => {
      if (a.status === 'cancelled') throw E.ACTIVITY_CANCELLED();
      await linkAttachments(tx, actor, {
        ids: input.attachmentIds,
        purposes: ['party_activity'],
        kind: 'party_activity',
        recordId: a.id,
        ip,
      });
      return {
        set: { minutes: input.minutes, status: 'held' as const },
        audit: {
          action: 'party_activity.minutes',
          entityType: 'party_activity',
          entityId: a.id,
          detail: { attachments: input.attachmentIds.length },
        },
      };
    },
  });
  return getActivity(ctx, actor, input.id);
}

export async function cancelActivity(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; version: number },
  ip?: string,
) {
  await versionedUpdate(ctx.db, {
    table: partyActivities,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    load: (tx) => requireActivity(tx, actor, input.id, 'run', true),
    conflict: () => E.ACTIVITY_CHANGED(),
    apply: async (_tx, a) => {
      if (a.status === 'held') throw E.ACTIVITY_ALREADY_HELD();
      if (a.status === 'cancelled') throw E.ACTIVITY_CANCELLED();
      return {
        set: { status: 'cancelled' as const },
        audit: { action: 'party_activity.cancel', entityType: 'party_activity', entityId: a.id },
      };
    },
  });
  return getActivity(ctx, actor, input.id);
}
