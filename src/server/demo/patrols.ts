import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { shanghaiDate } from '../lib/time.js';
import { patrolCompounds, patrolFindings, patrols } from '../modules/patrols/patrols.tables.js';
import { workOrderEvents } from '../modules/work-orders/work-orders.tables.js';

/**
 * 网格巡查 for the demo: the last month of xinggang's walks through 星港城 — two days in three, mornings, each
 * with a route; findings put right on the spot (a blocked fire lane, bins overflowing, a loose cover), and the
 * 星港城 orders registered by grid patrol in that month linked to the finding that raised them. Deterministic
 * in everything but the dates, which are counted back from today like the rest of the demo.
 */
const ROUTES = [
  '东门—1号楼—3号楼—地下车库—西门',
  '南门—中心广场—5号楼—垃圾分类点',
  '北门—2号楼—4号楼—消防通道—物业中心',
];
const RESOLVED: { categoryId: string; description: string; resolution: string }[] = [
  { categoryId: 'C07', description: '消防通道被两辆电动车堵住', resolution: '联系车主当场挪走，通道已畅通' },
  { categoryId: 'C02', description: '垃圾分类点其他垃圾桶满溢', resolution: '通知保洁当场清运，桶已清空' },
  { categoryId: 'C04', description: '3号楼门前井盖松动', resolution: '物业当场固定井盖并设置提示' },
  { categoryId: 'C06', description: '小区东门外小广告张贴', resolution: '当场清理' },
  { categoryId: 'C07', description: '5号楼楼道堆放纸箱杂物', resolution: '劝导住户当场清理' },
];
const DAYS = 30;

export async function loadDemoPatrols(db: Db, districtId: string): Promise<number> {
  const [who] = await queryRows<{ user_id: string; name: string; compound_id: string; path: string }>(
    db,
    sql`select u.id as user_id, u.display_name as name, c.id as compound_id, c.path
      from users u join org_units c on c.district_id = u.district_id and c.id = u.org_unit_id
      where u.district_id = ${districtId} and u.username = 'xinggang'`,
  );
  if (!who) return 0;
  const now = new Date();
  const orders = await queryRows<{ id: string; category_id: string; description: string; created_at: Date }>(
    db,
    sql`select id, category_id, description, created_at from work_orders
      where district_id = ${districtId} and compound_id = ${who.compound_id} and channel = 'grid_patrol'
        and created_at > ${new Date(now.getTime() - DAYS * 86_400_000)} order by created_at`,
  );
  let n = 0;
  let resolvedSeq = 0;
  for (let back = DAYS; back >= 1; back--) {
    if (back % 3 === 0) continue;
    const day = new Date(now.getTime() - back * 86_400_000);
    const start = new Date(`${shanghaiDate(day)}T09:00:00+08:00`);
    const end = new Date(start.getTime() + (50 + (back % 4) * 10) * 60_000);
    const id = `DEMO-PATROL-${String(back).padStart(2, '0')}`;
    await db
      .insert(patrols)
      .values({
        districtId,
        id,
        orgPath: who.path,
        workerUserId: who.user_id,
        workerName: who.name,
        status: 'finished',
        startedAt: start,
        endedAt: end,
        routeNote: ROUTES[back % ROUTES.length]!,
      })
      .onConflictDoNothing();
    await db
      .insert(patrolCompounds)
      .values({ districtId, patrolId: id, compoundId: who.compound_id })
      .onConflictDoNothing();
    n++;
    // findings: one on two days in three of the walks, plus the orders raised that day
    const findings: (typeof patrolFindings.$inferInsert)[] = [];
    if (back % 2 === 1) {
      const r = RESOLVED[resolvedSeq++ % RESOLVED.length]!;
      findings.push({
        districtId,
        id: `${id}-F1`,
        patrolId: id,
        compoundId: who.compound_id,
        categoryId: r.categoryId,
        description: r.description,
        outcome: 'resolved',
        resolution: r.resolution,
        createdBy: who.user_id,
        createdAt: new Date(start.getTime() + 20 * 60_000),
      });
    }
    for (const o of orders.filter((x) => shanghaiDate(x.created_at) === shanghaiDate(start))) {
      findings.push({
        districtId,
        id: `${id}-${o.id.slice(0, 8)}`,
        patrolId: id,
        compoundId: who.compound_id,
        categoryId: o.category_id,
        description: o.description,
        outcome: 'order',
        orderId: o.id,
        createdBy: who.user_id,
        createdAt: o.created_at,
      });
      await db.insert(workOrderEvents).values({
        districtId,
        orderId: o.id,
        at: o.created_at,
        actorUserId: who.user_id,
        actorName: who.name,
        actorRole: 'grid_worker',
        type: 'patrol_finding',
        data: { patrolId: id, workerName: who.name, patrolDate: shanghaiDate(start), compoundName: '星港城' },
      });
    }
    if (findings.length) await db.insert(patrolFindings).values(findings).onConflictDoNothing();
  }
  return n;
}
