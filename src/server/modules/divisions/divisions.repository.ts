import type { Tx } from '../../db/client.js';
import { districts, orgUnits, partyOrgs } from '../org/org.tables.js';

type District = typeof districts.$inferInsert;
export type OrgUnitRow = typeof orgUnits.$inferInsert;
export type PartyOrgRow = typeof partyOrgs.$inferInsert;

/** A district's division tree and party tree, in batches of 500; rows already there are left as they are. */
export async function insertDistrictTree(tx: Tx, district: District, units: OrgUnitRow[], parties: PartyOrgRow[]) {
  await tx.insert(districts).values(district).onConflictDoNothing();
  for (let i = 0; i < units.length; i += 500)
    await tx
      .insert(orgUnits)
      .values(units.slice(i, i + 500))
      .onConflictDoNothing();
  for (let i = 0; i < parties.length; i += 500)
    await tx
      .insert(partyOrgs)
      .values(parties.slice(i, i + 500))
      .onConflictDoNothing();
}
