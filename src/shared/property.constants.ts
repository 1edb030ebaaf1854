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
