import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import { prefixPattern } from '../../lib/like.js';
import type { Answer, Consultation, Question } from '../../../shared/consultations.schema.js';
import { consultationBallots, consultationQuestions, consultations } from './consultations.tables.js';

/** All SQL of 征求民意 / 议事协商. */

export const scopeColumns = { orgPath: sql`c.org_path` };

export interface ConsultationRow extends Consultation {
  orgPath: string;
  closesAtDate: Date;
}

const SELECT = sql`
  select c.id, c.title, c.description, c.kind, c.organiser_kind as "organiserKind", c.org_unit_id as "orgUnitId",
    c.org_path as "orgPath", o.name || coalesce(' ' || b.name, '') as "scopeName", c.building_id as "buildingId",
    c.answer_per as "answerPer", c.is_anonymous as "isAnonymous", c.matter, c.closes_at as "closesAt",
    c.closed_early_at as "closedEarlyAt", c.published_at as "publishedAt", c.created_by_name as "createdByName",
    c.version, (select count(*)::int from consultation_ballots x where x.district_id = c.district_id and x.consultation_id = c.id) as ballots
  from consultations c
  join org_units o on o.district_id = c.district_id and o.id = c.org_unit_id
  left join buildings b on b.district_id = c.district_id and b.id = c.building_id`;

interface RawRow extends Omit<ConsultationRow, 'status' | 'closesAt' | 'publishedAt' | 'closesAtDate'> {
  closesAt: Date | string;
  closedEarlyAt: Date | string | null;
  publishedAt: Date | string | null;
}
const iso = (v: Date | string) => new Date(v).toISOString();

/** The status is the server clock's: open until the closing time or an early close. */
function shape(r: RawRow, now: Date): ConsultationRow {
  const closed = r.closedEarlyAt !== null || new Date(r.closesAt) <= now;
  const { closedEarlyAt: _early, ...rest } = r;
  return {
    ...rest,
    closesAt: iso(r.closesAt),
    closesAtDate: new Date(r.closesAt),
    publishedAt: r.publishedAt ? iso(r.publishedAt) : null,
    status: r.publishedAt ? 'published' : closed ? 'closed' : 'open',
  };
}

export async function findConsultation(q: Queryable, d: string, id: string): Promise<ConsultationRow | null> {
  const [r] = await queryRows<RawRow>(q, sql`${SELECT} where c.district_id = ${d} and c.id = ${id}`);
  return r ? shape(r, new Date()) : null;
}

/** Locks the row for a versioned write. */
export async function lockConsultation(q: Queryable, d: string, id: string): Promise<ConsultationRow | null> {
  await q.execute(sql`select 1 from consultations where district_id = ${d} and id = ${id} for update`);
  return findConsultation(q, d, id);
}

export async function listConsultations(q: Queryable, d: string, scope: SQL): Promise<ConsultationRow[]> {
  const rows = await queryRows<RawRow>(
    q,
    sql`${SELECT} where c.district_id = ${d} and ${scope} order by c.closes_at desc, c.id limit 500`,
  );
  const now = new Date();
  return rows.map((r) => shape(r, now));
}

export async function findUnit(
  q: Queryable,
  d: string,
  id: string,
): Promise<{ id: string; kind: string; path: string; name: string } | null> {
  const [u] = await queryRows<{ id: string; kind: string; path: string; name: string }>(
    q,
    sql`select id, kind, path, name from org_units where district_id = ${d} and id = ${id}`,
  );
  return u ?? null;
}

export async function findBuilding(q: Queryable, d: string, id: string): Promise<{ compoundId: string } | null> {
  const [b] = await queryRows<{ compoundId: string }>(
    q,
    sql`select compound_id as "compoundId" from buildings where district_id = ${d} and id = ${id}`,
  );
  return b ?? null;
}

export async function insertConsultation(q: Queryable, row: typeof consultations.$inferInsert): Promise<void> {
  await q.insert(consultations).values(row);
}
export async function insertQuestions(
  q: Queryable,
  rows: (typeof consultationQuestions.$inferInsert)[],
): Promise<void> {
  if (rows.length) await q.insert(consultationQuestions).values(rows);
}
export async function insertBallot(q: Queryable, row: typeof consultationBallots.$inferInsert): Promise<void> {
  await q.insert(consultationBallots).values(row);
}

