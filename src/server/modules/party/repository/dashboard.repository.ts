import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { branchCompounds, orgUnits, partyOrgs } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { partyMembers, partyPosts } from '../party.tables.js';
import { partyDemonstrationSites, partyProgrammeProgress, partyProgrammes } from '../programmes.tables.js';

export interface DashRow {
  unit_id: string;
  name: string;
  kind: string;
  ord: number;
  branches: number;
  standalone: number;
  attached: number;
  joint: number;
  station_branches: number;
  secretaries: number;
  elected: number;
  seconded_city: number;
  seconded_district: number;
  seconded_full_time: number;
  seconded_with_experience: number;
  seconded_senior_or_young: number;
  upgraded_orgs: number;
  cross_serving_compounds: number;
  applicants: number;
  activists: number;
  candidates: number;
  probationary: number;
  full: number;
  reported: number;
  demonstration_sites: number;
  programme_entries: number;
}

/**
 * The district's party-building figures for a unit and each of its children, all from the data: branches
 * by way of building (active compound branches, by anchor path), station branches, secretaries by source,
 * seconded cadres (any post, full-time, experience; "young" = under 35 today), upgraded community
 * organisations (党总支 or 党委), compounds with cross-serving holders, members by stage (by residence),
 * 党建示范点 designated by the year and not revoked, and the year's 六大工程 progress entries (reported by a
 * unit of the row or touching one).
 */
export function dashboardCounts(
  q: Queryable,
  c: { districtId: string; scopeId: string; scopeLike: string; year: number },
) {
  const d = c.districtId;
  return queryRows<DashRow>(
    q,
    sql`
    with br as (
      select p.id, p.org_path as path, p.kind, p.formation,
        exists (select 1 from ${partyPosts} t where t.district_id = p.district_id and t.party_org_id = p.id and t.role = 'secretary' and t.status = 'active') as has_secretary
      from ${partyOrgs} p
      where p.district_id = ${d} and p.status = 'active' and p.kind in ('compound_branch', 'station_branch') and p.org_path like ${c.scopeLike}
    ), po as (
      select p.org_path as path, t.role, t.source, t.full_time, t.has_party_civil_experience, t.is_senior_researcher,
        (pe.birth_date > current_date - interval '35 years') as young
      from ${partyPosts} t
      join ${partyOrgs} p on p.district_id = t.district_id and p.id = t.party_org_id
      join ${partyMembers} m on m.district_id = t.district_id and m.id = t.member_id
      join ${people} pe on pe.district_id = m.district_id and pe.id = m.person_id
      where t.district_id = ${d} and t.status = 'active' and p.status = 'active' and p.kind in ('compound_branch', 'station_branch')
        and p.org_path like ${c.scopeLike}
    ), co as (
      select p.org_path as path from ${partyOrgs} p
      where p.district_id = ${d} and p.kind = 'community_committee' and p.grade in ('general_branch', 'committee') and p.org_path like ${c.scopeLike}
    ), cx as (
      select o.path from ${orgUnits} o
      join ${branchCompounds} bc on bc.district_id = o.district_id and bc.compound_id = o.id
      where o.district_id = ${d} and o.kind = 'compound' and o.path like ${c.scopeLike}
        and exists (select 1 from ${partyPosts} t where t.district_id = bc.district_id and t.party_org_id = bc.branch_id
                    and t.status = 'active' and t.committee_seat is not null)
    ), mb as (
      select m.org_path as path, m.stage, m.relation from ${partyMembers} m
      where m.district_id = ${d} and m.status = 'active' and m.org_path like ${c.scopeLike}
    ), ds as (
      select x.org_path as path from ${partyDemonstrationSites} x
      where x.district_id = ${d} and x.revoked_at is null and x.year <= ${c.year} and x.org_path like ${c.scopeLike}
    ), prog_entries as (
      select e.org_path as path, e.unit_paths from ${partyProgrammeProgress} e
      join ${partyProgrammes} g on g.district_id = e.district_id and g.id = e.programme_id
      where e.district_id = ${d} and g.year = ${c.year}
    ), units as (
      select id, name, kind, path, 0 as ord from ${orgUnits} where district_id = ${d} and id = ${c.scopeId}
      union all
      select id, name, kind, path, 1 from ${orgUnits} where district_id = ${d} and parent_id = ${c.scopeId}
    )
    select u.id as unit_id, u.name, u.kind, u.ord,
      (select count(*)::int from br where br.path like u.path || '%' and br.kind = 'compound_branch') as branches,
      (select count(*)::int from br where br.path like u.path || '%' and br.kind = 'compound_branch' and formation = 'standalone') as standalone,
      (select count(*)::int from br where br.path like u.path || '%' and br.kind = 'compound_branch' and formation = 'attached') as attached,
      (select count(*)::int from br where br.path like u.path || '%' and br.kind = 'compound_branch' and formation = 'joint') as joint,
      (select count(*)::int from br where br.path like u.path || '%' and br.kind = 'station_branch') as station_branches,
      (select count(*)::int from br where br.path like u.path || '%' and br.kind = 'compound_branch' and has_secretary) as secretaries,
      (select count(*)::int from po where po.path like u.path || '%' and role = 'secretary' and source = 'elected') as elected,
      (select count(*)::int from po where po.path like u.path || '%' and source = 'seconded_city') as seconded_city,
      (select count(*)::int from po where po.path like u.path || '%' and source = 'seconded_district') as seconded_district,
      (select count(*)::int from po where po.path like u.path || '%' and source <> 'elected' and full_time) as seconded_full_time,
      (select count(*)::int from po where po.path like u.path || '%' and source <> 'elected' and has_party_civil_experience) as seconded_with_experience,
      (select count(*)::int from po where po.path like u.path || '%' and source <> 'elected' and (is_senior_researcher or coalesce(young, false))) as seconded_senior_or_young,
      (select count(*)::int from co where co.path like u.path || '%') as upgraded_orgs,
      (select count(*)::int from cx where cx.path like u.path || '%') as cross_serving_compounds,
      (select count(*)::int from mb where mb.path like u.path || '%' and stage = 'applicant') as applicants,
      (select count(*)::int from mb where mb.path like u.path || '%' and stage = 'activist') as activists,
      (select count(*)::int from mb where mb.path like u.path || '%' and stage = 'candidate') as candidates,
      (select count(*)::int from mb where mb.path like u.path || '%' and stage = 'probationary') as probationary,
      (select count(*)::int from mb where mb.path like u.path || '%' and stage = 'full') as full,
      (select count(*)::int from mb where mb.path like u.path || '%' and relation = 'reported') as reported,
      (select count(*)::int from ds where ds.path like u.path || '%') as demonstration_sites,
      (select count(*)::int from prog_entries ge where ge.path like u.path || '%'
         or exists (select 1 from unnest(ge.unit_paths) up where up like u.path || '%')) as programme_entries
    from units u
    order by u.ord, u.path`,
  );
}
