import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import { buildings, orgUnits, workUnits } from '../org/org.tables.js';
import { households, people } from './people.tables.js';

export type Protection = 'child' | 'guardian';

/** The plain or protected columns of a people row, as selected by `PROTECTED_COLUMNS_SQL`. */
export interface ProtectableRow {
  name: string;
  birth_date: string | null;
  household_id: string | null;
  protection: Protection | null;
  name_cipher: string | null;
  birth_cipher: string | null;
  household_cipher: string | null;
}

/** Selects the protected columns of `people p` beside the plain ones (alias p). */
export const PROTECTED_COLUMNS_SQL = sql`p.protection, p.name_cipher, p.birth_cipher, p.household_cipher`;

/** The columns the access rules and listability predicates read, for `people p`. */
export const PERSON_COLUMNS = { orgPath: sql`p.org_path` };

export interface PersonRow extends ProtectableRow {
  id: string;
  gender: 'M' | 'F';
  id_masked: string;
  tags: string[];
  compound_name: string | null;
  building_name: string | null;
  unit: string | null;
  room: string | null;
  org_path: string;
  name_pinyin: string;
}

export interface DetailRow extends PersonRow {
  phone_masked: string | null;
  relation: string;
  work_unit_name: string | null;
  household_id: string | null;
  version: number;
}

const SUMMARY_SELECT = sql`
  select p.id, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.id_masked, p.tags, p.org_path, p.name_pinyin,
    p.household_id, ${PROTECTED_COLUMNS_SQL}, c.name as compound_name, b.name as building_name, h.unit, h.room
  from ${people} p
  left join ${households} h on h.district_id = p.district_id and h.id = p.household_id
  left join ${buildings} b on b.district_id = h.district_id and b.id = h.building_id
  left join ${orgUnits} c on c.district_id = h.district_id and c.id = h.compound_id`;

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Addresses of households by id (for protected rows, whose household is decrypted after the query). */
export function householdAddresses(q: Queryable, districtId: string, ids: readonly string[]) {
  return queryRows<{
    id: string;
    compound_name: string | null;
    building_name: string | null;
    unit: string;
    room: string;
  }>(
    q,
    sql`
    select h.id, c.name as compound_name, b.name as building_name, h.unit, h.room from ${households} h
    left join ${buildings} b on b.district_id = h.district_id and b.id = h.building_id
    left join ${orgUnits} c on c.district_id = h.district_id and c.id = h.compound_id
    where h.district_id = ${districtId} and h.id in (${list(ids)})`,
  );
}

/** What a people search filters on; the service turns the caller's text into these. */
export interface PeopleFilter {
  districtId: string;
  /** The access scope and listability predicates (over `people p`). */
  scope: SQL;
  listable: SQL;
  underPath?: string;
  idHash?: string;
  /** Plain names by prefix, protected ones only by the exact name's keyed hash. */
  cjkName?: { prefix: string; hash: string };
  /** Pinyin or initials prefix (already escaped for LIKE, lower case). */
  latinPrefix?: string;
  /** Guardians: hidden, or only by the exact name's keyed hash, or shown (exact ID-number search). */
  guardians: 'hide' | 'show' | { nameHash: string };
  tag?: string;
  after?: [pinyin: string, id: string];
  limit: number;
}

/**
 * The people list as one statement: the page is chosen on `people` alone (its indexes: the scope's path,
 * the name prefixes, `people_list_idx` for the order, `people_tags_idx` for a tag) and the address is
 * joined onto the page's rows only. The plan is kept in src/server/db/plans/ (plans.test.ts).
 */
export function peopleSearchSql(f: PeopleFilter): SQL {
  const where: SQL[] = [sql`p.district_id = ${f.districtId}`, f.scope, f.listable];
  if (f.underPath !== undefined) where.push(sql`p.org_path like ${f.underPath}`);
  if (f.idHash) where.push(sql`p.id_hash = ${f.idHash}`);
  if (f.cjkName)
    where.push(sql`((p.protection is null and p.name like ${f.cjkName.prefix}) or p.name_hash = ${f.cjkName.hash})`);
  if (f.latinPrefix !== undefined)
    where.push(
      sql`p.protection is null and (p.name_pinyin like ${f.latinPrefix + '%'} or p.name_initials like ${f.latinPrefix + '%'})`,
    );
  if (f.guardians === 'hide') where.push(sql`p.protection is distinct from 'guardian'`);
  else if (f.guardians !== 'show')
    where.push(sql`(p.protection is distinct from 'guardian' or p.name_hash = ${f.guardians.nameHash})`);
  if (f.tag === 'elderly') where.push(sql`p.birth_date <= (current_date - interval '60 years')`);
  else if (f.tag) where.push(sql`p.tags @> array[${f.tag}]::text[]`);
  if (f.after) where.push(sql`(p.name_pinyin, p.id) > (${f.after[0]}, ${f.after[1]})`);
  return sql`
  select p.id, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.id_masked, p.tags, p.org_path, p.name_pinyin,
    p.household_id, ${PROTECTED_COLUMNS_SQL}, c.name as compound_name, b.name as building_name, h.unit, h.room
  from (
    select p.district_id, p.id, p.name, p.gender, p.birth_date, p.id_masked, p.tags, p.org_path, p.name_pinyin,
      p.household_id, ${PROTECTED_COLUMNS_SQL}
    from ${people} p where ${sql.join(where, sql` and `)}
    order by p.name_pinyin, p.id limit ${f.limit}) p
  left join ${households} h on h.district_id = p.district_id and h.id = p.household_id
  left join ${buildings} b on b.district_id = h.district_id and b.id = h.building_id
  left join ${orgUnits} c on c.district_id = h.district_id and c.id = h.compound_id
  order by p.name_pinyin, p.id`;
}

