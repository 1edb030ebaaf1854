import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { prefixPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits, workUnits } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import type {
  AssessmentGrades,
  AssessmentItem,
  MyVolunteering,
  ReportKind,
} from '../../../../shared/volunteers.schema.js';
import {
  assessmentConfigs,
  compoundReports,
  serviceRecords,
  volunteerActivities,
  volunteerTeams,
} from '../volunteers.tables.js';

/** 双报到: reports to compounds, the year's assessment rules, and the month's figures of reported members. */
export async function upsertReport(q: Queryable, row: typeof compoundReports.$inferInsert): Promise<void> {
  const r = compoundReports;
  await q
    .insert(r)
    .values(row)
    .onConflictDoUpdate({
      target: [r.districtId, r.personId],
      set: {
        kind: sql`excluded.kind`,
        compoundId: sql`excluded.compound_id`,
        orgPath: sql`excluded.org_path`,
        workUnitId: sql`excluded.work_unit_id`,
        reportedOn: sql`excluded.reported_on`,
        isActive: true,
      },
    });
}

export async function activeReportOf(
  q: Queryable,
  districtId: string,
  personId: string,
): Promise<MyVolunteering['report'] | undefined> {
  const [report] = await queryRows<NonNullable<MyVolunteering['report']>>(
    q,
    sql`
    select r.kind, r.compound_id as "compoundId", o.name as "compoundName" from ${compoundReports} r join ${orgUnits} o on o.district_id = r.district_id and o.id = r.compound_id
    where r.district_id = ${districtId} and r.person_id = ${personId} and r.is_active`,
  );
  return report;
}

export interface ConfigRow {
  items: AssessmentItem[];
  grades: AssessmentGrades;
  version: number;
}

export async function findConfig(q: Queryable, districtId: string, year: number): Promise<ConfigRow | undefined> {
  const c = assessmentConfigs;
  const [row] = await q
    .select({ items: c.items, grades: c.grades, version: c.version })
    .from(c)
    .where(and(eq(c.districtId, districtId), eq(c.year, year)));
  return row;
}

/** The year's first configuration; `false` when someone saved one meanwhile. */
export async function insertConfig(
  q: Queryable,
  row: { districtId: string; year: number; items: AssessmentItem[]; grades: AssessmentGrades; updatedBy: string },
): Promise<boolean> {
  const rows = await q
    .insert(assessmentConfigs)
    .values(row)
    .onConflictDoNothing()
    .returning({ year: assessmentConfigs.year });
  return rows.length > 0;
}

/** Saves over `version`; `false` when someone changed it meanwhile. */
export async function updateConfig(
  q: Queryable,
  row: {
    districtId: string;
    year: number;
    version: number;
    items: AssessmentItem[];
    grades: AssessmentGrades;
    updatedBy: string;
  },
): Promise<boolean> {
  const c = assessmentConfigs;
  const rows = await q
    .update(c)
    .set({
      items: row.items,
      grades: row.grades,
      updatedBy: row.updatedBy,
      updatedAt: sql`now()`,
      version: sql`${c.version} + 1`,
    })
    .where(and(eq(c.districtId, row.districtId), eq(c.year, row.year), eq(c.version, row.version)))
    .returning({ year: c.year });
  return rows.length > 0;
}

export interface MemberFigures {
  personId: string;
  name: string;
  kind: ReportKind;
  compoundId: string;
  compoundName: string;
  workUnitName: string | null;
  hours: number;
  tasksDone: number;
  activities: number;
  workOrders: number;
}

/** Who sees which reported members: staff their subtree, a department its own people. */
const reportVisibility = (actor: Actor): SQL =>
  scopeWhere(actor, 'compoundReport', { orgPath: sql`r.org_path`, workUnitId: sql`r.work_unit_id` });
const underPath = (column: SQL, path: string | null) =>
  path === null ? sql`` : sql`and ${column} like ${prefixPattern(path)}`;

/** The active reports the actor may see (under `path`), over `r` (compound_reports). */
const visibleReports = (actor: Actor, path: string | null) =>
  sql`r.district_id = ${actor.districtId} and r.is_active and ${reportVisibility(actor)} ${underPath(sql`r.org_path`, path)}`;

/** Reported members the actor may see, with their confirmed service in [from, to). */
export async function memberFigures(
  q: Queryable,
  actor: Actor,
  opts: { path: string | null; kind?: ReportKind; from: string; to: string; limit: number },
): Promise<MemberFigures[]> {
  const d = actor.districtId;
  return queryRows<MemberFigures>(
    q,
    sql`
    with m as (
      select r.person_id, r.kind, r.compound_id, r.work_unit_id from ${compoundReports} r
      where ${visibleReports(actor, opts.path)} ${opts.kind ? sql`and r.kind = ${opts.kind}` : sql``}),
    h as (
      select s.person_id, sum(s.hours)::float8 as hours,
        count(*) filter (where s.source in ('task', 'visit'))::int as tasks, count(*) filter (where s.source = 'activity')::int as acts,
        count(*) filter (where s.source = 'work_order')::int as orders
      from ${serviceRecords} s join m on m.person_id = s.person_id
      where s.district_id = ${d} and s.status = 'confirmed' and s.served_on >= ${opts.from}::date and s.served_on < ${opts.to}::date
      group by s.person_id)
    select m.person_id as "personId", p.name, m.kind, m.compound_id as "compoundId", c.name as "compoundName", w.name as "workUnitName",
      coalesce(h.hours, 0)::float8 as hours, coalesce(h.tasks, 0) as "tasksDone", coalesce(h.acts, 0) as activities, coalesce(h.orders, 0) as "workOrders"
    from m join ${people} p on p.district_id = ${d} and p.id = m.person_id
    join ${orgUnits} c on c.district_id = ${d} and c.id = m.compound_id
    left join ${workUnits} w on w.district_id = ${d} and w.id = m.work_unit_id
    left join h on h.person_id = m.person_id
    order by hours desc, p.name limit ${opts.limit}`,
  );
}

