import type { Db } from '../db/client.js';
import { shanghaiDate } from '../lib/time.js';
import { catalogueEntries, catalogueVersions } from '../modules/catalogue/catalogue.tables.js';
import { CATEGORIES } from './work-orders.js';

/**
 * 派单目录 for the demo: the first version (a year ago) copies the categories' old defaults — 住建局 (W001)
 * for 安全隐患 and 房产服务中心 (W002) for 装修. The seed's case (星港城, a floor slab taken out during
 * renovation) needed 住建局 for the structural check with 房产服务中心 on site, and cracked walls go to
 * 房产服务中心's house-safety staff: the second version (60 days ago) says so, with the reason.
 */
export async function loadDemoCatalogue(db: Db, districtId: string): Promise<string> {
  const now = new Date();
  const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
  const handler = (c: (typeof CATEGORIES)[number]) => ({
    handlerKind: c.handler,
    workUnitId: c.handler === 'department' ? c.unit : null,
  });
  const v1 = CATEGORIES.map((c) => ({ categoryId: c.id, handlers: [handler(c)], handleDays: c.days }));
  const v2 = v1.map((e) =>
    e.categoryId === 'C04'
      ? { ...e, handlers: [{ handlerKind: 'department' as const, workUnitId: 'W002' }] }
      : e.categoryId === 'C05'
        ? {
            ...e,
            handlers: [
              { handlerKind: 'department' as const, workUnitId: 'W001' },
              { handlerKind: 'department' as const, workUnitId: 'W002' },
            ],
          }
        : e,
  );
  const versions = [
    { id: 'CAT-V1', on: addDays(now, -400), reason: '按诉求分类的默认承办方建立派单目录', entries: v1 },
    {
      id: 'CAT-V2',
      on: addDays(now, -60),
      reason:
        '星港城楼板拆除工单：装修拆改结构由住建局牵头鉴定、房产服务中心配合；墙体开裂等房屋安全隐患改由房产服务中心承办',
      entries: v2,
    },
  ];
  for (const v of versions) {
    await db
      .insert(catalogueVersions)
      .values({
        districtId,
        id: v.id,
        effectiveFrom: shanghaiDate(v.on),
        reason: v.reason,
        createdBy: null,
        createdByName: '区级管理员',
        createdAt: v.on,
      })
      .onConflictDoNothing();
    await db
      .insert(catalogueEntries)
      .values(v.entries.map((e) => ({ districtId, versionId: v.id, ...e })))
      .onConflictDoNothing();
  }
  return `${versions.length} 个版本，${v2.length} 条`;
}
