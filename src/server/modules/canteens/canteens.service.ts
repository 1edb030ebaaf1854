import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { badRequest, conflict } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { must } from '../../lib/must.js';
import { requireAccess } from '../access/access.records.js';
import { MEALS, SUBSIDY_CATEGORIES, type SubsidyCategory } from './canteens.tables.js';

/**
 * 幸福餐厅: menus, meals served with the subsidy the district's rules give each diner, delivery
 * orders, and the monthly settlement per canteen. A subsidised meal is unique per person, meal and
 * day across all canteens (a partial unique index), so the same claim cannot be paid twice.
 */
export const RuleDto = z.object({
  id: z.string(),
  category: z.enum(SUBSIDY_CATEGORIES),
  label: z.string(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  mode: z.enum(['percent', 'fixed', 'free']),
  value: z.number().int(),
  isActive: z.boolean(),
});
export const RuleBody = z.object({
  category: z.enum(SUBSIDY_CATEGORIES),
  label: z.string().trim().min(2, '请填写规则名称').max(40),
  minAge: z.number().int().min(0).max(120).nullable().default(null),
  maxAge: z.number().int().min(0).max(150).nullable().default(null),
  mode: z.enum(['percent', 'fixed', 'free']),
  value: z.number().int().min(0).max(100000).default(0),
  isActive: z.boolean().default(true),
});
export const MenuItemDto = z.object({
  id: z.string(),
  name: z.string(),
  meal: z.enum(MEALS),
  priceCents: z.number().int(),
  isSilver: z.boolean(),
});
export const MenuItemBody = z.object({
  name: z.string().trim().min(1, '请填写菜名').max(40),
  meal: z.enum(MEALS),
  priceCents: z.number().int().min(0).max(100000),
  isSilver: z.boolean().default(false),
});
export const MealDto = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  servedOn: z.string(),
  meal: z.enum(MEALS),
  priceCents: z.number().int(),
  subsidyCents: z.number().int(),
  paidCents: z.number().int(),
  category: z.enum(SUBSIDY_CATEGORIES).nullable(),
  ruleLabel: z.string().nullable(),
  isDelivery: z.boolean(),
});
export const MealBody = z.object({
  personId: z.string().max(60).optional(),
  meal: z.enum(MEALS),
  servedOn: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  priceCents: z.number().int().min(0).max(100000),
  /** occupational benefits (环卫工人、交警、快递小哥、劳模) are declared at the counter and recorded as such */
  declaredCategory: z.enum(['sanitation_worker', 'traffic_police', 'courier', 'model_worker']).optional(),
});
export const DeliveryDto = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  servedOn: z.string(),
  meal: z.enum(MEALS),
  address: z.string(),
  status: z.enum(['ordered', 'delivered', 'cancelled']),
  mealId: z.string().nullable(),
});
export const DeliveryBody = z.object({
  personId: z.string().min(1).max(60),
  meal: z.enum(MEALS),
  servedOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
  address: z.string().trim().min(2, '请填写送餐地址').max(120),
});
export const DeliverBody = z.object({ priceCents: z.number().int().min(0).max(100000) });
export const SettlementDto = z.object({
  stationId: z.string(),
  stationName: z.string(),
  month: z.string(),
  meals: z.number().int(),
  subsidisedMeals: z.number().int(),
  diners: z.number().int(),
  revenueCents: z.number().int(),
  subsidyCents: z.number().int(),
  byCategory: z.array(
    z.object({ category: z.enum(SUBSIDY_CATEGORIES), meals: z.number().int(), subsidyCents: z.number().int() }),
  ),
  duplicates: z.array(
    z.object({
      personId: z.string(),
      personName: z.string(),
      servedOn: z.string(),
      meal: z.enum(MEALS),
      claims: z.number().int(),
    }),
  ),
  settledAt: z.string().nullable(),
});

type Rule = z.infer<typeof RuleDto>;
type Meal = z.infer<typeof MealDto>;
const month = (d: string) => d.slice(0, 7);

