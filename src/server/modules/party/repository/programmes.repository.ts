import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { governanceTopics } from '../../assessment/assessment.tables.js';
import { attachments } from '../../attachments/attachments.tables.js';
import { users } from '../../auth/auth.tables.js';
import { orgUnits, partyOrgs, stations } from '../../org/org.tables.js';
import { propertyContracts } from '../../property/property.tables.js';
import { workOrders } from '../../work-orders/work-orders.tables.js';
import { partyPosts } from '../party.tables.js';
import { partyDemonstrationSites, partyProgrammeProgress, partyProgrammes } from '../programmes.tables.js';

export type ProgrammeRow = typeof partyProgrammes.$inferSelect;
export type SiteRow = typeof partyDemonstrationSites.$inferSelect;

export function programmesOfYear(q: Queryable, districtId: string, year: number): Promise<ProgrammeRow[]> {
  return q
    .select()
    .from(partyProgrammes)
    .where(and(eq(partyProgrammes.districtId, districtId), eq(partyProgrammes.year, year)))
    .orderBy(asc(partyProgrammes.id));
}

export async function programmeYears(q: Queryable, districtId: string): Promise<number[]> {
  const rows = await q
    .selectDistinct({ year: partyProgrammes.year })
    .from(partyProgrammes)
    .where(eq(partyProgrammes.districtId, districtId))
    .orderBy(desc(partyProgrammes.year));
  return rows.map((r) => r.year);
}

export async function loadProgramme(q: Queryable, districtId: string, id: string, lock = false) {
  const base = q
    .select()
    .from(partyProgrammes)
    .where(and(eq(partyProgrammes.districtId, districtId), eq(partyProgrammes.id, id)));
  const [row] = lock ? await base.for('update') : await base;
  return row;
}

export async function insertProgrammes(q: Queryable, rows: (typeof partyProgrammes.$inferInsert)[]): Promise<void> {
  if (rows.length) await q.insert(partyProgrammes).values(rows).onConflictDoNothing();
}

/** A year's programmes, all or none: a second opening of the year fails on the (year, key) index. */
export async function insertProgrammeYear(tx: Tx, rows: (typeof partyProgrammes.$inferInsert)[]): Promise<void> {
  await tx.insert(partyProgrammes).values(rows);
}

export async function insertProgress(tx: Tx, row: typeof partyProgrammeProgress.$inferInsert): Promise<void> {
  await tx.insert(partyProgrammeProgress).values(row);
}

/** Units by id with their path and kind (to check the ones a progress entry touches). */
export function unitsByIds(q: Queryable, districtId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return q
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), inArray(orgUnits.id, [...ids])));
}

/** An entry (aliased `p`) is in a scope when its reporting unit is, or it touched a unit that is. */
const entryInScope = (like: string): SQL =>
  sql`(p.org_path like ${like} or exists (select 1 from unnest(p.unit_paths) up where up like ${like}))`;

export interface ProgressRow {
  id: string;
  programme_id: string;
  indicator_key: string | null;
  happened_on: string;
  note: string;
  value: number | null;
  org_unit_id: string;
  unit_name: string;
  unit_kind: string;
  units: { id: string; name: string; kind: string }[] | null;
  attachment_count: number;
  created_by_name: string | null;
  created_at: Date | string;
  rn: number;
}

const progressSelect = (where: SQL) => sql`
  select p.id, p.programme_id, p.indicator_key, p.happened_on::text as happened_on, p.note, p.value, p.org_unit_id,
    ou.name as unit_name, ou.kind as unit_kind,
    (select json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind) order by o.path)
       from ${orgUnits} o where o.district_id = p.district_id and o.id = any(p.unit_ids)) as units,
    (select count(*)::int from ${attachments} a where a.district_id = p.district_id
       and a.linked_kind = 'party_programme' and a.linked_id = p.id) as attachment_count,
    u.display_name as created_by_name, p.created_at,
    row_number() over (partition by p.programme_id order by p.happened_on desc, p.created_at desc)::int as rn
  from ${partyProgrammeProgress} p
  join ${orgUnits} ou on ou.district_id = p.district_id and ou.id = p.org_unit_id
  left join ${users} u on u.district_id = p.district_id and u.id = p.created_by
  where ${where}`;

