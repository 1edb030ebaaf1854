import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Queryable } from '../db/client.js';
import { DEFAULT_ASSESSMENT } from '../modules/volunteers/reporting.service.js';

/**
 * Volunteers, 双报到, points, stations and canteens for the demo — all set-based SQL, deterministic
 * through md5 of the row keys (no random stream, so it does not shift the rest of the demo):
 * 1,210 volunteer teams over the 487 compound branches; 2,650 activities this year (the seeds' 2,600+
 * visits, elder-care and child-care activities); every in-service party member (3,201 from 87 units
 * at scale 1) and rider (1,283) reported to the compound they live in; seven months of service hours
 * averaging ≈ 22 h a month per party member (the seeds: over 20), confirmed ones turned into points;
 * love-supermarket goods in the 292 party-mass stations; the riders' services, 107 love corners and a
 * joint meeting in 清远街道; the 文源社区 happy canteen with its subsidy rules, menu and 800+ elderly
 * diners; jobs at the 和泰社区 convenience station; coordinates around Datong for the living circle.
 */
export const VOLUNTEER_FIGURES = {
  teams: 1210,
  activities: 2650,
  loveCorners: 107,
  canteenElderlyDiners: 820,
} as const;

/** A deterministic number in [0, 1) from a text key (first 24 bits of its md5). */
const h = (key: ReturnType<typeof sql>, offset = 1) =>
  sql`(('x' || substr(md5(${key}), ${offset}, 6))::bit(24)::int / 16777216.0)`;