async function canteen(
  q: Queryable,
  actor: Actor,
  id: string,
): Promise<{ id: string; name: string; org_path: string }> {
  const [s] = await queryRows<{ id: string; name: string; org_path: string; kind: string }>(
    q,
    sql`select id, name, org_path, kind from stations where district_id = ${actor.districtId} and id = ${id}`,
  );
  const st = must(s, 'CANTEEN_NOT_FOUND', '找不到该幸福餐厅。');
  if (st.kind !== 'canteen') throw badRequest('NOT_A_CANTEEN', '该阵地不是幸福餐厅。');
  return st;
}

export async function listRules(ctx: AppContext, actor: Actor): Promise<{ items: Rule[] }> {
  return {
    items: await queryRows<Rule>(
      ctx.db,
      sql`select id, category, label, min_age as "minAge", max_age as "maxAge", mode, value, is_active as "isActive"
    from canteen_subsidy_rules where district_id = ${actor.districtId} order by category, min_age nulls first, id`,
    ),
  };
}

export async function saveRule(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof RuleBody>,
  ip?: string,
): Promise<Rule> {
  if (input.category === 'elderly' && input.minAge === null)
    throw badRequest('RULE_AGE_REQUIRED', '老年人补贴须设置起始年龄（如 60、70、80）。');
  if (input.minAge !== null && input.maxAge !== null && input.maxAge < input.minAge)
    throw badRequest('RULE_AGE_INVALID', '年龄段上限不能小于下限。');
  if (input.mode === 'percent' && input.value > 100) throw badRequest('RULE_VALUE_INVALID', '折扣比例不能超过 100%。');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into canteen_subsidy_rules (district_id, id, category, label, min_age, max_age, mode, value, is_active)
      values (${actor.districtId}, ${id}, ${input.category}, ${input.label}, ${input.minAge}, ${input.maxAge}, ${input.mode}, ${input.value}, ${input.isActive})
      on conflict (district_id, id) do update set category = excluded.category, label = excluded.label, min_age = excluded.min_age, max_age = excluded.max_age,
        mode = excluded.mode, value = excluded.value, is_active = excluded.is_active, updated_at = now()`);
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_rule.save', entityType: 'canteen_subsidy_rule', entityId: id, detail: input },
      ip,
    );
  });
  return { id, ...input };
}

export async function getMenu(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
): Promise<{ items: z.infer<typeof MenuItemDto>[] }> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path });
  return {
    items: await queryRows(
      ctx.db,
      sql`select id, name, meal, price_cents as "priceCents", is_silver as "isSilver" from canteen_menu_items
    where district_id = ${actor.districtId} and station_id = ${stationId} and is_active order by meal, price_cents`,
    ),
  };
}

export async function addMenuItem(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof MenuItemBody>,
  ip?: string,
): Promise<z.infer<typeof MenuItemDto>> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into canteen_menu_items (district_id, id, station_id, name, meal, price_cents, is_silver) values (${actor.districtId}, ${id}, ${stationId}, ${input.name}, ${input.meal}, ${input.priceCents}, ${input.isSilver})`,
    );
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_menu.add', entityType: 'station', entityId: stationId, detail: input },
      ip,
    );
  });
  return { id, ...input };
}

