import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { badRequest, conflict, forbidden } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/working-days.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type {
  ActivityDetailDto,
  ActivityDto,
  CheckinDto,
  CreateActivityBody,
  CreateItemBody,
  CreateTeamBody,
  ItemDto,
  LedgerEntryDto,
  LedgerQuery,
  ListActivitiesQuery,
  ListRecordsQuery,
  ListTeamsQuery,
  MyVolunteeringDto,
  QrDto,
  ServiceRecordDto,
  TeamDto,
} from './volunteers.schema.js';
import { must } from '../../lib/must.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { cardLast4 } from './points.service.js';
import { loveSupermarketItems, pointsLedger, volunteerActivities, volunteerTeams } from './volunteers.tables.js';

/**
 * Volunteer teams and activities, QR check-in/-out, service hours and the points ledger.
 * Hours are pending until a supervisor confirms them; only confirmation earns points. The ledger is
 * append-only (trigger); a balance lives in `points_accounts`, changed only by conditional UPDATEs
 * that take its row lock, so concurrent redemptions can never drive it below zero.
 */
type Team = z.infer<typeof TeamDto>;
type Activity = z.infer<typeof ActivityDto>;
type Rec = z.infer<typeof ServiceRecordDto>;
type Ledger = z.infer<typeof LedgerEntryDto>;

export const DEFAULT_POINTS_PER_HOUR = 10;
const QR_GRACE_MS = 2 * 3600_000; // codes work from 1 h before the start until 2 h after the end
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function unitPath(
  q: Queryable,
  actor: Actor,
  orgUnitId: string,
): Promise<{ id: string; path: string; name: string; kind: string }> {
  const [u] = await queryRows<{ id: string; path: string; name: string; kind: string }>(
    q,
    sql`select id, path, name, kind from org_units where district_id = ${actor.districtId} and id = ${orgUnitId}`,
  );
  return must(u, 'ORG_UNIT_NOT_FOUND', '找不到该组织单位，请从列表中选择。');
}

async function personRow(
  q: Queryable,
  districtId: string,
  personId: string,
): Promise<{ id: string; name: string; org_path: string; work_unit_id: string | null; tags: string[] }> {
  const [p] = await queryRows<{
    id: string;
    name: string;
    org_path: string;
    work_unit_id: string | null;
    tags: string[];
  }>(
    q,
    sql`
    select id, name, org_path, work_unit_id, tags from people where district_id = ${districtId} and id = ${personId}`,
  );
  return must(p, 'PERSON_NOT_FOUND', '找不到该人员，请核对后重试。');
}

// ───────────────────────── teams ─────────────────────────

export async function listTeams(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof ListTeamsQuery>,
): Promise<{ items: Team[]; total: number }> {
  const where: SQL[] = [
    sql`t.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'team', { orgPath: sql`t.org_path` }),
  ];
  if (input.orgUnitId) where.push(sql`t.org_path like ${(await unitPath(ctx.db, actor, input.orgUnitId)).path + '%'}`);
  if (input.q) where.push(sql`t.name like ${'%' + input.q.replace(/[\\%_]/g, '\\$&') + '%'}`);
  const w = sql.join(where, sql` and `);
  const [count] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from volunteer_teams t where ${w}`,
  );
  const items = await queryRows<Team>(
    ctx.db,
    sql`
    select t.id, t.name, t.kind, t.org_unit_id as "orgUnitId", o.name as "orgUnitName",
      (select count(*)::int from volunteer_team_members m where m.district_id = t.district_id and m.team_id = t.id) as "memberCount"
    from volunteer_teams t join org_units o on o.district_id = t.district_id and o.id = t.org_unit_id
    where ${w} order by t.org_path, t.name limit ${input.limit}`,
  );
  return { items, total: count?.n ?? 0 };
}

