import { sql } from 'drizzle-orm';
import type { OrgKind } from '../../../shared/org.constants.js';
import { queryRows, type Queryable } from '../../db/client.js';
import { branchCompounds, orgUnits, partyOrgs, stations } from '../org/org.tables.js';

export interface CountsRow {
  org_unit_id: string;
  name: string;
  kind: OrgKind;
  compounds: number;
  covered_compounds: number;
  branches: number;
  branches_with_secretary: number;
  branches_with_station: number;
  stations: number;
  owners_committees: number;
}

/**
 * One query groups the scope's compounds and branches under the scope and each child unit by path prefix
 * (`scopeLike` is the scope's path as an escaped LIKE prefix).
 */
export function coverageCounts(q: Queryable, c: { districtId: string; scopeId: string; scopeLike: string }) {
  return queryRows<CountsRow>(
    q,
    sql`
    with cmp as (
      select o.path, (o.owners_committee is not null and o.owners_committee <> 'none') as has_committee, bc.branch_id is not null as covered
      from ${orgUnits} o
      left join ${branchCompounds} bc on bc.district_id = o.district_id and bc.compound_id = o.id
      where o.district_id = ${c.districtId} and o.kind = 'compound' and o.path like ${c.scopeLike}
    ), br as (
      select p.org_path as path, p.secretary_person_id is not null as has_secretary,
        exists (select 1 from ${stations} s where s.district_id = p.district_id and s.party_org_id = p.id and s.kind = 'party_mass') as has_station
      from ${partyOrgs} p
      where p.district_id = ${c.districtId} and p.kind = 'compound_branch' and p.status = 'active' and p.org_path like ${c.scopeLike}
    ), st as (
      select s.org_path as path from ${stations} s where s.district_id = ${c.districtId} and s.kind = 'party_mass' and s.org_path like ${c.scopeLike}
    ), units as (
      select o.id, o.name, o.kind, o.path, 0 as ord from ${orgUnits} o where o.district_id = ${c.districtId} and o.id = ${c.scopeId}
      union all
      select o.id, o.name, o.kind, o.path, 1 from ${orgUnits} o where o.district_id = ${c.districtId} and o.parent_id = ${c.scopeId}
    )
    select u.id as org_unit_id, u.name, u.kind, u.ord,
      (select count(*)::int from cmp where cmp.path like u.path || '%') as compounds,
      (select count(*)::int from cmp where cmp.path like u.path || '%' and covered) as covered_compounds,
      (select count(*)::int from br where br.path like u.path || '%') as branches,
      (select count(*)::int from br where br.path like u.path || '%' and has_secretary) as branches_with_secretary,
      (select count(*)::int from br where br.path like u.path || '%' and has_station) as branches_with_station,
      (select count(*)::int from st where st.path like u.path || '%') as stations,
      (select count(*)::int from cmp where cmp.path like u.path || '%' and has_committee) as owners_committees
    from units u
    order by u.ord, u.path`,
  );
}