export function searchPeopleRows(q: Queryable, f: PeopleFilter): Promise<PersonRow[]> {
  return queryRows<PersonRow>(q, peopleSearchSql(f));
}

/** One person with the detail columns, and whether the caller may list them (`listable` over `people p`). */
export async function personDetailRow(q: Queryable, districtId: string, id: string, listable: SQL) {
  const [row] = await queryRows<DetailRow & { listable: boolean }>(
    q,
    sql`
    select x.*, p.phone_masked, p.relation, w.name as work_unit_name, p.version, ${listable} as listable
    from (${SUMMARY_SELECT} where p.district_id = ${districtId} and p.id = ${id}) x
    join ${people} p on p.district_id = ${districtId} and p.id = x.id
    left join ${workUnits} w on w.district_id = p.district_id and w.id = p.work_unit_id`,
  );
  return row;
}

/** A household's members: plain rows by household id, protected ones by the household's keyed hash. */
export function householdMemberRows(
  q: Queryable,
  m: { districtId: string; householdId: string; householdHash: string; listable: SQL },
): Promise<PersonRow[]> {
  return queryRows<PersonRow>(
    q,
    sql`${SUMMARY_SELECT} where p.district_id = ${m.districtId}
    and (p.household_id = ${m.householdId} or p.household_hash = ${m.householdHash}) and ${m.listable}`,
  );
}

export async function personIdCipher(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({ idCipher: people.idCipher })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.id, id)));
  return row;
}

export async function findHousehold(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select()
    .from(households)
    .where(and(eq(households.districtId, districtId), eq(households.id, id)));
  return row;
}

export async function personIdByIdHash(q: Queryable, districtId: string, idHash: string) {
  const [row] = await q
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.idHash, idHash)));
  return row;
}

export async function insertPerson(q: Queryable, row: typeof people.$inferInsert): Promise<void> {
  await q.insert(people).values(row);
}

/** Applies the patch when the row is still at `version`, bumping it; false when someone else changed it. */
export async function updatePersonAtVersion(
  q: Queryable,
  at: { districtId: string; id: string; version: number },
  patch: Partial<typeof people.$inferInsert>,
): Promise<boolean> {
  const rows = await q
    .update(people)
    .set({ ...patch, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(and(eq(people.districtId, at.districtId), eq(people.id, at.id), eq(people.version, at.version)))
    .returning({ id: people.id });
  return rows.length === 1;
}

// ───────────── protection (people.protection.ts) ─────────────

export function protectableRows(q: Queryable, districtId: string, ids: readonly string[]) {
  return q
    .select({
      id: people.id,
      name: people.name,
      birthDate: people.birthDate,
      householdId: people.householdId,
      protection: people.protection,
    })
    .from(people)
    .where(and(eq(people.districtId, districtId), inArray(people.id, [...ids])));
}

export async function setProtection(
  q: Queryable,
  districtId: string,
  id: string,
  patch: Partial<typeof people.$inferInsert> & { protection: Protection },
  bumpVersion: boolean,
): Promise<void> {
  await q
    .update(people)
    .set(bumpVersion ? { ...patch, version: sql`${people.version} + 1`, updatedAt: sql`now()` } : patch)
    .where(and(eq(people.districtId, districtId), eq(people.id, id)));
}

// ───────────── households ─────────────

export async function findBuilding(q: Queryable, districtId: string, id: string) {
  const [b] = await q
    .select()
    .from(buildings)
    .where(and(eq(buildings.districtId, districtId), eq(buildings.id, id)));
  return b;
}

/** A building's households with their plain members' count. */
export function buildingHouseholds(q: Queryable, districtId: string, buildingId: string) {
  return q
    .select({
      id: households.id,
      buildingId: households.buildingId,
      unit: households.unit,
      room: households.room,
      isPartyCentral: households.isPartyCentral,
      memberCount: sql<number>`(select count(*)::int from ${people} p where p.district_id = "households"."district_id" and p.household_id = "households"."id")`,
    })
    .from(households)
    .where(and(eq(households.districtId, districtId), eq(households.buildingId, buildingId)))
    .orderBy(asc(households.unit), sql`length(${households.room})`, asc(households.room));
}

/** Protected members per household keyed hash, counting only those the caller may list. */
export function protectedMemberCounts(q: Queryable, districtId: string, hashes: readonly string[], listable: SQL) {
  return queryRows<{ household_hash: string; n: number }>(
    q,
    sql`
    select p.household_hash, count(*)::int as n from ${people} p
    where p.district_id = ${districtId} and p.household_hash in (${list(hashes)}) and ${listable}
    group by p.household_hash`,
  );
}

export async function householdAt(
  q: Queryable,
  at: { districtId: string; buildingId: string; unit: string; room: string },
) {
  const [row] = await q
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.districtId, at.districtId),
        eq(households.buildingId, at.buildingId),
        eq(households.unit, at.unit),
        eq(households.room, at.room),
      ),
    );
  return row;
}

export async function insertHousehold(q: Queryable, row: typeof households.$inferInsert): Promise<void> {
  await q.insert(households).values(row);
}