export async function createTeam(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateTeamBody>,
  ip?: string,
): Promise<Team> {
  const unit = await unitPath(ctx.db, actor, input.orgUnitId);
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'write', { what: '该单位' });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(volunteerTeams).values({
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
  teamId: string,
  personId: string,
  ip?: string,
): Promise<Team> {
  const [team] = await queryRows<{ org_path: string }>(
    ctx.db,
    sql`select org_path from volunteer_teams where district_id = ${actor.districtId} and id = ${teamId}`,
  );
  requireAccess(actor, 'team', { orgPath: must(team, 'TEAM_NOT_FOUND', '找不到该志愿服务队。').org_path }, 'write');
  const person = await personRow(ctx.db, actor.districtId, personId);
  requireAccess(actor, 'person', { orgPath: person.org_path }, 'write', { what: '该人员' });
  await ctx.db.transaction(async (tx) => {
    const added = await queryRows(
      tx,
      sql`insert into volunteer_team_members (district_id, team_id, person_id) values (${actor.districtId}, ${teamId}, ${personId})
      on conflict do nothing returning person_id`,
    );
    if (added.length === 0) throw conflict('TEAM_MEMBER_EXISTS', '此人已是该服务队队员。');
    // joining a team makes one a registered volunteer (志愿者)
    await tx.execute(sql`update people set tags = array_append(tags, 'volunteer'), version = version + 1, updated_at = now()
      where district_id = ${actor.districtId} and id = ${personId} and not ('volunteer' = any(tags))`);
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_team.add_member', entityType: 'volunteer_team', entityId: teamId, detail: { personId } },
      ip,
    );
  });
  const [t] = await queryRows<Team>(
    ctx.db,
    sql`select t.id, t.name, t.kind, t.org_unit_id as "orgUnitId", o.name as "orgUnitName",
      (select count(*)::int from volunteer_team_members m where m.district_id = t.district_id and m.team_id = t.id) as "memberCount"
    from volunteer_teams t join org_units o on o.district_id = t.district_id and o.id = t.org_unit_id where t.district_id = ${actor.districtId} and t.id = ${teamId}`,
  );
  return t!;
}

// ───────────────────────── activities ─────────────────────────

const ACTIVITY_SELECT = (personId: string | null) => sql`
  select a.id, a.title, a.kind, a.org_unit_id as "orgUnitId", o.name as "orgUnitName", a.team_id as "teamId", t.name as "teamName",
    a.station_id as "stationId", a.starts_at as "startsAt", a.ends_at as "endsAt", a.capacity, a.points_per_hour as "pointsPerHour", a.status,
    (select count(*)::int from volunteer_signups s where s.district_id = a.district_id and s.activity_id = a.id and s.status <> 'rejected') as signups,
    (select s.status from volunteer_signups s where s.district_id = a.district_id and s.activity_id = a.id and s.person_id = ${personId ?? ''}) as "mySignup"
  from volunteer_activities a
  join org_units o on o.district_id = a.district_id and o.id = a.org_unit_id
  left join volunteer_teams t on t.district_id = a.district_id and t.id = a.team_id`;

function toActivity(r: Activity): Activity {
  return { ...r, startsAt: iso(r.startsAt)!, endsAt: iso(r.endsAt)!, mySignup: r.mySignup ?? null };
}

