/** Value lists of the org module, shared by server and web (no zod here: the web may import values). */
export const ORG_KINDS = ['district', 'street', 'township', 'community', 'village', 'compound'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const OWNERS_COMMITTEE_KINDS = ['owners_committee', 'property_committee', 'none'] as const;
export type OwnersCommitteeKind = (typeof OWNERS_COMMITTEE_KINDS)[number];

export const PARTY_ORG_KINDS = [
  'district_committee',
  'street_committee',
  'community_committee',
  'compound_branch',
  'building_group',
  'station_branch', // 新业态阵地党支部 (a rider station's branch)
] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

export const PARTY_FORMATIONS = ['standalone', 'attached', 'joint'] as const;
export type Formation = (typeof PARTY_FORMATIONS)[number];

export { STATION_KINDS, type StationKind } from './stations.constants.js';
