import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { createTestEnv, json, type TestEnv } from '../testing/harness.js';
import type { Drill } from '../../shared/assessment.schema.js';
import type { TopicList } from '../../shared/topics.schema.js';
import type { MetricsResponse } from '../../shared/work-orders.schema.js';

/**
 * The demo tells the seeds' month: appeals in all three states (an approved one leaves that unit's rates
 * only), callbacks whose dissatisfied outcome redid the order, the 11 topics in 85 pilot compounds, and the
 * 15.7万 resolved disputes as the ledger of the years before plus the orders closed here.
 */
let env: TestEnv;
const SCALE = 0.004; // the harness's demo scale

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

describe('demo: the assessed month', () => {
  it('has appeals approved, rejected and pending; an approved one is marked and not counted for its unit', async () => {
    const appeals = await queryRows<{
      order_id: string;
      unit_kind: string;
      unit_id: string;
      status: string;
      month: string;
      street_id: string;
    }>(
      env.ctx.db,
      sql`select a.order_id, a.unit_kind, a.unit_id, a.status, to_char(o.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
            (select s.id from org_units s where s.district_id = o.district_id and s.kind in ('street', 'township')
              and o.org_path like s.path || '%') as street_id
          from assessment_appeals a join work_orders o on o.district_id = a.district_id and o.id = a.order_id order by a.id`,
    );
    assert.deepEqual([...new Set(appeals.map((a) => a.status))].sort(), ['approved', 'pending', 'rejected']);
    const approved = appeals.find((a) => a.status === 'approved' && a.unit_kind === 'community')!;
    const month = approved.month;
    const drill = json<Drill>(
      await env
        .as('admin')
        .get(
          `/api/assessment/drill?month=${month}&unitKind=${approved.unit_kind}&unitId=${approved.unit_id}&rate=onTime`,
        ),
    );
    const row = drill.rows.find((r) => r.orderId === approved.order_id);
    assert.ok(row, 'the appealed order is listed behind its unit’s number');
    assert.equal(row.excluded, true);
    assert.equal(drill.value.denominator, drill.rows.filter((r) => !r.excluded).length, 'not in the denominator');
    // the street above it still counts the order: an appeal takes it out of the appealing unit's rates only
    const street = json<Drill>(
      await env
        .as('admin')
        .get(`/api/assessment/drill?month=${month}&unitKind=street&unitId=${approved.street_id}&rate=onTime`),
    );
    assert.equal(street.rows.find((r) => r.orderId === approved.order_id)?.excluded, false);
  });

  it('has callbacks; each dissatisfied one sent its order back as a redo with its own clock', async () => {
    const calls = await queryRows<{ outcome: string; order_id: string; status: string; stage_due_at: string | null }>(
      env.ctx.db,
      sql`select c.outcome, c.order_id, o.status, o.stage_due_at from assessment_callbacks c
          join work_orders o on o.district_id = c.district_id and o.id = c.order_id`,
    );
    assert.ok(calls.length >= 5, `${calls.length} callbacks`);
    const redone = calls.filter((c) => c.outcome === 'dissatisfied');
    assert.ok(redone.length >= 2);
    for (const c of redone) {
      assert.equal(c.status, 'accepted');
      assert.ok(c.stage_due_at, 'the redo has a dispatch deadline');
      const [ev] = await queryRows<{ n: number }>(
        env.ctx.db,
        sql`select count(*)::int as n from work_order_events where order_id = ${c.order_id} and type = 'redo'`,
      );
      assert.equal(ev!.n, 1);
    }
    for (const c of calls.filter((x) => x.outcome !== 'dissatisfied')) assert.equal(c.status, 'closed');
  });

  it('keeps out of the places the test logins work in', async () => {
    const [n] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from (
            select o.org_path from assessment_callbacks c join work_orders o on o.district_id = c.district_id and o.id = c.order_id
            union all select o.org_path from assessment_appeals a join work_orders o on o.district_id = a.district_id and o.id = a.order_id
          ) x join org_units u on x.org_path like u.path || '%' where u.name in ('水泊寺街道', '友谊街社区', '清远街道')`,
    );
    assert.equal(n!.n, 0);
  });

  it('has the seed’s 11 governance topics in 85 pilot compounds', async () => {
    const list = json<TopicList>(await env.as('admin').get('/api/assessment/topics'));
    assert.equal(list.items.length, 11);
    assert.equal(list.pilotCompoundCount, 85);
    assert.deepEqual([...new Set(list.items.map((t) => t.categoryId))].sort(), ['C04', 'C07']);
  });

  it('counts 15.7万 (scaled) resolved disputes: the ledger before the orders plus the orders closed here', async () => {
    const m = json<MetricsResponse>(await env.as('admin').get('/api/work-orders/metrics'));
    const [closed] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from work_orders where status = 'closed' and merged_into is null`,
    );
    assert.equal(m.resolvedDisputes.fromOrders, closed!.n);
    assert.equal(m.resolvedDisputes.ledger?.from, '2021-01-01');
    assert.equal(m.resolvedDisputes.total, Math.max(Math.round(157_000 * SCALE), closed!.n));
    // a street has no ledger of its own: its figure is its orders only
    const street = json<MetricsResponse>(await env.as('shuibosi').get('/api/work-orders/metrics'));
    assert.equal(street.resolvedDisputes.ledger, null);
    assert.equal(street.resolvedDisputes.total, street.resolvedDisputes.fromOrders);
  });
});

describe('demo: every street takes part', () => {
  it('gives 小南头街道, made only of villages, compounds with branches and orders, and a row in the ranking', async () => {
    const rows = await queryRows<{ name: string; compounds: number; covered: number; orders: number }>(
      env.ctx.db,
      sql`select s.name,
            (select count(*)::int from org_units c where c.district_id = s.district_id and c.kind = 'compound'
              and c.path like s.path || '%') as compounds,
            (select count(distinct bc.compound_id)::int from branch_compounds bc join org_units c
              on c.district_id = bc.district_id and c.id = bc.compound_id
              where bc.district_id = s.district_id and c.path like s.path || '%') as covered,
            (select count(*)::int from work_orders o where o.district_id = s.district_id and o.org_path like s.path || '%') as orders
          from org_units s where s.kind in ('street', 'township') order by s.id`,
    );
    assert.equal(rows.length, 18);
    for (const r of rows) {
      assert.ok(r.compounds > 0, `${r.name} has compounds`);
      assert.equal(r.covered, r.compounds, `${r.name}: every compound in a branch`);
      assert.ok(r.orders > 0, `${r.name} has orders`);
    }
    const xnt = rows.find((r) => r.name === '小南头街道')!;
    const [parents] = await queryRows<{ kinds: string[] }>(
      env.ctx.db,
      sql`select array_agg(distinct p.kind order by p.kind) as kinds from org_units c join org_units p
            on p.district_id = c.district_id and p.id = c.parent_id
          join org_units s on s.district_id = c.district_id and s.name = '小南头街道' and c.path like s.path || '%'
          where c.kind = 'compound'`,
    );
    assert.deepEqual(parents!.kinds, ['village'], `小南头's ${xnt.compounds} compounds stand in its villages`);
  });
});
