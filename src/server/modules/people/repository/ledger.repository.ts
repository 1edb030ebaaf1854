import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { buildings, orgUnits } from '../../org/org.tables.js';
import { households, ledgerImports, people } from '../people.tables.js';

/** The real-population ledger's import runs and its bulk reads and writes (ledger.import.ts, ledger.export.ts). */
export type LedgerImportRow = typeof ledgerImports.$inferSelect;
export type LedgerImportPatch = Partial<Omit<LedgerImportRow, 'districtId' | 'id' | 'createdBy' | 'createdAt'>>;

export async function insertLedgerImport(q: Queryable, row: typeof ledgerImports.$inferInsert): Promise<void> {
  await q.insert(ledgerImports).values(row);
}

export async function updateLedgerImport(q: Queryable, districtId: string, id: string, patch: LedgerImportPatch) {
  await q
    .update(ledgerImports)
    .set(patch)
    .where(and(eq(ledgerImports.districtId, districtId), eq(ledgerImports.id, id)));
}

export async function findLedgerImport(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select()
    .from(ledgerImports)
    .where(and(eq(ledgerImports.districtId, districtId), eq(ledgerImports.id, id)));
  return row;
}

export function recentLedgerImports(q: Queryable, districtId: string, createdBy: string, limit: number) {
  return q
    .select()
    .from(ledgerImports)
    .where(and(eq(ledgerImports.districtId, districtId), eq(ledgerImports.createdBy, createdBy)))
    .orderBy(desc(ledgerImports.createdAt))
    .limit(limit);
}

export const LEDGER_BUILDING_COLUMNS = { orgPath: sql`b.org_path` };

export interface ScopeBuildingRow {
  id: string;
  name: string;
  compound_id: string;
  org_path: string;
  compound_name: string;
  community_id: string;
}

/** Every building the caller's scope reaches, with its compound and community (an import's address book). */
export function scopeBuildings(q: Queryable, districtId: string, scope: SQL) {
  return queryRows<ScopeBuildingRow>(
    q,
    sql`
    select b.id, b.name, b.compound_id, b.org_path, c.name as compound_name, c.parent_id as community_id
    from ${buildings} b
    join ${orgUnits} c on c.district_id = b.district_id and c.id = b.compound_id
    where b.district_id = ${districtId} and ${scope}`,
  );
}

export interface LedgerPersonRow {
  id: string;
  id_hash: string;
  household_id: string | null;
  org_path: string;
  name: string;
  relation: string;
  phone_cipher: string | null;
  tags: string[];
  protection: 'child' | 'guardian' | null;
}

/** The residents already registered under these ID-number hashes, wherever they live in the district. */
export function peopleByIdHashes(q: Queryable, districtId: string, hashes: readonly string[]) {
  if (hashes.length === 0) return Promise.resolve([] as LedgerPersonRow[]);
  return q
    .select({
      id: people.id,
      id_hash: people.idHash,
      household_id: people.householdId,
      org_path: people.orgPath,
      name: people.name,
      relation: people.relation,
      phone_cipher: people.phoneCipher,
      tags: people.tags,
      protection: people.protection,
    })
    .from(people)
    .where(and(eq(people.districtId, districtId), inArray(people.idHash, [...hashes])));
}

export interface HouseholdKey {
  buildingId: string;
  unit: string;
  room: string;
}

/**
 * The households at exactly these rooms (the rooms' unique index), not every household of their buildings. A
 * VALUES list joined, not `(a, b, c) in (…)`: a thousand-term IN nests so deep that it overflows PGlite's stack.
 */
export function householdsAt(q: Queryable, districtId: string, keys: readonly HouseholdKey[]) {
  if (keys.length === 0) return Promise.resolve([] as (HouseholdKey & { id: string })[]);
  const tuples = sql.join(
    keys.map((k) => sql`(${k.buildingId}, ${k.unit}, ${k.room})`),
    sql`, `,
  );
  return queryRows<HouseholdKey & { id: string }>(
    q,
    sql`select h.id, h.building_id as "buildingId", h.unit, h.room
        from (values ${tuples}) as k(building_id, unit, room)
        join ${households} h on h.district_id = ${districtId} and h.building_id = k.building_id
          and h.unit = k.unit and h.room = k.room`,
  );
}

/** New households; one that another import made meanwhile is left as it is (the room's unique key). */
export async function insertHouseholds(q: Queryable, rows: (typeof households.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const made = await q
    .insert(households)
    .values(rows)
    .onConflictDoNothing({ target: [households.districtId, households.buildingId, households.unit, households.room] })
    .returning({ id: households.id });
  return made.length;
}

export async function insertPeople(q: Queryable, rows: (typeof people.$inferInsert)[]): Promise<void> {
  if (rows.length) await q.insert(people).values(rows);
}

export async function updateLedgerPerson(
  q: Queryable,
  districtId: string,
  id: string,
  set: Partial<typeof people.$inferInsert>,
): Promise<void> {
  await q
    .update(people)
    .set({ ...set, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(and(eq(people.districtId, districtId), eq(people.id, id)));
}

export interface LedgerExportRow {
  id: string;
  community_id: string | null;
  compound_name: string | null;
  building_name: string | null;
  unit: string | null;
  room: string | null;
  name: string;
  id_masked: string;
  id_cipher: string;
  relation: string;
  phone_masked: string | null;
  phone_cipher: string | null;
  tags: string[];
}

/**
 * One page of the ledger for export, chosen on the people primary key after `after` (keyset), names joined
 * onto the page. Protected rows (children in difficulty and their guardians) never leave through the ledger.
 */
export function ledgerExportPage(
  q: Queryable,
  f: { districtId: string; scope: SQL; underPath: string | null; after: string; limit: number },
) {
  return queryRows<LedgerExportRow>(
    q,
    sql`
    with page as (
      select p.id, p.household_id, p.name, p.id_masked, p.id_cipher, p.relation, p.phone_masked, p.phone_cipher, p.tags
      from ${people} p
      where p.district_id = ${f.districtId} and p.protection is null and p.id > ${f.after} and ${f.scope}
        ${f.underPath ? sql`and p.org_path like ${f.underPath}` : sql``}
      order by p.id
      limit ${f.limit}
    )
    select pg.id, c.parent_id as community_id, c.name as compound_name, b.name as building_name, h.unit, h.room,
      pg.name, pg.id_masked, pg.id_cipher, pg.relation, pg.phone_masked, pg.phone_cipher, pg.tags
    from page pg
    left join ${households} h on h.district_id = ${f.districtId} and h.id = pg.household_id
    left join ${buildings} b on b.district_id = h.district_id and b.id = h.building_id
    left join ${orgUnits} c on c.district_id = h.district_id and c.id = h.compound_id
    order by pg.id`,
  );
}
