import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { prefixPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import type { Activity, Signup } from '../../../../shared/volunteers.schema.js';
import { volunteerActivities, volunteerSignups, volunteerTeams } from '../volunteers.tables.js';

/** Volunteer activities and their sign-ups (报名, 签到, 签退). */
const ACTIVITY_SELECT = (personId: string | null) => sql`
  select a.id, a.title, a.kind, a.org_unit_id as "orgUnitId", o.name as "orgUnitName", a.team_id as "teamId", t.name as "teamName",
    a.station_id as "stationId", a.starts_at as "startsAt", a.ends_at as "endsAt", a.capacity, a.points_per_hour as "pointsPerHour", a.status,
    (select count(*)::int from ${volunteerSignups} s where s.district_id = a.district_id and s.activity_id = a.id and s.status <> 'rejected') as signups,
    (select s.status from ${volunteerSignups} s where s.district_id = a.district_id and s.activity_id = a.id and s.person_id = ${personId ?? ''}) as "mySignup"
  from ${volunteerActivities} a
  join ${orgUnits} o on o.district_id = a.district_id and o.id = a.org_unit_id
  left join ${volunteerTeams} t on t.district_id = a.district_id and t.id = a.team_id`;

const iso = (d: Date | string) => new Date(d).toISOString();
const toActivity = (r: Activity): Activity => ({
  ...r,
  startsAt: iso(r.startsAt),
  endsAt: iso(r.endsAt),
  mySignup: r.mySignup ?? null,
});

/** The activities the actor may see (their own sign-up as `mySignup`), newest first. */
export async function listActivities(
  q: Queryable,
  actor: Actor,
  opts: { orgPath?: string; status?: Activity['status']; limit: number },
): Promise<Activity[]> {
  const where: SQL[] = [
    sql`a.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'activity', { orgPath: sql`a.org_path` }),
  ];
  if (opts.orgPath !== undefined) where.push(sql`a.org_path like ${prefixPattern(opts.orgPath)}`);
  if (opts.status) where.push(sql`a.status = ${opts.status}`);
  const rows = await queryRows<Activity>(
    q,
    sql`${ACTIVITY_SELECT(actor.personId)} where ${sql.join(where, sql` and `)} order by a.starts_at desc limit ${opts.limit}`,
  );
  return rows.map(toActivity);
}

export async function activityView(
  q: Queryable,
  districtId: string,
  id: string,
  viewer: string | null,
): Promise<Activity | undefined> {
  const [row] = await queryRows<Activity>(
    q,
    sql`${ACTIVITY_SELECT(viewer)} where a.district_id = ${districtId} and a.id = ${id}`,
  );
  return row && toActivity(row);
}

export interface ActivityRow {
  id: string;
  title: string;
  orgPath: string;
  orgUnitId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  pointsPerHour: number;
  qrNonce: string;
  status: Activity['status'];
}

/** The activity's own row; `lock` takes its row lock (sign-ups serialise on it against the capacity). */
export async function findActivity(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<ActivityRow | undefined> {
  const a = volunteerActivities;
  const query = q
    .select({
      id: a.id,
      title: a.title,
      orgPath: a.orgPath,
      orgUnitId: a.orgUnitId,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      capacity: a.capacity,
      pointsPerHour: a.pointsPerHour,
      qrNonce: a.qrNonce,
      status: a.status,
    })
    .from(a)
    .where(and(eq(a.districtId, districtId), eq(a.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertActivity(q: Queryable, row: typeof volunteerActivities.$inferInsert): Promise<void> {
  await q.insert(volunteerActivities).values(row);
}

/** The activity's sign-ups the actor may see: residents their own, staff everyone's. */
export async function listSignups(q: Queryable, actor: Actor, activityId: string): Promise<Signup[]> {
  const districtId = actor.districtId;
  const where = scopeWhere(actor, 'signup', { personId: sql`s.person_id` });
  const rows = await queryRows<
    Omit<Signup, 'hours' | 'checkedInAt' | 'checkedOutAt'> & {
      checkedInAt: Date | string | null;
      checkedOutAt: Date | string | null;
      hours: string | number | null;
    }
  >(
    q,
    sql`
    select s.id, s.person_id as "personId", p.name as "personName", s.status, s.checked_in_at as "checkedInAt", s.checked_out_at as "checkedOutAt",
      s.hours, s.service_record_id as "serviceRecordId"
    from ${volunteerSignups} s join ${people} p on p.district_id = s.district_id and p.id = s.person_id
    where s.district_id = ${districtId} and s.activity_id = ${activityId} and ${where} order by s.signed_up_at`,
  );
  return rows.map((s) => ({
    ...s,
    checkedInAt: s.checkedInAt === null ? null : iso(s.checkedInAt),
    checkedOutAt: s.checkedOutAt === null ? null : iso(s.checkedOutAt),
    hours: s.hours === null ? null : Number(s.hours),
  }));
}

/** Sign-ups that hold a place (all but the rejected ones). */
export async function countTakenPlaces(q: Queryable, districtId: string, activityId: string): Promise<number> {
  const s = volunteerSignups;
  const [n] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(s)
    .where(and(eq(s.districtId, districtId), eq(s.activityId, activityId), ne(s.status, 'rejected')));
  return n?.n ?? 0;
}

/** Adds the sign-up; `false` when the person had already signed up. */
export async function insertSignup(
  q: Queryable,
  row: { districtId: string; id: string; activityId: string; personId: string; orgPath: string },
  opts: { ifAbsent: boolean } = { ifAbsent: true },
): Promise<boolean> {
  const insert = q.insert(volunteerSignups).values(row);
  if (!opts.ifAbsent) {
    await insert;
    return true;
  }
  const added = await insert.onConflictDoNothing().returning({ id: volunteerSignups.id });
  return added.length > 0;
}

export interface SignupRow {
  id: string;
  status: Signup['status'];
  checkedInAt: Date | null;
}

export async function lockSignup(
  q: Queryable,
  districtId: string,
  activityId: string,
  personId: string,
): Promise<SignupRow | undefined> {
  const s = volunteerSignups;
  const [row] = await q
    .select({ id: s.id, status: s.status, checkedInAt: s.checkedInAt })
    .from(s)
    .where(and(eq(s.districtId, districtId), eq(s.activityId, activityId), eq(s.personId, personId)))
    .for('update');
  return row;
}

export async function updateSignup(
  q: Queryable,
  districtId: string,
  id: string,
  set: Partial<typeof volunteerSignups.$inferInsert>,
): Promise<void> {
  await q
    .update(volunteerSignups)
    .set(set)
    .where(and(eq(volunteerSignups.districtId, districtId), eq(volunteerSignups.id, id)));
}

/** The sign-up behind a service record follows the record's decision. */
export async function decideSignupOfRecord(
  q: Queryable,
  districtId: string,
  recordId: string,
  set: { status: 'confirmed' | 'rejected'; hours: number },
): Promise<void> {
  await q
    .update(volunteerSignups)
    .set(set)
    .where(and(eq(volunteerSignups.districtId, districtId), eq(volunteerSignups.serviceRecordId, recordId)));
}

export async function pointsPerHourOf(
  q: Queryable,
  districtId: string,
  activityId: string,
): Promise<number | undefined> {
  const [a] = await q
    .select({ pointsPerHour: volunteerActivities.pointsPerHour })
    .from(volunteerActivities)
    .where(and(eq(volunteerActivities.districtId, districtId), eq(volunteerActivities.id, activityId)));
  return a?.pointsPerHour;
}
