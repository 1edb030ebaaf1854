/**
 * 18-digit resident identity numbers, GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

export interface ParsedIdNumber {
  normalized: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'M' | 'F';
}

export function parseIdNumber(input: string, today = new Date()): ParsedIdNumber | { problem: IdNumberProblem } {
  const normalized = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return { problem: 'format' };
  const y = Number(normalized.slice(6, 10));
  const m = Number(normalized.slice(10, 12));
  const d = Number(normalized.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date > today)
    return { problem: 'birth_date' };
  if (checkCharacter(normalized.slice(0, 17)) !== normalized[17]) return { problem: 'checksum' };
  return {
    normalized,
    regionCode: normalized.slice(0, 6),
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    gender: Number(normalized[16]) % 2 === 1 ? 'M' : 'F',
  };
}

export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X。',
  birth_date: '身份证号中的出生日期（第 7–14 位）不是有效日期，请核对。',
  checksum: '身份证号校验位不正确，可能有数字录入错误，请逐位核对。',
};

export const ID_PROBLEM_MESSAGES_EN: Record<IdNumberProblem, string> = {
  format: 'An ID number has 18 characters: 17 digits, then a digit or X.',
  birth_date: 'The birth date in the ID number (characters 7–14) is not a valid date; please check it.',
  checksum: 'The check digit of the ID number is wrong, probably a typing mistake; please check it digit by digit.',
};

/** Shown up the chain: region and last four digits only (前六后四). */
export function maskIdNumber(normalized: string): string {
  return `${normalized.slice(0, 6)}********${normalized.slice(14)}`;
}
