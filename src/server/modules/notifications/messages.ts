import { shanghaiMinute } from '../../lib/time.js';
import { isNotificationTopic, NOTIFICATION_TOPICS } from '../../../shared/notifications.constants.js';

export type Lang = 'zh' | 'en';
export type Params = Record<string, string | number | null>;

/**
 * The one place a reminder becomes words, in both languages, for every channel. Only whitelisted
 * fields of the outbox payload reach a message (`paramsOf`): an order's number and (shortened) title,
 * a level, days, a deadline, a case number — never a child's name or any free text of a child's file.
 */
const TEXT: Record<string, { zh: [string, string]; en: [string, string] }> = {
  'order.to_accept': { zh: ['新诉求待接单', '{no} {title}'], en: ['New request to accept', '{no} {title}'] },
  'order.to_dispatch': {
    zh: ['诉求待派单', '{no} {title}，请在 {due} 前派单'],
    en: ['Request to dispatch', '{no} {title}: dispatch by {due}'],
  },
  'order.to_fulfil': {
    zh: ['收到派单', '{no} {title}，请在 {due} 前办结'],
    en: ['Order dispatched to you', '{no} {title}: resolve by {due}'],
  },
  'order.due_soon': {
    zh: ['工单即将超期', '{no} {title}，时限 {due}'],
    en: ['Order nearly due', '{no} {title}: due {due}'],
  },
  'order.overdue': {
    zh: ['工单已超期', '{no} {title} 已超过办理时限，已上报（第 {level} 级）'],
    en: ['Order overdue', '{no} {title} is past its deadline and was escalated (level {level})'],
  },
  'order.escalated': {
    zh: ['工单上报', '{no} {title} 已上报（第 {level} 级）'],
    en: ['Order escalated', '{no} {title} was escalated (level {level})'],
  },
  'order.supervised': {
    zh: ['工单被督办', '{no} {title} 已列入督办'],
    en: ['Order under supervision', '{no} {title} is now supervised'],
  },
  'order.extension_requested': {
    zh: ['延期申请待审批', '{no} {title} 申请延期 {days} 个工作日'],
    en: ['Extension to decide', '{no} {title}: {days} working days requested'],
  },
  'order.extension_decided': {
    zh: ['延期申请已{decision}', '{no} {title}：延期 {days} 个工作日{decision}'],
    en: ['Extension {decisionEn}', '{no} {title}: {days} working days {decisionEn}'],
  },
  'order.returned': {
    zh: ['工单被退回', '{no} {title} 被承办单位退回，请重新派单'],
    en: ['Order returned', '{no} {title} was returned by a handler: dispatch it again'],
  },
  'order.to_confirm': {
    zh: ['办理结果待确认', '{no} {title} 已办结，请确认并评价'],
    en: ['Result to confirm', '{no} {title} is resolved: please confirm and rate it'],
  },
  'minor.assigned': {
    zh: ['新分派的未成年人档案', '档案 {caseNo} 已分派给您'],
    en: ['Case assigned to you', 'Case {caseNo} is now yours'],
  },
  'minor.safety_concern': {
    zh: ['探访发现安全隐患', '档案 {caseNo} 的探访记录了安全隐患，请尽快处置'],
    en: ['Safety concern on a visit', 'A visit for case {caseNo} recorded a safety concern'],
  },
  'minor.closure_requested': {
    zh: ['结案申请待审批', '档案 {caseNo} 申请结案'],
    en: ['Closure to approve', 'Case {caseNo} asks to be closed'],
  },
  'minor.visit_overdue': {
    zh: ['探访超期', '档案 {caseNo} 的探访已超期（应于 {dueDay} 前）'],
    en: ['Visit overdue', 'The visit for case {caseNo} is overdue (due {dueDay})'],
  },
  'minor.referral': {
    zh: ['收到转介', '一件未成年人保护转介待签收，请在 {due} 前签收'],
    en: ['Referral to acknowledge', 'A minor-protection referral waits: acknowledge it by {due}'],
  },
  'minor.referral_overdue': {
    zh: ['转介超时未签收', '档案 {caseNo} 的一件转介超时未签收'],
    en: ['Referral not acknowledged', 'A referral of case {caseNo} was not acknowledged in time'],
  },
  'volunteers.hours_to_confirm': {
    zh: ['志愿服务时长待确认', '{title}：有 {count} 条时长待确认'],
    en: ['Service hours to confirm', '{title}: {count} hours record(s) to confirm'],
  },
  'purchase.proposals_to_score': {
    zh: ['项目待评分', '{title} 已开始评审，请为项目评分'],
    en: ['Proposals to score', '{title}: scoring is open'],
  },
  'purchase.round_amended': {
    zh: ['申报通知更正公告', '{title} 发布了第 {seq} 号更正公告，请查看更正内容'],
    en: ['Call amended', '{title}: amendment no. {seq} was published; read what changed'],
  },
  'order.redo': {
    zh: ['回访不满意，工单重办', '{no} {title}：回访不满意，请重新派单（时限 {due}）'],
    en: ['Redo after callback', '{no} {title}: the caller was dissatisfied; dispatch it again (due {due})'],
  },
  'assessment.appeal_filed': {
    zh: ['申诉待审核', '{unitName}对工单 {no} 提出申诉（核减），请审核'],
    en: ['Appeal to review', '{unitName} appealed order {no} out of its rates; please review'],
  },
  'assessment.appeal_decided': {
    zh: ['申诉已审核', '工单 {no} 的申诉：{outcomeZh}'],
    en: ['Appeal decided', 'Appeal on order {no}: {outcomeEn}'],
  },
  'assessment.callback_given_up': {
    zh: ['回访未能联系', '工单 {no} 多次回访均未接通，已移出回访名单'],
    en: ['Callback given up', 'Order {no}: the caller could not be reached after the set tries'],
  },
  'whistle.blown': {
    zh: ['吹哨报到', '{owner}吹哨：{title}。请于 {due} 到{compound}现场报到'],
    en: ['Summoned on site (吹哨报到)', '{owner}: {title}. Be at {compound} by {due} and check in'],
  },
  'proposal.ready': {
    zh: ['居民提议待上会', '{compound}的居民提议「{title}」已有 {count} 户附议，将列入下次联席会议议程'],
    en: [
      'Residents’ proposal for the meeting',
      '{compound}: “{title}” has {count} households behind it and goes on the next joint meeting’s agenda',
    ],
  },
  'meeting.action_assigned': {
    zh: ['联席会议议定事项', '{compound}联席会议（{heldOn}）议定由贵单位办理：{title}，请于 {dueOn} 前完成'],
    en: ['Joint-meeting decision for you', '{compound} joint meeting ({heldOn}) assigned you: {title}; due {dueOn}'],
  },
  'purchase.tranche_to_review': {
    zh: ['拨付材料待审核', '{title}：第 {seq} 期材料已提交，请验收'],
    en: ['Tranche to review', '{title}: evidence for tranche {seq} was submitted'],
  },
};

