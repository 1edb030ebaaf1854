import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import type { Role } from '../modules/access/access.policy.js';
import { DEFAULT_CRITERIA } from '../../shared/service-purchase.constants.js';
import { OCID_PREFIX } from '../modules/service-purchase/rounds.service.js';
import {
  finalScoreOf,
  gradeOf,
  jurorTotal,
  leadCriterion,
  rankProposals,
} from '../modules/service-purchase/scoring.rules.js';
import {
  purchaseContracts,
  purchaseDeliveries,
  purchaseJurors,
  purchaseMilestones,
  purchaseNeeds,
  purchaseObjections,
  purchaseOrgs,
  purchaseProposals,
  purchaseRecusals,
  purchaseRoundAmendments,
  purchaseRounds,
  purchaseScores,
} from '../modules/service-purchase/service-purchase.tables.js';
import { Random } from './random.js';

/**
 * The seed's 2nd round of 平城区 government purchase of services (2025 in the demo's timeline):
 * call published 10-15 by the recruiting agent 大同市毅源力社会组织发展中心, deadline 10-24, 155
 * proposals, 95 through preliminary screening, roadshow on 11-10/11 (effectiveness, team potential,
 * project potential; five jurors, highest and lowest dropped), public notice, then 62 contracts signed
 * by 12 streets and 1 township — 东街街道 the most, 13 (tai chi, calligraphy and painting, handicrafts).
 * A year of delivery follows: activity records, tranches released on accepted evidence, evaluations.
 *
 * The seed's signatories are named as they were then; 平城区 has since merged streets, so each keeps
 * its name on the contract and is linked to today's successor for scope (see BUYERS).
 */
export const PURCHASE_DEMO_USERS: { id: string; username: string; role: Role; displayName: string }[] = [
  {
    id: 'U-AGENT',
    username: 'agent',
    role: 'purchase_agent',
    displayName: '大同市毅源力社会组织发展中心（项目招募方）',
  },
  { id: 'U-JUROR1', username: 'juror1', role: 'juror', displayName: '评审专家 王建国' },
  { id: 'U-JUROR2', username: 'juror2', role: 'juror', displayName: '评审专家 李秀兰' },
  { id: 'U-JUROR3', username: 'juror3', role: 'juror', displayName: '评审专家 张志强' },
  { id: 'U-JUROR4', username: 'juror4', role: 'juror', displayName: '评审专家 刘海燕' },
  { id: 'U-JUROR5', username: 'juror5', role: 'juror', displayName: '评审专家 陈立新' },
  { id: 'U-HUIMIN', username: 'huimin', role: 'social_org', displayName: '大同市平城区惠民社会工作服务中心' },
];

/** [name on the contract, kind, today's street, awarded projects]: 12 streets + 1 township, 62 in all. */
const BUYERS: [string, 'street' | 'township', string, number][] = [
  ['东街街道', 'street', '古城街道', 13],
  ['西街街道', 'street', '古城街道', 5],
  ['南街街道', 'street', '古城街道', 4],
  ['北街街道', 'street', '古城街道', 4],
  ['新建南路街道', 'street', '新华街道', 5],
  ['新华街道', 'street', '新华街道', 6],
  ['大庆路街道', 'street', '大庆路街道', 4],
  ['新旺街道', 'street', '新旺街道', 3],
  ['振华街道', 'street', '振华街道', 4],
  ['开源街道', 'street', '开源街道', 3],
  ['御河街道', 'street', '御河街道', 4],
  ['永泰街道', 'street', '永泰街道', 3],
  ['水泊寺乡', 'township', '水泊寺街道', 4],
];
export const SEED_ROUND = {
  received: 155,
  screened: 95,
  shortlisted: 63,
  contracted: 62,
  streets: 12,
  townships: 1,
  dongjie: 13,
} as const;

