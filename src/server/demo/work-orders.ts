import { sql } from 'drizzle-orm';
import { copyRows, type CopyValue } from '../db/bulk.js';
import { queryRows, type Database } from '../db/client.js';
import { addWorkingDays, shanghaiDate } from '../lib/working-days.js';
import { workOrderCategories } from '../modules/work-orders/work-orders.tables.js';
import type { Random } from './random.js';

/**
 * A year of work orders for the demo, so the inbox and metrics are alive: ≈14,000 orders over the
 * last 12 months at scale 1 (12345, residents, grid patrols …), most closed with ratings, some open
 * and overdue, plus last year's 12345 volume so the year-on-year change reproduces the seed (−37.7%).
 */
export const CATEGORIES: {
  id: string;
  name: string;
  handler: 'community' | 'property' | 'owners_committee' | 'department';
  unit: string | null;
  days: number;
  titles: string[];
}[] = [
  {
    id: 'C01',
    name: '供水供暖',
    handler: 'property',
    unit: null,
    days: 3,
    titles: ['暖气不热', '楼道水管漏水', '停水未通知', '供暖管道噪音大'],
  },
  {
    id: 'C02',
    name: '环境卫生',
    handler: 'community',
    unit: null,
    days: 3,
    titles: ['垃圾清运不及时', '楼道堆放杂物', '绿化带杂草丛生', '化粪池堵塞'],
  },
  {
    id: 'C03',
    name: '物业服务',
    handler: 'property',
    unit: null,
    days: 5,
    titles: ['电梯经常故障', '单元门禁损坏', '物业费公示不清', '路灯不亮'],
  },
  {
    id: 'C04',
    name: '安全隐患',
    handler: 'department',
    unit: 'W001',
    days: 5,
    titles: ['围墙开裂倾斜', '外墙瓷砖脱落', '楼顶防水层破损', '地下室渗水'],
  },
  {
    id: 'C05',
    name: '装修',
    handler: 'department',
    unit: 'W002',
    days: 5,
    titles: ['装修拆改承重结构', '装修噪音扰民', '装修垃圾乱堆'],
  },
  {
    id: 'C06',
    name: '市容',
    handler: 'department',
    unit: 'W003',
    days: 5,
    titles: ['占道经营', '违章搭建', '流动摊点', '广告牌破损'],
  },
  {
    id: 'C07',
    name: '消防',
    handler: 'department',
    unit: 'W004',
    days: 3,
    titles: ['电动车楼道充电', '消防通道被占', '灭火器过期'],
  },
  {
    id: 'C08',
    name: '市场监管',
    handler: 'department',
    unit: 'W005',
    days: 5,
    titles: ['小区超市价格不明', '食品过期'],
  },
  {
    id: 'C09',
    name: '邻里纠纷',
    handler: 'community',
    unit: null,
    days: 5,
    titles: ['楼上漏水纠纷', '宠物扰民', '停车位纠纷'],
  },
  {
    id: 'C10',
    name: '其他',
    handler: 'community',
    unit: null,
    days: 5,
    titles: ['健身器材损坏', '咨询政策', '建议增设休息座椅'],
  },
];
const CHANNEL_MIX: [string, number][] = [
  ['hotline_12345', 45],
  ['resident', 25],
  ['grid_patrol', 20],
  ['party_household', 5],
  ['joint_meeting', 3],
  ['station', 2],
];
const RATINGS = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 2, 1];
const HOTLINE_CHANGE = -0.377;