export async function listActivities(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof ListActivitiesQuery>,
): Promise<{ items: Activity[] }> {
  const where: SQL[] = [
    sql`a.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'activity', { orgPath: sql`a.org_path` }),
  ];
  if (input.orgUnitId) where.push(sql`a.org_path like ${(await unitPath(ctx.db, actor, input.orgUnitId)).path + '%'}`);
  if (input.status) where.push(sql`a.status = ${input.status}`);
  const rows = await queryRows<Activity>(
    ctx.db,
    sql`${ACTIVITY_SELECT(actor.personId)} where ${sql.join(where, sql` and `)} order by a.starts_at desc limit ${input.limit}`,
  );
  return { items: rows.map(toActivity) };
}

async function loadActivity(q: Queryable, actor: Actor, id: string, lock = false) {
  const rows = await queryRows<{
    id: string;
    title: string;
    org_path: string;
    org_unit_id: string;
    starts_at: Date;
    ends_at: Date;
    capacity: number;
    points_per_hour: number;
    qr_nonce: string;
    status: string;
  }>(
    q,
    sql`
    select id, title, org_path, org_unit_id, starts_at, ends_at, capacity, points_per_hour, qr_nonce, status from volunteer_activities
    where district_id = ${actor.districtId} and id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  const a = must(rows[0], 'ACTIVITY_NOT_FOUND', '找不到该志愿活动。');
  // raw rows bring timestamps as Date (node-postgres) or text (PGlite)
  return { ...a, starts_at: new Date(a.starts_at), ends_at: new Date(a.ends_at) };
}

export async function getActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof ActivityDetailDto>> {
  const a = await loadActivity(ctx.db, actor, id);
  requireAccess(actor, 'activity', { orgPath: a.org_path });
  const [row] = await queryRows<Activity>(
    ctx.db,
    sql`${ACTIVITY_SELECT(actor.personId)} where a.district_id = ${actor.districtId} and a.id = ${id}`,
  );
  // residents see their own sign-up only; staff see everyone's
  const mine = sql`and ${scopeWhere(actor, 'signup', { personId: sql`s.person_id` })}`;
  const signups = await queryRows<{
    id: string;
    personId: string;
    personName: string;
    status: Activity['mySignup'] & string;
    checkedInAt: Date | null;
    checkedOutAt: Date | null;
    hours: string | null;
    serviceRecordId: string | null;
  }>(
    ctx.db,
    sql`
    select s.id, s.person_id as "personId", p.name as "personName", s.status, s.checked_in_at as "checkedInAt", s.checked_out_at as "checkedOutAt",
      s.hours, s.service_record_id as "serviceRecordId"
    from volunteer_signups s join people p on p.district_id = s.district_id and p.id = s.person_id
    where s.district_id = ${actor.districtId} and s.activity_id = ${id} ${mine} order by s.signed_up_at`,
  );
  return {
    activity: toActivity(row!),
    signups: signups.map((s) => ({
      ...s,
      checkedInAt: iso(s.checkedInAt),
      checkedOutAt: iso(s.checkedOutAt),
      hours: s.hours === null ? null : Number(s.hours),
    })),
  };
}

export async function createActivity(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateActivityBody>,
  ip?: string,
): Promise<Activity> {
  const unit = await unitPath(ctx.db, actor, input.orgUnitId);
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'write', { what: '该单位' });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw badRequest('ACTIVITY_WINDOW_INVALID', '结束时间须晚于开始时间。');
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000)
    throw badRequest('ACTIVITY_TOO_LONG', '单场活动不能超过 24 小时，多日活动请分场发布。');
  if (input.teamId) {
    const [t] = await queryRows<{ org_path: string }>(
      ctx.db,
      sql`select org_path from volunteer_teams where district_id = ${actor.districtId} and id = ${input.teamId}`,
    );
    requireAccess(actor, 'team', { orgPath: must(t, 'TEAM_NOT_FOUND', '找不到该志愿服务队。').org_path });
  }
  if (input.stationId) {
    const [s] = await queryRows<{ org_path: string }>(
      ctx.db,
      sql`select org_path from stations where district_id = ${actor.districtId} and id = ${input.stationId}`,
    );
    requireAccess(actor, 'station', { orgPath: must(s, 'STATION_NOT_FOUND', '找不到该阵地。').org_path });
  }
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(volunteerActivities).values({
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
  const [row] = await queryRows<Activity>(
    ctx.db,
    sql`${ACTIVITY_SELECT(actor.personId)} where a.district_id = ${actor.districtId} and a.id = ${id}`,
  );
  return toActivity(row!);
}

export async function signUp(ctx: AppContext, actor: Actor, activityId: string, ip?: string): Promise<Activity> {
  const personId = personOf(actor);
  await ctx.db.transaction(async (tx) => {
    const a = await loadActivity(tx, actor, activityId, true); // serialises sign-ups against the capacity
    requireAccess(actor, 'activity', { orgPath: a.org_path });
    if (a.status !== 'open' || a.ends_at.getTime() < Date.now())
      throw conflict('ACTIVITY_CLOSED', '该活动已结束或已取消，不能再报名。');
    const [n] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from volunteer_signups where district_id = ${actor.districtId} and activity_id = ${activityId} and status <> 'rejected'`,
    );
    if ((n?.n ?? 0) >= a.capacity) throw conflict('ACTIVITY_FULL', '该活动报名人数已满，请关注其他活动。');
    const person = await personRow(tx, actor.districtId, personId);
    const added = await queryRows(
      tx,
      sql`insert into volunteer_signups (district_id, id, activity_id, person_id, org_path)
      values (${actor.districtId}, ${randomUUID()}, ${activityId}, ${personId}, ${person.org_path}) on conflict do nothing returning id`,
    );
    if (added.length === 0) throw conflict('ALREADY_SIGNED_UP', '您已报名该活动。');
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_activity.sign_up', entityType: 'volunteer_activity', entityId: activityId },
      ip,
    );
  });
  const [row] = await queryRows<Activity>(
    ctx.db,
    sql`${ACTIVITY_SELECT(personId)} where a.district_id = ${actor.districtId} and a.id = ${activityId}`,
  );
  return toActivity(row!);
}

// ───────────────────────── QR check-in / check-out ─────────────────────────

function sign(ctx: AppContext, payload: string, nonce: string): string {
  return ctx.crypto.blindIndex(`linli/volunteer-qr/v1|${payload}|${nonce}`);
}

/** One signed token per activity and phase: base64url({a, p, e}).signature — no database row per code. */
export async function activityQr(
  ctx: AppContext,
  actor: Actor,
  activityId: string,
  origin: string,
): Promise<{ items: z.infer<typeof QrDto>[] }> {
  const a = await loadActivity(ctx.db, actor, activityId);
  requireAccess(actor, 'activity', { orgPath: a.org_path }, 'write');
  const expires = new Date(a.ends_at.getTime() + QR_GRACE_MS);
  const items = await Promise.all(
    (['in', 'out'] as const).map(async (phase) => {
      const payload = Buffer.from(
        JSON.stringify({ a: a.id, p: phase, e: Math.floor(expires.getTime() / 1000) }),
      ).toString('base64url');
      const token = `${payload}.${sign(ctx, payload, a.qr_nonce)}`;
      const url = `${origin}/volunteer/scan?t=${encodeURIComponent(token)}`;
      return {
        phase,
        token,
        url,
        svg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        expiresAt: expires.toISOString(),
      };
    }),
  );
  return { items };
}

function readToken(token: string): { a: string; p: 'in' | 'out'; e: number; payload: string; sig: string } {
  const [payload, sig] = token.split('.');
  const bad = () => badRequest('QR_INVALID', '签到码无效，请重新扫描活动现场的二维码。');
  if (!payload || !sig) throw bad();
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      a?: unknown;
      p?: unknown;
      e?: unknown;
    };
    if (typeof v.a !== 'string' || (v.p !== 'in' && v.p !== 'out') || typeof v.e !== 'number') throw bad();
    return { a: v.a, p: v.p, e: v.e, payload, sig };
  } catch {
    throw bad();
  }
}

function hoursBetween(from: Date, to: Date, max: number): number {
  const h = Math.round(((to.getTime() - from.getTime()) / 3600_000) * 4) / 4;
  return Math.min(max, Math.max(0.25, h));
}

export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  token: string,
  ip?: string,
  now = new Date(),
): Promise<z.infer<typeof CheckinDto>> {
  const personId = personOf(actor);
  const t = readToken(token);
  return ctx.db.transaction(async (tx) => {
    const a = await loadActivity(tx, actor, t.a, true).catch(() => {
      throw badRequest('QR_INVALID', '签到码无效，请重新扫描活动现场的二维码。');
    });
    const expected = Buffer.from(sign(ctx, t.payload, a.qr_nonce));
    const given = Buffer.from(t.sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw badRequest('QR_INVALID', '签到码无效，请重新扫描活动现场的二维码。');
    if (now.getTime() > t.e * 1000) throw badRequest('QR_EXPIRED', '签到码已过期，请联系活动负责人。');
    if (now.getTime() < a.starts_at.getTime() - 3600_000)
      throw badRequest('QR_TOO_EARLY', '活动开始前 1 小时起才能签到。');
    requireAccess(actor, 'activity', { orgPath: a.org_path });
    if (a.status === 'cancelled') throw conflict('ACTIVITY_CLOSED', '该活动已取消。');
    const person = await personRow(tx, actor.districtId, personId);
    let [s] = await queryRows<{ id: string; status: string; checked_in_at: Date | null }>(
      tx,
      sql`select id, status, checked_in_at from volunteer_signups
      where district_id = ${actor.districtId} and activity_id = ${a.id} and person_id = ${personId} for update`,
    );
    if (t.p === 'in') {
      if (!s) {
        // walk-ins may join on the spot while there is room
        const [n] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from volunteer_signups where district_id = ${actor.districtId} and activity_id = ${a.id} and status <> 'rejected'`,
        );
        if ((n?.n ?? 0) >= a.capacity) throw conflict('ACTIVITY_FULL', '该活动人数已满。');
        s = { id: randomUUID(), status: 'signed_up', checked_in_at: null };
        await tx.execute(
          sql`insert into volunteer_signups (district_id, id, activity_id, person_id, org_path) values (${actor.districtId}, ${s.id}, ${a.id}, ${personId}, ${person.org_path})`,
        );
      }
      if (s.status !== 'signed_up') throw conflict('ALREADY_CHECKED_IN', '您已签到过该活动。');
      await tx.execute(
        sql`update volunteer_signups set status = 'checked_in', checked_in_at = ${now.toISOString()}::timestamptz where district_id = ${actor.districtId} and id = ${s.id}`,
      );
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
    if (!s || s.status !== 'checked_in' || !s.checked_in_at)
      throw conflict('NOT_CHECKED_IN', '您还没有签到，请先扫描签到码。');
    const checkedIn = new Date(s.checked_in_at);
    const hours = hoursBetween(
      checkedIn,
      now,
      Math.max(0.25, (a.ends_at.getTime() - a.starts_at.getTime()) / 3600_000),
    );
    const recordId = randomUUID();
    await tx.execute(sql`insert into service_records (district_id, id, person_id, org_unit_id, org_path, work_unit_id, source, source_id, title, served_on, hours)
      values (${actor.districtId}, ${recordId}, ${personId}, ${a.org_unit_id}, ${a.org_path}, ${person.work_unit_id}, 'activity', ${a.id}, ${a.title}, ${shanghaiDate(checkedIn)}, ${hours})`);
    await tx.execute(sql`update volunteer_signups set status = 'checked_out', checked_out_at = ${now.toISOString()}::timestamptz, hours = ${hours}, service_record_id = ${recordId}
      where district_id = ${actor.districtId} and id = ${s.id}`);
    await writeAudit(
      tx,
      actor,
      { action: 'volunteer_activity.check_out', entityType: 'volunteer_activity', entityId: a.id, detail: { hours } },
      ip,
    );
    return { activityId: a.id, activityTitle: a.title, phase: 'out' as const, status: 'checked_out' as const, hours };
  });
}

