/** Value lists of the people module, shared by server and web. */
export const PERSON_TAGS = [
  'party_member', // 党员
  'in_service_party_member', // 在职党员 (with work unit)
  'rider', // 快递小哥 / 外卖骑手
  'volunteer', // 志愿者
  'disabled', // 残疾
  'low_income', // 低保
  'child_in_difficulty', // 困境儿童
] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];
/** 'elderly' (60+) is derived from the birth date at read time, never stored. */
export const DERIVED_TAGS = ['elderly'] as const;

/** The tags a people search filters on: the stored ones and the derived ones. */
export const PERSON_TAG_FILTERS = [...PERSON_TAGS, ...DERIVED_TAGS] as const;
export type PersonTagFilter = (typeof PERSON_TAG_FILTERS)[number];
