/**
 * What a child's file shows with and without identity access. Who has identity access — the assigned
 * social worker, the station head of the case's street, the city centre — is decided in
 * ../access/minor-protection.access.ts (requireAccess / canAccess / scopeWhere on kind `minorCase`).
 */
/** The masked file gives an age band instead of the age. */
export function ageBand(age: number): '0-5' | '6-11' | '12-17' | '18+' {
  return age <= 5 ? '0-5' : age <= 11 ? '6-11' : age <= 17 ? '12-17' : '18+';
}

/** Fields shown only with identity access; listed in the audit row of every read. */
export const IDENTITY_FIELDS = [
  'name',
  'idNumber',
  'address',
  'guardians',
  'health',
  'assessment',
  'plan',
  'serviceOutcomes',
  'referralContent',
  'consents',
  'notes',
] as const;
export const MASKED_FIELDS = [
  'caseNo',
  'gender',
  'ageBand',
  'street',
  'community',
  'categories',
  'riskLevel',
  'status',
  'visitDates',
  'serviceCounts',
] as const;

/** What a masked file calls the child: no surname, no name length — nothing of the name at all. */
export const MASKED_CHILD_NAME = '受保护未成年人';

/** The people registry's tag for a child in difficulty; who may see it there: seesDifficultyTag (access). */
export const DIFFICULTY_TAG = 'child_in_difficulty';