/** The best benefit a diner is entitled to for a price: age bands, 低保, disability, left-behind families, declared occupations. */
export async function bestSubsidy(
  q: Queryable,
  districtId: string,
  personId: string | null,
  declared: SubsidyCategory | undefined,
  priceCents: number,
  on: string,
): Promise<{ rule: Rule | null; subsidyCents: number }> {
  const rules = await queryRows<Rule>(
    q,
    sql`select id, category, label, min_age as "minAge", max_age as "maxAge", mode, value, is_active as "isActive"
    from canteen_subsidy_rules where district_id = ${districtId} and is_active`,
  );
  const eligible = new Set<SubsidyCategory>(declared ? [declared] : []);
  let age: number | null = null;
  if (personId) {
    // A minor-protection guardian's birth date and household are encrypted (people.protection.ts): no age band
    // from SQL here; the household is matched by its keyed hash.
    const [p] = await queryRows<{ birth_date: string | null; tags: string[]; left_behind: boolean }>(
      q,
      sql`
      select p.birth_date::text as birth_date, p.tags,
        exists (select 1 from people k where k.district_id = p.district_id and 'child_in_difficulty' = any(k.tags)
          and (k.household_id = p.household_id or k.household_hash = p.household_hash)) as left_behind
      from people p where p.district_id = ${districtId} and p.id = ${personId}`,
    );
    const person = must(p, 'PERSON_NOT_FOUND', '找不到该就餐人员。');
    if (person.birth_date) {
      const [by, bm, bd] = person.birth_date.split('-').map(Number) as [number, number, number];
      const [y, m, d] = on.split('-').map(Number) as [number, number, number];
      age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
      if (age >= 60) eligible.add('elderly');
    }
    if (person.tags.includes('low_income')) eligible.add('low_income');
    if (person.tags.includes('disabled')) eligible.add('disabled');
    if (person.tags.includes('rider')) eligible.add('courier');
    if (person.left_behind) eligible.add('left_behind_family');
  }
  let best: { rule: Rule | null; subsidyCents: number } = { rule: null, subsidyCents: 0 };
  for (const r of rules) {
    if (!eligible.has(r.category)) continue;
    if (
      r.category === 'elderly' &&
      (age === null || (r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge))
    )
      continue;
    const s =
      r.mode === 'free'
        ? priceCents
        : r.mode === 'percent'
          ? Math.round((priceCents * r.value) / 100)
          : Math.min(priceCents, r.value);
    if (s > best.subsidyCents) best = { rule: r, subsidyCents: s };
  }
  return best;
}

const MEAL_SELECT = sql`
  select m.id, m.person_id as "personId", p.name as "personName", m.served_on::text as "servedOn", m.meal, m.price_cents as "priceCents",
    m.subsidy_cents as "subsidyCents", (m.price_cents - m.subsidy_cents) as "paidCents", m.category, r.label as "ruleLabel", m.is_delivery as "isDelivery"
  from canteen_meals m
  left join people p on p.district_id = m.district_id and p.id = m.person_id
  left join canteen_subsidy_rules r on r.district_id = m.district_id and r.id = m.rule_id`;

async function insertMeal(
  tx: Tx,
  actor: Actor,
  c: { id: string; org_path: string },
  input: z.infer<typeof MealBody>,
  isDelivery: boolean,
): Promise<string> {
  const servedOn = input.servedOn ?? shanghaiDate(new Date());
  const { rule, subsidyCents } = await bestSubsidy(
    tx,
    actor.districtId,
    input.personId ?? null,
    input.declaredCategory,
    input.priceCents,
    servedOn,
  );
  if (
    subsidyCents > 0 &&
    !input.personId &&
    rule?.category !== 'sanitation_worker' &&
    rule?.category !== 'traffic_police'
  ) {
    throw badRequest('PERSON_REQUIRED', '享受补贴须登记就餐人员。');
  }
  const id = randomUUID();
  // a savepoint, so a duplicate claim surfaces as a clear 409 and leaves the transaction usable
  try {
    await tx.transaction(async (sp) => {
      await sp.execute(sql`insert into canteen_meals (district_id, id, station_id, org_path, person_id, served_on, meal, price_cents, subsidy_cents, rule_id, category, is_delivery, created_by)
        values (${actor.districtId}, ${id}, ${c.id}, ${c.org_path}, ${input.personId ?? null}, ${servedOn}, ${input.meal}, ${input.priceCents}, ${subsidyCents},
          ${rule?.id ?? null}, ${rule?.category ?? null}, ${isDelivery}, ${actor.userId})`);
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505')
      throw conflict(
        'DUPLICATE_CLAIM',
        `此人 ${servedOn} 的${({ breakfast: '早餐', lunch: '午餐', dinner: '晚餐' } as const)[input.meal]}已享受过补贴，不能重复申领；如需再次就餐请按原价结算。`,
      );
    throw err;
  }
  await writeAudit(tx, actor, {
    action: 'canteen_meal.record',
    entityType: 'station',
    entityId: c.id,
    detail: { mealId: id, personId: input.personId ?? null, subsidyCents, ruleId: rule?.id ?? null },
  });
  return id;
}

export async function recordMeal(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof MealBody>,
): Promise<Meal> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
  const id = await ctx.db.transaction((tx) => insertMeal(tx, actor, c, input, false));
  const [m] = await queryRows<Meal>(
    ctx.db,
    sql`${MEAL_SELECT} where m.district_id = ${actor.districtId} and m.id = ${id}`,
  );
  return m!;
}

export async function listMeals(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  day?: string,
): Promise<{ items: Meal[] }> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
  return {
    items: await queryRows<Meal>(
      ctx.db,
      sql`${MEAL_SELECT} where m.district_id = ${actor.districtId} and m.station_id = ${stationId}
    ${day ? sql`and m.served_on = ${day}::date` : sql``} order by m.created_at desc limit 500`,
    ),
  };
}