const DONGJIE_TITLES: [string, string][] = [
  ['太极拳进社区', '太极拳'],
  ['老年太极养生班', '太极拳'],
  ['太极扇晨练队', '太极拳'],
  ['社区书画课堂', '书画'],
  ['书法艺术进万家', '书画'],
  ['国画兴趣班', '书画'],
  ['少儿书画培训', '书画'],
  ['手工编织坊', '手工艺'],
  ['剪纸非遗传承', '手工艺'],
  ['布艺手工课堂', '手工艺'],
  ['面塑手工艺体验', '手工艺'],
  ['老年书法研习社', '书画'],
  ['太极拳骨干培训', '太极拳'],
];
const OTHER_TITLES: [string, string][] = [
  ['中医健康讲座', '健康'],
  ['中医养生进社区', '健康'],
  ['老年助餐服务', '为老服务'],
  ['独居老人关爱', '为老服务'],
  ['儿童课后托管', '儿童'],
  ['四点半课堂', '儿童'],
  ['青少年心理辅导', '心理'],
  ['家庭教育指导', '家庭'],
  ['法律咨询进社区', '法律'],
  ['智能手机教学', '为老服务'],
  ['广场舞队培训', '文体'],
  ['社区合唱团', '文体'],
  ['残疾人康复支持', '助残'],
  ['邻里互助网络', '社区营造'],
  ['垃圾分类宣传', '环境'],
  ['社区志愿者培育', '社区营造'],
  ['反诈宣传', '平安'],
  ['消防安全教育', '平安'],
  ['新就业群体关爱', '社区营造'],
  ['阅读推广', '文体'],
];
const FAIL_REASONS = [
  '预算明细不完整，未列明人员经费与活动经费',
  '缺少以往服务的成效与资金使用证明',
  '服务对象不在平城区',
  '团队成员资质不符合申报条件',
  '项目内容与社区需求不符',
  '申报材料缺少盖章的承诺书',
];
const ORG_WORDS = [
  '和谐',
  '同心',
  '阳光',
  '善行',
  '爱邻',
  '乐龄',
  '启航',
  '暖心',
  '晨曦',
  '春晖',
  '德馨',
  '明德',
  '怡康',
  '民和',
  '守望',
  '仁爱',
  '益民',
  '向阳',
  '恒心',
  '知行',
];
const ORG_KINDS = [
  '社会工作服务中心',
  '志愿服务协会',
  '文化艺术协会',
  '养老服务中心',
  '青少年发展中心',
  '公益服务中心',
];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 with a valid GB 32100 check character: 52 = 民政 / 社会服务机构, then the district code. */
function creditCode(rng: Random): string {
  const body = `52140213MJ${Array.from({ length: 7 }, () => CREDIT_CHARS[rng.int(0, 9)]).join('')}`;
  const sum = [...body].reduce((s, ch, i) => s + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i]!, 0);
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

const at = (s: string) => new Date(`${s}+08:00`);
const ELIGIBILITY =
  '在平城区或大同市依法登记、具有独立法人资格的社会组织；近两年无违法违规记录；有相应的专业服务团队和以往服务成效。';
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