// ───────────────────────── service records (hours) ─────────────────────────

const RECORD_SELECT = sql`
  select r.id, r.person_id as "personId", p.name as "personName", o.name as "orgUnitName", r.source, r.title, r.served_on::text as "servedOn",
    r.hours::float8 as hours, r.status,
    (select l.delta from points_ledger l where l.district_id = r.district_id and l.kind = 'earn' and l.source_type = 'service_record' and l.source_id = r.id) as points
  from service_records r
  join people p on p.district_id = r.district_id and p.id = r.person_id
  join org_units o on o.district_id = r.district_id and o.id = r.org_unit_id`;

/** Staff see the records of their subtree; a department those of its own members. */
function recordVisibility(actor: Actor): SQL {
  return scopeWhere(actor, 'serviceRecord', { orgPath: sql`r.org_path`, workUnitId: sql`r.work_unit_id` });
}

export async function listRecords(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof ListRecordsQuery>,
): Promise<{ items: Rec[] }> {
  const where: SQL[] = [sql`r.district_id = ${actor.districtId}`, recordVisibility(actor)];
  if (input.status) where.push(sql`r.status = ${input.status}`);
  if (input.month) where.push(sql`to_char(r.served_on, 'YYYY-MM') = ${input.month}`);
  if (input.personId) where.push(sql`r.person_id = ${input.personId}`);
  if (input.orgUnitId) where.push(sql`r.org_path like ${(await unitPath(ctx.db, actor, input.orgUnitId)).path + '%'}`);
  return {
    items: await queryRows<Rec>(
      ctx.db,
      sql`${RECORD_SELECT} where ${sql.join(where, sql` and `)} order by r.served_on desc, r.created_at desc limit ${input.limit}`,
    ),
  };
}