const DELIVERY_SELECT = sql`select d.id, d.person_id as "personId", p.name as "personName", d.served_on::text as "servedOn", d.meal, d.address, d.status, d.meal_id as "mealId"
  from canteen_deliveries d join people p on p.district_id = d.district_id and p.id = d.person_id`;

export async function orderDelivery(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof DeliveryBody>,
  ip?: string,
): Promise<z.infer<typeof DeliveryDto>> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const [p] = await queryRows(
      tx,
      sql`select 1 from people where district_id = ${actor.districtId} and id = ${input.personId}`,
    );
    must(p, 'PERSON_NOT_FOUND', '找不到该就餐人员。');
    await tx.execute(sql`insert into canteen_deliveries (district_id, id, station_id, org_path, person_id, served_on, meal, address, created_by)
      values (${actor.districtId}, ${id}, ${stationId}, ${c.org_path}, ${input.personId}, ${input.servedOn}, ${input.meal}, ${input.address}, ${actor.userId})`);
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_delivery.order', entityType: 'station', entityId: stationId, detail: { deliveryId: id } },
      ip,
    );
  });
  const [d] = await queryRows<z.infer<typeof DeliveryDto>>(
    ctx.db,
    sql`${DELIVERY_SELECT} where d.district_id = ${actor.districtId} and d.id = ${id}`,
  );
  return d!;
}

export async function listDeliveries(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
): Promise<{ items: z.infer<typeof DeliveryDto>[] }> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
  return {
    items: await queryRows(
      ctx.db,
      sql`${DELIVERY_SELECT} where d.district_id = ${actor.districtId} and d.station_id = ${stationId} order by d.served_on desc, d.created_at desc limit 200`,
    ),
  };
}

/** 送达: the meal is recorded (with its subsidy, duplicate-checked) and the order closed in one transaction. */
export async function deliver(
  ctx: AppContext,
  actor: Actor,
  deliveryId: string,
  priceCents: number,
  ip?: string,
): Promise<z.infer<typeof DeliveryDto>> {
  await ctx.db.transaction(async (tx) => {
    const [d] = await queryRows<{
      station_id: string;
      person_id: string;
      served_on: string;
      meal: (typeof MEALS)[number];
      status: string;
    }>(
      tx,
      sql`
      select station_id, person_id, served_on::text as served_on, meal, status from canteen_deliveries where district_id = ${actor.districtId} and id = ${deliveryId} for update`,
    );
    const delivery = must(d, 'DELIVERY_NOT_FOUND', '找不到该送餐单。');
    const c = await canteen(tx, actor, delivery.station_id);
    requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
    if (delivery.status !== 'ordered') throw conflict('DELIVERY_STATE_INVALID', '该送餐单已送达或已取消。');
    const mealId = await insertMeal(
      tx,
      actor,
      c,
      { personId: delivery.person_id, meal: delivery.meal, servedOn: delivery.served_on, priceCents },
      true,
    );
    await tx.execute(
      sql`update canteen_deliveries set status = 'delivered', meal_id = ${mealId} where district_id = ${actor.districtId} and id = ${deliveryId}`,
    );
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_delivery.deliver', entityType: 'station', entityId: c.id, detail: { deliveryId, mealId } },
      ip,
    );
  });
  const [row] = await queryRows<z.infer<typeof DeliveryDto>>(
    ctx.db,
    sql`${DELIVERY_SELECT} where d.district_id = ${actor.districtId} and d.id = ${deliveryId}`,
  );
  return row!;
}

