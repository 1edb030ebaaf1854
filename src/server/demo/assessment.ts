import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { shanghaiDate } from '../lib/time.js';
import { addWorkingDays } from '../lib/working-days.js';
import {
  assessmentAppeals,
  assessmentCallbacks,
  governanceTopicActions,
  governanceTopics,
} from '../modules/assessment/assessment.tables.js';
import { disputeBaselines } from '../modules/work-orders/work-orders.tables.js';
import type { AppealReason, CallbackOutcome } from '../../shared/assessment.constants.js';

/**
 * The month as districts are judged, for the demo (after the work orders, the catalogue and the whistles):
 * - 申诉核减: appeals of communities and departments on last month's closed orders — approved, rejected and
 *   pending — so the ranking shows orders taken out of one unit's rates;
 * - 回访: callbacks of recent 12345 orders (the caller has no account), a few dissatisfied ones sending the
 *   order back as a redo (重办) with its own clock;
 * - 每月一题: two themes (老旧小区房屋安全, 电动车充电与消防通道) as the seed's 11 governance topics in 85
 *   pilot compounds, each with its actions;
 * - the seed's 15.7万 disputes resolved through 小区接单、社区派单、部门兑单: Linli holds one year of orders, so
 *   the years before it are one figure from the district's ledger (assumption: counted from 2021-01-01,
 *   when the mechanism began, to the day before the demo's first order), scaled like the orders.
 * Stays out of the places the test logins work in (水泊寺街道, 友谊街社区, 清远街道), so their lists are as
 * the work-order demo made them; the district sees all of it.
 */
export async function loadDemoAssessment(
  db: Db,
  districtId: string,
  scale: number,
  userId: (username: string) => string | null,
): Promise<string> {
  const now = new Date();
  const admin = userId('admin') ?? 'demo';
  const kept = await queryRows<{ path: string }>(
    db,
    sql`select path from org_units where district_id = ${districtId} and name in ('水泊寺街道', '友谊街社区', '清远街道')`,
  );
  const outside = sql.join(
    kept.map((k) => sql`o.org_path not like ${`${k.path}%`}`),
    sql` and `,
  );
  const notKept = kept.length ? outside : sql`true`;
  const appeals = await loadAppeals(db, districtId, scale, now, admin, notKept);
  const callbacks = await loadCallbacks(db, districtId, scale, now, notKept);
  const topics = await loadTopics(db, districtId, now, admin);
  const baseline = await loadBaseline(db, districtId, scale, admin);
  return `申诉 ${appeals}；回访 ${callbacks.calls} 次（重办 ${callbacks.redos} 件）；${topics}；历史台账 ${baseline} 件`;
}

