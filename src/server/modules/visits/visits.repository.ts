import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import { orgUnits } from '../org/org.tables.js';
import { partyMembers } from '../party/party.tables.js';
import { people } from '../people/people.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { visitCampaigns, visitNeeds, visits } from './visits.tables.js';

/** All SQL of 走访慰问. */
export const CAMPAIGN_COLUMNS = { orgPath: sql`c.org_path` };
export const VISIT_COLUMNS = { orgPath: sql`v.org_path` };

export async function unitById(q: Queryable, districtId: string, id: string) {
  const [u] = await q
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return u;
}

export function insertCampaign(q: Queryable, row: typeof visitCampaigns.$inferInsert) {
  return q.insert(visitCampaigns).values(row);
}

export interface CampaignRow {
  id: string;
  title: string;
  org_unit_id: string;
  org_unit_name: string;
  org_path: string;
  starts_on: string;
  ends_on: string;
  partners: string[];
  note: string | null;
  visits: number;
  households: number;
  money_yuan: number;
  goods_yuan: number;
  open_needs: number;
}

/** Campaigns with their sums over the visits `visitScope` lets the caller read. */
export function listCampaigns(
  q: Queryable,
  f: { districtId: string; scope: SQL; visitScope: SQL; id?: string },
): Promise<CampaignRow[]> {
  return queryRows<CampaignRow>(
    q,
    sql`select c.id, c.title, c.org_unit_id, u.name as org_unit_name, c.org_path, c.starts_on::text as starts_on,
        c.ends_on::text as ends_on, c.partners, c.note,
        coalesce(s.visits, 0)::int as visits, coalesce(s.households, 0)::int as households,
        coalesce(s.money_yuan, 0)::int as money_yuan, coalesce(s.goods_yuan, 0)::int as goods_yuan,
        coalesce(s.open_needs, 0)::int as open_needs
      from ${visitCampaigns} c
      join ${orgUnits} u on u.district_id = c.district_id and u.id = c.org_unit_id
      left join lateral (
        select count(*) as visits, count(distinct coalesce(p.household_id, p.id)) as households,
          sum(v.money_yuan) as money_yuan, sum(v.goods_yuan) as goods_yuan,
          sum((select count(*) from ${visitNeeds} n where n.district_id = v.district_id and n.visit_id = v.id
            and n.status = 'open')) as open_needs
        from ${visits} v
        join ${people} p on p.district_id = v.district_id and p.id = v.person_id
        where v.district_id = c.district_id and v.campaign_id = c.id and ${f.visitScope}
      ) s on true
      where c.district_id = ${f.districtId} and ${f.scope} ${f.id ? sql`and c.id = ${f.id}` : sql``}
      order by c.starts_on desc, c.id`,
  );
}

export async function campaignById(q: Queryable, districtId: string, id: string) {
  const [c] = await q
    .select()
    .from(visitCampaigns)
    .where(and(eq(visitCampaigns.districtId, districtId), eq(visitCampaigns.id, id)));
  return c;
}

/** The visited person: where they live, whether they are protected, and their party member record. */
export async function personForVisit(q: Queryable, districtId: string, personId: string) {
  const [p] = await queryRows<{ id: string; org_path: string; protection: string | null; member_id: string | null }>(
    q,
    sql`select p.id, p.org_path, p.protection, m.id as member_id
      from ${people} p
      left join ${partyMembers} m on m.district_id = p.district_id and m.person_id = p.id and m.status = 'active'
      where p.district_id = ${districtId} and p.id = ${personId}`,
  );
  return p;
}

export function insertVisit(q: Queryable, row: typeof visits.$inferInsert) {
  return q.insert(visits).values(row);
}
export function insertNeeds(q: Queryable, rows: (typeof visitNeeds.$inferInsert)[]) {
  return rows.length ? q.insert(visitNeeds).values(rows) : Promise.resolve();
}

export interface VisitRow {
  id: string;
  campaign_id: string;
  campaign_title: string;
  person_id: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string | null;
  phone_masked: string | null;
  is_member: boolean;
  kind: (typeof visits.$inferSelect)['kind'];
  place_name: string | null;
  org_path: string;
  visited_on: string;
  visitors: string[];
  partners: string[];
  goods: (typeof visits.$inferSelect)['goods'];
  goods_yuan: number;
  money_yuan: number;
  situation: string;
  needs: {
    id: string;
    content: string;
    status: (typeof visitNeeds.$inferSelect)['status'];
    workOrderId: string | null;
    workOrderNo: string | null;
    referredTo: string | null;
  }[];
}

