import { iso, shanghaiDateTime } from '../../lib/time.js';
import type { Call } from './amendments.history.js';
import { TIE_RULE, type Json } from './ocds.extension.js';
import type { Amendment } from './repository/amendments.repository.js';
import type { Round } from './repository/rounds.repository.js';

/** The OCDS `tender` block of a round's call as it stood at one moment (published, or after an amendment). */
const CNY = (cents: number) => ({ amount: Math.round(cents) / 100, currency: 'CNY' });

export function tenderOf(round: Round, call: Call, procuringEntity: Json, publishedAt: Date): Json {
  return {
    id: round.id,
    title: call.title,
    description: call.scope,
    status: 'active',
    procuringEntity,
    value: CNY(call.budgetCents),
    procurementMethod: 'open',
    procurementMethodDetails: '政府向社会力量购买服务：公开招募、初步筛选、路演终审、社会公示',
    mainProcurementCategory: 'services',
    awardCriteria: 'ratedCriteria',
    awardCriteriaDetails: round.criteria.map((c) => `${c.name} ${c.weight}%`).join('，'),
    submissionMethod: ['electronicSubmission'],
    eligibilityCriteria: call.eligibility,
    tenderPeriod: { startDate: iso(publishedAt), endDate: iso(call.deadlineAt) },
    linliRoadshow: {
      criteria: round.criteria.map((c) => ({ id: c.key, name: c.name, weight: c.weight })),
      dropHighestAndLowest: round.dropHighLow,
      places: round.places,
      passScore: round.passScore,
      tieRule: TIE_RULE,
    },
  };
}

const FIELD_NAMES: Record<string, string> = {
  title: '标题',
  scope: '服务范围',
  eligibility: '申报条件',
  budgetCents: '预算',
  deadlineAt: '申报截止时间',
};
const shown = (field: string, v: string | number) =>
  field === 'budgetCents'
    ? `${(Number(v) / 100).toLocaleString('zh-CN')} 元`
    : field === 'deadlineAt'
      ? shanghaiDateTime(new Date(String(v)))
      : `“${String(v)}”`;

/** One 更正公告 as an OCDS Amendment: what changed in words, and which release it amends. */
export function amendmentOf(ocid: string, roundId: string, a: Amendment): Json {
  return {
    id: `${roundId}-A${a.seq}`,
    date: iso(a.amendedAt),
    rationale: a.rationale,
    description: `第 ${a.seq} 号更正公告：${a.changes
      .map((c) =>
        c.field === 'scope' || c.field === 'eligibility'
          ? `${FIELD_NAMES[c.field]}已修改`
          : `${FIELD_NAMES[c.field]}由 ${shown(c.field, c.before)} 改为 ${shown(c.field, c.after)}`,
      )
      .join('；')}。`,
    amendsReleaseID: a.seq === 1 ? `${ocid}-tender` : `${ocid}-amendment-${a.seq - 1}`,
    releaseID: `${ocid}-amendment-${a.seq}`,
  };
}
