import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { shanghaiDate } from '../lib/time.js';
import { whistleSummons, whistles } from '../modules/whistles/whistles.tables.js';

/**
 * 吹哨报到 for the demo: 水泊寺街道 summons 住建局 and 城管局 to 星港城 and 碧水云天河湾, and 太和社区
 * summons 住建局 once. Four whistles, whatever the scale: two closed and rated (住建局 on time twice;
 * 城管局 late once and absent once), two open for the coming days. Times are whole minutes in Beijing time,
 * counted from today so the figures fall in this month and last.
 */
export async function loadDemoWhistles(
  db: Db,
  districtId: string,
  userId: (username: string) => string | null,
): Promise<string> {
  const places = await queryRows<{ id: string; name: string; path: string; parent_id: string }>(
    db,
    sql`select id, name, path, parent_id from org_units where district_id = ${districtId} and kind = 'compound'
      and name in ('星港城', '碧水云天河湾')`,
  );
  const units = await queryRows<{ id: string; name: string; path: string }>(
    db,
    sql`select id, name, path from org_units where district_id = ${districtId} and name in ('水泊寺街道', '太和社区')`,
  );
  const depts = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from work_units where district_id = ${districtId} and name in ('平城区住房和城乡建设局', '平城区城市管理局')`,
  );
  const place = (n: string) => places.find((p) => p.name === n);
  const unit = (n: string) => units.find((u) => u.name === n);
  const zj = depts.find((d) => d.name === '平城区住房和城乡建设局')?.id;
  const cg = depts.find((d) => d.name === '平城区城市管理局')?.id;
  const street = unit('水泊寺街道');
  const community = unit('太和社区');
  if (!place('星港城') || !place('碧水云天河湾') || !street || !community || !zj || !cg)
    return '跳过（缺少小区或部门）';
  const today = shanghaiDate(new Date());
  /** Beijing time `hh:mm` on the day `days` from today. */
  const at = (days: number, hhmm: string) =>
    new Date(new Date(`${today}T${hhmm}:00+08:00`).getTime() + days * 86_400_000);
  const min = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
  interface Plan {
    id: string;
    title: string;
    problem: string;
    reason: string;
    place: string;
    owner: typeof street;
    by: string;
    byName: string;
    onSite: Date;
    closed: string | null;
    summons: {
      unit: string;
      checkIn: number | null;
      action?: string;
      rating?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
      comment?: string;
    }[];
  }
  const streetBy = { owner: street, by: 'shuibosi', byName: '水泊寺街道 王主任' };
  const plans: Plan[] = [
    {
      id: 'WH-DEMO-1',
      title: '星港城地下室楼板被拆除，结构安全待鉴定',
      problem: '3 号楼一户装修时拆除了地下室与一层之间的楼板，楼上住户担心结构安全；物业和社区劝阻无效。',
      reason: '涉及房屋结构鉴定和违法拆改查处，街道无执法权，须住建、城管联合到场',
      place: '星港城',
      ...streetBy,
      onSite: at(-12, '09:00'),
      closed: '住建局现场鉴定并下达整改通知，城管局责令停工；业主已恢复楼板，社区跟进回访。',
      summons: [
        {
          unit: zj,
          checkIn: -10,
          action: '现场查看楼板拆除情况，委托鉴定机构检测，下达限期整改通知书。',
          rating: 'satisfied',
          comment: '提前到场，处置专业',
        },
        {
          unit: cg,
          checkIn: 55,
          action: '责令施工队停工，暂扣施工工具。',
          rating: 'basically_satisfied',
          comment: '迟到近一小时',
        },
      ],
    },
    {
      id: 'WH-DEMO-2',
      title: '碧水云天河湾小区门口占道经营、私搭棚子',
      problem: '小区东门外早市摊点占用消防通道，有人搭建彩钢棚，居民多次投诉。',
      reason: '占道与违建须城管执法，棚子是否占用规划绿地须住建确认',
      place: '碧水云天河湾',
      ...streetBy,
      onSite: at(-40, '14:30'),
      closed: '住建局确认棚子占用绿地；城管局未到场，街道另行移交执法。',
      summons: [
        { unit: zj, checkIn: 20, action: '核对规划图纸，确认彩钢棚占用绿地，出具意见。', rating: 'satisfied' },
        { unit: cg, checkIn: null, rating: 'dissatisfied', comment: '未按约定到场' },
      ],
    },
    {
      id: 'WH-DEMO-3',
      title: '星港城外墙瓷砖脱落，需联合排查',
      problem: '5 号楼外墙瓷砖大面积空鼓，昨日脱落一块砸坏车辆。',
      reason: '外墙安全隐患排查须住建局到场，人行道临时围挡须城管局配合',
      place: '星港城',
      ...streetBy,
      onSite: at(1, '09:30'),
      closed: null,
      summons: [
        { unit: zj, checkIn: null },
        { unit: cg, checkIn: null },
      ],
    },
    {
      id: 'WH-DEMO-4',
      title: '星港城楼顶防水层破损漏水',
      problem: '7 号楼顶层多户反映雨后漏水，维修资金使用需住建部门指导。',
      reason: '维修资金申请与施工监管须住建局到场指导',
      place: '星港城',
      owner: community,
      by: 'taihe',
      byName: '太和社区 李社工',
      onSite: at(3, '15:00'),
      closed: null,
      summons: [{ unit: zj, checkIn: null }],
    },
  ];
  for (const p of plans) {
    const c = place(p.place)!;
    const closedAt = p.closed ? min(p.onSite, 6 * 60) : null;
    await db
      .insert(whistles)
      .values({
        districtId,
        id: p.id,
        title: p.title,
        problem: p.problem,
        reason: p.reason,
        compoundId: c.id,
        orgPath: c.path,
        orderId: null,
        ownerUnitId: p.owner!.id,
        ownerPath: p.owner!.path,
        ownerName: p.owner!.name,
        onSiteAt: p.onSite,
        graceMinutes: 30,
        status: p.closed ? 'closed' : 'open',
        openedBy: userId(p.by),
        openedByName: p.byName,
        openedAt: min(p.onSite, -2 * 24 * 60),
        closedBy: p.closed ? userId(p.by) : null,
        closedByName: p.closed ? p.byName : null,
        closedAt,
        closeNote: p.closed,
        version: p.closed ? 5 : 1,
      })
      .onConflictDoNothing();
    await db
      .insert(whistleSummons)
      .values(
        p.summons.map((s) => ({
          districtId,
          whistleId: p.id,
          workUnitId: s.unit,
          checkedInAt: s.checkIn === null ? null : min(p.onSite, s.checkIn),
          checkedInBy: s.checkIn === null ? null : s.unit === zj ? userId('zhujian') : null,
          checkedInByName: s.checkIn === null ? null : s.unit === zj ? '区住建局 刘科长' : '区城管局 执法队',
          action: s.action ?? null,
          actionAt: s.action && s.checkIn !== null ? min(p.onSite, s.checkIn + 90) : null,
          rating: s.rating ?? null,
          ratingComment: s.comment ?? null,
          ratedAt: s.rating ? min(closedAt!, 10) : null,
        })),
      )
      .onConflictDoNothing();
  }
  return `${plans.length} 件（水泊寺街道召集住建局、城管局）`;
}