/** Supervisor confirms (optionally correcting the hours) or rejects; confirmation awards points in the same transaction. */
export async function confirmRecord(
  ctx: AppContext,
  actor: Actor,
  id: string,
  approve: boolean,
  hours?: number,
  ip?: string,
): Promise<Rec> {
  await ctx.db.transaction(async (tx) => {
    const [r] = await queryRows<{
      id: string;
      person_id: string;
      org_path: string;
      work_unit_id: string | null;
      status: string;
      hours: string;
      source: string;
      source_id: string | null;
      title: string;
    }>(
      tx,
      sql`
      select id, person_id, org_path, work_unit_id, status, hours, source, source_id, title from service_records where district_id = ${actor.districtId} and id = ${id} for update`,
    );
    const rec = must(r, 'RECORD_NOT_FOUND', '找不到该服务记录。');
    requireAccess(actor, 'serviceRecord', { orgPath: rec.org_path, workUnitId: rec.work_unit_id }, 'confirm');
    if (actor.personId && actor.personId === rec.person_id)
      throw forbidden('SELF_CONFIRM_FORBIDDEN', '不能确认自己的服务时长，请由其他负责人确认。');
    if (rec.status !== 'pending') throw conflict('RECORD_ALREADY_DECIDED', '该服务记录已确认或已驳回。');
    const final = hours ?? Number(rec.hours);
    await tx.execute(sql`update service_records set status = ${approve ? 'confirmed' : 'rejected'}, hours = ${final}, confirmed_by = ${actor.userId}, confirmed_at = now()
      where district_id = ${actor.districtId} and id = ${id}`);
    let points = 0;
    if (rec.source === 'activity' && rec.source_id) {
      const [a] = await queryRows<{ points_per_hour: number }>(
        tx,
        sql`select points_per_hour from volunteer_activities where district_id = ${actor.districtId} and id = ${rec.source_id}`,
      );
      points = Math.round(final * (a?.points_per_hour ?? DEFAULT_POINTS_PER_HOUR));
      await tx.execute(sql`update volunteer_signups set status = ${approve ? 'confirmed' : 'rejected'}, hours = ${final}
        where district_id = ${actor.districtId} and service_record_id = ${id}`);
    } else {
      points = Math.round(final * DEFAULT_POINTS_PER_HOUR);
      if (rec.source_id && (rec.source === 'task' || rec.source === 'work_order' || rec.source === 'visit')) {
        await tx.execute(
          sql`update service_tasks set status = ${approve ? 'confirmed' : 'claimed'}, version = version + 1 where district_id = ${actor.districtId} and id = ${rec.source_id}`,
        );
      }
    }
    if (approve && points > 0)
      await awardPoints(tx, actor, rec.person_id, points, 'service_record', id, `服务时长 ${final} 小时：${rec.title}`);
    await writeAudit(
      tx,
      actor,
      {
        action: approve ? 'service_record.confirm' : 'service_record.reject',
        entityType: 'service_record',
        entityId: id,
        detail: { hours: final, points: approve ? points : 0 },
      },
      ip,
    );
  });
  const [row] = await queryRows<Rec>(
    ctx.db,
    sql`${RECORD_SELECT} where r.district_id = ${actor.districtId} and r.id = ${id}`,
  );
  return row!;
}

