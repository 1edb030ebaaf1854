import { z } from 'zod';
import { ORG_KINDS } from './org.constants.js';
import { OrgUnitDto } from './org.schema.js';

/** Party-building coverage of a unit's children (/api/dashboard/coverage). */
export const CoverageRowDto = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  compounds: z.number().int(),
  coveredCompounds: z.number().int(),
  branches: z.number().int(),
  branchesWithSecretary: z.number().int(),
  branchesWithStation: z.number().int(),
  stations: z.number().int(),
  ownersCommittees: z.number().int(),
  branchCoverage: z.number(),
  secretaryCoverage: z.number(),
  stationCoverage: z.number(),
  ownersCommitteeCoverage: z.number(),
});
export type CoverageRow = z.infer<typeof CoverageRowDto>;

export const CoverageResponseDto = z.object({
  scope: OrgUnitDto,
  totals: CoverageRowDto,
  rows: z.array(CoverageRowDto),
});
export type CoverageResponse = z.infer<typeof CoverageResponseDto>;
