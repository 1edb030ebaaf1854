/** Requests and replies of the org module (units, compounds, buildings, party orgs, stations, imports). */
import { z } from 'zod';
import { ORG_KINDS, OWNERS_COMMITTEE_KINDS, PARTY_FORMATIONS, PARTY_ORG_KINDS } from './org.constants.js';

export const OwnersCommittee = z.enum(OWNERS_COMMITTEE_KINDS);

export const OrgUnitDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  shortName: z.string(),
  path: z.string(),
  depth: z.number().int(),
  childCount: z.number().int(),
  address: z.string().nullable(),
  isOld: z.boolean().nullable(),
  isRenovated: z.boolean().nullable(),
  ownersCommittee: OwnersCommittee.nullable(),
  propertyCompany: z.string().nullable(),
  version: z.number().int(),
});
export type OrgUnitDto = z.infer<typeof OrgUnitDto>;

const name = z.string().trim().min(1, '名称不能为空').max(60, '名称不能超过 60 个字');
const optionalText = z.string().trim().max(200).nullable().optional();

export const CreateCompoundBody = z.object({
  communityId: z.string().min(1).max(40),
  name,
  address: optionalText,
  isOld: z.boolean().default(false),
  isRenovated: z.boolean().default(false),
  ownersCommittee: OwnersCommittee.default('none'),
  propertyCompany: optionalText,
});
export type CreateCompoundInput = z.infer<typeof CreateCompoundBody>;

export const UpdateCompoundBody = z.object({
  name: name.optional(),
  address: optionalText,
  isOld: z.boolean().optional(),
  isRenovated: z.boolean().optional(),
  ownersCommittee: OwnersCommittee.optional(),
  propertyCompany: optionalText,
  version: z.number().int().positive(),
});
export type UpdateCompoundInput = z.infer<typeof UpdateCompoundBody>;

export const BuildingDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  name: z.string(),
  units: z.number().int(),
  floors: z.number().int(),
  address: z.string().nullable(),
  householdCount: z.number().int(),
  version: z.number().int(),
});
export type BuildingDto = z.infer<typeof BuildingDto>;

export const CreateBuildingBody = z.object({
  compoundId: z.string().min(1).max(40),
  name: z.string().trim().min(1, '楼栋名称不能为空').max(30),
  units: z.number().int().min(1).max(50).default(1),
  floors: z.number().int().min(1).max(120).default(1),
  address: optionalText,
});
export type CreateBuildingInput = z.infer<typeof CreateBuildingBody>;

export const UpdateBuildingBody = z.object({
  name: z.string().trim().min(1).max(30).optional(),
  units: z.number().int().min(1).max(50).optional(),
  floors: z.number().int().min(1).max(120).optional(),
  address: optionalText,
  version: z.number().int().positive(),
});
export type UpdateBuildingInput = z.infer<typeof UpdateBuildingBody>;

export const PartyOrgDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PARTY_ORG_KINDS),
  name: z.string(),
  path: z.string(),
  orgUnitId: z.string(),
  formation: z.enum(PARTY_FORMATIONS).nullable(),
  secretaryName: z.string().nullable(),
  compounds: z.array(z.object({ id: z.string(), name: z.string() })),
  stationName: z.string().nullable(),
  childCount: z.number().int(),
});
export type PartyOrgDto = z.infer<typeof PartyOrgDto>;

export const ImportResultDto = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultDto>;
export type ImportError = ImportResult['errors'][number];
