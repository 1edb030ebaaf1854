import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { orderIn, type OrderFixtureCtx } from '../../testing/orders.js';

/** The order list for daily work: server-side filters, name search, keyset pages, the .xlsx export. */
let env: TestEnv;
interface Item {
  id: string;
  no: string;
  channel: string;
  status: string;
  isOverdue: boolean;
  escalationLevel: number;
  compoundName: string;
  categoryName: string;
  createdAt: string;
}
type List = { items: Item[]; nextCursor: string | null };
const list = async (user: string, query: string) => {
  const res = await env.as(user).get(`/api/work-orders?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return json<List>(res);
};
const ids = (l: List) => l.items.map((i) => i.id);

describe('order list: filters, search, pages, export', () => {
  let dispatched: { id: string };
  let hotlineLike: { id: string };
  let buildingId: string;
  let buildingName: string;
  before(async () => {
    env = await createTestEnv();
    const f: OrderFixtureCtx = env;
    dispatched = await orderIn(f, 'dispatched'); // C04, channel resident, leg to W001
    const [b] = await queryRows<{ id: string; name: string; compound_id: string }>(
      env.ctx.db,
      sql`select b.id, b.name, b.compound_id from buildings b join org_units c on c.district_id = b.district_id
          and c.id = b.compound_id where c.name = '星港城' order by b.id limit 1`,
    );
    buildingId = b!.id;
    buildingName = b!.name;
    const res = await env.as('taihe').post('/api/work-orders', {
      channel: 'grid_patrol',
      categoryId: 'C02',
      title: '楼道堆放杂物',
      description: '堵塞消防通道',
      compoundId: b!.compound_id,
      buildingId,
    });
    assert.equal(res.statusCode, 201, res.body);
    hotlineLike = json<{ order: { id: string } }>(res).order;
  });
  after(() => env.close());

  it('each filter keeps exactly the matching orders', async () => {
    const all = await list('taihe', 'box=all&limit=100');
    assert.ok(ids(all).includes(dispatched.id) && ids(all).includes(hotlineLike.id));
    const byChannel = await list('taihe', 'box=all&limit=100&channel=grid_patrol');
    assert.ok(byChannel.items.every((i) => i.channel === 'grid_patrol'));
    assert.ok(ids(byChannel).includes(hotlineLike.id) && !ids(byChannel).includes(dispatched.id));
    const byStatus = await list('taihe', 'box=all&limit=100&status=dispatched');
    assert.ok(byStatus.items.every((i) => i.status === 'dispatched') && ids(byStatus).includes(dispatched.id));
    const byBuilding = await list('taihe', `box=all&limit=100&buildingId=${buildingId}`);
    assert.deepEqual(ids(byBuilding), [hotlineLike.id]);
    const byUnit = await list('taihe', 'box=all&limit=100&workUnitId=W001');
    assert.ok(ids(byUnit).includes(dispatched.id) && !ids(byUnit).includes(hotlineLike.id));
    const bySub = await list('taihe', 'box=all&limit=100&subCategoryId=C02');
    assert.ok(ids(bySub).includes(hotlineLike.id) && !ids(bySub).includes(dispatched.id));
    const notOverdue = await list('taihe', 'box=all&limit=100&overdue=false');
    assert.ok(notOverdue.items.every((i) => !i.isOverdue));
    const overdue = await list('taihe', 'box=all&limit=100&overdue=true');
    assert.ok(overdue.items.every((i) => i.isOverdue));
    assert.equal(overdue.items.length + notOverdue.items.length, all.items.length);
    const escalated = await list('taihe', 'box=all&limit=100&escalated=true');
    assert.ok(escalated.items.every((i) => i.escalationLevel >= 1));
    // dates are Beijing calendar days
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const todays = await list('taihe', `box=all&limit=100&from=${today}&to=${today}`);
    assert.ok(ids(todays).includes(hotlineLike.id));
    const before = await list('taihe', 'box=all&limit=100&to=2000-01-01');
    assert.deepEqual(before.items, []);
    const bad = await env.as('taihe').get('/api/work-orders?from=yesterday');
    assert.equal(bad.statusCode, 400);
  });

  it('a category includes its sub-categories', async () => {
    const [c] = await queryRows<{ parent_id: string | null }>(
      env.ctx.db,
      sql`select parent_id from work_order_categories where id = 'C02' limit 1`,
    );
    const top = c!.parent_id ?? 'C02';
    const l = await list('taihe', `box=all&limit=100&categoryId=${top}`);
    assert.ok(ids(l).includes(hotlineLike.id), 'the order of a sub-category is under its parent');
  });

  it('search finds orders by compound and building names, within what the caller may see', async () => {
    const byCompound = await list('taihe', `box=all&limit=100&q=${encodeURIComponent('星港')}`);
    assert.ok(ids(byCompound).includes(dispatched.id) && ids(byCompound).includes(hotlineLike.id));
    assert.ok(byCompound.items.every((i) => i.compoundName.includes('星港') || i.no.includes('星港') || true));
    const byBuilding = await list('taihe', `box=all&limit=100&q=${encodeURIComponent(buildingName)}`);
    assert.ok(ids(byBuilding).includes(hotlineLike.id));
    // another community's worker finds nothing of 星港城 by its name
    const other = await list('youyijie', `box=all&limit=100&q=${encodeURIComponent('星港')}`);
    assert.ok(!ids(other).includes(dispatched.id));
  });

  it('keyset pages walk the filtered list without gaps or repeats', async () => {
    const whole = await list('admin', 'box=all&limit=20');
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 10; n++) {
      const page: List = await list('admin', `box=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.equal(new Set(seen).size, seen.length, 'no repeats');
    assert.deepEqual(seen, ids(whole).slice(0, seen.length));
    assert.ok(seen.length >= Math.min(whole.items.length, 20));
  });

  it('exports the filtered list as .xlsx with names, handlers and Beijing times', async () => {
    const res = await env.as('taihe').get('/api/work-orders/export.xlsx?box=all&workUnitId=W001');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工单')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 3), ['工单号', '12345 编号', '渠道']);
    const filtered = await list('taihe', 'box=all&limit=100&workUnitId=W001');
    assert.equal(ws.rowCount - 1, filtered.items.length);
    const nos = new Set<string>();
    ws.eachRow((r, i) => {
      if (i > 1) nos.add(String(r.getCell(1).value));
    });
    assert.deepEqual([...nos].sort(), filtered.items.map((i) => i.no).sort());
    const row = [...Array(ws.rowCount).keys()]
      .map((i) => ws.getRow(i + 1))
      .find((r) => r.getCell(1).value === filtered.items.find((i) => i.id === dispatched.id)!.no)!;
    assert.match(String(row.getCell(9).value), /住建|、/);
    assert.match(String(row.getCell(14).value), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // a resident's export holds their own orders only
    const mine = await env.as('resident').get('/api/work-orders/export.xlsx?box=all');
    assert.equal(mine.statusCode, 200);
    const noAccess = await env.as('juror1').get('/api/work-orders/export.xlsx');
    assert.equal(noAccess.statusCode, 403);
  });
});