// ───────────────────────── points ─────────────────────────

/** Credits points: one atomic upsert of the balance (row lock), then the ledger line carrying the new balance. */
async function awardPoints(
  tx: Tx,
  actor: Actor,
  personId: string,
  points: number,
  sourceType: string,
  sourceId: string,
  note: string,
): Promise<void> {
  const [acc] = await queryRows<{ balance: number }>(
    tx,
    sql`
    insert into points_accounts (district_id, person_id, balance, earned_total) values (${actor.districtId}, ${personId}, ${points}, ${points})
    on conflict (district_id, person_id) do update set balance = points_accounts.balance + ${points}, earned_total = points_accounts.earned_total + ${points}, updated_at = now()
    returning balance`,
  );
  await tx.insert(pointsLedger).values({
    districtId: actor.districtId,
    personId,
    delta: points,
    balanceAfter: acc!.balance,
    kind: 'earn',
    sourceType,
    sourceId,
    note,
    actorUserId: actor.userId,
  });
}

const LEDGER_SELECT = sql`
  select l.id::int as id, l.person_id as "personId", p.name as "personName", l.delta, l.balance_after as "balanceAfter", l.kind, l.source_type as "sourceType",
    l.note, s.name as "stationName", l.created_at as "createdAt"
  from points_ledger l
  join people p on p.district_id = l.district_id and p.id = l.person_id
  left join stations s on s.district_id = l.district_id and s.id = l.station_id`;

