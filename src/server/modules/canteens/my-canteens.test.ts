import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { hashPassword } from '../auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../testing/harness.js';
import type { MyCanteens, Rule } from '../../../shared/canteens.schema.js';

// 我的幸福餐厅 (GET /api/canteens/mine): the canteens of the resident's street, each dish priced for them by the
// district's rules, their own meals only; refused to staff and to an account without a person.
let env: TestEnv;
let residentPerson: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error;
const mine = async (username: string) => json<MyCanteens>(await env.as(username).get('/api/canteens/mine'));

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
function age(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A resident account bound to a compound, for its youngest person (no demo diner), or for none. */
async function residentIn(
  username: string,
  compoundName: string,
  person: 'someone' | 'nobody',
): Promise<string | null> {
  const [c] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = ${compoundName}`);
  const [p] =
    person === 'someone'
      ? await queryRows<{ id: string }>(
          env.ctx.db,
          sql`select id from people where org_path like ${'%/' + c!.id + '/'} order by birth_date desc nulls last, id limit 1`,
        )
      : [undefined];
  await env.ctx.db
    .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, person_id)
      values ('140213', ${'U-' + username}, ${username}, ${username}, ${await hashPassword(DEMO_PASSWORD)}, 'resident', ${c!.id}, ${p?.id ?? null})`);
  return p?.id ?? null;
}

describe('canteens: the diner’s own side (/api/canteens/mine)', () => {
  before(async () => {
    env = await createTestEnv();
    const [u] = await queryRows<{ person_id: string }>(
      env.ctx.db,
      sql`select person_id from users where username = 'resident'`,
    );
    residentPerson = u!.person_id;
  });
  after(() => env.close());

  it('prices the street’s canteen menu for the resident by the rules, and lists their own meals only', async () => {
    const me = await mine('resident');
    const [p] = await queryRows<{ birth_date: string }>(
      env.ctx.db,
      sql`select birth_date::text from people where id = ${residentPerson}`,
    );
    const years = age(p!.birth_date, me.on);
    assert.equal(me.age, years);
    assert.ok(years >= 60, 'the demo resident is elderly');
    assert.deepEqual(me.categories, ['elderly']);
    // 文源社区's canteen is a neighbouring community's (not in the resident's read reach) but in their street
    assert.deepEqual(
      me.canteens.map((c) => c.name),
      ['文源社区幸福餐厅'],
    );
    const rules = json<{ items: Rule[] }>(await env.as('admin').get('/api/canteen-subsidy-rules')).items;
    const band = rules.find(
      (r) => r.isActive && r.category === 'elderly' && years >= r.minAge! && (r.maxAge === null || years <= r.maxAge),
    )!;
    const menu = me.canteens[0]!.menu;
    assert.equal(menu.length, 7);
    for (const item of menu) {
      const subsidy = Math.round((item.priceCents * band.value) / 100);
      assert.deepEqual(
        { subsidy: item.subsidyCents, pay: item.payCents, rule: item.ruleLabel },
        { subsidy, pay: item.priceCents - subsidy, rule: band.label },
        item.name,
      );
    }
    const own = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from canteen_meals where person_id = ${residentPerson} order by served_on desc, created_at desc limit 20`,
    );
    assert.ok(own.length >= 4, 'the demo gives the resident meals');
    assert.deepEqual(
      me.meals.map((m) => m.id),
      own.map((m) => m.id),
    );
    for (const m of me.meals) assert.equal(m.paidCents, m.priceCents - m.subsidyCents);
  });

  it('follows a changed rule, and gives a 低保 resident of another street their own benefit and no canteen', async () => {
    const admin = env.as('admin');
    const rules = json<{ items: Rule[] }>(await admin.get('/api/canteen-subsidy-rules')).items;
    const before = (await mine('resident')).canteens[0]!.menu.find((i) => i.priceCents === 1500)!;
    const rule = rules.find((r) => r.label === before.ruleLabel)!;
    const { id, ...body } = rule;
    assert.equal((await admin.put(`/api/canteen-subsidy-rules/${id}`, { ...body, value: 50 })).statusCode, 200);
    const after = (await mine('resident')).canteens[0]!.menu.find((i) => i.id === before.id)!;
    assert.deepEqual([after.subsidyCents, after.payCents], [750, 750]);
    await admin.put(`/api/canteen-subsidy-rules/${id}`, body);

    const other = await residentIn('dine-elsewhere', '星港城', 'someone');
    assert.ok(other);
    const [qy] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select o.id from org_units o join org_units s on o.path like s.path || '%' where s.name = '清远街道' and o.kind = 'compound' order by o.id limit 1`,
    );
    await env.ctx.db.execute(sql`update users set org_unit_id = ${qy!.id} where username = 'dine-elsewhere'`);
    await env.ctx.db.execute(
      sql`update people set tags = array['low_income'], birth_date = '1990-01-01' where id = ${other}`,
    );
    const there = await mine('dine-elsewhere');
    assert.deepEqual(there.canteens, [], '清远街道 has no canteen');
    assert.deepEqual(there.categories, ['low_income']);
    assert.deepEqual(there.meals, []);
  });

  it('is refused to staff, to anonymous callers and to an account without a registered person', async () => {
    for (const username of ['taihe', 'shuibosi', 'admin']) {
      const res = await env.as(username).get('/api/canteens/mine');
      assert.equal(res.statusCode, 403, username);
      assert.equal(error(res).code, 'PERMISSION_DENIED', username);
    }
    const anon = await env.as(null).get('/api/canteens/mine');
    assert.equal(anon.statusCode, 401);
    await residentIn('dine-nobody', '星港城', 'nobody');
    const res = await env.as('dine-nobody').get('/api/canteens/mine');
    assert.equal(res.statusCode, 403);
    assert.equal(error(res).code, 'PERSON_REQUIRED');
  });
});
