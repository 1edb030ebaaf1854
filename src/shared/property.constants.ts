/**
 * 物业: value lists both sides need, and the 统一社会信用代码 check (GB 32100-2015) so the form can say
 * at once what the server will refuse.
 */
export const QUALIFICATIONS = ['grade_1', 'grade_2', 'grade_3', 'none'] as const; // 物业服务企业资质（一/二/三级，或未取得）
export type Qualification = (typeof QUALIFICATIONS)[number];

export const CONTRACT_STATUSES = ['active', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Why a service contract ended: 到期, 更换物业 (replaced by another company), 解除. */
export const CONTRACT_END_REASONS = ['expired', 'replaced', 'terminated'] as const;
export type ContractEndReason = (typeof CONTRACT_END_REASONS)[number];

/** GB 32100-2015: the 31 characters of a credit code (no I, O, Z, S, V) and the weights of positions 1–17. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters, or null when they are not 17 valid characters. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Is this an 18-character 统一社会信用代码 whose last character is its check character? */
export function isValidCreditCode(code: string): boolean {
  return code.length === 18 && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** 公示三专栏: maintenance and service records, income and expenditure statements, fee standards. */
export const PUBLICATION_COLUMNS = ['maintenance', 'finance', 'fees'] as const;
export type PublicationColumn = (typeof PUBLICATION_COLUMNS)[number];
/** Entered by the company → reviewed by the compound's branch / owners' committee → published or returned. */
export const PUBLICATION_STATUSES = ['submitted', 'published', 'returned'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const STATEMENT_LINE_KINDS = ['income', 'expense'] as const;
/** Days after a quarter ends by which its income and expenditure statement must be published (LINLI_PUBLICATION_GRACE_DAYS). */
export const DEFAULT_PUBLICATION_GRACE_DAYS = 30;

// ── evaluation ── 物业服务质量评价
/**
 * A resident rates each item on five levels; a level is worth these points (0–100 scale, the scale the
 * branch and the owners' committee score on too). Option i of every item's question is level i.
 */
export const RATING_LEVELS = ['非常满意', '满意', '一般', '不满意', '很不满意'] as const;
export const RATING_POINTS = [100, 80, 60, 40, 20] as const;
/** The items the district starts from (weights sum to 100) and the parties' default shares of the total. */
export const DEFAULT_EVALUATION_ITEMS = [
  { name: '服务态度', weight: 20 },
  { name: '环境卫生', weight: 25 },
  { name: '设施维护', weight: 25 },
  { name: '安全秩序', weight: 20 },
  { name: '收费公示', weight: 10 },
] as const;
export const DEFAULT_PARTY_WEIGHTS = { residentsWeight: 50, branchWeight: 30, committeeWeight: 20 } as const;
export const EVALUATION_STATUSES = ['open', 'published'] as const;
export const SCORE_PARTIES = ['branch', 'committee'] as const;
export type ScoreParty = (typeof SCORE_PARTIES)[number];

/**
 * The weighting, in hundredths of a point (integers, so every total is exact and reproducible):
 * - a resident item score is the mean of the households' level points: round(Σ points × 100 / answers);
 * - a party's score is Σ weight_i × itemScore_i / 100 (item weights sum to 100), rounded to 0.01;
 * - the total is (residentsWeight × residents + branchWeight × branch + committeeWeight × committee) / 100,
 *   rounded to 0.01 (party weights sum to 100).
 */
export function residentItemMean(levelCounts: readonly number[]): number | null {
  const n = levelCounts.reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  const points = levelCounts.reduce((s, c, i) => s + c * (RATING_POINTS[i] ?? 0), 0);
  return Math.round((points * 100) / n);
}
/** itemScores in hundredths of a point. */
export function weightedScore(weights: readonly number[], itemScores: readonly number[]): number {
  return Math.round(weights.reduce((s, w, i) => s + w * (itemScores[i] ?? 0), 0) / 100);
}
export function evaluationTotal(
  w: { residentsWeight: number; branchWeight: number; committeeWeight: number },
  s: { residents: number; branch: number; committee: number },
): number {
  return Math.round(
    (w.residentsWeight * s.residents + w.branchWeight * s.branch + w.committeeWeight * s.committee) / 100,
  );
}

/**
 * 老旧小区改造 contents after 国办发〔2020〕23号: 基础类 (what safety and daily life need), 完善类 (what
 * convenience needs), 提升类 (what richer services need). A record lists the items it carried out.
 */
export const RENOVATION_ITEMS = {
  pipes: 'basic', // 水电气暖信管网改造
  roof: 'basic', // 屋面防水、楼体修缮
  sewage: 'basic', // 雨污分流、排水
  fire: 'basic', // 消防、安防设施
  roads: 'basic', // 小区道路
  facade: 'improve', // 外墙保温节能
  elevator: 'improve', // 加装电梯
  parking: 'improve', // 停车与电动车充电设施
  barrier_free: 'improve', // 适老化与无障碍
  greening: 'improve', // 绿化、照明、健身场地
  services: 'enhance', // 养老、托育、助餐等社区服务设施
} as const;
export type RenovationItem = keyof typeof RENOVATION_ITEMS;
export const RENOVATION_ITEM_LIST = Object.keys(RENOVATION_ITEMS) as RenovationItem[];
export const RENOVATION_STATUSES = ['planned', 'in_progress', 'completed'] as const;
export type RenovationStatus = (typeof RENOVATION_STATUSES)[number];