function toLedger(r: Ledger): Ledger {
  return { ...r, id: Number(r.id), createdAt: iso(r.createdAt)! };
}

export async function listLedger(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof LedgerQuery>,
): Promise<{ items: Ledger[] }> {
  const where: SQL[] = [sql`l.district_id = ${actor.districtId}`];
  where.push(scopeWhere(actor, 'pointsAccount', { orgPath: sql`p.org_path`, workUnitId: sql`p.work_unit_id` }));
  if (input.personId) where.push(sql`l.person_id = ${input.personId}`);
  if (input.kind) where.push(sql`l.kind = ${input.kind}`);
  const rows = await queryRows<Ledger>(
    ctx.db,
    sql`${LEDGER_SELECT} where ${sql.join(where, sql` and `)} order by l.created_at desc, l.id desc limit ${input.limit}`,
  );
  return { items: rows.map(toLedger) };
}

export async function listItems(
  ctx: AppContext,
  actor: Actor,
  stationId?: string,
): Promise<{ items: z.infer<typeof ItemDto>[] }> {
  const items = await queryRows<z.infer<typeof ItemDto>>(
    ctx.db,
    sql`
    select i.id, i.station_id as "stationId", s.name as "stationName", i.name, i.points_cost as "pointsCost", i.stock
    from love_supermarket_items i join stations s on s.district_id = i.district_id and s.id = i.station_id
    where i.district_id = ${actor.districtId} and ${scopeWhere(actor, 'station', { orgPath: sql`s.org_path` })} ${stationId ? sql`and i.station_id = ${stationId}` : sql``}
    order by s.name, i.points_cost limit 500`,
  );
  return { items };
}

async function stationFor(
  q: Queryable,
  actor: Actor,
  stationId: string,
): Promise<{ id: string; name: string; org_path: string; kind: string }> {
  const [s] = await queryRows<{ id: string; name: string; org_path: string; kind: string }>(
    q,
    sql`select id, name, org_path, kind from stations where district_id = ${actor.districtId} and id = ${stationId}`,
  );
  return must(s, 'STATION_NOT_FOUND', '找不到该阵地。');
}

export async function createItem(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateItemBody>,
  ip?: string,
): Promise<z.infer<typeof ItemDto>> {
  const station = await stationFor(ctx.db, actor, input.stationId);
  requireAccess(actor, 'station', { orgPath: station.org_path }, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(loveSupermarketItems).values({
      districtId: actor.districtId,
      id,
      stationId: station.id,
      name: input.name,
      pointsCost: input.pointsCost,
      stock: input.stock,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'love_supermarket.item_create',
        entityType: 'love_supermarket_item',
        entityId: id,
        detail: { name: input.name, pointsCost: input.pointsCost, stock: input.stock },
      },
      ip,
    );
  });
  return {
    id,
    stationId: station.id,
    stationName: station.name,
    name: input.name,
    pointsCost: input.pointsCost,
    stock: input.stock,
  };
}