/** The newest `limit` entries per programme in the scope, with the touched units' names. */
export function progressOf(
  q: Queryable,
  c: { districtId: string; programmeIds: string[]; like: string; limit: number },
) {
  if (!c.programmeIds.length) return Promise.resolve([]);
  const where = sql`p.district_id = ${c.districtId} and p.programme_id in ${c.programmeIds} and ${entryInScope(c.like)}`;
  return queryRows<ProgressRow>(
    q,
    sql`select * from (${progressSelect(where)}) x where rn <= ${c.limit} order by programme_id, rn`,
  );
}

export function progressById(q: Queryable, districtId: string, id: string) {
  return queryRows<ProgressRow>(q, progressSelect(sql`p.district_id = ${districtId} and p.id = ${id}`));
}

/** What the attachment access rule needs of an entry: its reporting unit's path. */
export async function progressPath(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({ orgPath: partyProgrammeProgress.orgPath })
    .from(partyProgrammeProgress)
    .where(and(eq(partyProgrammeProgress.districtId, districtId), eq(partyProgrammeProgress.id, id)));
  return row;
}

export interface ProgressTotals {
  programme_id: string;
  entries: number;
  touched: number;
}
export function progressTotals(q: Queryable, c: { districtId: string; programmeIds: string[]; like: string }) {
  if (!c.programmeIds.length) return Promise.resolve([]);
  return queryRows<ProgressTotals>(
    q,
    sql`select p.programme_id, count(*)::int as entries,
        (select count(distinct tp.up)::int from ${partyProgrammeProgress} p2, unnest(p2.unit_paths) tp(up)
          where p2.district_id = ${c.districtId} and p2.programme_id = p.programme_id and tp.up like ${c.like}) as touched
      from ${partyProgrammeProgress} p
      where p.district_id = ${c.districtId} and p.programme_id in ${c.programmeIds} and ${entryInScope(c.like)}
      group by p.programme_id`,
  );
}

/** The sum of the values reported on each manual indicator by units of the scope. */
export function manualSums(q: Queryable, c: { districtId: string; programmeIds: string[]; like: string }) {
  if (!c.programmeIds.length) return Promise.resolve([]);
  const p = partyProgrammeProgress;
  return q
    .select({
      programmeId: p.programmeId,
      indicatorKey: p.indicatorKey,
      total: sql<number>`coalesce(sum(${p.value}), 0)::float8`,
    })
    .from(p)
    .where(
      and(eq(p.districtId, c.districtId), inArray(p.programmeId, c.programmeIds), sql`${p.orgPath} like ${c.like}`),
    )
    .groupBy(p.programmeId, p.indicatorKey);
}

export interface MetricCounts {
  branches: number;
  secretaries: number;
  seconded: number;
  old_with_property: number;
  renovated: number;
  stations: number;
  smart_communities: number;
  sites: number;
  topics: number;
}

/**
 * The computed indicators for a scope (a path pattern) and a year, each straight from its module's records:
 * compound branches and those with an active secretary, seconded holders of posts, old compounds with an
 * active property contract, renovated compounds, party-mass stations, communities with an order this year
 * (Beijing time), 示范点 designated by the year and not revoked, 治理课题 started in the year.
 */
