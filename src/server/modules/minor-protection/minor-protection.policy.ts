/**
 * What a child's file shows with and without identity access. Who has identity access — the assigned
 * social worker, the station head of the case's street, the city centre — is decided in
 * ../access/minor-protection.access.ts (requireAccess / canAccess / scopeWhere on kind `minorCase`).
 */
/** Fields shown only with identity access; listed in the audit row of every read. */
export const IDENTITY_FIELDS = ['name', 'idNumber', 'address', 'guardians', 'health', 'assessment', 'plan', 'serviceOutcomes', 'referralContent', 'consents', 'notes'] as const;
export const MASKED_FIELDS = ['caseNo', 'nameMasked', 'gender', 'age', 'street', 'community', 'categories', 'riskLevel', 'status', 'visitDates', 'serviceCounts'] as const;

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** The people registry's tag for a child in difficulty; who may see it there: seesDifficultyTag (access). */
export const DIFFICULTY_TAG = 'child_in_difficulty';
