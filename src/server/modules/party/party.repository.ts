import { and, eq, ne, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import type { PartyOrgDto } from '../../../shared/org.schema.js';
import { branchCompounds, orgUnits, partyOrgs, stations } from '../org/org.tables.js';
import { people } from '../people/people.tables.js';

export interface PartyRow {
  id: string;
  parent_id: string | null;
  kind: PartyOrgDto['kind'];
  name: string;
  path: string;
  org_unit_id: string;
  org_path: string;
  formation: PartyOrgDto['formation'];
  secretary_name: string | null;
  station_name: string | null;
  child_count: number;
  compounds: { id: string; name: string }[] | null;
  compound_paths: string[] | null;
}

/** Party orgs with what the UI shows beside them: secretary, compounds covered, station, children. */
export function selectPartyOrgs(
  q: Queryable,
  districtId: string,
  which: { id: string } | { parentId: string },
): Promise<PartyRow[]> {
  const where = 'id' in which ? sql`p.id = ${which.id}` : sql`p.parent_id = ${which.parentId} and p.status = 'active'`;
  return queryRows<PartyRow>(
    q,
    sql`
    select p.id, p.parent_id, p.kind, p.name, p.path, p.org_unit_id, p.org_path, p.formation,
      sec.name as secretary_name,
      (select s.name from ${stations} s where s.district_id = p.district_id and s.party_org_id = p.id and s.kind = 'party_mass' limit 1) as station_name,
      (select count(*)::int from ${partyOrgs} c where c.district_id = p.district_id and c.parent_id = p.id) as child_count,
      (select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.id) from ${branchCompounds} bc
         join ${orgUnits} o on o.district_id = bc.district_id and o.id = bc.compound_id
        where bc.district_id = p.district_id and bc.branch_id = p.id) as compounds,
      (select array_agg(o.path) from ${branchCompounds} bc
         join ${orgUnits} o on o.district_id = bc.district_id and o.id = bc.compound_id
        where bc.district_id = p.district_id and bc.branch_id = p.id) as compound_paths
    from ${partyOrgs} p
    left join ${people} sec on sec.district_id = p.district_id and sec.id = p.secretary_person_id
    where p.district_id = ${districtId} and ${where}
    order by p.id`,
  );
}

/** The shallowest party org anchored at the unit (building groups aside). */
export async function anchoredPartyOrg(q: Queryable, districtId: string, orgUnitId: string) {
  const [row] = await q
    .select({ id: partyOrgs.id })
    .from(partyOrgs)
    .where(
      and(
        eq(partyOrgs.districtId, districtId),
        eq(partyOrgs.orgUnitId, orgUnitId),
        ne(partyOrgs.kind, 'building_group'),
      ),
    )
    .orderBy(sql`length(${partyOrgs.path})`)
    .limit(1);
  return row;
}

/** The branch covering a compound. */
export async function coveringBranch(q: Queryable, districtId: string, compoundId: string) {
  const [row] = await q
    .select({ id: branchCompounds.branchId })
    .from(branchCompounds)
    .where(and(eq(branchCompounds.districtId, districtId), eq(branchCompounds.compoundId, compoundId)));
  return row;
}