export async function myVolunteering(ctx: AppContext, actor: Actor): Promise<z.infer<typeof MyVolunteeringDto>> {
  const personId = personOf(actor);
  const [a] = await queryRows<{ balance: number; earned_total: number }>(
    ctx.db,
    sql`select balance, earned_total from points_accounts where district_id = ${actor.districtId} and person_id = ${personId}`,
  );
  const month = shanghaiDate(new Date()).slice(0, 7);
  const [h] = await queryRows<{ h: number }>(
    ctx.db,
    sql`select coalesce(sum(hours), 0)::float8 as h from service_records
    where district_id = ${actor.districtId} and person_id = ${personId} and status = 'confirmed' and to_char(served_on, 'YYYY-MM') = ${month}`,
  );
  const [report] = await queryRows<{
    kind: 'in_service_party_member' | 'rider';
    compoundId: string;
    compoundName: string;
  }>(
    ctx.db,
    sql`
    select r.kind, r.compound_id as "compoundId", o.name as "compoundName" from compound_reports r join org_units o on o.district_id = r.district_id and o.id = r.compound_id
    where r.district_id = ${actor.districtId} and r.person_id = ${personId} and r.is_active`,
  );
  const ledger = await queryRows<Ledger>(
    ctx.db,
    sql`${LEDGER_SELECT} where l.district_id = ${actor.districtId} and l.person_id = ${personId} order by l.id desc limit 50`,
  );
  const records = await queryRows<Rec>(
    ctx.db,
    sql`${RECORD_SELECT} where r.district_id = ${actor.districtId} and r.person_id = ${personId} order by r.served_on desc, r.created_at desc limit 50`,
  );
  return {
    personId,
    cardLast4: await cardLast4(ctx.db, actor.districtId, personId),
    balance: a?.balance ?? 0,
    earnedTotal: a?.earned_total ?? 0,
    hoursThisMonth: h?.h ?? 0,
    report: report ?? null,
    ledger: ledger.map(toLedger),
    records,
  };
}

// ───────────────────────── exports ─────────────────────────

export async function ledgerWorkbook(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof LedgerQuery>,
): Promise<Buffer> {
  const { items } = await listLedger(ctx, actor, { ...input, limit: 500 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('积分台账');
  ws.columns = [
    { header: '时间', key: 'createdAt', width: 22 },
    { header: '姓名', key: 'personName', width: 12 },
    { header: '类型', key: 'kind', width: 8 },
    { header: '积分变动', key: 'delta', width: 10 },
    { header: '余额', key: 'balanceAfter', width: 10 },
    { header: '阵地', key: 'stationName', width: 24 },
    { header: '说明', key: 'note', width: 40 },
  ];
  const KIND: Record<Ledger['kind'], string> = { earn: '获得', redeem: '兑换', adjust: '调整' };
  for (const r of items)
    ws.addRow({
      ...r,
      kind: KIND[r.kind],
      createdAt: new Date(r.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
    });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function recordsWorkbook(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof ListRecordsQuery>,
): Promise<Buffer> {
  const { items } = await listRecords(ctx, actor, { ...input, limit: 500 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('服务时长台账');
  ws.columns = [
    { header: '服务日期', key: 'servedOn', width: 12 },
    { header: '姓名', key: 'personName', width: 12 },
    { header: '服务地点', key: 'orgUnitName', width: 20 },
    { header: '来源', key: 'source', width: 10 },
    { header: '内容', key: 'title', width: 30 },
    { header: '时长（小时）', key: 'hours', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '积分', key: 'points', width: 8 },
  ];
  const SOURCE: Record<Rec['source'], string> = {
    activity: '志愿活动',
    task: '认领任务',
    work_order: '协办工单',
    visit: '走访',
    import: '导入',
  };
  const STATUS: Record<Rec['status'], string> = { pending: '待确认', confirmed: '已确认', rejected: '已驳回' };
  for (const r of items) ws.addRow({ ...r, source: SOURCE[r.source], status: STATUS[r.status] });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
