import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type {
  Activity,
  ActivityDetail,
  CreateActivityInput,
  CreateTeamInput,
  ListActivitiesInput,
  ListTeamsInput,
  Team,
} from '../../../shared/volunteers.schema.js';
import { type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requirePerson, requireStation, requireTeamPath, requireUnit } from './lookups.service.js';
import * as activities from './repository/activities.repository.js';
import * as teams from './repository/teams.repository.js';
import { E } from './volunteers.errors.js';

/** Volunteer teams (志愿服务队) and activities (志愿活动): listing, forming, publishing. */

const pathOf = async (ctx: AppContext, actor: Actor, orgUnitId?: string) =>
  orgUnitId ? (await requireUnit(ctx.db, actor, orgUnitId)).path : undefined;

export async function listTeams(
  ctx: AppContext,
  actor: Actor,
  input: ListTeamsInput,
): Promise<{ items: Team[]; total: number }> {
  const orgPath = await pathOf(ctx, actor, input.orgUnitId);
  return teams.listTeams(ctx.db, actor, { orgPath, text: input.q, limit: input.limit });
}

export async function createTeam(ctx: AppContext, actor: Actor, input: CreateTeamInput, ip?: string): Promise<Team> {
  const unit = await requireUnit(ctx.db, actor, input.orgUnitId);
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'write', { what: '该单位' });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await teams.insertTeam(tx, {
      districtId: actor.districtId,
      id,
      name: input.name,
      kind: input.kind,
      orgUnitId: unit.id,
      orgPath: unit.path,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_team.create', entityType: 'volunteer_team', entityId: id, detail: { name: input.name } },
      ip,
    );
  });
  return { id, name: input.name, kind: input.kind, orgUnitId: unit.id, orgUnitName: unit.name, memberCount: 0 };
}

export async function addTeamMember(
  ctx: AppContext,
  actor: Actor,
  input: { teamId: string; personId: string },
  ip?: string,
): Promise<Team> {
  const { teamId, personId } = input;
  requireAccess(actor, 'team', { orgPath: await requireTeamPath(ctx.db, actor, teamId) }, 'write');
  const person = await requirePerson(ctx.db, actor, personId);
  requireAccess(actor, 'person', { orgPath: person.orgPath }, 'write', { what: '该人员' });
  await ctx.db.transaction(async (tx) => {
    if (!(await teams.insertTeamMember(tx, actor.districtId, teamId, personId))) throw E.TEAM_MEMBER_EXISTS();
    await teams.tagVolunteer(tx, actor.districtId, personId);
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_team.add_member', entityType: 'volunteer_team', entityId: teamId, detail: { personId } },
      ip,
    );
  });
  return (await teams.teamById(ctx.db, actor.districtId, teamId))!;
}

export async function listActivities(
  ctx: AppContext,
  actor: Actor,
  input: ListActivitiesInput,
): Promise<{ items: Activity[] }> {
  const orgPath = await pathOf(ctx, actor, input.orgUnitId);
  return {
    items: await activities.listActivities(ctx.db, actor, { orgPath, status: input.status, limit: input.limit }),
  };
}

/** The activity's row, or ACTIVITY_NOT_FOUND; `lock` takes its row lock. */
export async function requireActivity(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<activities.ActivityRow> {
  const a = await activities.findActivity(q, actor.districtId, id, lock);
  if (!a) throw E.ACTIVITY_NOT_FOUND();
  return a;
}

export async function getActivity(ctx: AppContext, actor: Actor, id: string): Promise<ActivityDetail> {
  const a = await requireActivity(ctx.db, actor, id);
  requireAccess(actor, 'activity', { orgPath: a.orgPath });
  const activity = await activities.activityView(ctx.db, actor.districtId, id, actor.personId);
  // residents see their own sign-up only; staff see everyone's
  return { activity: activity!, signups: await activities.listSignups(ctx.db, actor, id) };
}

export async function createActivity(
  ctx: AppContext,
  actor: Actor,
  input: CreateActivityInput,
  ip?: string,
): Promise<Activity> {
  const unit = await requireUnit(ctx.db, actor, input.orgUnitId);
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'write', { what: '该单位' });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw E.ACTIVITY_WINDOW_INVALID();
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000) throw E.ACTIVITY_TOO_LONG();
  if (input.teamId) requireAccess(actor, 'team', { orgPath: await requireTeamPath(ctx.db, actor, input.teamId) });
  if (input.stationId)
    requireAccess(actor, 'station', { orgPath: (await requireStation(ctx.db, actor, input.stationId)).orgPath });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await activities.insertActivity(tx, {
      districtId: actor.districtId,
      id,
      title: input.title,
      kind: input.kind,
      orgUnitId: unit.id,
      orgPath: unit.path,
      teamId: input.teamId ?? null,
      stationId: input.stationId ?? null,
      startsAt,
      endsAt,
      capacity: input.capacity,
      pointsPerHour: input.pointsPerHour,
      qrNonce: randomBytes(12).toString('base64url'),
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'volunteer_activity.create',
        entityType: 'volunteer_activity',
        entityId: id,
        detail: { title: input.title },
      },
      ip,
    );
  });
  return (await activities.activityView(ctx.db, actor.districtId, id, actor.personId))!;
}