export async function loadDemoVolunteers(database: Database, d: string): Promise<void> {
  const db: Queryable = database.db;

  // 1. Coordinates: streets spread over ≈ 11 × 13 km around Datong (40.08 N, 113.30 E), communities within
  //    their street, compounds within their community; stations beside the compounds they serve.
  await db.execute(sql`
    insert into place_locations (district_id, kind, entity_id, lat, lng)
    select o.district_id, 'compound', o.id,
      40.08 + (${h(sql`split_part(o.path, '/', 2)`)} - 0.5) * 0.10 + (${h(sql`split_part(o.path, '/', 3)`)} - 0.5) * 0.024 + (${h(sql`o.id`)} - 0.5) * 0.008,
      113.30 + (${h(sql`split_part(o.path, '/', 2)`, 7)} - 0.5) * 0.13 + (${h(sql`split_part(o.path, '/', 3)`, 7)} - 0.5) * 0.03 + (${h(sql`o.id`, 7)} - 0.5) * 0.01
    from org_units o where o.district_id = ${d} and o.kind = 'compound'`);
  await db.execute(sql`
    with cl as materialized (select c.id, c.parent_id, l.lat, l.lng from org_units c
        join place_locations l on l.district_id = c.district_id and l.kind = 'compound' and l.entity_id = c.id where c.district_id = ${d}),
      byunit as materialized (select id as unit, lat, lng from cl union all select parent_id, lat, lng from cl)
    insert into place_locations (district_id, kind, entity_id, lat, lng)
    select s.district_id, 'station', s.id, avg(b.lat) + (${h(sql`s.id`)} - 0.5) * 0.002, avg(b.lng) + (${h(sql`s.id`, 7)} - 0.5) * 0.0026
    from stations s join byunit b on b.unit = s.org_unit_id
    where s.district_id = ${d} group by s.district_id, s.id`);

  // 2. Station services and love-supermarket goods.
  await db.execute(sql`
    insert into station_services (district_id, id, station_id, category, name, schedule)
    select s.district_id, s.id || '-' || v.n, s.id, v.category, v.name, v.schedule
    from stations s join (values
      ('party_mass', 1, 'party', '党员活动', '每月主题党日'), ('party_mass', 2, 'consultation', '协调议事', '每周三下午'), ('party_mass', 3, 'love_supermarket', '爱心超市积分兑换', '每周六上午'),
      ('rider', 1, 'warmth', '送冷暖：夏送清凉、冬送温暖，误餐就餐', '全天'), ('rider', 2, 'skills', '送技能：知识讲座、就业培训、送岗进社区', '每月两次'),
      ('rider', 3, 'care', '送爱心：代办社保、大病互助、政策咨询', '工作日'), ('rider', 4, 'rights', '送权益：联席会议听取诉求', '每月一次'),
      ('canteen', 1, 'meal', '老年助餐（银发特色菜）', '一日三餐'), ('canteen', 2, 'meal', '按需送餐', '午餐、晚餐'),
      ('canteen', 3, 'warmth', '户外劳动者驿站：免费加热、饮水、应急药包', '全天'),
      ('convenience', 1, 'medical', '针灸按摩、刮痧拔罐', '每周二、四'), ('convenience', 2, 'convenience', '理发（行动不便者上门义剪）', '每周六'),
      ('convenience', 3, 'convenience', '农副产品直销', '每日'), ('convenience', 4, 'skills', '招聘信息、求职登记与人岗对接', '工作日')
    ) as v(kind, n, category, name, schedule) on v.kind = s.kind
    where s.district_id = ${d}`);
  await db.execute(sql`
    insert into love_supermarket_items (district_id, id, station_id, name, points_cost, stock)
    select s.district_id, s.id || '-I' || v.n, s.id, v.name, v.cost, 10 + floor(${h(sql`s.id || v.n`)} * 40)::int
    from stations s cross join (values (1, '毛巾', 20), (2, '洗衣液', 50), (3, '大米 5 公斤', 100), (4, '食用油 5 升', 150)) as v(n, name, cost)
    where s.district_id = ${d} and s.kind = 'party_mass'`);
  await db.execute(sql`
    insert into love_corners (district_id, id, station_id, shop_name, address, offers)
    select ${d}, 'LC-' || lpad(g::text, 3, '0'), (select id from stations where district_id = ${d} and kind = 'rider' order by id limit 1),
      (array['面馆', '便利店', '药店', '理发店', '手机维修', '水果店', '早餐铺', '茶饮店'])[1 + g % 8] || '（清远西街 ' || (g * 2) || ' 号）',
      '清远西街 ' || (g * 2) || ' 号', array['热水', '充电', '歇脚', '应急药箱']
    from generate_series(1, ${VOLUNTEER_FIGURES.loveCorners}) g
    where exists (select 1 from stations where district_id = ${d} and kind = 'rider')`);

  // 3. Volunteer teams: one party-member team per branch, the rest elder care, child care, environment, returning students.
  await db.execute(sql`
    with b as materialized (select array_agg(id order by id) as ids, array_agg(name order by id) as names, array_agg(org_unit_id order by id) as units,
        array_agg(org_path order by id) as paths, count(*)::int as total from party_orgs where district_id = ${d} and kind = 'compound_branch')
    insert into volunteer_teams (district_id, id, name, kind, org_unit_id, org_path, party_org_id)
    select ${d}, 'VT-' || lpad(g::text, 4, '0'),
      replace(b.names[1 + (g - 1) % b.total], '党支部', '') || (array['党员志愿服务队', '助老志愿服务队', '护幼志愿服务队', '环境卫生志愿服务队', '返乡大学生志愿服务队'])[1 + (g - 1) / b.total],
      (array['party_member', 'elder_care', 'child_care', 'general', 'student'])[1 + (g - 1) / b.total], b.units[1 + (g - 1) % b.total], b.paths[1 + (g - 1) % b.total], b.ids[1 + (g - 1) % b.total]
    from generate_series(1, ${VOLUNTEER_FIGURES.teams}) g cross join b where b.total > 0`);
  await db.execute(sql`
    with p as materialized (select district_id, id, split_part(org_path, '/', 4) as compound_id from people
        where district_id = ${d} and tags && array['party_member', 'volunteer']),
      t as materialized (select bc.compound_id, t.id from volunteer_teams t
        join branch_compounds bc on bc.district_id = t.district_id and bc.branch_id = t.party_org_id
        where t.district_id = ${d} and t.kind = 'party_member')
    insert into volunteer_team_members (district_id, team_id, person_id)
    select p.district_id, t.id, p.id from p join t on t.compound_id = p.compound_id`);

  // 4. Activities this year; the latest few are still ahead, open for sign-up.
  await db.execute(sql`
    with t0 as materialized (select array_agg(id order by id) as ids, array_agg(org_unit_id order by id) as units, array_agg(org_path order by id) as paths,
        count(*)::int as total from volunteer_teams where district_id = ${d}),
    span as (select date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as y0, now() as t1)
    insert into volunteer_activities (district_id, id, team_id, title, kind, org_unit_id, org_path, starts_at, ends_at, capacity, points_per_hour, qr_nonce, status)
    select ${d}, 'VA-' || lpad(g::text, 5, '0'), t0.ids[1 + (g * 7) % t0.total],
      (array['走访慰问困难党员群众', '助老服务：理发、打扫、陪伴', '托幼服务：课业辅导与安全教育', '小区环境卫生整治', '反诈与法律知识宣传'])[1 + g % 5],
      (array['visit', 'elder_care', 'child_care', 'environment', 'education'])[1 + g % 5], t0.units[1 + (g * 7) % t0.total], t0.paths[1 + (g * 7) % t0.total],
      date_trunc('hour', st.at), date_trunc('hour', st.at) + interval '3 hours', 30, 10, md5('nonce' || g),
      case when st.at + interval '3 hours' < now() then 'finished' else 'open' end
    from generate_series(1, ${VOLUNTEER_FIGURES.activities}) g
    cross join t0
    cross join span
    cross join lateral (select case when g > ${VOLUNTEER_FIGURES.activities - 60}
      then now() + ((g - ${VOLUNTEER_FIGURES.activities - 60}) * interval '5 hours')
      else span.y0 + (span.t1 - span.y0 - interval '1 day') * (g::float8 / ${VOLUNTEER_FIGURES.activities}) end as at) st`);

  // 5. 双报到: everyone tagged reports to the compound they live in.
  await db.execute(sql`
    insert into compound_reports (district_id, person_id, kind, compound_id, org_path, work_unit_id, reported_on)
    select p.district_id, p.id, case when 'in_service_party_member' = any(p.tags) then 'in_service_party_member' else 'rider' end,
      split_part(p.org_path, '/', 4), p.org_path, p.work_unit_id, (current_date - (30 + floor(${h(sql`p.id`)} * 300))::int)
    from people p where p.district_id = ${d} and p.tags && array['in_service_party_member', 'rider']`);

  // 6. Seven months of service hours (a full six-month trend behind last month): party members two records a month of 8–14 h (≈ 22 h a month), riders one of
  //    2–4 h over the last three months. This month's second record still waits for confirmation.
  await db.execute(sql`
    insert into service_records (district_id, id, person_id, org_unit_id, org_path, work_unit_id, source, title, served_on, hours, status, confirmed_at)
    select r.district_id, 'SR-' || md5(r.person_id || '-' || m || '-' || k), r.person_id, r.compound_id, r.org_path, r.work_unit_id,
      (array['activity', 'visit', 'task', 'work_order'])[k + (m % 2) * 2],
      (array['参加小区志愿活动', '入户走访独居老人', '认领小区任务：楼道杂物清理', '协助办理居民诉求'])[k + (m % 2) * 2],
      least(current_date - 1, (date_trunc('month', current_date) - m * interval '1 month')::date + (x * 27)::int),
      case when r.kind = 'rider' then round((2 + x * 2)::numeric * 2) / 2 else round((8 + x * 6)::numeric * 2) / 2 end,
      case when m = 0 and k = 2 then 'pending' else 'confirmed' end,
      case when m = 0 and k = 2 then null else least(current_date - 1, (date_trunc('month', current_date) - m * interval '1 month')::date + (x * 27)::int) + interval '1 day 10 hours' end
    from compound_reports r
    cross join generate_series(0, 6) m
    cross join generate_series(1, 2) k
    cross join lateral (select ${h(sql`r.person_id || m || k`)} as x) hx
    where r.district_id = ${d} and (r.kind = 'in_service_party_member' or (k = 1 and m < 3))`);

  // 7. Points: 10 a confirmed hour, with a running balance; members with 300+ points redeemed 100 at their station.
  await db.execute(sql`
    insert into points_ledger (district_id, person_id, delta, balance_after, kind, source_type, source_id, note, created_at)
    select district_id, person_id, pts, sum(pts) over (partition by person_id order by confirmed_at, id), 'earn', 'service_record', id,
      '服务时长 ' || hours::float8 || ' 小时：' || title, confirmed_at
    from (select district_id, person_id, id, hours, title, confirmed_at, round(hours * 10)::int as pts from service_records
      where district_id = ${d} and status = 'confirmed') s
    order by confirmed_at, id`);
  await db.execute(sql`
    insert into points_accounts (district_id, person_id, balance, earned_total)
    select district_id, person_id, sum(delta), sum(delta) from points_ledger where district_id = ${d} group by district_id, person_id`);
  await db.execute(sql`
    with st as materialized (select distinct on (bc.compound_id) bc.compound_id, s.id from stations s
        join branch_compounds bc on bc.district_id = s.district_id and bc.branch_id = s.party_org_id where s.district_id = ${d} order by bc.compound_id, s.id),
      r as materialized (select a.district_id, a.person_id, a.balance, rp.compound_id from points_accounts a
        join compound_reports rp on rp.district_id = a.district_id and rp.person_id = a.person_id where a.district_id = ${d} and a.balance >= 300)
    insert into points_ledger (district_id, person_id, delta, balance_after, kind, source_type, source_id, station_id, note, created_at)
    select r.district_id, r.person_id, -100, r.balance - 100, 'redeem', 'love_supermarket', 'DEMO-' || md5(r.person_id), st.id, '兑换 大米 5 公斤 × 1', now() - interval '2 days'
    from r join st on st.compound_id = r.compound_id`);
  await db.execute(sql`
    with l as materialized (select person_id from points_ledger where district_id = ${d} and kind = 'redeem')
    update points_accounts a set balance = a.balance - 100, redeemed_total = 100 from l where a.district_id = ${d} and a.person_id = l.person_id`);

  // 8. Open tasks in every compound, and the district's assessment rules for this year.
  await db.execute(sql`
    insert into service_tasks (district_id, id, compound_id, org_path, kind, title, description, hours_estimate)
    select o.district_id, o.id || '-T' || v.n, o.id, o.path, v.kind, v.title, v.description, v.hours
    from org_units o cross join (values (1, 'task', '楼道杂物清理', '清理单元楼道堆放的杂物，消除消防隐患', 2.0), (2, 'visit', '走访独居老人', '上门了解生活需求，登记服务诉求', 1.5)) as v(n, kind, title, description, hours)
    where o.district_id = ${d} and o.kind = 'compound'`);
  await db.execute(sql`insert into assessment_configs (district_id, year, items, grades)
    values (${d}, extract(year from now() at time zone 'Asia/Shanghai')::int, ${JSON.stringify(DEFAULT_ASSESSMENT.items)}::jsonb, ${JSON.stringify(DEFAULT_ASSESSMENT.grades)}::jsonb)`);

  // 9. The riders' joint meeting in 清远街道.
  await db.execute(sql`
    insert into rider_meetings (district_id, id, station_id, org_path, held_on, attendees, minutes)
    select district_id, 'RM-1', id, org_path, current_date - 10, 23, '街道党工委组织召开小哥联席会议，听取诉求与建议。' from stations where district_id = ${d} and kind = 'rider' order by id limit 1`);
  await db.execute(sql`
    insert into rider_demands (district_id, id, meeting_id, difficulty, content, status, answer)
    select ${d}, 'RD-' || v.n, 'RM-1', v.difficulty, v.content, v.status, v.answer
    from (values (1, 'eat_rest', '午高峰后误了饭点，希望驿站提供热饭', 'answered', '驿站与幸福餐厅对接，提供误餐就餐'),
      (2, 'skills', '希望开设电动车维修与安全驾驶培训', 'open', null), (3, 'rights', '部分小区不让外卖电动车进入，送餐绕远', 'open', null),
      (4, 'understanding', '希望居民理解高峰期配送延误', 'open', null)) as v(n, difficulty, content, status, answer)
    where exists (select 1 from rider_meetings where district_id = ${d} and id = 'RM-1')`);

  // 10. The 文源社区 happy canteen: subsidy rules, menu, 800+ elderly diners over the last two months, deliveries.
  await db.execute(sql`
    insert into canteen_subsidy_rules (district_id, id, category, label, min_age, max_age, mode, value)
    values (${d}, 'ELDER-60', 'elderly', '60–69 岁老人 九折', 60, 69, 'percent', 10), (${d}, 'ELDER-70', 'elderly', '70–79 岁老人 八折', 70, 79, 'percent', 20),
      (${d}, 'ELDER-80', 'elderly', '80 岁以上老人 七折', 80, null, 'percent', 30), (${d}, 'LOW-INCOME', 'low_income', '低保户 七折', null, null, 'percent', 30),
      (${d}, 'DISABLED', 'disabled', '残疾人 八折', null, null, 'percent', 20), (${d}, 'LEFT-BEHIND', 'left_behind_family', '留守儿童家庭 八折', null, null, 'percent', 20),
      (${d}, 'SANITATION', 'sanitation_worker', '环卫工人 免费', null, null, 'free', 0), (${d}, 'POLICE', 'traffic_police', '交警 免费', null, null, 'free', 0),
      (${d}, 'COURIER', 'courier', '快递外卖小哥 免费', null, null, 'free', 0)`);
  await db.execute(sql`
    insert into canteen_menu_items (district_id, id, station_id, name, meal, price_cents, is_silver)
    select s.district_id, s.id || '-M' || v.n, s.id, v.name, v.meal, v.price, v.silver from stations s
    cross join (values (1, '小米粥、鸡蛋、包子', 'breakfast', 600, false), (2, '软烂红烧肉套餐', 'lunch', 1500, true), (3, '清蒸鱼套餐', 'lunch', 1800, true),
      (4, '家常两荤一素', 'lunch', 1500, false), (5, '刀削面', 'lunch', 1200, false), (6, '南瓜小米粥配花卷', 'dinner', 800, true), (7, '素三鲜饺子', 'dinner', 1000, false)
    ) as v(n, name, meal, price, silver) where s.district_id = ${d} and s.kind = 'canteen'`);
  await db.execute(sql`
    with c as (select id, org_path, split_part(org_path, '/', 2) as street from stations where district_id = ${d} and kind = 'canteen' order by id limit 1),
    diners as (
      select p.id, extract(year from age(current_date, p.birth_date))::int as age from people p, c
      where p.district_id = ${d} and split_part(p.org_path, '/', 2) = c.street and p.birth_date <= current_date - interval '60 years'
      order by md5(p.id) limit ${VOLUNTEER_FIGURES.canteenElderlyDiners}),
    meals as (
      select dn.id as person_id, dn.age, (current_date - g) as served_on from diners dn cross join generate_series(1, 60) g
      where ${h(sql`dn.id || g`)} < 0.2)
    insert into canteen_meals (district_id, id, station_id, org_path, person_id, served_on, meal, price_cents, subsidy_cents, rule_id, category)
    select ${d}, 'CM-' || md5(m.person_id || m.served_on), c.id, c.org_path, m.person_id, m.served_on, 'lunch', 1500,
      case when m.age >= 80 then 450 when m.age >= 70 then 300 else 150 end,
      case when m.age >= 80 then 'ELDER-80' when m.age >= 70 then 'ELDER-70' else 'ELDER-60' end, 'elderly'
    from meals m cross join c`);
  await db.execute(sql`
    insert into canteen_deliveries (district_id, id, station_id, org_path, person_id, served_on, meal, address)
    select m.district_id, 'CD-' || m.person_id, m.station_id, m.org_path, m.person_id, current_date + 1, 'lunch', '碧水云天河湾（送餐上门）'
    from (select distinct on (person_id) district_id, person_id, station_id, org_path from canteen_meals where district_id = ${d} and rule_id = 'ELDER-80' order by person_id) m
    order by md5(m.person_id) limit 20`);

  // 11. Jobs at the 和泰社区 convenience station.
  await db.execute(sql`
    insert into job_postings (district_id, id, station_id, org_path, title, employer, skills, positions)
    select s.district_id, s.id || '-J' || v.n, s.id, s.org_path, v.title, v.employer, v.skills, v.positions from stations s
    cross join (values (1, '家政服务员', '大同市安居家政服务有限公司', array['保洁', '做饭'], 3), (2, '小区保安', '大同市国东物业服务有限公司', array['值守', '消防'], 2),
      (3, '超市理货员', '和泰便民超市', array['理货', '收银'], 2), (4, '养老护理员', '东街老年公寓', array['护理', '做饭'], 4), (5, '理发助理', '和泰社区便民服务站', array['理发'], 1)
    ) as v(n, title, employer, skills, positions) where s.district_id = ${d} and s.kind = 'convenience'`);
  await db.execute(sql`
    insert into job_seekers (district_id, id, station_id, org_path, name, phone_masked, skills, status)
    select s.district_id, s.id || '-K' || v.n, s.id, s.org_path, v.name, v.phone, v.skills, 'seeking' from stations s
    cross join (values (1, '郝桂芳', '139****2201', array['保洁', '做饭']), (2, '武建军', '137****8812', array['值守', '消防']),
      (3, '乔秀英', '135****0923', array['护理']), (4, '贾志刚', '188****4410', array['理货', '收银']), (5, '白玉兰', '136****7731', array['做饭', '护理'])
    ) as v(n, name, phone, skills) where s.district_id = ${d} and s.kind = 'convenience'`);
}