function short(v: unknown, n = 40): string | null {
  if (typeof v !== 'string') return null;
  return v.length > n ? `${v.slice(0, n)}…` : v;
}

/** The fields a message may show, from the outbox payload and what fan-out looked up. */
export function paramsOf(topic: string, payload: Record<string, unknown>, extra: Params = {}): Params {
  const minor = topic.startsWith('minor.');
  const p: Params = {
    no: short(payload.no),
    title: minor ? null : short(extra.title ?? payload.title),
    level: typeof payload.level === 'number' ? payload.level : null,
    days: typeof payload.days === 'number' ? payload.days : null,
    caseNo: short(payload.caseNo, 30),
    due:
      typeof payload.dueAt === 'string'
        ? shanghaiMinute(new Date(payload.dueAt))
        : typeof payload.ackDueAt === 'string'
          ? shanghaiMinute(new Date(payload.ackDueAt))
          : null,
    dueDay: typeof payload.due === 'string' ? payload.due.slice(0, 10) : null,
    count: typeof payload.count === 'number' ? payload.count : null,
    seq: typeof payload.seq === 'number' ? payload.seq : null,
    approve: typeof payload.approve === 'boolean' ? (payload.approve ? 1 : 0) : null,
  };
  for (const [k, v] of Object.entries(extra)) if (k !== 'title' && !(k in p)) p[k] = v;
  return p;
}

export function render(topic: string, params: Params, lang: Lang): { title: string; body: string } {
  const t = TEXT[topic];
  const approve = params.approve === 1;
  const fill = (s: string) =>
    s
      .replaceAll('{decision}', approve ? '批准' : '驳回')
      .replaceAll('{decisionEn}', approve ? 'approved' : 'refused')
      .replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === null || params[k] === undefined ? '' : String(params[k])))
      .replace(/\s+/g, ' ')
      .trim();
  if (!t) return { title: topic, body: '' };
  const [title, body] = t[lang];
  return { title: fill(title), body: fill(body) };
}

export function isUrgent(topic: string): boolean {
  return isNotificationTopic(topic) && NOTIFICATION_TOPICS[topic].urgent;
}

export function groupOf(topic: string): string {
  return isNotificationTopic(topic) ? NOTIFICATION_TOPICS[topic].group : topic.split('.')[0]!;
}

/** The page a notification opens. */
export function hrefOf(topic: string, payload: Record<string, unknown>): string | null {
  const s = (k: string) => (typeof payload[k] === 'string' ? encodeURIComponent(payload[k]) : null);
  if (topic.startsWith('order.')) return s('orderId') ? `/orders/${s('orderId')}` : '/orders';
  if (topic === 'minor.referral') return '/minor-referrals';
  if (topic.startsWith('minor.')) return s('caseId') ? `/minor/${s('caseId')}` : '/minor';
  if (topic.startsWith('volunteers.')) return '/volunteers';
  if (topic === 'assessment.callback_given_up') return '/assessment/callbacks';
  if (topic.startsWith('assessment.')) return '/assessment/appeals';
  if (topic === 'proposal.ready') return s('compoundId') ? `/meetings?compound=${s('compoundId')}` : '/meetings';
  if (topic === 'meeting.action_assigned') return s('orderId') ? `/orders/${s('orderId')}` : null;
  if (topic === 'whistle.blown') return s('whistleId') ? `/whistles?whistle=${s('whistleId')}` : '/whistles';
  if (topic === 'purchase.proposals_to_score' || topic === 'purchase.round_amended')
    return s('roundId') ? `/purchase/rounds/${s('roundId')}` : '/purchase';
  if (topic.startsWith('purchase.')) return s('contractId') ? `/purchase/contracts/${s('contractId')}` : '/purchase';
  return null;
}