export async function questionsOf(q: Queryable, d: string, id: string): Promise<Question[]> {
  return queryRows<Question>(
    q,
    sql`select id, kind, prompt, options, required from consultation_questions
      where district_id = ${d} and consultation_id = ${id} order by id`,
  );
}

export interface BallotRow {
  householdId: string | null;
  personId: string | null;
  source: 'online' | 'paper';
  answers: Answer[];
  area: string | null;
  name: string | null;
}
export async function ballotsOf(q: Queryable, d: string, id: string): Promise<BallotRow[]> {
  return queryRows<BallotRow>(
    q,
    sql`select x.household_id as "householdId", x.person_id as "personId", x.source, x.answers,
        h.exclusive_area as area,
        coalesce(p.name, h.unit || h.room) as name
      from consultation_ballots x
      left join households h on h.district_id = x.district_id and h.id = x.household_id
      left join people p on p.district_id = x.district_id and p.id = x.person_id
      where x.district_id = ${d} and x.consultation_id = ${id} order by x.created_at, x.id`,
  );
}

export async function hasBallot(q: Queryable, d: string, id: string, voterKey: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    q,
    sql`select 1 as one from consultation_ballots where district_id = ${d} and consultation_id = ${id} and voter_key = ${voterKey}`,
  );
  return rows.length > 0;
}

export interface HouseholdRow {
  id: string;
  orgPath: string;
  buildingId: string;
}
export async function householdOfPerson(q: Queryable, d: string, personId: string): Promise<HouseholdRow | null> {
  const [h] = await queryRows<HouseholdRow>(
    q,
    sql`select h.id, h.org_path as "orgPath", h.building_id as "buildingId" from people p
      join households h on h.district_id = p.district_id and h.id = p.household_id
      where p.district_id = ${d} and p.id = ${personId}`,
  );
  return h ?? null;
}
export async function findHousehold(q: Queryable, d: string, id: string): Promise<HouseholdRow | null> {
  const [h] = await queryRows<HouseholdRow>(
    q,
    sql`select id, org_path as "orgPath", building_id as "buildingId" from households where district_id = ${d} and id = ${id}`,
  );
  return h ?? null;
}

/** Households in scope (count and 专有部分 area in hundredths of a m²), and residents for a per-person count. */
export async function scopeTotals(
  q: Queryable,
  d: string,
  c: { orgPath: string; buildingId: string | null },
): Promise<{ households: number; areaCenti: number; people: number }> {
  const building = c.buildingId ? sql`and h.building_id = ${c.buildingId}` : sql``;
  const [t] = await queryRows<{ households: number; area: string | number; people: number }>(
    q,
    sql`select count(*)::int as households, coalesce(sum(round(h.exclusive_area * 100)), 0)::bigint as area,
        (select count(*)::int from people p join households h2 on h2.district_id = p.district_id and h2.id = p.household_id
          where p.district_id = ${d} and h2.org_path like ${prefixPattern(c.orgPath)} ${c.buildingId ? sql`and h2.building_id = ${c.buildingId}` : sql``}) as people
      from households h where h.district_id = ${d} and h.org_path like ${prefixPattern(c.orgPath)} ${building}`,
  );
  return { households: t!.households, areaCenti: Number(t!.area), people: t!.people };
}

/** The mean position of the located compounds in a scope (a map-point question's map opens there). */
export async function centerOf(q: Queryable, d: string, orgPath: string): Promise<{ lat: number; lng: number } | null> {
  const [r] = await queryRows<{ lat: number | null; lng: number | null }>(
    q,
    sql`select avg(l.lat)::float8 as lat, avg(l.lng)::float8 as lng from place_locations l
      join org_units o on o.district_id = l.district_id and o.id = l.entity_id
      where l.district_id = ${d} and l.kind = 'compound' and o.path like ${prefixPattern(orgPath)}`,
  );
  return r && r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null;
}