export async function loadDemoServicePurchase(
  database: Database,
  districtId: string,
  _shared: Random,
): Promise<string> {
  const db = database.db;
  const rng = new Random(20251015);
  const units = await queryRows<{ id: string; name: string; kind: string; path: string; parent_id: string | null }>(
    db,
    sql`select id, name, kind, path, parent_id from org_units
    where district_id = ${districtId} and kind in ('street', 'township', 'community', 'village') order by id`,
  );
  const streetByName = new Map(
    units.filter((u) => u.kind === 'street' || u.kind === 'township').map((u) => [u.name, u]),
  );
  const communitiesOf = (streetId: string) => units.filter((u) => u.parent_id === streetId && u.kind === 'community');
  const allStreets = [...streetByName.values()].filter((s) => communitiesOf(s.id).length > 0);
  if (allStreets.length === 0) return '跳过（无街道数据）';

  // Organisations: 60 applicants plus the 惠民 demo account's own.
  const orgs = Array.from({ length: 60 }, (_, i) => ({
    districtId,
    id: `ORG${String(i + 1).padStart(3, '0')}`,
    name: `大同市平城区${ORG_WORDS[i % ORG_WORDS.length]}${ORG_KINDS[Math.floor(i / ORG_WORDS.length) % ORG_KINDS.length]}`,
    creditCode: creditCode(rng),
    legalRep: `${rng.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄'])}${rng.pick(['静', '伟', '芳', '敏', '强', '磊', '洋', '艳'])}`,
    intro: '在平城区登记的社会服务机构，长期在社区开展专业服务。',
    accountUserId: null as string | null,
  }));
  orgs.push({
    districtId,
    id: 'ORG-HUIMIN',
    name: '大同市平城区惠民社会工作服务中心',
    creditCode: creditCode(rng),
    legalRep: '周慧敏',
    intro: '专注社区文化与为老服务，曾承接首届购买服务项目 3 个。',
    accountUserId: 'U-HUIMIN',
  });
  await db.insert(purchaseOrgs).values(orgs);

  // Needs surveyed by the communities (调查民情、征求民意) before the call.
  const needs = units
    .filter((u) => u.kind === 'community')
    .filter((_, i) => i % 2 === 0)
    .map((c, i) => {
      const [title, category] =
        c.parent_id === streetByName.get('古城街道')?.id
          ? DONGJIE_TITLES[i % DONGJIE_TITLES.length]!
          : OTHER_TITLES[i % OTHER_TITLES.length]!;
      return {
        districtId,
        id: `NEED-${String(i + 1).padStart(3, '0')}`,
        communityId: c.id,
        orgPath: c.path,
        title: `居民希望开展${title}`,
        description: `入户走访和居民议事会征集：${title}，服务社区居民。`,
        category,
        residents: rng.int(30, 400),
        createdBy: null,
        createdAt: at(`2025-09-${String(rng.int(1, 28)).padStart(2, '0')}T10:00:00`),
      };
    });
  await db.insert(purchaseNeeds).values(needs);

  const roundId = 'R2025-02';
  const criteria = DEFAULT_CRITERIA;
  const jurors = PURCHASE_DEMO_USERS.filter((u) => u.role === 'juror');
  await db.insert(purchaseRounds).values({
    districtId,
    id: roundId,
    ocid: `${OCID_PREFIX}-${districtId}-2025-02`,
    year: 2025,
    title: '平城区第二届政府向社会力量购买服务项目申报通知',
    scope:
      '面向平城区各街道（乡）、社区居民的文化体育、健康养老、儿童青少年、社区营造等服务项目；项目意向由各社区调查民情、征求民意形成。',
    eligibility: ELIGIBILITY,
    budgetCents: 300_000_000,
    status: 'awarded',
    publishedAt: at('2025-10-15T09:00:00'),
    deadlineAt: at('2025-10-24T23:59:59'),
    criteria,
    dropHighLow: true,
    places: SEED_ROUND.shortlisted,
    passScore: 60,
    noticeDays: 5,
    scoringOpenedAt: at('2025-11-10T08:30:00'),
    noticeStartsAt: at('2025-11-12T09:00:00'),
    noticeEndsAt: at('2025-11-17T09:00:00'),
    awardedAt: at('2025-11-18T10:00:00'),
    createdBy: 'U-AGENT',
    createdAt: at('2025-10-10T15:00:00'),
  });
  // 更正公告 no. 1 (an assumption, not in the seed): two days after the call, applicants registered with the
  // city rather than the district asked whether they may apply; the agent widened the eligibility a week
  // before the deadline (≥ 5 days, so the deadline stands). The round above holds the amended text.
  await db.insert(purchaseRoundAmendments).values({
    districtId,
    id: 'R2025-02-A1',
    roundId,
    seq: 1,
    rationale:
      '多家在大同市民政局登记的社会组织咨询能否申报；为扩大参与面，申报主体由“在平城区依法登记”扩大为“在平城区或大同市依法登记”。',
    changes: [
      {
        field: 'eligibility',
        before:
          '在平城区依法登记、具有独立法人资格的社会组织；近两年无违法违规记录；有相应的专业服务团队和以往服务成效。',
        after: ELIGIBILITY,
      },
    ],
    amendedBy: 'U-AGENT',
    amendedByName: PURCHASE_DEMO_USERS[0]!.displayName,
    amendedAt: at('2025-10-17T10:00:00'),
  });
  await db.insert(purchaseJurors).values(
    jurors.map((j) => ({
      districtId,
      roundId,
      userId: j.id,
      name: j.displayName,
      assignedAt: at('2025-11-05T10:00:00'),
    })),
  );

  // 63 strong proposals (62 awarded by BUYERS + one later disqualified on an objection), 32 weaker that pass screening, 60 that fail it.
  interface Plan {
    buyer: [string, 'street' | 'township', string, number] | null;
    street: { id: string; name: string; kind: string; path: string };
    title: string;
    category: string;
    strong: boolean;
    screened: boolean;
  }
  const plans: Plan[] = [];
  for (const b of BUYERS) {
    const street = streetByName.get(b[2]);
    if (!street) continue;
    for (let i = 0; i < b[3]; i++) {
      const [title, category] =
        b[0] === '东街街道' ? DONGJIE_TITLES[i % DONGJIE_TITLES.length]! : rng.pick(OTHER_TITLES);
      plans.push({ buyer: b, street, title, category, strong: true, screened: true });
    }
  }
  const xinhua = streetByName.get('新华街道') ?? allStreets[0]!;
  plans.push({
    buyer: null,
    street: xinhua,
    title: '社区老年大学',
    category: '为老服务',
    strong: true,
    screened: true,
  });
  while (plans.length < SEED_ROUND.screened) {
    const [title, category] = rng.pick(OTHER_TITLES);
    plans.push({ buyer: null, street: rng.pick(allStreets), title, category, strong: false, screened: true });
  }
  while (plans.length < SEED_ROUND.received) {
    const [title, category] = rng.pick([...OTHER_TITLES, ...DONGJIE_TITLES]);
    plans.push({ buyer: null, street: rng.pick(allStreets), title, category, strong: false, screened: false });
  }
  const order = rng.shuffle(plans.map((_, i) => i));

  const proposals: (typeof purchaseProposals.$inferInsert)[] = [];
  const scores: (typeof purchaseScores.$inferInsert)[] = [];
  const recusals: (typeof purchaseRecusals.$inferInsert)[] = [];
  const ranked: {
    proposal: { id: string; budgetCents: number; submittedAt: Date; no: string };
    finalScore: number;
    firstCriterionMean: number;
    plan: Plan;
  }[] = [];
  const lead = leadCriterion(criteria);
  let huiminLeft = 3;
  for (const [n, idx] of order.entries()) {
    const plan = plans[idx]!;
    const id = `P2025-${String(n + 1).padStart(4, '0')}`;
    const no = `P${String(n + 1).padStart(4, '0')}`;
    const comms = communitiesOf(plan.street.id);
    const targets = rng.shuffle([...comms]).slice(0, Math.min(comms.length, rng.int(1, 3)));
    const staff = rng.int(1, 3) * 500_000;
    const activity = rng.int(10, 40) * 100_000;
    const material = rng.int(2, 10) * 100_000;
    const budgetLines = [
      { item: '人员经费', amountCents: staff },
      { item: '活动经费', amountCents: activity },
      { item: '物料与宣传', amountCents: material },
    ];
    // The 惠民 demo account holds three of 东街街道's awarded projects, so its pages have a live delivery to show.
    const isHuimin =
      plan.buyer?.[0] === '东街街道' &&
      huiminLeft > 0 &&
      ['太极拳进社区', '社区书画课堂', '手工编织坊'].includes(plan.title);
    if (isHuimin) huiminLeft--;
    const submittedAt = at(
      `2025-10-${String(rng.int(15, 24)).padStart(2, '0')}T${String(rng.int(8, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`,
    );
    const prefix = plan.buyer?.[0] === '东街街道' ? '东街' : plan.street.name.replace(/街道|乡$/, '');
    proposals.push({
      districtId,
      id,
      roundId,
      orgId: isHuimin ? 'ORG-HUIMIN' : orgs[rng.int(0, 59)]!.id,
      no,
      title: `${prefix}${plan.title}项目`,
      category: plan.category,
      summary: `面向${targets.map((t) => t.name).join('、')}居民开展${plan.title}，每月不少于 2 次集中活动，培养社区骨干，形成可持续的居民自组织。`,
      team: [
        { name: '项目负责人', role: '统筹', qualification: '中级社会工作师' },
        { name: '专业老师', role: '授课' },
        { name: '社工助理', role: '组织与记录' },
      ],
      budgetLines,
      budgetCents: staff + activity + material,
      pastDelivery: rng.chance(0.7) ? '承接首届购买服务项目，服务居民 1,200 余人次，资金使用经审计无问题。' : '',
      streetId: plan.street.id,
      targetCommunityIds: targets.map((t) => t.id),
      targetPaths: targets.map((t) => t.path),
      status: 'submitted',
      screening: plan.screened ? 'pass' : 'fail',
      screeningReason: plan.screened ? null : rng.pick(FAIL_REASONS),
      screenedAt: at('2025-10-30T17:00:00'),
      submittedAt,
    });
    if (!plan.screened) continue;
    const recused = rng.chance(0.04) ? rng.pick(jurors).id : null;
    const own: { total: number; scores: Record<string, number>; jurorUserId: string }[] = [];
    for (const [ji, j] of jurors.entries()) {
      if (j.id === recused) {
        recusals.push({
          districtId,
          proposalId: id,
          jurorUserId: j.id,
          roundId,
          reason: '曾为该社会组织提供督导服务',
          createdAt: at('2025-11-10T08:40:00'),
        });
        continue;
      }
      const s: Record<string, number> = {};
      for (const c of criteria) s[c.key] = plan.strong ? rng.int(80, 96) : rng.int(55, 76);
      const total = jurorTotal(criteria, s);
      own.push({ total, scores: s, jurorUserId: j.id });
      scores.push({
        districtId,
        id: `${id}-S${ji + 1}`,
        roundId,
        proposalId: id,
        jurorUserId: j.id,
        version: 1,
        scores: s,
        total,
        comment: '',
        isCurrent: true,
        submittedAt: at(
          `2025-11-${n % 2 ? '11' : '10'}T${String(9 + (n % 8)).padStart(2, '0')}:${String(10 + ji * 7).padStart(2, '0')}:00`,
        ),
      });
    }
    const f = finalScoreOf(criteria, true, own);
    ranked.push({
      proposal: { id, budgetCents: staff + activity + material, submittedAt, no },
      finalScore: f.final,
      firstCriterionMean: f.means[lead.key] ?? 0,
      plan,
    });
  }
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const ordered = rankProposals(ranked);
  for (const [i, r] of ordered.entries()) {
    const p = byId.get(r.proposal.id)!;
    p.finalScore = r.finalScore;
    p.rank = i + 1;
    p.result =
      i < SEED_ROUND.shortlisted && r.finalScore >= 60
        ? r.plan.buyer
          ? 'recommended'
          : 'disqualified'
        : 'not_recommended';
  }
  for (let i = 0; i < proposals.length; i += 200)
    await db.insert(purchaseProposals).values(proposals.slice(i, i + 200));
  for (let i = 0; i < scores.length; i += 200) await db.insert(purchaseScores).values(scores.slice(i, i + 200));
  if (recusals.length) await db.insert(purchaseRecusals).values(recusals);

  const disqualified = proposals.find((p) => p.result === 'disqualified')!;
  await db.insert(purchaseObjections).values([
    {
      districtId,
      id: 'OBJ-2025-1',
      roundId,
      proposalId: disqualified.id,
      filedByUserId: null,
      filedByName: '居民 赵先生',
      content: '该项目书所述“首届服务 1,200 人次”与社区台账不符。',
      filedAt: at('2025-11-13T10:20:00'),
      answer: '经核查社区台账，以往服务人次虚报，异议成立，取消推荐。',
      upheld: true,
      answeredBy: 'U-AGENT',
      answeredAt: at('2025-11-15T16:00:00'),
    },
    {
      districtId,
      id: 'OBJ-2025-2',
      roundId,
      proposalId: null,
      filedByUserId: null,
      filedByName: '某社会组织',
      content: '希望公布各项目的评审得分。',
      filedAt: at('2025-11-14T09:00:00'),
      answer: '各项目最终得分与排名已随公示一并公布；单个专家评分不公开。',
      upheld: false,
      answeredBy: 'U-AGENT',
      answeredAt: at('2025-11-14T15:00:00'),
    },
  ]);

  // Contracts: signed in the days after the award, 东街街道's at its signing ceremony on 11-24; a year of service from 12-01.
  const contracts: (typeof purchaseContracts.$inferInsert)[] = [];
  const milestones: (typeof purchaseMilestones.$inferInsert)[] = [];
  const deliveries: (typeof purchaseDeliveries.$inferInsert)[] = [];
  const winners = ordered.filter((r) => byId.get(r.proposal.id)!.result === 'recommended');
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, w] of winners.entries()) {
    const p = byId.get(w.proposal.id)!;
    const buyer = w.plan.buyer!;
    const id = `C2025-${String(i + 1).padStart(3, '0')}`;
    const signedOn = buyer[0] === '东街街道' ? '2025-11-24' : `2025-11-${String(rng.int(19, 23))}`;
    const completed = i % 8 === 3;
    const amount = p.budgetCents!;
    const t1 = Math.round(amount * 0.4);
    const t2 = Math.round(amount * 0.3);
    contracts.push({
      districtId,
      id,
      roundId,
      proposalId: p.id,
      orgId: p.orgId!,
      no: `HT2025-${String(i + 1).padStart(3, '0')}`,
      title: p.title!,
      buyerUnitId: w.plan.street.id,
      buyerName: buyer[0],
      buyerKind: buyer[1],
      orgPath: w.plan.street.path,
      targetPaths: p.targetPaths!,
      amountCents: amount,
      status: completed ? 'completed' : 'signed',
      signedAt: at(`${signedOn}T10:00:00`),
      periodStart: '2025-12-01',
      periodEnd: '2026-11-30',
      createdAt: at('2025-11-18T10:00:00'),
      ...(completed
        ? {
            evaluationScore: 80 + (i % 15),
            evaluationGrade: gradeOf(80 + (i % 15)),
            evaluationComment: '活动记录完整，居民满意度高，资金使用规范。',
            evaluatedAt: at('2026-11-20T15:00:00'),
          }
        : {}),
    });
    const plan = [
      { title: '签约启动：服务方案与团队到位', dueOn: '2025-12-15', tranche: t1, met: '2025-12-10' },
      { title: '中期：完成半年服务计划', dueOn: '2026-05-31', tranche: t2, met: i % 6 === 5 ? null : '2026-06-12' },
      {
        title: '终期：完成全年服务并提交总结',
        dueOn: '2026-11-30',
        tranche: amount - t1 - t2,
        met: completed ? '2026-11-18' : null,
      },
    ];
    plan.forEach((m, k) => {
      const accepted = m.met !== null && m.met <= today;
      const submitted = !accepted && k === 1;
      milestones.push({
        districtId,
        id: `${id}-M${k + 1}`,
        contractId: id,
        seq: k + 1,
        title: m.title,
        dueOn: m.dueOn,
        trancheCents: m.tranche,
        status: accepted ? 'accepted' : submitted ? 'submitted' : 'pending',
        evidence: accepted || submitted ? '活动签到表、照片、经费使用明细' : null,
        evidenceAt: accepted ? at(`${addDays(m.met!, -5)}T10:00:00`) : submitted ? at('2026-06-20T10:00:00') : null,
        reviewNote: accepted ? '材料齐全，同意拨付' : null,
        reviewedBy: null,
        releasedAt: accepted ? at(`${m.met}T15:00:00`) : null,
      });
    });
    // Roughly two activities a month in the target communities, up to today.
    const targets = p.targetCommunityIds!;
    for (let day = '2025-12-06'; day <= '2026-11-20' && day <= today; day = addDays(day, rng.int(12, 20))) {
      deliveries.push({
        districtId,
        id: `${id}-D${deliveries.length + 1}`,
        contractId: id,
        communityId: rng.pick(targets),
        heldOn: day,
        title: `${w.plan.title}活动`,
        beneficiaries: rng.int(15, 60),
        note: '',
        recordedBy: null,
      });
    }
  }
  for (let i = 0; i < contracts.length; i += 200)
    await db.insert(purchaseContracts).values(contracts.slice(i, i + 200));
  for (let i = 0; i < milestones.length; i += 300)
    await db.insert(purchaseMilestones).values(milestones.slice(i, i + 300));
  for (let i = 0; i < deliveries.length; i += 300)
    await db.insert(purchaseDeliveries).values(deliveries.slice(i, i + 300));
  const streets = new Set(contracts.filter((c) => c.buyerKind === 'street').map((c) => c.buyerName)).size;
  return `第二届 ${proposals.length} 个项目书 → 初筛 ${ranked.length} → 合同 ${contracts.length}（${streets} 个街道、1 个乡），活动记录 ${deliveries.length} 条`;
}