/** What the summary reads: the reports (`r`) and the teams and activities (`t`) the actor may count, under `path`. */
export interface SummaryScope {
  districtId: string;
  reports: SQL;
  placed: SQL;
}
export function summaryScope(actor: Actor, path: string | null): SummaryScope {
  return {
    districtId: actor.districtId,
    reports: visibleReports(actor, path),
    placed: sql`${scopeWhere(actor, 'reportingSummary', { orgPath: sql`t.org_path` })} ${underPath(sql`t.org_path`, path)}`,
  };
}

export async function reportedCounts(
  q: Queryable,
  s: SummaryScope,
): Promise<{ party: number; riders: number; units: number } | undefined> {
  const [t] = await queryRows<{ party: number; riders: number; units: number }>(
    q,
    sql`
    select count(*) filter (where r.kind = 'in_service_party_member')::int as party, count(*) filter (where r.kind = 'rider')::int as riders,
      count(distinct r.work_unit_id)::int as units from ${compoundReports} r where ${s.reports}`,
  );
  return t;
}

export async function countTeams(q: Queryable, s: SummaryScope): Promise<number> {
  const [n] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from ${volunteerTeams} t where t.district_id = ${s.districtId} and ${s.placed}`,
  );
  return n?.n ?? 0;
}

export async function countActivitiesSince(q: Queryable, s: SummaryScope, since: string): Promise<number> {
  const [n] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from ${volunteerActivities} t where t.district_id = ${s.districtId} and ${s.placed}
    and t.starts_at >= ${since}::timestamptz and t.status <> 'cancelled'`,
  );
  return n?.n ?? 0;
}

/** Each reported member with their confirmed hours in [from, to). */
const hoursOf = (s: SummaryScope, from: string, to: string) => sql`
    select r.person_id, r.kind, r.compound_id, r.work_unit_id, coalesce((select sum(s.hours) from ${serviceRecords} s where s.district_id = r.district_id and s.person_id = r.person_id
      and s.status = 'confirmed' and s.served_on >= ${from}::date and s.served_on < ${to}::date), 0)::float8 as hours
    from ${compoundReports} r where ${s.reports}`;

export async function hoursTotals(
  q: Queryable,
  s: SummaryScope,
  from: string,
  to: string,
): Promise<{ hours: number; avg: number } | undefined> {
  const [tot] = await queryRows<{ hours: number; avg: number }>(
    q,
    sql`with x as (${hoursOf(s, from, to)})
    select coalesce(sum(hours), 0)::float8 as hours, coalesce(avg(hours) filter (where kind = 'in_service_party_member'), 0)::float8 as avg from x`,
  );
  return tot;
}

export async function hoursByGroup(
  q: Queryable,
  s: SummaryScope,
  opts: { by: 'compound' | 'work_unit'; from: string; to: string },
): Promise<{ id: string; name: string; members: number; hours: number; avgHours: number }[]> {
  const byUnit = opts.by === 'work_unit';
  const groupKey = byUnit ? sql`x.work_unit_id` : sql`x.compound_id`;
  const groupName = byUnit
    ? sql`(select name from ${workUnits} w where w.district_id = ${s.districtId} and w.id = x.work_unit_id)`
    : sql`(select name from ${orgUnits} o where o.district_id = ${s.districtId} and o.id = x.compound_id)`;
  return queryRows(
    q,
    sql`
    with x as (${hoursOf(s, opts.from, opts.to)}) select ${groupKey} as id, ${groupName} as name, count(*)::int as members, sum(hours)::float8 as hours,
      coalesce(round((avg(hours) filter (where x.kind = 'in_service_party_member'))::numeric, 1), 0)::float8 as "avgHours"
    from x where ${groupKey} is not null and (${byUnit ? sql`x.kind = 'in_service_party_member'` : sql`true`})
    group by ${groupKey} order by hours desc limit 200`,
  );
}

export async function partyMemberAverage(
  q: Queryable,
  s: SummaryScope,
  from: string,
  to: string,
): Promise<{ avg: number; n: number } | undefined> {
  const [row] = await queryRows<{ avg: number; n: number }>(
    q,
    sql`with x as (${hoursOf(s, from, to)})
      select coalesce(round(avg(hours)::numeric, 1), 0)::float8 as avg, count(*)::int as n from x where kind = 'in_service_party_member'`,
  );
  return row;
}
