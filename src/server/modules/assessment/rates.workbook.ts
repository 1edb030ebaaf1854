import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import { RATE_KEYS } from '../../../shared/assessment.constants.js';
import type { Ranking } from '../../../shared/assessment.schema.js';

/** The ranking as a workbook: one row per unit with rank, score, each rate and its numerator/denominator. */
const LABELS: Record<(typeof RATE_KEYS)[number], string> = {
  response: '响应率',
  resolution: '解决率',
  satisfaction: '满意率',
  onTime: '按时办结率',
  returnRate: '回退率',
  redoRate: '重办率',
};

export async function rankingWorkbook(r: Ranking): Promise<Buffer> {
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
  const rows = [r.district, ...r.units].map((u) => {
    const row: Record<string, unknown> = {
      rank: u.rank ?? '',
      name: u.name,
      score: u.score ?? '—',
      previousRank: u.previousRank ?? '',
      list: u.list === 'red' ? '红榜' : u.list === 'black' ? '黑榜' : '',
    };
    for (const k of RATE_KEYS) {
      row[k] = pct(u.rates[k].value);
      row[`${k}N`] = `${u.rates[k].numerator}/${u.rates[k].denominator}`;
    }
    if (u.whistle) {
      row.whistles = u.whistle.received;
      row.checkInRate = pct(u.whistle.checkInRate);
      row.whistleSatisfaction = pct(u.whistle.satisfaction);
    }
    return row;
  });
  const hasWhistles = r.units.some((u) => u.whistle);
  const columns = [
    { header: '排名', key: 'rank', width: 6 },
    { header: '单位', key: 'name', width: 22 },
    { header: '综合得分', key: 'score', width: 10 },
    { header: '上月排名', key: 'previousRank', width: 8 },
    { header: '红黑榜', key: 'list', width: 8 },
    ...RATE_KEYS.flatMap((k) => [
      { header: LABELS[k], key: k, width: 10 },
      { header: `${LABELS[k]}（分子/分母）`, key: `${k}N`, width: 14 },
    ]),
    // 吹哨报到 (departments only): shown beside the rates, not part of the composite score
    ...(hasWhistles
      ? [
          { header: '吹哨召集次数', key: 'whistles', width: 10 },
          { header: '报到率', key: 'checkInRate', width: 10 },
          { header: '吹哨响应满意度', key: 'whistleSatisfaction', width: 12 },
        ]
      : []),
  ];
  const weights = RATE_KEYS.map((k) => [LABELS[k], r.weights[k]]);
  return buildWorkbook([
    tableSheet<Record<string, unknown>>({ name: `考核排名 ${r.month}`, columns, rows }),
    {
      kind: 'rows',
      name: '权重与口径',
      rows: [['月份', r.month], ['数据截至', r.asOf], [], ['指标', '权重'], ...weights],
    },
  ]);
}