function monthBounds(m: string): [string, string] {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return [`${m}-01`, mm === 12 ? `${y + 1}-01-01` : `${y}-${String(mm + 1).padStart(2, '0')}-01`];
}

/** Monthly settlement: totals, per category, and the duplicate-claim check (same person, meal and day claimed more than once, in any canteen). */
export async function settlement(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  m: string,
): Promise<z.infer<typeof SettlementDto>> {
  const c = await canteen(ctx.db, actor, stationId);
  requireAccess(actor, 'canteen', { orgPath: c.org_path }, 'write');
  const [from, to] = monthBounds(m);
  const range = sql`m.district_id = ${actor.districtId} and m.station_id = ${stationId} and m.served_on >= ${from}::date and m.served_on < ${to}::date`;
  const [t] = await queryRows<{ meals: number; subsidised: number; diners: number; revenue: number; subsidy: number }>(
    ctx.db,
    sql`
    select count(*)::int as meals, count(*) filter (where m.subsidy_cents > 0)::int as subsidised, count(distinct m.person_id)::int as diners,
      coalesce(sum(m.price_cents - m.subsidy_cents), 0)::int as revenue, coalesce(sum(m.subsidy_cents), 0)::int as subsidy
    from canteen_meals m where ${range}`,
  );
  const byCategory = await queryRows<{ category: SubsidyCategory; meals: number; subsidyCents: number }>(
    ctx.db,
    sql`
    select m.category, count(*)::int as meals, sum(m.subsidy_cents)::int as "subsidyCents" from canteen_meals m where ${range} and m.subsidy_cents > 0 group by m.category order by m.category`,
  );
  const duplicates = await queryRows<{
    personId: string;
    personName: string;
    servedOn: string;
    meal: (typeof MEALS)[number];
    claims: number;
  }>(
    ctx.db,
    sql`
    select m.person_id as "personId", p.name as "personName", m.served_on::text as "servedOn", m.meal, count(*)::int as claims
    from canteen_meals m join people p on p.district_id = m.district_id and p.id = m.person_id
    where m.district_id = ${actor.districtId} and m.subsidy_cents > 0 and m.served_on >= ${from}::date and m.served_on < ${to}::date
      and exists (select 1 from canteen_meals x where x.district_id = m.district_id and x.station_id = ${stationId} and x.person_id = m.person_id
        and x.served_on = m.served_on and x.meal = m.meal and x.subsidy_cents > 0)
    group by m.person_id, p.name, m.served_on, m.meal having count(*) > 1 order by 3, 2 limit 200`,
  );
  const [s] = await queryRows<{ created_at: Date }>(
    ctx.db,
    sql`select created_at from canteen_settlements where district_id = ${actor.districtId} and station_id = ${stationId} and month = ${m}`,
  );
  return {
    stationId,
    stationName: c.name,
    month: m,
    meals: t?.meals ?? 0,
    subsidisedMeals: t?.subsidised ?? 0,
    diners: t?.diners ?? 0,
    revenueCents: t?.revenue ?? 0,
    subsidyCents: t?.subsidy ?? 0,
    byCategory,
    duplicates,
    settledAt: s ? new Date(s.created_at).toISOString() : null,
  };
}

