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
      en: 'Adds the roadshow jury rules and aggregated scores of a government purchase of services round, delivery summaries and final evaluations of its contracts, and the successor of a signatory that kept an earlier name. Individual jurors and their scores are never published.',
      zh: '增加政府向社会力量购买服务路演评审的规则与汇总得分、合同的实施汇总与终期评估，以及沿用旧名称的签约单位的承继单位。不公开评审专家个人及其个人打分。',
    },
    documentationUrl: {
      en: `${base}/ocds/publication-policy#extension`,
      zh: `${base}/ocds/publication-policy#extension`,
    },
    compatibility: ['1.1'],
    schemas: ['release-schema.json'],
    contactPoint: { name: '邻里平台 OCDS 数据发布', url: `${base}/ocds/publication-policy` },
  };
}

const text = (title: string, description: string) => ({ title, description, type: ['string', 'null'] });
const num = (title: string, description: string) => ({ title, description, type: ['number', 'null'] });
const int = (title: string, description: string) => ({ title, description, type: ['integer', 'null'] });

/** The extension's JSON Merge Patch to the release schema; every field has a title and a description. */
export function extensionReleaseSchema(): Json {
  return {
    definitions: {
      Tender: {
        properties: {
          linliRoadshow: {
            title: 'Roadshow jury rules',
            description:
              'The rules the roadshow jury applies, fixed when scoring opens: weighted criteria, whether the highest and lowest totals are dropped, the number of places, the pass score and the tie rule.',
            type: ['object', 'null'],
            properties: {
              criteria: {
                title: 'Criteria',
                description: 'The weighted scoring criteria; the weights sum to 100.',
                type: ['array', 'null'],
                items: {
                  type: 'object',
                  properties: {
                    id: {
                      title: 'Criterion identifier',
                      description: 'A stable key of the criterion.',
                      type: 'string',
                    },
                    name: {
                      title: 'Criterion name',
                      description: 'The criterion as the call names it.',
                      type: 'string',
                    },
                    weight: { title: 'Weight', description: 'The weight of the criterion in percent.', type: 'number' },
                  },
                },
              },
              dropHighestAndLowest: {
                title: 'Drop highest and lowest',
                description:
                  "Whether the highest and the lowest juror's total are left out (with three or more scores).",
                type: ['boolean', 'null'],
              },
              places: int('Places', 'How many projects the round may fund at most.'),
              passScore: num('Pass score', 'The lowest final score a project needs to be recommended.'),
              tieRule: text('Tie rule', 'How projects with the same final score (to 0.01) are ranked.'),
            },
          },
        },
      },
      Award: {
        properties: {
          linliScore: {
            title: 'Roadshow score',
            description: "The project's aggregated roadshow result. Individual jurors' scores are not published.",
            type: ['object', 'null'],
            properties: {
              finalScore: num('Final score', 'The weighted final score, to 0.01, after the drop rule.'),
              rank: int('Rank', 'The unique rank of the project in the round under the tie rule.'),
              countedJurors: int('Counted jurors', 'How many non-recused jurors scored the project.'),
              criterionMeans: {
                title: 'Criterion means',
                description: 'The mean score per criterion id over the counted jurors.',
                type: ['object', 'null'],
                additionalProperties: { type: 'number' },
              },
            },
          },
        },
      },
      Implementation: {
        properties: {
          linliDelivery: {
            title: 'Delivery summary',
            description: 'What the organisation had delivered by the date of the release.',
            type: ['object', 'null'],
            properties: {
              activities: int('Activities', 'The number of recorded activities.'),
              beneficiaries: int('Beneficiaries', 'The number of beneficiaries over those activities.'),
            },
          },
        },
      },
      Contract: {
        properties: {
          linliFinalEvaluation: {
            title: 'Final evaluation',
            description: "The signing street's final evaluation of the contract at its end.",
            type: ['object', 'null'],
            properties: {
              score: num('Score', 'The evaluation score out of 100.'),
              grade: text('Grade', 'The grade: 优秀 (excellent), 良好 (good), 合格 (pass) or 不合格 (fail).'),
              comment: text('Comment', "The evaluator's comment."),
              date: { ...text('Date', 'When the evaluation was made.'), format: 'date-time' },
            },
          },
        },
      },
      Organization: {
        properties: {
          details: {
            properties: {
              linliSuccessor: {
                title: 'Successor',
                description:
                  'For a signatory that signed under an earlier name (e.g. before a 2020 boundary change): the party that carries on its responsibilities today, and why. The signatory keeps its own party and identifier.',
                type: ['object', 'null'],
                properties: {
                  id: text('Successor party id', 'The id of the successor in the parties section.'),
                  name: text('Successor name', "The successor's name, as in its party entry."),
                  basis: text('Basis', 'Why the successor is taken to carry on the signatory.'),
                },
              },
            },
          },
        },
      },
    },
  };
}