const hashOf = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);
const monthOf = (d: Date, by: number) => {
  const [y, m] = shanghaiDate(d).slice(0, 7).split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + by;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

const APPEAL_STORIES: { reason: AppealReason; explanation: string }[] = [
  { reason: 'unreasonable_demand', explanation: '诉求人要求物业免除全部欠缴物业费，超出政策规定，已当面解释' },
  { reason: 'duplicate', explanation: '与同一诉求人三天前反映的同一问题重复，已在前一工单中办结' },
  { reason: 'outside_jurisdiction', explanation: '问题位于相邻区的道路上，不属本辖区，已告知诉求人向所属区反映' },
  { reason: 'caller_unreachable', explanation: '三次致电诉求人均未接通，现场核实问题已不存在' },
  { reason: 'resolved_elsewhere', explanation: '诉求已通过社区议事会协商解决，诉求人当场表示认可' },
];

/** Last month's closed orders: about one appeal in thirty, approved half the time, some still pending. */
async function loadAppeals(db: Db, d: string, scale: number, now: Date, admin: string, notKept: SQL) {
  const month = monthOf(now, -1);
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const to = new Date(`${monthOf(now, 0)}-01T00:00:00+08:00`);
  const rows = await queryRows<{
    id: string;
    no: string;
    org_path: string;
    closed_at: string;
    community_id: string;
    community_name: string;
    community_path: string;
    unit_id: string | null;
    unit_name: string | null;
  }>(
    db,
    sql`select o.id, o.no, o.org_path, o.closed_at, c.id as community_id, c.name as community_name, c.path as community_path,
          (select l.work_unit_id from work_order_legs l where l.district_id = o.district_id and l.order_id = o.id
             and l.handler_kind = 'department' order by l.id limit 1) as unit_id,
          (select w.name from work_order_legs l join work_units w on w.district_id = l.district_id and w.id = l.work_unit_id
             where l.district_id = o.district_id and l.order_id = o.id and l.handler_kind = 'department' order by l.id limit 1) as unit_name
        from work_orders o
        join org_units c on c.district_id = o.district_id and c.kind in ('community', 'village') and o.org_path like c.path || '%'
        where o.district_id = ${d} and o.status = 'closed' and o.closed_at >= ${from.toISOString()} and o.closed_at < ${to.toISOString()}
          and ${notKept}
        order by o.no`,
  );
  const want = Math.max(6, Math.round(45 * scale));
  const picked = rows
    .map((r) => ({ r, h: hashOf(r.id) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, want);
  const values = picked.map(({ r, h }, i) => {
    const story = APPEAL_STORIES[h % APPEAL_STORIES.length]!;
    const byDept = r.unit_id !== null && i % 3 === 0;
    const closedAt = new Date(r.closed_at);
    const filedAt = new Date(Math.min(closedAt.getTime() + 26 * 3600_000, now.getTime() - 3600_000));
    const decidedAt = new Date(filedAt.getTime() + 2 * 86_400_000);
    // every fifth waits for the district; of the decided, three in five approved
    const status = i % 5 === 4 || decidedAt > now ? 'pending' : i % 5 < 3 ? 'approved' : 'rejected';
    return {
      districtId: d,
      id: `AP-DEMO-${String(i + 1).padStart(3, '0')}`,
      orderId: r.id,
      unitKind: byDept ? ('department' as const) : ('community' as const),
      unitId: byDept ? r.unit_id! : r.community_id,
      unitName: byDept ? r.unit_name! : r.community_name,
      orgPath: byDept ? r.org_path : r.community_path,
      workUnitId: byDept ? r.unit_id : null,
      reason: story.reason,
      explanation: story.explanation,
      evidence: [],
      status: status as 'pending' | 'approved' | 'rejected',
      filedBy: 'demo',
      filedByName: byDept ? `${r.unit_name} 工作人员` : `${r.community_name} 工作人员`,
      filedAt,
      deadlineAt: addWorkingDays(closedAt, 3),
      decidedBy: status === 'pending' ? null : admin,
      decidedByName: status === 'pending' ? null : '区级管理员（平城区）',
      decidedAt: status === 'pending' ? null : decidedAt,
      decisionNote:
        status === 'approved'
          ? '经核实属实，予以核减'
          : status === 'rejected'
            ? '现场照片显示问题仍存在，不予核减，请继续办理'
            : null,
    };
  });
  if (values.length) await db.insert(assessmentAppeals).values(values).onConflictDoNothing();
  const n = (s: string) => values.filter((v) => v.status === s).length;
  return `${values.length} 件（核减 ${n('approved')}、驳回 ${n('rejected')}、待审 ${n('pending')}）`;
}

/**
 * The most recently closed 12345 orders (three for each callback, at least 10 callbacks — at a small scale
 * that reaches back further than a few weeks, so the count does not hang on the day the demo is loaded):
 * most callers reached and satisfied, some unreachable on a first try, and the dissatisfied ones (the
 * most recent, called back since) redone.
 */
async function loadCallbacks(db: Db, d: string, scale: number, now: Date, notKept: SQL) {
  const want = Math.max(10, Math.round(150 * scale));
  const rows = await queryRows<{
    id: string;
    org_path: string;
    closed_at: string;
    category_id: string;
    version: number;
  }>(
    db,
    sql`select o.id, o.org_path, o.closed_at, o.category_id, o.version from work_orders o
        where o.district_id = ${d} and o.status = 'closed' and o.channel = 'hotline_12345'
          and o.closed_at < ${new Date(now.getTime() - 2 * 3600_000).toISOString()}
          and ${notKept}
          and not exists (select 1 from assessment_appeals a where a.district_id = o.district_id and a.order_id = o.id)
        order by o.closed_at desc, o.no limit ${want * 3}`,
  );
  const picked = rows
    .map((r) => ({ r, h: hashOf(`cb${r.id}`) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, want);
  // the most recently closed get the dissatisfied outcomes, so each redo's new clock is still running
  const byRecent = [...picked].sort((a, b) => Date.parse(b.r.closed_at) - Date.parse(a.r.closed_at));
  const redoIds = new Set(byRecent.slice(0, Math.max(2, Math.round(picked.length / 12))).map((p) => p.r.id));
  const callers = ['区12345回访专员 张', '区12345回访专员 刘', '区12345回访专员 陈'];
  const values: (typeof assessmentCallbacks.$inferInsert)[] = [];
  let redos = 0;
  for (const [i, { r, h }] of picked.entries()) {
    const closedAt = new Date(r.closed_at);
    const calledAt = new Date(Math.min(closedAt.getTime() + (4 + (h % 40)) * 3600_000, now.getTime() - 30 * 60_000));
    const outcome: CallbackOutcome = redoIds.has(r.id)
      ? 'dissatisfied'
      : h % 10 < 6
        ? 'satisfied'
        : h % 10 < 8
          ? 'basically_satisfied'
          : 'unreachable';
    const id = `CB-DEMO-${String(i + 1).padStart(4, '0')}`;
    values.push({
      districtId: d,
      id,
      orderId: r.id,
      orgPath: r.org_path,
      outcome,
      resolved: outcome === 'unreachable' ? null : outcome !== 'dissatisfied',
      note:
        outcome === 'dissatisfied'
          ? '诉求人表示问题反复出现，要求重新处理'
          : outcome === 'unreachable'
            ? '无人接听'
            : null,
      calledBy: 'demo',
      calledByName: callers[h % callers.length]!,
      calledAt,
      closedAt,
    });
    if (outcome !== 'dissatisfied') continue;
    // 重办 as the callback service does it: back to 待派单 with its own dispatch deadline, the event on the timeline
    const due = addWorkingDays(calledAt, 1);
    await db.transaction(async (tx) => {
      await tx.execute(sql`update work_orders set status = 'accepted', closed_at = null, closed_on_time = null,
          escalated_for_due_at = null, stage_due_at = ${due.toISOString()}, due_at = ${due.toISOString()},
          updated_at = ${calledAt.toISOString()}, version = version + 1
        where district_id = ${d} and id = ${r.id}`);
      await tx.execute(sql`insert into work_order_events (district_id, order_id, at, actor_name, actor_role, type, note, data)
        values (${d}, ${r.id}, ${calledAt.toISOString()}, ${callers[h % callers.length]!}, 'district_admin', 'redo',
          '回访不满意：诉求人表示问题反复出现，要求重新处理',
          ${JSON.stringify({ callbackId: id, dueAt: due.toISOString() })}::jsonb)`);
    });
    redos++;
  }
  if (values.length) await db.insert(assessmentCallbacks).values(values).onConflictDoNothing();
  return { calls: values.length, redos };
}

interface Theme {
  categoryId: string;
  sourceKind: 'cluster' | 'community';
  monthsAgo: number;
  owners: string[];
  topics: { title: string; pilots: number; actions: [string, string][] }[];
}

/** 每月一题: the seed's 11 topics in 85 compounds, from two months' themes. */
const THEMES: Theme[] = [
  {
    categoryId: 'C04',
    sourceKind: 'cluster',
    monthsAgo: 5,
    owners: ['区住建局', '区房产服务中心', '各街道办事处'],
    topics: [
      {
        title: '老旧小区围墙开裂倾斜治理',
        pilots: 9,
        actions: [
          ['围墙安全排查建档', '区住建局'],
          ['危墙拆除重砌', '物业企业'],
        ],
      },
      {
        title: '外墙瓷砖脱落隐患整治',
        pilots: 8,
        actions: [
          ['外墙空鼓检测', '区房产服务中心'],
          ['设置警示隔离带', '社区'],
        ],
      },
      {
        title: '楼顶防水层修缮',
        pilots: 8,
        actions: [
          ['屋面渗漏普查', '物业企业'],
          ['维修资金申请', '业委会'],
        ],
      },
      {
        title: '地下室渗水与积水治理',
        pilots: 8,
        actions: [
          ['排水泵站检修', '物业企业'],
          ['地下室清淤', '社区'],
        ],
      },
      {
        title: '楼道墙体裂缝鉴定与加固',
        pilots: 7,
        actions: [
          ['房屋安全鉴定', '区住建局'],
          ['裂缝加固', '物业企业'],
        ],
      },
      {
        title: '阳台护栏锈蚀更换',
        pilots: 7,
        actions: [
          ['护栏逐户排查', '网格员'],
          ['统一更换护栏', '物业企业'],
        ],
      },
    ],
  },
  {
    categoryId: 'C07',
    sourceKind: 'cluster',
    monthsAgo: 3,
    owners: ['区消防救援大队', '各街道办事处', '物业企业'],
    topics: [
      {
        title: '电动车楼道充电整治',
        pilots: 9,
        actions: [
          ['电梯加装电动车阻车器', '物业企业'],
          ['建设集中充电棚', '社区'],
        ],
      },
      {
        title: '飞线充电清理',
        pilots: 8,
        actions: [
          ['夜间巡查飞线', '网格员'],
          ['入户宣传', '党员中心户'],
        ],
      },
      {
        title: '消防通道占用治理',
        pilots: 8,
        actions: [
          ['施划消防通道标线', '物业企业'],
          ['占道车辆劝离', '社区'],
        ],
      },
      {
        title: '灭火器过期更换',
        pilots: 7,
        actions: [
          ['灭火器台账', '物业企业'],
          ['统一更换', '物业企业'],
        ],
      },
      {
        title: '楼道堆物清理',
        pilots: 6,
        actions: [
          ['楼道堆物集中清理日', '社区'],
          ['楼栋长日常劝导', '楼栋党小组'],
        ],
      },
    ],
  },
];

/**
 * Pilots are the compounds with the most orders of the theme's category in the six months before it began,
 * distinct across topics. The orders are left as the work-order demo made them: the effect shown is what
 * the data give, not a story written into them.
 */
async function loadTopics(db: Db, d: string, now: Date, admin: string): Promise<string> {
  const used = new Set<string>();
  let topics = 0;
  for (const theme of THEMES) {
    const start = monthOf(now, -theme.monthsAgo);
    const startAt = new Date(`${start}-01T00:00:00+08:00`);
    const before = new Date(`${monthOf(now, -theme.monthsAgo - 6)}-01T00:00:00+08:00`);
    const ranked = await queryRows<{ id: string; n: number }>(
      db,
      sql`select c.id, count(o.id)::int as n from org_units c
          left join work_orders o on o.district_id = c.district_id and o.compound_id = c.id and o.category_id = ${theme.categoryId}
            and o.created_at >= ${before.toISOString()} and o.created_at < ${startAt.toISOString()}
          where c.district_id = ${d} and c.kind = 'compound'
          group by c.id order by count(o.id) desc, c.id`,
    );
    const free = ranked.map((r) => r.id).filter((id) => !used.has(id));
    const [cat] = await queryRows<{ name: string }>(
      db,
      sql`select name from work_order_categories where district_id = ${d} and id = ${theme.categoryId}`,
    );
    for (const [i, tp] of theme.topics.entries()) {
      const pilots = free.splice(0, tp.pilots);
      pilots.forEach((p) => used.add(p));
      const id = `TOPIC-DEMO-${theme.categoryId}-${i + 1}`;
      await db
        .insert(governanceTopics)
        .values({
          districtId: d,
          id,
          title: tp.title,
          description: `${start} 每月一题「${cat?.name ?? theme.categoryId}」：${tp.title}，在 ${pilots.length} 个小区试点，未诉先办。`,
          orgPath: '',
          categoryId: theme.categoryId,
          sourceKind: theme.sourceKind,
          sourceKey: tp.title,
          startMonth: start,
          pilotCompoundIds: pilots,
          owners: theme.owners,
          status: 'active',
          createdBy: admin,
          createdAt: startAt,
          updatedAt: startAt,
        })
        .onConflictDoNothing();
      await db
        .insert(governanceTopicActions)
        .values(
          tp.actions.map(([title, owner], k) => ({
            districtId: d,
            id: `${id}-A${k + 1}`,
            topicId: id,
            title,
            owner,
            dueDate: shanghaiDate(new Date(startAt.getTime() + (k + 1) * 45 * 86_400_000)),
            status: k === 0 ? ('done' as const) : theme.monthsAgo > 4 ? ('doing' as const) : ('planned' as const),
          })),
        )
        .onConflictDoNothing();
      topics++;
    }
  }
  // the district root's path, so a topic is read as the district's
  await db.execute(sql`update governance_topics t set org_path = u.path from org_units u
    where t.district_id = ${d} and t.org_path = '' and u.district_id = t.district_id and u.kind = 'district'`);
  return `治理课题 ${topics} 个，试点小区 ${used.size} 个`;
}

/** 15.7万 at scale 1: the years before the demo's orders as one ledger figure, the rest counted from the orders. */
async function loadBaseline(db: Db, d: string, scale: number, admin: string): Promise<number> {
  const [o] = await queryRows<{ first: string | null; closed: number }>(
    db,
    sql`select min(created_at) as first, count(*) filter (where status = 'closed')::int as closed
        from work_orders where district_id = ${d}`,
  );
  const [root] = await queryRows<{ id: string }>(
    db,
    sql`select id from org_units where district_id = ${d} and kind = 'district'`,
  );
  if (!o?.first || !root) return 0;
  const until = shanghaiDate(new Date(Date.parse(o.first) - 86_400_000));
  const count = Math.max(0, Math.round(157_000 * scale) - o.closed);
  await db
    .insert(disputeBaselines)
    .values({
      districtId: d,
      orgUnitId: root.id,
      countedFrom: '2021-01-01',
      countedUntil: until,
      count,
      source: '区矛盾纠纷多元化解台账（平台上线前，小区接单、社区派单、部门兑单化解的纠纷合计）',
      recordedBy: admin,
    })
    .onConflictDoNothing();
  return count;
}
