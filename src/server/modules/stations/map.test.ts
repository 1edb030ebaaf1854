import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../config.js';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId, orderIn } from '../../testing/orders.js';
import type { MapConfig, MapPlaces } from '../../../shared/stations.schema.js';
import { convexHull } from './map.service.js';

// The map's points in the caller's scope, with the open and overdue orders per compound.
let env: TestEnv;
let xinggang: string;
const places = async (user: string) => {
  const res = await env.as(user).get('/api/map/places');
  assert.equal(res.statusCode, 200, `${user}: ${res.body}`);
  return json<MapPlaces>(res);
};
const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('map: places in scope, orders per compound, no tiles by default', () => {
  before(async () => {
    env = await createTestEnv();
    xinggang = await compoundId(env.ctx.db);
  });
  after(() => env.close());

  it('counts open and overdue orders per compound as the orders list counts them', async () => {
    const before = (await places('admin')).compounds.find((c) => c.id === xinggang)!;
    const a = await orderIn(env, 'new');
    await orderIn(env, 'accepted');
    await orderIn(env, 'closed');
    await env.ownerDatabase.db.execute(
      sql`update work_orders set due_at = now() - interval '1 hour' where id = ${a.id}`,
    );
    const admin = await places('admin');
    const now = admin.compounds.find((c) => c.id === xinggang)!;
    assert.equal(now.openOrders, before.openOrders + 2);
    assert.equal(now.overdueOrders, before.overdueOrders + 1);
    const [truth] = await queryRows<{ open: number; overdue: number }>(
      env.ownerDatabase.db,
      sql`select count(*)::int as open, (count(*) filter (where due_at < now()))::int as overdue from work_orders
        where compound_id = ${xinggang} and status <> 'closed' and merged_into is null`,
    );
    assert.deepEqual({ open: now.openOrders, overdue: now.overdueOrders }, truth);
    assert.equal(admin.hasOrders, true);
    const [located] = await queryRows<{ n: number }>(
      env.ownerDatabase.db,
      sql`select count(*)::int as n from place_locations where kind = 'compound'`,
    );
    assert.equal(admin.compounds.length, located!.n, 'the district admin sees every located compound');
    assert.ok(admin.stations.length > 0);
    assert.ok(admin.outline.length >= 3, 'an outline generated from the points');
    assert.ok(admin.streets.length >= 1);
    // each street's outline carries its name, for the label; 小南头街道 (villages only) is on the map too
    const [names] = await queryRows<{ names: string[] }>(
      env.ownerDatabase.db,
      sql`select array_agg(name) as names from org_units where id in (${sql.join(
        admin.streets.map((s) => sql`${s.id}`),
        sql`, `,
      )})`,
    );
    assert.deepEqual(admin.streets.map((s) => s.name).sort(), [...names!.names].sort());
    assert.ok(admin.streets.some((s) => s.name === '小南头街道'));
  });

  it('keeps to each role’s scope', async () => {
    const taihe = await places('taihe');
    assert.ok(taihe.compounds.some((c) => c.id === xinggang));
    const other = await places('youyijie');
    assert.ok(other.compounds.length > 0);
    assert.ok(!other.compounds.some((c) => c.id === xinggang), 'another community does not see 星港城');
    const adminCount = (await places('admin')).compounds.length;
    assert.ok(taihe.compounds.length < adminCount);
    // a resident counts only the orders they reported
    const [own] = await queryRows<{ n: number }>(
      env.ownerDatabase.db,
      sql`select count(*)::int as n from work_orders o join users u on u.district_id = o.district_id and u.id = o.reporter_user_id
        where u.username = 'resident' and o.compound_id = ${xinggang} and o.status <> 'closed' and o.merged_into is null`,
    );
    const resident = await places('resident');
    assert.equal(resident.compounds.find((c) => c.id === xinggang)?.openOrders ?? 0, own!.n);
    // a social worker reads stations but no orders: no counts to show
    const sw = await places('qingyuan-sw');
    assert.equal(sw.hasOrders, false);
    assert.ok(sw.compounds.every((c) => c.openOrders === 0 && c.overdueOrders === 0));
    for (const user of ['juror1', 'agent', 'guodong']) {
      const res = await env.as(user).get('/api/map/places');
      assert.equal(res.statusCode, 403, user);
      assert.equal(errorCode(res.body), 'PERMISSION_DENIED');
    }
    const anon = await env.as(null).get('/api/map/places');
    assert.equal(anon.statusCode, 401);
  });

  it('serves no tile source unless the deployment configures one', async () => {
    assert.deepEqual(json<MapConfig>(await env.as('juror1').get('/api/map/config')), { tiles: null });
    const tiles = loadConfig({
      LINLI_MAP_TILES: 'https://t0.tianditu.gov.cn/vec_w/{z}/{x}/{y}',
      LINLI_MAP_ATTRIBUTION: '天地图',
    });
    assert.deepEqual(tiles.mapTiles, { url: 'https://t0.tianditu.gov.cn/vec_w/{z}/{x}/{y}', attribution: '天地图' });
    assert.throws(() => loadConfig({ LINLI_MAP_TILES: 'ftp://x/{z}' }), /LINLI_MAP_TILES/);
    assert.equal(loadConfig({}).mapTiles, null);
  });

  it('draws a hull around the points', () => {
    const hull = convexHull([
      [0, 0],
      [0, 2],
      [2, 2],
      [2, 0],
      [1, 1],
    ]);
    assert.equal(hull.length, 4);
    assert.ok(!hull.some(([a, b]) => a === 1 && b === 1));
  });
});
