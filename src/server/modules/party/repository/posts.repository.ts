import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { branchCompounds, orgUnits, partyOrgs } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { partyMembers, partyPosts } from '../party.tables.js';

export interface PostRow {
  id: string;
  party_org_id: string;
  member_id: string;
  person_id: string;
  name: string;
  birth_date: string | null;
  role: (typeof partyPosts.$inferSelect)['role'];
  source: (typeof partyPosts.$inferSelect)['source'];
  full_time: boolean;
  source_unit: string | null;
  term_start: string;
  term_end: string | null;
  has_party_civil_experience: boolean;
  is_senior_researcher: boolean;
  committee_seat: (typeof partyPosts.$inferSelect)['committeeSeat'];
  status: 'active' | 'ended';
  version: number;
}
const SELECT = sql`
  select t.id, t.party_org_id, t.member_id, m.person_id, p.name, p.birth_date::text as birth_date, t.role, t.source, t.full_time,
    t.source_unit, t.term_start::text as term_start, t.term_end::text as term_end, t.has_party_civil_experience,
    t.is_senior_researcher, t.committee_seat, t.status, t.version
  from ${partyPosts} t
  join ${partyMembers} m on m.district_id = t.district_id and m.id = t.member_id
  join ${people} p on p.district_id = m.district_id and p.id = m.person_id`;

export function postsOf(q: Queryable, districtId: string, orgId: string) {
  return queryRows<PostRow>(
    q,
    sql`${SELECT} where t.district_id = ${districtId} and t.party_org_id = ${orgId}
      order by t.status, case t.role when 'secretary' then 0 when 'deputy_secretary' then 1 else 2 end, t.term_start`,
  );
}

export async function loadPost(q: Queryable, districtId: string, id: string, lock = false) {
  const [row] = await queryRows<PostRow>(
    q,
    sql`${SELECT} where t.district_id = ${districtId} and t.id = ${id} ${lock ? sql`for update of t` : sql``}`,
  );
  return row;
}

export async function activeSecretary(q: Queryable, districtId: string, orgId: string) {
  const [row] = await queryRows<PostRow>(
    q,
    sql`${SELECT} where t.district_id = ${districtId} and t.party_org_id = ${orgId} and t.role = 'secretary' and t.status = 'active'`,
  );
  return row;
}

export async function activePostOf(q: Queryable, districtId: string, orgId: string, memberId: string) {
  const [row] = await q
    .select({ id: partyPosts.id })
    .from(partyPosts)
    .where(
      and(
        eq(partyPosts.districtId, districtId),
        eq(partyPosts.partyOrgId, orgId),
        eq(partyPosts.memberId, memberId),
        eq(partyPosts.status, 'active'),
      ),
    );
  return row;
}

export async function memberRecordOfPerson(q: Queryable, districtId: string, personId: string) {
  const [row] = await q
    .select({ id: partyMembers.id, stage: partyMembers.stage, status: partyMembers.status })
    .from(partyMembers)
    .where(and(eq(partyMembers.districtId, districtId), eq(partyMembers.personId, personId)));
  return row;
}

export async function insertPost(tx: Tx, row: typeof partyPosts.$inferInsert): Promise<void> {
  await tx.insert(partyPosts).values(row);
}

export interface VacancyRow {
  id: string;
  name: string;
  kind: (typeof partyOrgs.$inferSelect)['kind'];
  community_name: string | null;
  compounds: number;
}
/** Active branches (compound and station) without an active secretary, within the scope predicate on `p`. */
export function vacancies(q: Queryable, districtId: string, scope: SQL, limit: number) {
  return queryRows<VacancyRow>(
    q,
    sql`
    select p.id, p.name, p.kind, c.name as community_name,
      (select count(*)::int from ${branchCompounds} bc where bc.district_id = p.district_id and bc.branch_id = p.id) as compounds
    from ${partyOrgs} p
    left join ${partyOrgs} par on par.district_id = p.district_id and par.id = p.parent_id
    left join ${orgUnits} c on c.district_id = par.district_id and c.id = par.org_unit_id
    where p.district_id = ${districtId} and p.kind in ('compound_branch', 'station_branch') and p.status = 'active'
      and ${scope}
      and not exists (select 1 from ${partyPosts} t where t.district_id = p.district_id and t.party_org_id = p.id
                      and t.role = 'secretary' and t.status = 'active')
    order by p.path limit ${limit}`,
  );
}

export interface CrossRow {
  compound_id: string;
  compound_name: string;
  branch_name: string;
  owners_committee: string | null;
  cross_serving: number;
  names: string[];
}
/** 双向进入、交叉任职 per compound of the scope: the branch's post holders who also sit on the compound's owners' committee. */
export function crossServing(q: Queryable, districtId: string, scopeLike: string, limit: number) {
  return queryRows<CrossRow>(
    q,
    sql`
    select o.id as compound_id, o.name as compound_name, p.name as branch_name, o.owners_committee,
      count(t.id)::int as cross_serving, coalesce(array_agg(pe.name order by pe.name) filter (where t.id is not null), '{}') as names
    from ${orgUnits} o
    join ${branchCompounds} bc on bc.district_id = o.district_id and bc.compound_id = o.id
    join ${partyOrgs} p on p.district_id = bc.district_id and p.id = bc.branch_id
    left join ${partyPosts} t on t.district_id = p.district_id and t.party_org_id = p.id and t.status = 'active' and t.committee_seat is not null
    left join ${partyMembers} m on m.district_id = t.district_id and m.id = t.member_id
    left join ${people} pe on pe.district_id = m.district_id and pe.id = m.person_id
    where o.district_id = ${districtId} and o.kind = 'compound' and o.path like ${scopeLike}
    group by o.id, o.name, p.name, o.owners_committee, o.path
    order by count(t.id) desc, o.path limit ${limit}`,
  );
}

/** The columns the access layer's party-org predicate names, for queries aliasing party_orgs as `p`. */
export const ORG_COLUMNS = {
  orgPath: sql`p.org_path`,
  compoundPaths: sql`coalesce((select array_agg(o2.path) from ${branchCompounds} bc2 join ${orgUnits} o2
      on o2.district_id = bc2.district_id and o2.id = bc2.compound_id
      where bc2.district_id = p.district_id and bc2.branch_id = p.id), '{}')`,
};