export async function settle(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  m: string,
  ip?: string,
): Promise<z.infer<typeof SettlementDto>> {
  if (m >= month(shanghaiDate(new Date()))) throw badRequest('SETTLEMENT_TOO_EARLY', '只能结算已结束的月份。');
  const s = await settlement(ctx, actor, stationId, m);
  if (s.settledAt) throw conflict('SETTLEMENT_EXISTS', `${m} 已结算，不能重复结算。`);
  if (s.duplicates.length > 0)
    throw conflict('SETTLEMENT_DUPLICATES', `发现 ${s.duplicates.length} 条重复申领补贴，请核实后再结算。`);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`insert into canteen_settlements (district_id, id, station_id, month, meals, subsidised_meals, diners, revenue_cents, subsidy_cents, created_by)
        values (${actor.districtId}, ${randomUUID()}, ${stationId}, ${m}, ${s.meals}, ${s.subsidisedMeals}, ${s.diners}, ${s.revenueCents}, ${s.subsidyCents}, ${actor.userId})`);
      await writeAudit(
        tx,
        actor,
        {
          action: 'canteen.settle',
          entityType: 'station',
          entityId: stationId,
          detail: { month: m, meals: s.meals, subsidyCents: s.subsidyCents },
        },
        ip,
      );
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw conflict('SETTLEMENT_EXISTS', `${m} 已结算，不能重复结算。`);
    throw err;
  }
  return settlement(ctx, actor, stationId, m);
}

const CATEGORY_LABELS: Record<SubsidyCategory, string> = {
  elderly: '老年人',
  low_income: '低保户',
  disabled: '残疾人',
  left_behind_family: '留守儿童家庭',
  sanitation_worker: '环卫工人',
  traffic_police: '交警',
  courier: '快递外卖小哥',
  model_worker: '劳模及见义勇为伤残人员',
};

export async function settlementWorkbook(ctx: AppContext, actor: Actor, stationId: string, m: string): Promise<Buffer> {
  const s = await settlement(ctx, actor, stationId, m);
  const [from, to] = monthBounds(m);
  const meals = await queryRows<Meal>(
    ctx.db,
    sql`${MEAL_SELECT} where m.district_id = ${actor.districtId} and m.station_id = ${stationId}
    and m.served_on >= ${from}::date and m.served_on < ${to}::date order by m.served_on, m.meal, p.name`,
  );
  const wb = new ExcelJS.Workbook();
  const sum = wb.addWorksheet('结算汇总');
  sum.addRows([
    ['餐厅', s.stationName],
    ['月份', s.month],
    ['就餐人次', s.meals],
    ['享受补贴人次', s.subsidisedMeals],
    ['就餐人数', s.diners],
    ['实收（元）', s.revenueCents / 100],
    ['补贴（元）', s.subsidyCents / 100],
    ['重复申领', s.duplicates.length],
    ['结算状态', s.settledAt ? '已结算' : '未结算'],
    [],
    ['补贴类别', '人次', '补贴（元）'],
    ...s.byCategory.map((c) => [CATEGORY_LABELS[c.category], c.meals, c.subsidyCents / 100]),
  ]);
  const ws = wb.addWorksheet('就餐明细');
  ws.columns = [
    { header: '日期', key: 'servedOn', width: 12 },
    { header: '餐次', key: 'meal', width: 8 },
    { header: '姓名', key: 'personName', width: 12 },
    { header: '价格（元）', key: 'price', width: 10 },
    { header: '补贴（元）', key: 'subsidy', width: 10 },
    { header: '补贴规则', key: 'ruleLabel', width: 24 },
    { header: '送餐', key: 'delivery', width: 6 },
  ];
  const MEAL_LABEL = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' } as const;
  for (const r of meals)
    ws.addRow({
      servedOn: r.servedOn,
      meal: MEAL_LABEL[r.meal],
      personName: r.personName ?? '',
      price: r.priceCents / 100,
      subsidy: r.subsidyCents / 100,
      ruleLabel: r.ruleLabel ?? '',
      delivery: r.isDelivery ? '是' : '',
    });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