const VISIT_SELECT = sql`
  select v.id, v.campaign_id, c.title as campaign_title, v.person_id, p.name, p.gender, p.birth_date::text as birth_date,
    p.phone_masked, exists (select 1 from ${partyMembers} m where m.district_id = v.district_id and m.person_id = v.person_id
      and m.status = 'active') as is_member,
    v.kind, (select u.name from ${orgUnits} u where u.district_id = v.district_id and u.path = v.org_path) as place_name,
    v.org_path, v.visited_on::text as visited_on, v.visitors, v.partners, v.goods, v.goods_yuan, v.money_yuan, v.situation,
    coalesce((select json_agg(json_build_object('id', n.id, 'content', n.content, 'status', n.status,
        'workOrderId', n.work_order_id, 'workOrderNo', w.no, 'referredTo', n.referred_to) order by n.id)
      from ${visitNeeds} n left join ${workOrders} w on w.district_id = n.district_id and w.id = n.work_order_id
      where n.district_id = v.district_id and n.visit_id = v.id), '[]'::json) as needs
  from ${visits} v
  join ${visitCampaigns} c on c.district_id = v.district_id and c.id = v.campaign_id
  join ${people} p on p.district_id = v.district_id and p.id = v.person_id`;

export async function loadVisit(q: Queryable, districtId: string, id: string) {
  const [v] = await queryRows<VisitRow>(q, sql`${VISIT_SELECT} where v.district_id = ${districtId} and v.id = ${id}`);
  return v;
}

export interface VisitFilter {
  districtId: string;
  scope: SQL;
  campaignId?: string;
  underPath?: string;
  kind?: string;
  from?: string;
  to?: string;
  openNeeds?: boolean;
}
function visitWhere(f: VisitFilter): SQL {
  return sql.join(
    [
      sql`v.district_id = ${f.districtId}`,
      f.scope,
      f.campaignId ? sql`v.campaign_id = ${f.campaignId}` : sql`true`,
      f.underPath ? sql`v.org_path like ${`${f.underPath}%`}` : sql`true`,
      f.kind ? sql`v.kind = ${f.kind}` : sql`true`,
      f.from ? sql`v.visited_on >= ${f.from}` : sql`true`,
      f.to ? sql`v.visited_on <= ${f.to}` : sql`true`,
      f.openNeeds === undefined
        ? sql`true`
        : sql`${f.openNeeds ? sql`` : sql`not`} exists (select 1 from ${visitNeeds} n where n.district_id = v.district_id
            and n.visit_id = v.id and n.status = 'open')`,
    ],
    sql` and `,
  );
}

export async function listVisits(q: Queryable, f: VisitFilter & { limit: number; offset: number }) {
  const where = visitWhere(f);
  const items = await queryRows<VisitRow>(
    q,
    sql`${VISIT_SELECT} where ${where} order by v.visited_on desc, v.id limit ${f.limit} offset ${f.offset}`,
  );
  const [sum] = await queryRows<{ total: number; money_yuan: number; goods_yuan: number }>(
    q,
    sql`select count(*)::int as total, coalesce(sum(v.money_yuan), 0)::int as money_yuan,
        coalesce(sum(v.goods_yuan), 0)::int as goods_yuan
      from ${visits} v where ${where}`,
  );
  return { items, total: sum?.total ?? 0, moneyYuan: sum?.money_yuan ?? 0, goodsYuan: sum?.goods_yuan ?? 0 };
}

/** A need with what converting it needs: its visit's path and the compound the person lives in. */
export async function needForUpdate(q: Queryable, districtId: string, id: string) {
  const [n] = await queryRows<{
    id: string;
    visit_id: string;
    content: string;
    status: string;
    org_path: string;
    person_name: string;
    campaign_title: string;
    compound_id: string | null;
  }>(
    q,
    sql`select n.id, n.visit_id, n.content, n.status, v.org_path, p.name as person_name, c.title as campaign_title,
        (select u.id from ${orgUnits} u where u.district_id = v.district_id and u.kind = 'compound'
          and v.org_path like u.path || '%' limit 1) as compound_id
      from ${visitNeeds} n
      join ${visits} v on v.district_id = n.district_id and v.id = n.visit_id
      join ${visitCampaigns} c on c.district_id = v.district_id and c.id = v.campaign_id
      join ${people} p on p.district_id = v.district_id and p.id = v.person_id
      where n.district_id = ${districtId} and n.id = ${id}
      for update of n`,
  );
  return n;
}

/** Marks an open need done; false when it was not open any more (a concurrent conversion won). */
export async function settleNeed(
  q: Queryable,
  districtId: string,
  id: string,
  set: { status: 'ordered' | 'referred'; workOrderId?: string; referredTo?: string },
): Promise<boolean> {
  const rows = await q
    .update(visitNeeds)
    .set({ status: set.status, workOrderId: set.workOrderId ?? null, referredTo: set.referredTo ?? null })
    .where(and(eq(visitNeeds.districtId, districtId), eq(visitNeeds.id, id), eq(visitNeeds.status, 'open')))
    .returning({ id: visitNeeds.id });
  return rows.length === 1;
}
