import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { users } from '../../auth/auth.tables.js';
import { buildings, orgUnits } from '../../org/org.tables.js';
import { PROTECTED_COLUMNS_SQL, type ProtectableRow } from '../../people/people.protection.js';
import { households, people } from '../../people/people.tables.js';

/** The people row of the child a file is opened for, plain or protected columns (people.protection.ts). */
export type SubjectRow = ProtectableRow & {
  id: string;
  org_path: string;
  gender: 'M' | 'F';
  id_cipher: string;
  id_masked: string;
};

export async function findSubjectRow(q: Queryable, districtId: string, personId: string) {
  const [row] = await queryRows<SubjectRow>(
    q,
    sql`
    select p.id, p.org_path, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.id_cipher, p.id_masked, p.household_id, ${PROTECTED_COLUMNS_SQL}
    from ${people} p where p.district_id = ${districtId} and p.id = ${personId}`,
  );
  return row;
}

/** A household's address: compound address, building name, unit and room. */
export async function findHouseholdAddress(q: Queryable, districtId: string, householdId: string) {
  const [addr] = await queryRows<{ address: string | null }>(
    q,
    sql`
    select c.address || b.name || h.unit || h.room as address from ${households} h
    left join ${buildings} b on b.district_id = h.district_id and b.id = h.building_id
    left join ${orgUnits} c on c.district_id = h.district_id and c.id = h.compound_id
    where h.district_id = ${districtId} and h.id = ${householdId}`,
  );
  return addr?.address ?? null;
}

/** The other members of a household, found by its id or (once protected) by its keyed hash. */
export function selectHouseholdMembers(
  q: Queryable,
  districtId: string,
  m: { childId: string; householdId: string; householdHash: string },
) {
  return queryRows<ProtectableRow & { id: string }>(
    q,
    sql`
    select p.id, p.name, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.household_id, ${PROTECTED_COLUMNS_SQL} from ${people} p
    where p.district_id = ${districtId} and p.id <> ${m.childId}
      and (p.household_id = ${m.householdId} or p.household_hash = ${m.householdHash})`,
  );
}

/** An account's role, activity and the path of its unit (who may be a file's social worker). */
export async function findAccountWithPath(q: Queryable, districtId: string, userId: string) {
  const [u] = await queryRows<{ role: string; path: string; is_active: boolean }>(
    q,
    sql`
    select u.role, o.path, u.is_active from ${users} u join ${orgUnits} o on o.district_id = u.district_id and o.id = u.org_unit_id
    where u.district_id = ${districtId} and u.id = ${userId}`,
  );
  return u;
}
