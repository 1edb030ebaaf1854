// Shapes of the server's JSON (see the API contract); kept in one place for the whole UI.
import type { Ability, Role } from '../../shared/access';

export type { Ability, Role };

export type OrgKind = 'district' | 'street' | 'township' | 'community' | 'village' | 'compound';
export type OwnersCommitteeKind = 'owners_committee' | 'property_committee' | 'none';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  kind: OrgKind;
  name: string;
  shortName: string;
  path: string;
  depth: number;
  childCount: number;
  address: string | null;
  isOld: boolean | null;
  isRenovated: boolean | null;
  ownersCommittee: OwnersCommitteeKind | null;
  propertyCompany: string | null;
  version: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  districtId: string;
  orgUnit: OrgUnit;
  abilities: string[];
}

export interface Building {
  id: string;
  compoundId: string;
  name: string;
  units: number;
  floors: number;
  address: string | null;
  householdCount: number;
  version: number;
}

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

export type PartyOrgKind =
  'district_committee' | 'street_committee' | 'community_committee' | 'compound_branch' | 'building_group';
export type Formation = 'standalone' | 'attached' | 'joint';

export interface PartyOrg {
  id: string;
  parentId: string | null;
  kind: PartyOrgKind;
  name: string;
  path: string;
  orgUnitId: string;
  formation: Formation | null;
  secretaryName: string | null;
  compounds: { id: string; name: string }[];
  stationName: string | null;
  childCount: number;
}

export const PERSON_TAGS = [
  'party_member',
  'in_service_party_member',
  'rider',
  'volunteer',
  'disabled',
  'low_income',
  'child_in_difficulty',
  'elderly',
] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];

export interface PersonSummary {
  id: string;
  name: string;
  gender: 'M' | 'F';
  age: number;
  idMasked: string;
  tags: string[];
  compoundName: string | null;
  buildingName: string | null;
  unit: string | number | null;
  room: string | null;
  orgPath: string | null;
}

export interface PersonDetail extends PersonSummary {
  birthDate: string;
  phoneMasked: string | null;
  relation: string | null;
  workUnitName: string | null;
  householdId: string | null;
}

export interface PersonResponse {
  person: PersonDetail;
  household: PersonSummary[];
  can: { revealIdentity: boolean; edit: boolean };
}

export interface CoverageRow {
  orgUnitId: string;
  name: string;
  kind: OrgKind;
  compounds: number;
  coveredCompounds: number;
  branches: number;
  branchesWithSecretary: number;
  branchesWithStation: number;
  stations: number;
  ownersCommittees: number;
  branchCoverage: number;
  secretaryCoverage: number;
  stationCoverage: number;
  ownersCommitteeCoverage: number;
}

export interface CoverageResponse {
  scope: OrgUnit;
  totals: CoverageRow;
  rows: CoverageRow[];
}

export type StationKind = 'party_mass' | 'rider' | 'canteen' | 'convenience';
export interface Station {
  id: string;
  kind: StationKind;
  name: string;
  orgUnitName: string | null;
  address: string | null;
  partyOrgName: string | null;
}

// Account management (GET/POST/PATCH /api/users…). `actions` says what the caller may do with the account.
export type GrantAction = 'create' | 'reset' | 'disable';
export type UserStatusFilter = 'active' | 'disabled' | 'locked';

export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitKind: OrgKind;
  workUnitId: string | null;
  workUnitName: string | null;
  isActive: boolean;
  isLocked: boolean;
  createdAt: string;
  actions: GrantAction[];
}

export interface GrantableRole {
  role: Role;
  label: string;
  unitKinds: OrgKind[];
  actions: GrantAction[];
}

export interface Grantable {
  roles: GrantableRole[];
  minorGranterRoles: Role[];
  delegableRoles: Role[];
  mayEditMinorGranters: boolean;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  workUnitId?: string;
  password: string;
}

export interface UpdateUserInput {
  isActive?: boolean;
  unlock?: true;
  displayName?: string;
  role?: Role;
  orgUnitId?: string;
  workUnitId?: string | null;
}
