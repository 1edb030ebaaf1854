// The web's names for the server's types: every one derived from the zod schemas in src/shared.
export type { Ability, Role } from '../../shared/access';
export type { Formation, OrgKind, OwnersCommitteeKind, PartyOrgKind, StationKind } from '../../shared/org.constants';
export type {
  BuildingDto as Building,
  ImportError,
  ImportResult,
  OrgUnitDto as OrgUnit,
  PartyOrgDto as PartyOrg,
} from '../../shared/org.schema';
export type { Station } from '../../shared/stations.schema';
export type { Me, PhoneCodeRequested } from '../../shared/auth.schema';
export { PERSON_TAG_FILTERS as PERSON_TAGS } from '../../shared/people.constants';
export type { PersonTagFilter as PersonTag } from '../../shared/people.constants';
export type { LedgerImport, PersonDetail, PersonResponse, PersonSummary } from '../../shared/people.schema';
export type { CoverageResponse, CoverageRow } from '../../shared/dashboard.schema';
export type { GrantAction, UserStatusFilter } from '../../shared/users.constants';
export type {
  ApiKey,
  CreatedApiKey,
  CreateApiKeyInput,
  CreateUserInput,
  Grantable,
  GrantableRole,
  ManagedUser,
  UpdateUserInput,
} from '../../shared/users.schema';
