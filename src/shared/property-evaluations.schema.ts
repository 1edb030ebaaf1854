import { z } from 'zod';
import { EVALUATION_STATUSES, SCORE_PARTIES } from './property.constants.js';

/**
 * 物业服务质量评价: the year's items and weights (a scheme, set by the district or a street), a compound's
 * evaluation of the company serving it (residents through a consultation, the branch, the owners'
 * committee), and the street's ranking. Scores travel in hundredths of a point (8525 = 85.25).
 */
export const SchemeParams = z.object({ id: z.string().min(1).max(80) });
export const EvaluationParams = z.object({ id: z.string().min(1).max(80) });

export const SchemeItem = z.object({
  name: z.string().trim().min(1, '请填写评价项目名称').max(20),
  weight: z.number().int().min(1).max(100),
});
const SchemeFields = {
  items: z.array(SchemeItem).min(2, '至少设两个评价项目').max(10),
  residentsWeight: z.number().int().min(0).max(100),
  branchWeight: z.number().int().min(0).max(100),
  committeeWeight: z.number().int().min(0).max(100),
  /** How many companies at the bottom of a ranking are listed for the street. */
  bottomCount: z.number().int().min(0).max(50).default(3),
  /** A total below this line (0–100 points) is listed too, whatever its rank. */
  scoreLine: z.number().int().min(0).max(100).nullable().default(null),
};
export const SchemeBody = z.object({
  /** The district root or a street: the scheme applies to the compounds below it for the year. */
  orgUnitId: z.string().min(1).max(80),
  year: z.number().int().min(2000).max(2100),
  ...SchemeFields,
});
export type SchemeInput = z.input<typeof SchemeBody>;
export const SchemePatch = z.object({ ...SchemeFields, version: z.number().int() });
export type SchemePatchInput = z.input<typeof SchemePatch>;

export const SchemeDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  year: z.number().int(),
  items: z.array(SchemeItem),
  residentsWeight: z.number().int(),
  branchWeight: z.number().int(),
  committeeWeight: z.number().int(),
  bottomCount: z.number().int(),
  scoreLine: z.number().int().nullable(),
  /** Evaluations opened under it: once there is one, the items and weights are frozen. */
  evaluations: z.number().int(),
  version: z.number().int(),
  canEdit: z.boolean(),
});
export type Scheme = z.infer<typeof SchemeDto>;
export const SchemeListDto = z.object({
  items: z.array(SchemeDto),
  /** Units the caller may set a scheme for (its own unit, when it holds the ability). */
  configurableUnits: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SchemeList = z.infer<typeof SchemeListDto>;

export const OpenBody = z.object({
  year: z.number().int().min(2000).max(2100),
  /** When the residents' survey closes. */
  closesAt: z.iso.datetime({ offset: true, message: '截止时间格式无效' }),
});
export type OpenInput = z.input<typeof OpenBody>;
export const ScoresBody = z.object({
  party: z.enum(SCORE_PARTIES),
  /** One score per item, in the scheme's order, 0–100 whole points. */
  scores: z.array(z.number().int()).min(1).max(10),
  version: z.number().int(),
});
export type ScoresInput = z.input<typeof ScoresBody>;
export const VersionBody = z.object({ version: z.number().int() });

const Scores = z.object({
  residentsScore: z.number().int().nullable(),
  branchScore: z.number().int().nullable(),
  committeeScore: z.number().int().nullable(),
  total: z.number().int().nullable(),
});
export const EvaluationSummaryDto = z.object({
  id: z.string(),
  year: z.number().int(),
  compoundId: z.string(),
  compoundName: z.string(),
  communityName: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  status: z.enum(EVALUATION_STATUSES),
  ballots: z.number().int(),
  publishedAt: z.string().nullable(),
  ...Scores.shape,
});
export type EvaluationSummary = z.infer<typeof EvaluationSummaryDto>;
export const EvaluationListDto = z.object({ items: z.array(EvaluationSummaryDto) });
export type EvaluationList = z.infer<typeof EvaluationListDto>;
export const ListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const EvaluationDto = EvaluationSummaryDto.extend({
  consultationId: z.string(),
  consultationStatus: z.enum(['open', 'closed', 'published']),
  closesAt: z.string(),
  /** Households of the compound that may answer. */
  eligible: z.number().int(),
  items: z.array(SchemeItem),
  residentsWeight: z.number().int(),
  branchWeight: z.number().int(),
  committeeWeight: z.number().int(),
  /** Per item, hundredths of a point: the residents' mean (null while nobody answered it) — never one answer. */
  residentItems: z.array(z.number().int().nullable()),
  /** Per item, whole points as entered. */
  branchScores: z.array(z.number().int()).nullable(),
  committeeScores: z.array(z.number().int()).nullable(),
  version: z.number().int(),
  canScoreBranch: z.boolean(),
  canScoreCommittee: z.boolean(),
  canPublish: z.boolean(),
});
export type Evaluation = z.infer<typeof EvaluationDto>;

export const RankingQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  bottom: z.coerce.number().int().min(0).max(50).optional(),
  line: z.coerce.number().int().min(0).max(100).optional(),
});
export const RankingItem = EvaluationSummaryDto.extend({ rank: z.number().int(), isBottom: z.boolean() });
export const RankingDto = z.object({
  year: z.number().int(),
  bottomCount: z.number().int(),
  scoreLine: z.number().int().nullable(),
  items: z.array(RankingItem),
  bottom: z.array(RankingItem),
  /** Compounds under contract in the caller's scope without a published evaluation for the year. */
  unpublished: z.number().int(),
});
export type Ranking = z.infer<typeof RankingDto>;

/** On the compound's public page: the published results, per year, without any resident's answer. */
export const PublicEvaluation = z.object({
  year: z.number().int(),
  companyName: z.string(),
  ballots: z.number().int(),
  items: z.array(z.object({ name: z.string(), weight: z.number().int(), residents: z.number().int().nullable() })),
  residentsWeight: z.number().int(),
  branchWeight: z.number().int(),
  committeeWeight: z.number().int(),
  ...Scores.shape,
  publishedAt: z.string().nullable(),
});
export type PublicEvaluationItem = z.infer<typeof PublicEvaluation>;
