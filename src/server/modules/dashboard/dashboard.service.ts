import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { escapeLike } from '../../lib/like.js';
import { requireUnit } from '../org/org.service.js';
import type { OrgUnitDto } from '../org/org.schema.js';

export const CoverageRowDto = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  kind: z.string(),
  compounds: z.number().int(),
  coveredCompounds: z.number().int(),
  branches: z.number().int(),
  branchesWithSecretary: z.number().int(),
  branchesWithStation: z.number().int(),
  stations: z.number().int(),
  ownersCommittees: z.number().int(),
  branchCoverage: z.number(),
  secretaryCoverage: z.number(),
  stationCoverage: z.number(),
  ownersCommitteeCoverage: z.number(),
});
export type CoverageRow = z.infer<typeof CoverageRowDto>;

interface CountsRow {
  org_unit_id: string;
  name: string;
  kind: string;
  compounds: number;
  covered_compounds: number;
  branches: number;
  branches_with_secretary: number;
  branches_with_station: number;
  stations: number;
  owners_committees: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);

function toRow(r: CountsRow): CoverageRow {
  return {
    orgUnitId: r.org_unit_id,
    name: r.name,
    kind: r.kind,
    compounds: r.compounds,
    coveredCompounds: r.covered_compounds,
    branches: r.branches,
    branchesWithSecretary: r.branches_with_secretary,
    branchesWithStation: r.branches_with_station,
    stations: r.stations,
    ownersCommittees: r.owners_committees,
    branchCoverage: ratio(r.covered_compounds, r.compounds),
    secretaryCoverage: ratio(r.branches_with_secretary, r.branches),
    stationCoverage: ratio(r.branches_with_station, r.branches),
    ownersCommitteeCoverage: ratio(r.owners_committees, r.compounds),
  };
}

/**
 * Party-building coverage computed from the data, never typed in: branch coverage of compounds,
 * secretary coverage of branches (440/487), station coverage of branches (292/487), owners' committees.
 * One query groups the scope's compounds and branches under each child unit by path prefix.
 */
export async function getCoverage(
  ctx: AppContext,
  actor: Actor,
  orgUnitId?: string,
): Promise<{ scope: OrgUnitDto; totals: CoverageRow; rows: CoverageRow[] }> {
  const scope = await requireUnit(ctx, actor, orgUnitId ?? actor.orgUnitId);
  const d = actor.districtId;
  const scopeLike = escapeLike(scope.path) + '%';
  const rows = await queryRows<CountsRow>(
    ctx.db,
    sql`
    with cmp as (
      select o.path, (o.owners_committee is not null and o.owners_committee <> 'none') as has_committee, bc.branch_id is not null as covered
      from org_units o
      left join branch_compounds bc on bc.district_id = o.district_id and bc.compound_id = o.id
      where o.district_id = ${d} and o.kind = 'compound' and o.path like ${scopeLike}
    ), br as (
      select p.org_path as path, p.secretary_person_id is not null as has_secretary,
        exists (select 1 from stations s where s.district_id = p.district_id and s.party_org_id = p.id and s.kind = 'party_mass') as has_station
      from party_orgs p
      where p.district_id = ${d} and p.kind = 'compound_branch' and p.org_path like ${scopeLike}
    ), st as (
      select s.org_path as path from stations s where s.district_id = ${d} and s.kind = 'party_mass' and s.org_path like ${scopeLike}
    ), units as (
      select id, name, kind, path, 0 as ord from org_units where district_id = ${d} and id = ${scope.id}
      union all
      select id, name, kind, path, 1 from org_units where district_id = ${d} and parent_id = ${scope.id}
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
  const [totals, ...children] = rows;
  return { scope, totals: toRow(totals!), rows: children.map(toRow) };
}
