/**
 * 征求民意 / 议事协商: what a consultation is and how owners' joint decisions (业主共同决定事项) are counted.
 */
export const CONSULTATION_KINDS = ['survey', 'vote', 'owners_decision'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export const ORGANISER_KINDS = ['community', 'branch', 'owners_committee'] as const;
export const ANSWER_PER = ['household', 'person'] as const;
export const QUESTION_KINDS = ['single', 'multiple', 'ranking', 'text', 'point'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const BALLOT_SOURCES = ['online', 'paper'] as const;

/**
 * 民法典 第278条: the nine matters owners decide together. Items 6–8 (筹集维修资金, 改建重建, 改变共有部分用途或经营)
 * need ≥ 3/4 of the participating area and owners; the others more than half.
 */
export const OWNER_MATTERS = [
  'rules_of_procedure', // （一）制定和修改业主大会议事规则
  'management_covenant', // （二）制定和修改管理规约
  'committee_election', // （三）选举业主委员会或者更换业主委员会成员
  'property_manager', // （四）选聘和解聘物业服务企业或者其他管理人
  'use_maintenance_fund', // （五）使用建筑物及其附属设施的维修资金
  'raise_maintenance_fund', // （六）筹集建筑物及其附属设施的维修资金
  'rebuild', // （七）改建、重建建筑物及其附属设施
  'common_parts_use', // （八）改变共有部分的用途或者利用共有部分从事经营活动
  'other_major', // （九）有关共有和共同管理权利的其他重大事项
] as const;
export type OwnerMatter = (typeof OWNER_MATTERS)[number];
export const SPECIAL_MATTERS: ReadonlySet<OwnerMatter> = new Set([
  'raise_maintenance_fund',
  'rebuild',
  'common_parts_use',
]);

/** The three answers of an owners' decision ballot: agree, oppose, abstain (abstaining still participates). */
export const DECISION_OPTIONS = ['同意', '反对', '弃权'] as const;

export interface DoubleMajorityInput {
  /** Every 专有部分 in scope: its area in hundredths of a m² (integers keep the thresholds exact). */
  totalArea: number;
  totalOwners: number;
  participatingArea: number;
  participatingOwners: number;
  agreeArea: number;
  agreeOwners: number;
  special: boolean;
}
export interface DoubleMajorityResult {
  participationMet: boolean;
  consentMet: boolean;
  passed: boolean;
}

/**
 * 双过半 / 双四分之三: participation ≥ 2/3 of the area and of the owners; consent > 1/2 (ordinary) or ≥ 3/4
 * (special) of the participating area and of the participating owners. Cross-multiplied, no fractions.
 */
export function doubleMajority(i: DoubleMajorityInput): DoubleMajorityResult {
  const participationMet =
    i.totalOwners > 0 && 3 * i.participatingArea >= 2 * i.totalArea && 3 * i.participatingOwners >= 2 * i.totalOwners;
  const consentMet =
    i.participatingOwners > 0 &&
    (i.special
      ? 4 * i.agreeArea >= 3 * i.participatingArea && 4 * i.agreeOwners >= 3 * i.participatingOwners
      : 2 * i.agreeArea > i.participatingArea && 2 * i.agreeOwners > i.participatingOwners);
  return { participationMet, consentMet, passed: participationMet && consentMet };
}
