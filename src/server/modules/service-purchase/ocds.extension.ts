/**
 * The OCDS local extension "Linli roadshow scores" (served at /api/purchase/ocds/extension.json): adds
 * `tender.linliRoadshow` (criteria, weights, drop-high-low, places, pass score, tie rule),
 * `awards[].linliScore` (final score, rank, per-criterion means, number of counted jurors),
 * `contracts[].implementation.linliDelivery` (activities, beneficiaries) and
 * `contracts[].linliFinalEvaluation` (score, grade, comment). Individual jurors' scores are never published.
 */
export type Json = Record<string, unknown>;

export const TIE_RULE =
  '总分相同（精确到 0.01）时，依次比较：权重最高评审指标的平均分（高者在前）、申报预算（低者在前）、提交时间（早者在前）。';

export function extensionDescriptor(base: string): Json {
  return {
    name: { en: 'Linli roadshow scores', zh: '邻里：路演评审得分' },
    description: {
      en: 'Adds the roadshow jury rules and aggregated scores of a government purchase of services round, and delivery summaries of its contracts.',
      zh: '增加政府向社会力量购买服务路演评审的规则与汇总得分，以及合同的实施情况汇总。',
    },
    documentationUrl: { en: `${base}/api/docs` },
    compatibility: ['1.1'],
    schemas: ['release-schema.json'],
  };
}

/** The extension's JSON Merge Patch to the release schema. */
export function extensionReleaseSchema(): Json {
  const num = { type: ['number', 'null'] };
  return {
    definitions: {
      Tender: {
        properties: {
          linliRoadshow: {
            title: 'Roadshow jury rules',
            type: ['object', 'null'],
            properties: {
              criteria: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { type: 'string' }, name: { type: 'string' }, weight: { type: 'number' } },
                },
              },
              dropHighestAndLowest: { type: ['boolean', 'null'] },
              places: { type: ['integer', 'null'] },
              passScore: num,
              tieRule: { type: ['string', 'null'] },
            },
          },
        },
      },
      Award: {
        properties: {
          linliScore: {
            title: 'Roadshow score',
            type: ['object', 'null'],
            properties: {
              finalScore: num,
              rank: { type: ['integer', 'null'] },
              countedJurors: { type: ['integer', 'null'] },
              criterionMeans: { type: ['object', 'null'] },
            },
          },
        },
      },
      Implementation: {
        properties: {
          linliDelivery: {
            title: 'Delivery summary',
            type: ['object', 'null'],
            properties: {
              activities: { type: ['integer', 'null'] },
              beneficiaries: { type: ['integer', 'null'] },
            },
          },
        },
      },
      Contract: {
        properties: {
          linliFinalEvaluation: {
            title: 'Final evaluation',
            type: ['object', 'null'],
            properties: {
              score: num,
              grade: { type: ['string', 'null'] },
              comment: { type: ['string', 'null'] },
              date: { type: ['string', 'null'], format: 'date-time' },
            },
          },
        },
      },
    },
  };
}