/**
 * The demo resident's own volunteering and meals, so that /m/hours and /m/canteen show what a volunteer
 * and diner sees: the latest three finished activities within their reach — two confirmed (points
 * earned, one towel redeemed at a station that serves them), the last still waiting — and four lunches
 * at the happy canteen of their street, subsidised as the rules give them. Nothing when they have some.
 */
export async function loadDemoResidentServices(
  database: Database,
  d: string,
  personId: string,
  subsidyOf: (
    on: string,
    priceCents: number,
  ) => Promise<{ ruleId: string | null; category: string | null; subsidyCents: number }>,
): Promise<void> {
  const db: Queryable = database.db;
  const [had] = await queryRows<{ n: number }>(
    db,
    sql`select ((select count(*) from service_records where district_id = ${d} and person_id = ${personId})
      + (select count(*) from points_accounts where district_id = ${d} and person_id = ${personId}))::int as n`,
  );
  if (had && had.n === 0) await residentVolunteering(db, d, personId);
  const [ate] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from canteen_meals where district_id = ${d} and person_id = ${personId}`,
  );
  if (ate && ate.n === 0) await residentMeals(db, d, personId, subsidyOf);
}

async function residentVolunteering(db: Queryable, d: string, personId: string): Promise<void> {
  const acts = await queryRows<{
    id: string;
    title: string;
    org_unit_id: string;
    org_path: string;
    on: string;
    ends_at: string;
  }>(
    db,
    sql`select v.id, v.title, v.org_unit_id, v.org_path, (v.starts_at at time zone 'Asia/Shanghai')::date::text as on, v.ends_at::text as ends_at
      from volunteer_activities v, people p
      where v.district_id = ${d} and p.district_id = ${d} and p.id = ${personId} and p.org_path like v.org_path || '%'
        and v.status = 'finished' and v.starts_at >= date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'
      order by v.starts_at desc limit 3`,
  );
  let balance = 0;
  for (const [i, a] of [...acts].reverse().entries()) {
    const pending = i === acts.length - 1 && acts.length > 1;
    const rid = `SR-RES-${a.id}`;
    await db.execute(sql`
      insert into service_records (district_id, id, person_id, org_unit_id, org_path, work_unit_id, source, source_id, title, served_on, hours, status, confirmed_at)
      select ${d}, ${rid}, p.id, ${a.org_unit_id}, ${a.org_path}, p.work_unit_id, 'activity', ${a.id}, ${a.title}, ${a.on}::date, 3,
        ${pending ? 'pending' : 'confirmed'}, ${pending ? null : sql`${a.ends_at}::timestamptz + interval '1 day'`}
      from people p where p.district_id = ${d} and p.id = ${personId}`);
    await db.execute(sql`
      insert into volunteer_signups (district_id, id, activity_id, person_id, org_path, status, signed_up_at, checked_in_at, checked_out_at, hours, service_record_id)
      values (${d}, ${`SU-RES-${a.id}`}, ${a.id}, ${personId}, ${a.org_path}, ${pending ? 'checked_out' : 'confirmed'},
        ${a.ends_at}::timestamptz - interval '5 days', ${a.ends_at}::timestamptz - interval '3 hours', ${a.ends_at}::timestamptz, 3, ${rid})
      on conflict do nothing`);
    if (pending) continue;
    balance += 30;
    await db.execute(sql`
      insert into points_ledger (district_id, person_id, delta, balance_after, kind, source_type, source_id, note, created_at)
      values (${d}, ${personId}, 30, ${balance}, 'earn', 'service_record', ${rid}, ${'服务时长 3 小时：' + a.title}, ${a.ends_at}::timestamptz + interval '1 day')`);
  }
  if (balance === 0) return;
  const [towel] = await queryRows<{ station_id: string }>(
    db,
    sql`select i.station_id from love_supermarket_items i join stations s on s.district_id = i.district_id and s.id = i.station_id, people p
      where i.district_id = ${d} and p.district_id = ${d} and p.id = ${personId} and p.org_path like s.org_path || '%' and i.name = '毛巾'
      order by s.id limit 1`,
  );
  let redeemed = 0;
  if (towel && balance >= 20) {
    redeemed = 20;
    balance -= 20;
    await db.execute(sql`
      insert into points_ledger (district_id, person_id, delta, balance_after, kind, source_type, source_id, station_id, note, created_at)
      values (${d}, ${personId}, -20, ${balance}, 'redeem', 'love_supermarket', ${'DEMO-RES-' + personId}, ${towel.station_id}, '兑换 毛巾 × 1', now() - interval '1 day')`);
  }
  await db.execute(sql`
    insert into points_accounts (district_id, person_id, balance, earned_total, redeemed_total)
    values (${d}, ${personId}, ${balance}, ${balance + redeemed}, ${redeemed})`);
}

async function residentMeals(
  db: Queryable,
  d: string,
  personId: string,
  subsidyOf: (
    on: string,
    priceCents: number,
  ) => Promise<{ ruleId: string | null; category: string | null; subsidyCents: number }>,
): Promise<void> {
  const [c] = await queryRows<{ id: string; org_path: string }>(
    db,
    sql`select s.id, s.org_path from stations s, people p
      where s.district_id = ${d} and p.district_id = ${d} and p.id = ${personId} and s.kind = 'canteen'
        and split_part(s.org_path, '/', 2) = split_part(p.org_path, '/', 2)
      order by s.id limit 1`,
  );
  if (!c) return;
  const days = await queryRows<{ on: string }>(
    db,
    sql`select ((now() at time zone 'Asia/Shanghai')::date - g)::text as on from unnest(array[1, 2, 3, 5]) g`,
  );
  for (const { on } of days) {
    const s = await subsidyOf(on, 1500);
    await db.execute(sql`
      insert into canteen_meals (district_id, id, station_id, org_path, person_id, served_on, meal, price_cents, subsidy_cents, rule_id, category)
      values (${d}, ${`CM-RES-${on}`}, ${c.id}, ${c.org_path}, ${personId}, ${on}::date, 'lunch', 1500, ${s.subsidyCents}, ${s.ruleId}, ${s.category})
      on conflict do nothing`);
  }
}
