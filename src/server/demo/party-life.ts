import { sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/client.js';

/**
 * 组织生活 for the demo — set-based SQL, deterministic through md5 of row keys. A year (2026, January to
 * November) of branch life for 星港城's branch and the four branches with the most members: 主题党日 and
 * 支委会、党小组会 monthly, 支部党员大会 and 党课 quarterly (a few months skipped, so compliance flags them),
 * one 立足岗位作贡献 and one 党建比武; attendance ≈ 75 % present, the rest on leave (with reasons) or absent;
 * a 主题党日 scheduled for December; 星港城's working-systems checklist part done and reviewed; the 2025
 * 考核评议 of the five branches and their secretaries.
 */
export const PARTY_LIFE_DEMO = { year: 2026, branches: 5, lastMonth: 11 } as const;

export async function loadDemoPartyLife(database: Database, d: string): Promise<void> {
  const db: Queryable = database.db;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temporary table demo_life_branches on commit drop as
      with xg as (
        select bc.branch_id as id from branch_compounds bc join org_units u on u.district_id = bc.district_id and u.id = bc.compound_id
        where bc.district_id = ${d} and u.name = '星港城' limit 1
      ), top as (
        select m.party_org_id as id, count(*) as n from party_members m join party_orgs o on o.district_id = m.district_id and o.id = m.party_org_id
        where m.district_id = ${d} and o.kind = 'compound_branch' and m.status = 'active' and m.stage in ('probationary', 'full')
          and m.party_org_id not in (select id from xg)
        group by 1 order by 2 desc, 1 limit ${PARTY_LIFE_DEMO.branches - 1}
      )
      select id, true as is_xg from xg union all select id, false from top`);
    // the plan: kind, month and day of each activity (a kind is skipped in a month when md5 says so)
    await tx.execute(sql`
      create temporary table demo_life_plan on commit drop as
      select b.id as branch_id, k.kind, m.month, k.day,
        'PA-' || b.id || '-' || k.kind || '-' || m.month as id
      from demo_life_branches b
      cross join generate_series(1, ${PARTY_LIFE_DEMO.lastMonth}) as m(month)
      join (values ('theme_day', 15, 1, 0), ('committee_meeting', 5, 1, 0), ('group_meeting', 20, 1, 0),
                   ('general_meeting', 25, 3, 0), ('lecture', 12, 3, 2), ('contribution', 18, 12, 6), ('contest', 26, 12, 10)) as k(kind, day, every, at)
        on (k.every = 1 or m.month % k.every = k.at % k.every) and (k.every < 12 or m.month = k.at)
      where not (k.kind = 'committee_meeting' and substr(md5(b.id || m.month), 1, 1) < '2')
        and not (k.kind = 'group_meeting' and substr(md5(b.id || 'g' || m.month), 1, 1) < '3')
        and not (k.kind = 'theme_day' and substr(md5(b.id || 't' || m.month), 1, 1) = '0')`);
    await tx.execute(sql`
      insert into party_activities (district_id, id, party_org_id, kind, topic, place, starts_at, ends_at, status, minutes, qr_nonce)
      select ${d}, p.id, p.branch_id, p.kind,
        case p.kind
          when 'theme_day' then (array['学习贯彻党的二十届四中全会精神', '重温入党誓词', '清洁家园志愿服务', '走访慰问困难党员',
            '学习《中国共产党支部工作条例》', '红色教育基地参观', '小区议事协商', '垃圾分类宣传', '关爱一老一小', '平安小区巡查',
            '民法典宣传'])[p.month]
          when 'committee_meeting' then '研究支部' || p.month || '月份工作'
          when 'group_meeting' then '楼栋党小组学习：' || (array['收集居民诉求', '物业服务监督', '邻里互助'])[1 + p.month % 3]
          when 'general_meeting' then '第' || (p.month / 3) || '季度支部党员大会'
          when 'lecture' then (array['书记讲党课：小区治理中的党员作用', '党史专题党课', '基层党建专题党课', '廉洁自律专题党课'])[1 + p.month / 3]
          when 'contribution' then '立足岗位作贡献：在职党员进小区服务'
          else '街道党建比武：小区党支部书记述职'
        end,
        case when p.kind = 'contest' then '街道党群服务中心' else '小区党群服务站' end,
        make_timestamptz(${PARTY_LIFE_DEMO.year}, p.month, p.day, 9, 0, 0, 'Asia/Shanghai'),
        make_timestamptz(${PARTY_LIFE_DEMO.year}, p.month, p.day, 10, 30, 0, 'Asia/Shanghai'),
        'held', '会议由支部书记主持，传达学习有关精神，讨论近期工作安排，形成会议记录。', md5(p.id)
      from demo_life_plan p`);
    // the December 主题党日 is still ahead
    await tx.execute(sql`
      insert into party_activities (district_id, id, party_org_id, kind, topic, place, starts_at, ends_at, qr_nonce)
      select ${d}, 'PA-' || b.id || '-theme_day-12', b.id, 'theme_day', '年终总结：支部党员民主评议', '小区党群服务站',
        make_timestamptz(${PARTY_LIFE_DEMO.year}, 12, 15, 9, 0, 0, 'Asia/Shanghai'),
        make_timestamptz(${PARTY_LIFE_DEMO.year}, 12, 15, 11, 0, 0, 'Asia/Shanghai'), md5(b.id || 'dec')
      from demo_life_branches b`);
    // the members expected (支委会: the first five by id — the committee), and what became of each
    await tx.execute(sql`
      insert into party_attendance (district_id, activity_id, member_id, status, leave_reason, via, checked_in_at)
      select ${d}, a.id, m.id,
        case when a.status = 'scheduled' then 'expected'
             when substr(md5(a.id || m.id), 1, 1) < 'c' then 'present'
             when substr(md5(a.id || m.id), 1, 1) < 'e' then 'leave' else 'absent' end,
        case when a.status = 'held' and substr(md5(a.id || m.id), 1, 1) between 'c' and 'd'
             then (array['外出务工', '身体不适', '照顾家中老人', '单位值班'])[1 + ('x' || substr(md5(m.id || a.id), 1, 2))::bit(8)::int % 4] end,
        case when a.status = 'held' and substr(md5(a.id || m.id), 1, 1) < 'c'
             then case when substr(md5(m.id), 1, 1) < '8' then 'qr' else 'secretary' end end,
        case when a.status = 'held' and substr(md5(a.id || m.id), 1, 1) < 'c' then a.starts_at - interval '5 minutes' end
      from party_activities a
      join (select m.*, row_number() over (partition by m.party_org_id order by m.id) as rn from party_members m
            where m.district_id = ${d} and m.status = 'active' and m.stage in ('probationary', 'full')) m
        on m.district_id = a.district_id and m.party_org_id = a.party_org_id
      where a.district_id = ${d} and a.party_org_id in (select id from demo_life_branches)
        and (a.kind <> 'committee_meeting' or m.rn <= 5)`);
    // 星港城's working systems for 2026: four submitted, three approved by the community
    await tx.execute(sql`
      insert into party_system_checks (district_id, id, party_org_id, year, item_key, status, evidence, review_note, reviewed_at)
      select ${d}, 'PSC-' || b.id || '-' || x.key, b.id, ${PARTY_LIFE_DEMO.year}, x.key, x.status, x.evidence,
        case when x.status = 'approved' then '材料齐全，同意。' end,
        case when x.status = 'approved' then timestamptz '2026-11-20 10:00+08' end
      from (select id from demo_life_branches where is_xg) b
      cross join (values
        ('org_life', 'approved', '全年主题党日 11 次、支委会按月召开，会议记录齐全。'),
        ('daily_management', 'approved', '党员名册、党费收缴台账按月更新。'),
        ('contact_masses', 'approved', '党员中心户按月收集居民诉求，已办结 23 件。'),
        ('decision_making', 'submitted', '小区重大事项经支委会研究、党员大会讨论，“四议两公开”记录 4 份。')
      ) as x(key, status, evidence)`);
    // the 2025 考核评议 of the five branches and of their secretaries
    await tx.execute(sql`
      insert into party_assessments (district_id, id, party_org_id, year, subject, member_id, scores, total, max_total, grade, note)
      select ${d}, 'PAS-' || s.id || '-' || s.subject, s.id, 2025, s.subject, s.member_id, s.scores, s.total, 100,
        case when s.total >= 90 then 'excellent' when s.total >= 80 then 'good' when s.total >= 60 then 'fair' else 'poor' end, null
      from (
        select b.id, 'branch' as subject, null::text as member_id,
          jsonb_build_object('organisation', 25 - v.a % 5, 'org_life', 25 - v.b % 6, 'service', 20 - v.a % 4,
            'contribution', 15 - v.b % 4, 'contest', 15 - v.a % 5) as scores,
          (25 - v.a % 5) + (25 - v.b % 6) + (20 - v.a % 4) + (15 - v.b % 4) + (15 - v.a % 5) as total
        from demo_life_branches b
        cross join lateral (select ('x' || substr(md5(b.id), 1, 4))::bit(16)::int as a, ('x' || substr(md5(b.id), 5, 4))::bit(16)::int as b) v
        union all
        select b.id, 'secretary', m.id,
          jsonb_build_object('duty', 30 - v.a % 6, 'org_life', 20 - v.b % 4, 'masses', 25 - v.a % 5, 'integrity', 25 - v.b % 2),
          (30 - v.a % 6) + (20 - v.b % 4) + (25 - v.a % 5) + (25 - v.b % 2)
        from demo_life_branches b
        join party_orgs o on o.district_id = ${d} and o.id = b.id
        join party_members m on m.district_id = o.district_id and m.person_id = o.secretary_person_id
        cross join lateral (select ('x' || substr(md5(b.id), 9, 4))::bit(16)::int as a, ('x' || substr(md5(b.id), 13, 4))::bit(16)::int as b) v
      ) s`);
  });
}
