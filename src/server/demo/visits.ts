import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';

/**
 * 走访慰问 from the seeds, set-based and deterministic (md5 of row keys):
 * - 水泊寺街道 with 市文明办、市创城指挥部办公室、市公共法律服务中心 and 中国建设银行云汽支行: 21 old and
 *   needy party members' households (the seed: "20余户"). The seed's visits were in 石家寨村 and 沙岭村; the
 *   demo's villages hold no residents, so the visits go to the street's oldest members, and the three named
 *   visits (古、邓 in 石家寨村, 李 in 沙岭村) are told in the situation text. Each got 花生油、米、面 (valued
 *   50 + 60 + 40 = 150 元); the needy ones (every third) also 500 元.
 * - 口泉街道金凤社区 at Spring Festival: 7 needy members and residents' households, 慰问金 and 慰问品. The
 *   demo has no 口泉街道; its 泉东 compound (where the seed's 71-year-old 马树森 lives) is in 古城街道, so the
 *   campaign is organised by 泉东's community: 300 元 and a 120 元 gift box each (2,100 + 840 元).
 * The amounts are the demo's own: the seeds give none.
 */
const SBS_PARTNERS = ['市文明办', '市创城指挥部办公室', '市公共法律服务中心', '中国建设银行云汽支行'];
const GOODS = [
  { name: '花生油', quantity: 1, unit: '桶', valueYuan: 50 },
  { name: '米', quantity: 1, unit: '袋', valueYuan: 60 },
  { name: '面', quantity: 1, unit: '袋', valueYuan: 40 },
];
const GIFT = [{ name: '春节慰问品', quantity: 1, unit: '份', valueYuan: 120 }];

export async function loadDemoVisits(db: Queryable, d: string): Promise<string> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into visit_campaigns (district_id, id, title, org_unit_id, org_path, starts_on, ends_on, partners, note)
      select district_id, 'VC-SBS-2026', '水泊寺街道走访慰问老党员、困难党员', id, path, date '2026-01-20', date '2026-02-16',
        string_to_array(${SBS_PARTNERS.join('|')}, '|'), '为辖区 20 余户老党员、困难党员家庭送去温暖和关爱'
      from org_units where district_id = ${d} and name = '水泊寺街道' and kind = 'street'`);
    await tx.execute(sql`
      insert into visit_campaigns (district_id, id, title, org_unit_id, org_path, starts_on, ends_on, partners, note)
      select c.district_id, 'VC-JF-2026', '金凤社区2026年春节走访慰问', c.id, c.path, date '2026-02-03', date '2026-02-16',
        '{}'::text[], '7 户困难党员、困难群众家庭收到慰问金、慰问品（演示：泉东小区所在社区）'
      from org_units q join org_units c on c.district_id = q.district_id and c.id = q.parent_id
      where q.district_id = ${d} and q.name = '泉东' and q.kind = 'compound'`);
    // 水泊寺: the street's 21 oldest full members
    await tx.execute(sql`
      with m as (
        select m.person_id, p.org_path, row_number() over (order by p.birth_date, md5(p.id)) as rn
        from party_members m join people p on p.district_id = m.district_id and p.id = m.person_id
        join visit_campaigns c on c.district_id = m.district_id and c.id = 'VC-SBS-2026'
        where m.district_id = ${d} and m.status = 'active' and m.stage = 'full' and p.org_path like c.org_path || '%'
          and p.protection is null
      )
      insert into visits (district_id, id, campaign_id, person_id, org_path, kind, visited_on, visitors, partners, goods,
        goods_yuan, money_yuan, situation)
      select ${d}, 'V-SBS-' || lpad(rn::text, 2, '0'), 'VC-SBS-2026', person_id, org_path,
        case when rn % 3 = 0 then 'needy_member' else 'old_member' end, date '2026-01-26' + (rn::int % 5),
        array['水泊寺街道 王主任', '市文明办 工作人员'], string_to_array(${SBS_PARTNERS.join('|')}, '|'), ${JSON.stringify(GOODS)}::jsonb, 150,
        case when rn % 3 = 0 then 500 else 0 end,
        case rn when 1 then '（种子：石家寨村老党员古先生）身体状况尚可，家庭生活稳定；送上节日祝福和慰问品。'
          when 2 then '（种子：石家寨村老党员邓先生）促膝交谈，询问身体和家庭生活情况。'
          when 3 then '（种子：沙岭村困难党员李先生）了解身体状况、子女就学和经济来源；鼓励他保持良好心态。'
          else '询问身体状况和家庭生活情况，送上节日祝福。' end
      from m where rn <= 21`);
    await tx.execute(sql`
      insert into visit_needs (district_id, id, visit_id, content)
      values (${d}, 'V-SBS-03-N1', 'V-SBS-03', '子女就学需要助学帮扶，请协助申请'),
        (${d}, 'V-SBS-06-N1', 'V-SBS-06', '楼道扶手松动，老人上下楼不便')`);
    // 金凤: 7 households of the community, members first
    await tx.execute(sql`
      with h as (
        select p.id as person_id, p.org_path, (m.id is not null) as member,
          row_number() over (partition by coalesce(p.household_id, p.id) order by p.birth_date, p.id) as in_household,
          p.birth_date
        from people p
        join visit_campaigns c on c.district_id = p.district_id and c.id = 'VC-JF-2026'
        left join party_members m on m.district_id = p.district_id and m.person_id = p.id and m.status = 'active'
        where p.district_id = ${d} and p.org_path like c.org_path || '%' and p.protection is null
      ), pick as (
        select *, row_number() over (order by member desc, birth_date, person_id) as rn from h where in_household = 1
      )
      insert into visits (district_id, id, campaign_id, person_id, org_path, kind, visited_on, visitors, partners, goods,
        goods_yuan, money_yuan, situation)
      select ${d}, 'V-JF-' || rn, 'VC-JF-2026', person_id, org_path,
        case when member then 'needy_member' else 'needy_resident' end, date '2026-02-09' + (rn::int % 3),
        array['社区书记', '社区网格员'], '{}'::text[], ${JSON.stringify(GIFT)}::jsonb, 120, 300,
        '询问近期生活状况，告诉他们有困难就来社区来街道。'
      from pick where rn <= 7`);
  });
  return '水泊寺街道 21 户、金凤社区 7 户';
}