export async function loadDemoWorkOrders(
  database: Database,
  districtId: string,
  rng: Random,
  scale: number,
): Promise<number> {
  const db = database.db;
  await db
    .insert(workOrderCategories)
    .values(
      CATEGORIES.map((c) => ({
        districtId,
        id: c.id,
        name: c.name,
        defaultHandler: c.handler,
        defaultWorkUnitId: c.unit,
        handleDays: c.days,
      })),
    )
    .onConflictDoNothing();
  const compounds = await queryRows<{ id: string; path: string; name: string; address: string | null }>(
    db,
    sql`select id, path, name, address from org_units where district_id = ${districtId} and kind = 'compound' order by id`,
  );
  const channels = CHANNEL_MIX.flatMap(([c, w]) => Array<string>(w).fill(c));
  const now = Date.now();
  const yearMs = 365 * 86400_000;
  const total = Math.max(200, Math.round(14_000 * scale));
  const orders: CopyValue[][] = [];
  const legs: CopyValue[][] = [];
  const events: CopyValue[][] = [];
  const seqByDay = new Map<string, number>();
  let hotlineSeq = 0;
  const nextNo = (at: Date) => {
    const day = shanghaiDate(at).replaceAll('-', '');
    const n = (seqByDay.get(day) ?? 0) + 1;
    seqByDay.set(day, n);
    return `WO${day}${String(n).padStart(4, '0')}`;
  };
  const iso = (t: number) => new Date(t).toISOString();
  const ev = (
    orderId: string,
    at: number,
    type: string,
    note: string | null,
    actorRole: string,
    data: Record<string, unknown> | null = null,
  ) =>
    events.push([
      districtId,
      orderId,
      iso(at),
      actorRole === 'system' ? '系统' : null,
      actorRole,
      type,
      note,
      data ? JSON.stringify(data) : null,
    ]);

  // The sign-for delay comes from the leg's id, not from rng, so adding 签收 left every other demo figure as it was.
  const legHash = (legId: string) => parseInt(legId.replaceAll('-', '').slice(-7), 16);
  const signDelay = (legId: string) => {
    const h = legHash(legId);
    return (h % 7 === 0 ? 26 + (h % 30) : 0.5 + (h % 12) / 2) * 3600_000;
  };

  const addOrder = (createdAt: number, channel: string, forceClosed: boolean) => {
    const cat = rng.pick(CATEGORIES);
    const compound = rng.pick(compounds);
    const id = rng.uuid();
    const at = new Date(createdAt);
    const hotlineNo =
      channel === 'hotline_12345'
        ? `SX12345-${shanghaiDate(at).replaceAll('-', '')}-${String(++hotlineSeq).padStart(6, '0')}`
        : null;
    const title = rng.pick(cat.titles);
    const age = now - createdAt;
    // the older the order, the further along it is
    const stage =
      forceClosed || age > 20 * 86400_000
        ? 4
        : age > 8 * 86400_000
          ? rng.int(2, 4)
          : age > 2 * 86400_000
            ? rng.int(1, 3)
            : rng.int(0, 2);
    let t = createdAt;
    ev(
      id,
      t,
      channel === 'hotline_12345' ? 'imported' : 'created',
      title,
      channel === 'hotline_12345' ? 'system' : 'grid_worker',
    );
    let status = 'new';
    let stageDue: number | null = addWorkingDays(at, 1).getTime();
    let late = false;
    let rating: number | null = null;
    let closedAt: number | null = null;
    let escalation = 0;
    const orderLegs: { id: string; due: number; fulfilledAt: number | null; kind: string; unit: string | null }[] = [];
    if (stage >= 1) {
      t += rng.int(1, 20) * 3600_000;
      late ||= t > stageDue!;
      ev(id, t, 'accepted', null, 'grid_worker');
      status = 'accepted';
      stageDue = addWorkingDays(new Date(t), 1).getTime();
    }
    if (stage >= 2) {
      t += rng.int(1, 26) * 3600_000;
      late ||= t > stageDue!;
      const due = addWorkingDays(new Date(t), cat.days).getTime();
      const handlers: { kind: string; unit: string | null }[] = [{ kind: cat.handler, unit: cat.unit }];
      if (cat.handler === 'department' && rng.chance(0.15)) handlers.push({ kind: 'property', unit: null });
      for (const h of handlers) {
        const legId = rng.uuid();
        orderLegs.push({ id: legId, due, fulfilledAt: null, kind: h.kind, unit: h.unit });
        legs.push([districtId, legId, id, h.kind, h.unit, 'open', iso(due), null, null, '[]', null, iso(t), null]);
      }
      ev(id, t, 'dispatched', null, 'community_worker', { legs: handlers });
      // 签收: most legs within a few hours, about one in seven a day or two late; some recent ones still wait
      for (const [i, l] of orderLegs.entries()) {
        const signAt = t + signDelay(l.id);
        if (stage === 2 && (signAt > now || legHash(l.id) % 10 >= 7)) continue;
        legs[legs.length - orderLegs.length + i]![12] = iso(signAt);
        const role = l.kind === 'department' ? 'department_staff' : 'community_worker';
        ev(id, signAt, 'signed', null, role, { legId: l.id, workUnitId: l.unit, handlerKind: l.kind });
      }
      status = 'dispatched';
      stageDue = null;
    }
    if (stage >= 3) {
      for (const [i, l] of orderLegs.entries()) {
        // never before its 签收
        const done = Math.max(
          t + rng.int(4, cat.days * 30) * 3600_000 * (rng.chance(0.08) ? 3 : 1),
          t + signDelay(l.id) + 3600_000,
        );
        l.fulfilledAt = done;
        late ||= done > l.due;
        const row = legs[legs.length - orderLegs.length + i]!;
        row[5] = 'fulfilled';
        row[8] = '已现场处理完毕';
        row[10] = iso(done);
        ev(
          id,
          done,
          'fulfilled',
          '已现场处理完毕',
          cat.handler === 'department' ? 'department_staff' : 'community_worker',
          { legId: l.id },
        );
      }
      t = Math.max(...orderLegs.map((l) => l.fulfilledAt!));
      status = 'fulfilled';
      stageDue = addWorkingDays(new Date(t), 3).getTime();
    }
    if (stage >= 4) {
      t += rng.int(2, 60) * 3600_000;
      rating = rng.pick(RATINGS);
      closedAt = Math.min(t, now - 60_000);
      ev(id, closedAt, 'confirmed', null, 'resident', { rating });
      ev(id, closedAt, 'closed', null, 'community_worker', { onTime: !late });
      status = 'closed';
      stageDue = null;
    }
    const openLegDues = status === 'dispatched' ? orderLegs.map((l) => l.due) : [];
    const dueAt =
      status === 'closed' ? null : Math.min(...[stageDue, ...openLegDues].filter((x): x is number => x !== null));
    if (status !== 'closed' && dueAt !== null && dueAt < now) {
      escalation = 1;
      late = true;
    }
    if (late && status === 'closed') escalation = rng.chance(0.3) ? 1 : 0;
    orders.push([
      districtId,
      id,
      nextNo(at),
      hotlineNo,
      channel,
      cat.id,
      title,
      `${compound.name}：${title}，请尽快处理。`,
      compound.id,
      compound.path,
      compound.address,
      null,
      null,
      status,
      stageDue ? iso(stageDue) : null,
      dueAt !== null && Number.isFinite(dueAt) ? iso(dueAt) : null,
      escalation,
      escalation > 0 && dueAt !== null && Number.isFinite(dueAt) ? iso(dueAt) : null,
      rating,
      closedAt ? iso(closedAt) : null,
      closedAt ? !late : null,
      iso(createdAt),
      iso(t),
    ]);
  };

  for (let i = 0; i < total; i++) addOrder(now - rng.next() * yearMs, rng.pick(channels), false);
  // Last year's 12345 volume over the same span of the calendar year, for the year-on-year figure.
  const localNow = new Date(now + 8 * 3600_000);
  const yearStart = Date.UTC(localNow.getUTCFullYear(), 0, 1) - 8 * 3600_000;
  const lastYearStart = Date.UTC(localNow.getUTCFullYear() - 1, 0, 1) - 8 * 3600_000;
  const thisYearHotline = orders.filter(
    (o) => o[4] === 'hotline_12345' && Date.parse(o[21] as string) >= yearStart,
  ).length;
  const lastYearCount = Math.round(thisYearHotline / (1 + HOTLINE_CHANGE));
  const span = now - yearStart;
  for (let i = 0; i < lastYearCount; i++) addOrder(lastYearStart + rng.next() * span, 'hotline_12345', true);

  const ORDER_COLUMNS = [
    'district_id',
    'id',
    'no',
    'hotline_no',
    'channel',
    'category_id',
    'title',
    'description',
    'compound_id',
    'org_path',
    'address',
    'reporter_name',
    'reporter_phone_masked',
    'status',
    'stage_due_at',
    'due_at',
    'escalation_level',
    'escalated_for_due_at',
    'rating',
    'closed_at',
    'closed_on_time',
    'created_at',
    'updated_at',
  ];
  await copyRows(database, [
    { table: 'work_orders', columns: ORDER_COLUMNS, rows: orders },
    {
      table: 'work_order_legs',
      columns: [
        'district_id',
        'id',
        'order_id',
        'handler_kind',
        'work_unit_id',
        'status',
        'due_at',
        'paused_at',
        'result',
        'evidence',
        'fulfilled_at',
        'created_at',
        'signed_at',
      ],
      rows: legs,
    },
    {
      table: 'order_number_counters',
      columns: ['district_id', 'day', 'last'],
      rows: [...seqByDay].map(([day, n]): CopyValue[] => [districtId, day, n]),
    },
    {
      table: 'work_order_events',
      columns: ['district_id', 'order_id', 'at', 'actor_name', 'actor_role', 'type', 'note', 'data'],
      rows: events,
    },
  ]);
  return orders.length;
}
