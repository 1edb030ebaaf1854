import { sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/client.js';

/**
 * 党务 for the demo — set-based SQL, deterministic through md5 of row keys (no random stream, so the rest of
 * the demo does not shift). From the seeds (小区党建专项攻坚行动):
 * - the 155 community organisations upgraded to 党委（党总支） (with their upgrade in the history);
 * - the 487 compound branches' founding, by the way they were built (单独建 / 挂靠建 / 联合建);
 * - a member record for every resident tagged a party member (in-service members as "reported");
 * - posts for the 440 secretaries: 16 seconded by the city and 77 by the district, full-time; of these 93,
 *   67 with party-building or civil-affairs experience (72.0%) and 34 senior researchers or under 35
 *   (36.6% — the seed's 36.7% is not a whole number of 93 or of 77 people); the rest elected locally;
 *   half of the elected secretaries also sit on their compound's owners' committee (双向进入、交叉任职 —
 *   the seeds give no count);
 * - the riders' branch at the first 清远街道 rider station with its 党建指导员, 13 riders' applications and
 *   2 activists;
 * - the demo's central households (one per building group) with the households of their building.
 * Figures over branches do not depend on the scale; members scale with the population.
 */
export const PARTY_FIGURES = {
  upgradedOrgs: 155,
  secondedCity: 16,
  secondedDistrict: 77,
  secondedWithExperience: 67,
  secondedSeniorOrYoung: 34,
  riderApplicants: 13,
  riderActivists: 2,
} as const;

export async function loadDemoParty(database: Database, d: string): Promise<void> {
  const db: Queryable = database.db;
  await db.transaction(async (tx) => {
    // 1. Grades and the upgrade of the community organisations; compound branches are 党支部.
    await tx.execute(sql`
      update party_orgs p set grade = case when substr(md5(p.id), 1, 1) < '6' then 'committee' else 'general_branch' end
      from org_units u where p.district_id = ${d} and p.kind = 'community_committee'
        and u.district_id = p.district_id and u.id = p.org_unit_id and u.kind = 'community'`);
    await tx.execute(sql`update party_orgs set grade = 'branch' where district_id = ${d} and kind = 'compound_branch'`);
    await tx.execute(sql`
      insert into party_org_events (district_id, id, party_org_id, kind, happened_on, detail)
      select district_id, 'EV-UP-' || id, id, 'upgraded', date '2024-03-15' + (('x' || substr(md5(id), 1, 4))::bit(16)::int % 60),
        jsonb_build_object('from', 'branch', 'to', grade)
      from party_orgs where district_id = ${d} and kind = 'community_committee' and grade is not null`);
    await tx.execute(sql`
      insert into party_org_events (district_id, id, party_org_id, kind, happened_on, detail)
      select p.district_id, 'EV-CR-' || p.id, p.id, 'created', date '2024-04-01' + (('x' || substr(md5(p.id), 1, 4))::bit(16)::int % 90),
        jsonb_build_object('formation', p.formation, 'compoundIds', (select jsonb_agg(bc.compound_id order by bc.compound_id)
          from branch_compounds bc where bc.district_id = p.district_id and bc.branch_id = p.id), 'name', p.name)
      from party_orgs p where p.district_id = ${d} and p.kind = 'compound_branch'`);

    // 2. The member registry from the residents tagged party members, in the branch covering their compound.
    await tx.execute(sql`
      insert into party_members (district_id, id, person_id, party_org_id, org_path, relation, stage, full_on, work_unit_id)
      select p.district_id, 'M-' || p.id, p.id, bc.branch_id, p.org_path,
        case when 'in_service_party_member' = any(p.tags) then 'reported' else 'organisational' end, 'full',
        least(greatest(p.birth_date + 7305, date '1960-07-01'), current_date - 3400) + (('x' || substr(md5(p.id), 1, 4))::bit(16)::int % 3000),
        case when 'in_service_party_member' = any(p.tags) then p.work_unit_id end
      from people p
      join org_units o on o.district_id = p.district_id and o.path = p.org_path and o.kind = 'compound'
      join branch_compounds bc on bc.district_id = o.district_id and bc.compound_id = o.id
      where p.district_id = ${d} and 'party_member' = any(p.tags)`);
    // probationary members: the youngest few percent admitted within the last year
    await tx.execute(sql`
      update party_members m set stage = 'probationary', full_on = null,
        probationary_on = current_date - (('x' || substr(md5(m.id), 1, 4))::bit(16)::int % 300) - 30
      from people p where m.district_id = ${d} and p.district_id = m.district_id and p.id = m.person_id
        and p.birth_date > current_date - interval '30 years' and substr(md5(m.id), 1, 1) < '4'
        and m.person_id not in (select secretary_person_id from party_orgs where district_id = ${d} and secretary_person_id is not null)`);

    // 3. Posts of the 440 secretaries: 93 seconded (16 city, 77 district), the others elected.
    await tx.execute(sql`
      with s as (
        select o.id as org_id, m.id as member_id, coalesce(pe.birth_date > current_date - interval '35 years', false) as young,
          row_number() over (order by md5(o.id)) as rn
        from party_orgs o
        join party_members m on m.district_id = o.district_id and m.person_id = o.secretary_person_id
        join people pe on pe.district_id = m.district_id and pe.id = m.person_id
        where o.district_id = ${d} and o.kind = 'compound_branch' and o.secretary_person_id is not null
      ), sec as (
        select s.*, rn <= ${PARTY_FIGURES.secondedCity + PARTY_FIGURES.secondedDistrict} as seconded from s
      ), ranked as (
        select sec.*,
          sum(case when seconded and young then 1 else 0 end) over () as young_seconded,
          row_number() over (partition by seconded and not young order by rn) as older_rn
        from sec
      ), units as (
        select name, row_number() over (order by id) - 1 as n, count(*) over () as total from work_units where district_id = ${d}
      )
      insert into party_posts (district_id, id, party_org_id, member_id, role, source, full_time, source_unit, term_start, term_end,
        has_party_civil_experience, is_senior_researcher, committee_seat)
      select ${d}, 'POST-' || r.org_id, r.org_id, r.member_id, 'secretary',
        case when not r.seconded then 'elected' when r.rn <= ${PARTY_FIGURES.secondedCity} then 'seconded_city' else 'seconded_district' end,
        r.seconded,
        case when not r.seconded then null
             when r.rn <= ${PARTY_FIGURES.secondedCity} then (array['大同市民政局', '大同市委组织部', '大同市住建局', '大同市委社会工作部'])[1 + r.rn % 4]
             else u.name end,
        date '2024-05-06', case when r.seconded then date '2026-05-05' end,
        r.seconded and r.rn <= ${PARTY_FIGURES.secondedWithExperience},
        r.seconded and not r.young and r.older_rn <= greatest(0, ${PARTY_FIGURES.secondedSeniorOrYoung} - r.young_seconded),
        case when not r.seconded and substr(md5(r.org_id), 2, 1) < '8' then 'member' end
      from ranked r left join units u on u.n = r.rn % u.total`);

    // 4. The riders' branch at the first 清远街道 rider station, 13 applications, 2 activists.
    await tx.execute(sql`
      insert into party_orgs (district_id, id, parent_id, kind, name, path, org_unit_id, org_path, grade, station_id, instructor_name)
      select s.district_id, 'PS-QXJ', c.id, 'station_branch', '清西街小哥驿站党支部', c.path || 'PS-QXJ/', s.org_unit_id, s.org_path,
        'branch', s.id, '赵建国（清远街道党建指导员）'
      from stations s join party_orgs c on c.district_id = s.district_id and c.org_unit_id = s.org_unit_id and c.kind = 'community_committee'
      where s.district_id = ${d} and s.id = 'S-RD-1'`);
    await tx.execute(sql`
      insert into party_org_events (district_id, id, party_org_id, kind, happened_on, detail)
      select district_id, 'EV-CR-PS-QXJ', id, 'created', date '2024-03-20', jsonb_build_object('stationId', station_id, 'instructorName', instructor_name)
      from party_orgs where district_id = ${d} and id = 'PS-QXJ'`);
    await tx.execute(sql`
      with r as (
        select p.id, p.org_path, row_number() over (order by md5(p.id)) as rn from people p
        where p.district_id = ${d} and 'rider' = any(p.tags) and not ('party_member' = any(p.tags))
          and p.birth_date < current_date - interval '19 years'
        order by md5(p.id) limit ${PARTY_FIGURES.riderApplicants}
      )
      insert into party_members (district_id, id, person_id, party_org_id, org_path, relation, stage, applied_on, activist_on)
      select ${d}, 'M-' || r.id, r.id, 'PS-QXJ', r.org_path, 'organisational',
        case when r.rn <= ${PARTY_FIGURES.riderActivists} then 'activist' else 'applicant' end,
        date '2024-03-25' + (r.rn * 7)::int,
        case when r.rn <= ${PARTY_FIGURES.riderActivists} then date '2024-06-28' end
      from r where exists (select 1 from party_orgs where district_id = ${d} and id = 'PS-QXJ')`);

    // 5. Central households: the demo's central household of each building group, serving its building.
    await tx.execute(sql`
      insert into party_central_households (district_id, id, party_org_id, household_id, member_id, org_path, designated_on)
      select h.district_id, 'CH-' || h.id, h.party_group_id, h.id, m.id, h.org_path, date '2024-06-01'
      from households h
      join people p on p.district_id = h.district_id and p.household_id = h.id and p.relation = 'head'
      join party_members m on m.district_id = p.district_id and m.person_id = p.id
      join party_orgs g on g.district_id = h.district_id and g.id = h.party_group_id
      where h.district_id = ${d} and h.is_party_central`);
    await tx.execute(sql`
      insert into party_central_served (district_id, household_id, central_id)
      select x.district_id, x.id, x.central_id from (
        select o.district_id, o.id, c.id as central_id,
          row_number() over (partition by c.id order by o.unit, o.room) as rn
        from party_central_households c
        join households ch on ch.district_id = c.district_id and ch.id = c.household_id
        join households o on o.district_id = ch.district_id and o.building_id = ch.building_id and o.id <> ch.id
        where c.district_id = ${d}) x
      where x.rn <= 10`);
  });
}
