import type { Queryable } from '../../db/client.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';
import {
  PROTECTED_COLUMNS_SQL,
  protectableRows,
  setProtection,
  type Protection,
  type ProtectableRow,
} from './people.repository.js';

/**
 * Encryption at rest of the people a minor-protection file is about (PIPL art. 28): the child, and the
 * child's guardians. Their name, birth date and household (which is the address: building, unit, room)
 * move into AES-256-GCM columns; `name` keeps a placeholder, pinyin/initials are emptied, `birth_date` and
 * `household_id` become null. Two keyed hashes allow the only lookups that stay: the exact full name
 * (so a guardian is still found by name, and a child by those with identity access), and the members of a
 * household. Without the key the dump names nobody and places nobody.
 */
export type { Protection, ProtectableRow };
export const PROTECTED_CHILD_LABEL = '受保护未成年人';
const GUARDIAN_PLACEHOLDER = '受保护居民';

export const nameHash = (crypto: FieldCrypto, name: string) => crypto.blindIndex(`person-name:${name}`);
export const householdHash = (crypto: FieldCrypto, householdId: string) =>
  crypto.blindIndex(`household:${householdId}`);

export { PROTECTED_COLUMNS_SQL };

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
  const rows = await protectableRows(q, districtId, ids);
  let changed = 0;
  for (const r of rows) {
    if (r.protection) {
      if (r.protection === 'guardian' && kind === 'child') {
        await setProtection(q, districtId, r.id, { protection: 'child', name: PROTECTED_CHILD_LABEL }, false);
        changed++;
      }
      continue;
    }
    await setProtection(
      q,
      districtId,
      r.id,
      {
        protection: kind,
        name: kind === 'child' ? PROTECTED_CHILD_LABEL : GUARDIAN_PLACEHOLDER,
        namePinyin: '',
        nameInitials: '',
        nameCipher: crypto.encrypt(r.name),
        nameHash: nameHash(crypto, r.name),
        birthDate: null,
        birthCipher: r.birthDate ? crypto.encrypt(r.birthDate) : null,
        householdId: null,
        householdCipher: r.householdId ? crypto.encrypt(r.householdId) : null,
        householdHash: r.householdId ? householdHash(crypto, r.householdId) : null,
      },
      true,
    );
    changed++;
  }
  return changed;
}
