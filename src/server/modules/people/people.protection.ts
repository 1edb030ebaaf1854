import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';

/**
 * Encryption at rest of the people a minor-protection file is about (PIPL art. 28): the child, and the
 * child's guardians. Their name, birth date and household (which is the address: building, unit, room)
 * move into AES-256-GCM columns; `name` keeps a placeholder, pinyin/initials are emptied, `birth_date` and
 * `household_id` become null. Two keyed hashes allow the only lookups that stay: the exact full name
 * (so a guardian is still found by name, and a child by those with identity access), and the members of a
 * household. Without the key the dump names nobody and places nobody.
 */
export type Protection = 'child' | 'guardian';
export const PROTECTED_CHILD_LABEL = '受保护未成年人';
const GUARDIAN_PLACEHOLDER = '受保护居民';

export const nameHash = (crypto: FieldCrypto, name: string) => crypto.blindIndex(`person-name:${name}`);
export const householdHash = (crypto: FieldCrypto, householdId: string) =>
  crypto.blindIndex(`household:${householdId}`);

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

/** Name, birth date (YYYY-MM-DD) and household of a row, decrypted when it is protected. */
export function revealPerson(
  crypto: FieldCrypto,
  r: ProtectableRow,
): { name: string; birthDate: string; householdId: string | null } {
  if (!r.protection) return { name: r.name, birthDate: r.birth_date!, householdId: r.household_id };
  return {
    name: r.name_cipher ? crypto.decrypt(r.name_cipher) : r.name,
    birthDate: r.birth_cipher ? crypto.decrypt(r.birth_cipher) : r.birth_date!,
    householdId: r.household_cipher ? crypto.decrypt(r.household_cipher) : r.household_id,
  };
}

/**
 * Protects people rows, in the caller's transaction. Idempotent; a guardian who is also a child with a file
 * becomes 'child' (the stricter one). Returns how many rows changed.
 */
export async function protectPeople(
  q: Queryable,
  crypto: FieldCrypto,
  districtId: string,
  ids: readonly string[],
  kind: Protection,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await queryRows<{
    id: string;
    name: string;
    birth_date: string | null;
    household_id: string | null;
    protection: Protection | null;
  }>(
    q,
    sql`
    select id, name, to_char(birth_date, 'YYYY-MM-DD') as birth_date, household_id, protection from people
    where district_id = ${districtId} and id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  let changed = 0;
  for (const r of rows) {
    if (r.protection) {
      if (r.protection === 'guardian' && kind === 'child') {
        await q.execute(
          sql`update people set protection = 'child', name = ${PROTECTED_CHILD_LABEL} where district_id = ${districtId} and id = ${r.id}`,
        );
        changed++;
      }
      continue;
    }
    await q.execute(sql`update people set protection = ${kind}, name = ${kind === 'child' ? PROTECTED_CHILD_LABEL : GUARDIAN_PLACEHOLDER},
        name_pinyin = '', name_initials = '', name_cipher = ${crypto.encrypt(r.name)}, name_hash = ${nameHash(crypto, r.name)},
        birth_date = null, birth_cipher = ${r.birth_date ? crypto.encrypt(r.birth_date) : null},
        household_id = null, household_cipher = ${r.household_id ? crypto.encrypt(r.household_id) : null},
        household_hash = ${r.household_id ? householdHash(crypto, r.household_id) : null}, version = version + 1, updated_at = now()
      where district_id = ${districtId} and id = ${r.id}`);
    changed++;
  }
  return changed;
}