export async function metricCounts(q: Queryable, c: { districtId: string; like: string; year: number }) {
  const d = c.districtId;
  const from = `${c.year}-01-01`;
  const to = `${c.year + 1}-01-01`;
  const [row] = await queryRows<MetricCounts>(
    q,
    sql`select
      (select count(*)::int from ${partyOrgs} p where p.district_id = ${d} and p.status = 'active'
         and p.kind = 'compound_branch' and p.org_path like ${c.like}) as branches,
      (select count(*)::int from ${partyOrgs} p where p.district_id = ${d} and p.status = 'active'
         and p.kind = 'compound_branch' and p.org_path like ${c.like}
         and exists (select 1 from ${partyPosts} t where t.district_id = p.district_id and t.party_org_id = p.id
                     and t.role = 'secretary' and t.status = 'active')) as secretaries,
      (select count(*)::int from ${partyPosts} t join ${partyOrgs} p on p.district_id = t.district_id and p.id = t.party_org_id
         where t.district_id = ${d} and t.status = 'active' and p.status = 'active'
           and p.kind in ('compound_branch', 'station_branch') and p.org_path like ${c.like}
           and t.source in ('seconded_city', 'seconded_district')) as seconded,
      (select count(*)::int from ${orgUnits} o where o.district_id = ${d} and o.kind = 'compound' and o.is_old
         and o.path like ${c.like}
         and exists (select 1 from ${propertyContracts} k where k.district_id = o.district_id and k.compound_id = o.id
                     and k.status = 'active')) as old_with_property,
      (select count(*)::int from ${orgUnits} o where o.district_id = ${d} and o.kind = 'compound' and o.is_renovated
         and o.path like ${c.like}) as renovated,
      (select count(*)::int from ${stations} s where s.district_id = ${d} and s.kind = 'party_mass'
         and s.org_path like ${c.like}) as stations,
      (select count(distinct o.parent_id)::int from ${workOrders} w
         join ${orgUnits} o on o.district_id = w.district_id and o.id = w.compound_id
         where w.district_id = ${d} and w.org_path like ${c.like}
           and w.created_at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
           and w.created_at < (${to}::date::timestamp at time zone 'Asia/Shanghai')) as smart_communities,
      (select count(*)::int from ${partyDemonstrationSites} x where x.district_id = ${d} and x.revoked_at is null
         and x.year <= ${c.year} and x.org_path like ${c.like}) as sites,
      (select count(*)::int from ${governanceTopics} g where g.district_id = ${d}
         and g.start_month like ${`${c.year}-%`} and g.org_path like ${c.like}) as topics`,
  );
  return row!;
}

// ───────────── 党建示范点 ─────────────

export function sitesIn(q: Queryable, c: { districtId: string; like: string; year?: number; includeRevoked: boolean }) {
  const s = partyDemonstrationSites;
  return q
    .select({ site: s, unitName: orgUnits.name })
    .from(s)
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, s.districtId), eq(orgUnits.id, s.orgUnitId)))
    .where(
      and(
        eq(s.districtId, c.districtId),
        sql`${s.orgPath} like ${c.like}`,
        c.year !== undefined ? eq(s.year, c.year) : undefined,
        c.includeRevoked ? undefined : isNull(s.revokedAt),
      ),
    )
    .orderBy(desc(s.year), asc(s.orgPath), asc(s.id))
    .limit(500);
}

export async function loadSite(q: Queryable, districtId: string, id: string, lock = false) {
  const s = partyDemonstrationSites;
  const base = q
    .select()
    .from(s)
    .where(and(eq(s.districtId, districtId), eq(s.id, id)));
  const [row] = lock ? await base.for('update') : await base;
  return row;
}

/** The active designation of a subject in a year, if any (locked, so two designations cannot race past it). */
export async function activeSiteOf(
  tx: Tx,
  c: { districtId: string; kind: SiteRow['subjectKind']; id: string; year: number },
) {
  const s = partyDemonstrationSites;
  const [row] = await tx
    .select({ id: s.id, level: s.level })
    .from(s)
    .where(
      and(
        eq(s.districtId, c.districtId),
        eq(s.subjectKind, c.kind),
        eq(s.subjectId, c.id),
        eq(s.year, c.year),
        isNull(s.revokedAt),
      ),
    )
    .for('update');
  return row;
}

export async function insertSite(tx: Queryable, row: typeof partyDemonstrationSites.$inferInsert): Promise<void> {
  await tx.insert(partyDemonstrationSites).values(row);
}
