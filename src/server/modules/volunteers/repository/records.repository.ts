import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { prefixPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import type { RecordSource, ServiceRecord } from '../../../../shared/volunteers.schema.js';
import { pointsLedger, serviceRecords, serviceTasks } from '../volunteers.tables.js';

/** 服务时长台账: service records, their confirmation, and what follows a decision. */
const RECORD_SELECT = sql`
  select r.id, r.person_id as "personId", p.name as "personName", o.name as "orgUnitName", r.source, r.title, r.served_on::text as "servedOn",
    r.hours::float8 as hours, r.status,
    (select l.delta from ${pointsLedger} l where l.district_id = r.district_id and l.kind = 'earn' and l.source_type = 'service_record' and l.source_id = r.id) as points
  from ${serviceRecords} r
  join ${people} p on p.district_id = r.district_id and p.id = r.person_id
  join ${orgUnits} o on o.district_id = r.district_id and o.id = r.org_unit_id`;

export interface RecordFilter {
  status?: ServiceRecord['status'];
  month?: string;
  personId?: string;
  orgPath?: string;
  limit: number;
}

/** The records the actor may see (staff their subtree, a department its own members), newest first. */
export async function listRecords(q: Queryable, actor: Actor, f: RecordFilter): Promise<ServiceRecord[]> {
  const where: SQL[] = [
    sql`r.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'serviceRecord', { orgPath: sql`r.org_path`, workUnitId: sql`r.work_unit_id` }),
  ];
  if (f.status) where.push(sql`r.status = ${f.status}`);
  if (f.month) where.push(sql`to_char(r.served_on, 'YYYY-MM') = ${f.month}`);
  if (f.personId) where.push(sql`r.person_id = ${f.personId}`);
  if (f.orgPath !== undefined) where.push(sql`r.org_path like ${prefixPattern(f.orgPath)}`);
  return queryRows<ServiceRecord>(
    q,
    sql`${RECORD_SELECT} where ${sql.join(where, sql` and `)} order by r.served_on desc, r.created_at desc limit ${f.limit}`,
  );
}

/** A person's own latest records (their page shows them whatever the scope). */
export async function recordsOf(
  q: Queryable,
  districtId: string,
  personId: string,
  limit: number,
): Promise<ServiceRecord[]> {
  return queryRows<ServiceRecord>(
    q,
    sql`${RECORD_SELECT} where r.district_id = ${districtId} and r.person_id = ${personId} order by r.served_on desc, r.created_at desc limit ${limit}`,
  );
}

export async function recordView(q: Queryable, districtId: string, id: string): Promise<ServiceRecord | undefined> {
  const [row] = await queryRows<ServiceRecord>(
    q,
    sql`${RECORD_SELECT} where r.district_id = ${districtId} and r.id = ${id}`,
  );
  return row;
}

export interface RecordRow {
  id: string;
  personId: string;
  orgPath: string;
  workUnitId: string | null;
  status: ServiceRecord['status'];
  hours: number;
  source: RecordSource;
  sourceId: string | null;
  title: string;
}

export async function lockRecord(q: Queryable, districtId: string, id: string): Promise<RecordRow | undefined> {
  const r = serviceRecords;
  const [row] = await q
    .select({
      id: r.id,
      personId: r.personId,
      orgPath: r.orgPath,
      workUnitId: r.workUnitId,
      status: r.status,
      hours: r.hours,
      source: r.source,
      sourceId: r.sourceId,
      title: r.title,
    })
    .from(r)
    .where(and(eq(r.districtId, districtId), eq(r.id, id)))
    .for('update');
  return row && { ...row, hours: Number(row.hours) };
}

export async function decideRecord(
  q: Queryable,
  districtId: string,
  id: string,
  set: { status: 'confirmed' | 'rejected'; hours: number; confirmedBy: string },
): Promise<void> {
  await q
    .update(serviceRecords)
    .set({ ...set, confirmedAt: sql`now()` })
    .where(and(eq(serviceRecords.districtId, districtId), eq(serviceRecords.id, id)));
}

export async function insertRecord(q: Queryable, row: typeof serviceRecords.$inferInsert): Promise<void> {
  await q.insert(serviceRecords).values(row);
}

/** A rejected record of the same source makes room for the new submission (one record per source and person). */
export async function deleteRejectedRecords(
  q: Queryable,
  districtId: string,
  source: RecordSource,
  sourceId: string,
): Promise<void> {
  const r = serviceRecords;
  await q
    .delete(r)
    .where(and(eq(r.districtId, districtId), eq(r.source, source), eq(r.sourceId, sourceId), eq(r.status, 'rejected')));
}

/** The task behind a record: confirmed with it, back to claimed when the hours are rejected. */
export async function decideTaskOfRecord(
  q: Queryable,
  districtId: string,
  taskId: string,
  status: 'confirmed' | 'claimed',
): Promise<void> {
  await q
    .update(serviceTasks)
    .set({ status, version: sql`${serviceTasks.version} + 1` })
    .where(and(eq(serviceTasks.districtId, districtId), eq(serviceTasks.id, taskId)));
}

/** Confirmed hours of a person in a month (YYYY-MM). */
export async function confirmedHoursIn(
  q: Queryable,
  districtId: string,
  personId: string,
  month: string,
): Promise<number> {
  const [h] = await queryRows<{ h: number }>(
    q,
    sql`select coalesce(sum(r.hours), 0)::float8 as h from ${serviceRecords} r
    where r.district_id = ${districtId} and r.person_id = ${personId} and r.status = 'confirmed' and to_char(r.served_on, 'YYYY-MM') = ${month}`,
  );
  return h?.h ?? 0;
}

/** A person's hours of one year (Asia/Shanghai), confirmed and still waiting, and how many records they come from. */
export async function hoursInYear(
  q: Queryable,
  districtId: string,
  personId: string,
  year: number,
): Promise<{ confirmedHours: number; pendingHours: number; records: number }> {
  const [h] = await queryRows<{ confirmedHours: number; pendingHours: number; records: number }>(
    q,
    sql`select coalesce(sum(r.hours) filter (where r.status = 'confirmed'), 0)::float8 as "confirmedHours",
      coalesce(sum(r.hours) filter (where r.status = 'pending'), 0)::float8 as "pendingHours",
      count(*) filter (where r.status <> 'rejected')::int as records
    from ${serviceRecords} r
    where r.district_id = ${districtId} and r.person_id = ${personId}
      and r.served_on >= make_date(${year}, 1, 1) and r.served_on < make_date(${year + 1}, 1, 1)`,
  );
  return h ?? { confirmedHours: 0, pendingHours: 0, records: 0 };
}
