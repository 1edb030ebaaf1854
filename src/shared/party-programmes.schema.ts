import { z } from 'zod';
import { INDICATOR_METRICS, PROGRAMME_KEYS, SITE_LEVELS, SITE_SUBJECTS } from './party-programmes.constants.js';

/** Requests and replies of 六大工程 and 党建示范点 (party module). */
const Id = z.string().min(1).max(60);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Year = z.coerce.number().int().min(2000).max(2100);

export const ProgrammesQuery = z.object({ year: Year.optional(), unitId: Id.optional() });
export type ProgrammesQuery = z.infer<typeof ProgrammesQuery>;

export const IndicatorDto = z.object({
  key: z.string(),
  name: z.string(),
  metric: z.enum(INDICATOR_METRICS),
  target: z.number(),
  unit: z.string(),
  /** computed from the records of the unit's subtree, or the sum of its progress entries */
  actual: z.number(),
  /** actual ÷ target in %, capped at 100 */
  share: z.number(),
});
export type Indicator = z.infer<typeof IndicatorDto>;

export const ProgressUnitDto = z.object({ id: z.string(), name: z.string(), kind: z.string() });
export const ProgressDto = z.object({
  id: z.string(),
  programmeId: z.string(),
  indicatorKey: z.string().nullable(),
  happenedOn: z.string(),
  note: z.string(),
  value: z.number().nullable(),
  reportingUnit: ProgressUnitDto,
  units: z.array(ProgressUnitDto),
  attachmentCount: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Progress = z.infer<typeof ProgressDto>;

export const ProgrammeDto = z.object({
  id: z.string(),
  year: z.number().int(),
  key: z.enum(PROGRAMME_KEYS),
  name: z.string(),
  leadUnit: z.string(),
  description: z.string(),
  indicators: z.array(IndicatorDto),
  /** progress entries of the unit's subtree this year, newest first (at most 20) */
  progress: z.array(ProgressDto),
  progressCount: z.number().int(),
  /** compounds and communities touched by those entries */
  touchedUnits: z.number().int(),
  version: z.number().int(),
});
export type Programme = z.infer<typeof ProgrammeDto>;

export const ProgrammesDto = z.object({
  year: z.number().int(),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  years: z.array(z.number().int()),
  items: z.array(ProgrammeDto),
});
export type Programmes = z.infer<typeof ProgrammesDto>;

export const AddProgressBody = z.object({
  /** the indicator it reports on (a manual one when it carries a value) */
  indicatorKey: z.string().min(1).max(40).optional(),
  happenedOn: Day,
  note: z.string().trim().min(2).max(1000),
  value: z.number().min(0).max(1e9).optional(),
  /** the compounds and communities the work touched; each in the caller's area */
  unitIds: z.array(Id).max(50).default([]),
  /** evidence files uploaded with purpose `party_programme` */
  attachmentIds: z.array(Id).max(9).default([]),
});
export type AddProgressBody = z.input<typeof AddProgressBody>;

export const SitesQuery = z.object({
  year: Year.optional(),
  unitId: Id.optional(),
  includeRevoked: z.enum(['true', 'false']).optional(),
});
export type SitesQuery = z.infer<typeof SitesQuery>;

export const SiteDto = z.object({
  id: z.string(),
  subjectKind: z.enum(SITE_SUBJECTS),
  subjectId: z.string(),
  name: z.string(),
  orgUnitId: z.string(),
  unitName: z.string(),
  level: z.enum(SITE_LEVELS),
  year: z.number().int(),
  programmeId: z.string().nullable(),
  note: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  version: z.number().int(),
  canRevoke: z.boolean(),
});
export type Site = z.infer<typeof SiteDto>;

export const DesignateSiteBody = z.object({
  subjectKind: z.enum(SITE_SUBJECTS),
  subjectId: Id,
  level: z.enum(SITE_LEVELS),
  year: Year,
  programmeId: Id.optional(),
  note: z.string().trim().max(500).default(''),
});
export type DesignateSiteBody = z.input<typeof DesignateSiteBody>;

export const RevokeSiteBody = z.object({ reason: z.string().trim().min(2).max(500), version: z.number().int().min(1) });
export type RevokeSiteBody = z.infer<typeof RevokeSiteBody>;

/** 建立年度工程: the six programmes of a year, from the year before (or the seed's definitions). */
export const OpenYearBody = z.object({ year: Year });
/** 调整目标: new targets for some of a programme's indicators. */
export const SetTargetsBody = z.object({
  version: z.number().int().positive(),
  targets: z
    .array(z.object({ key: z.string().min(1).max(40), target: z.number().min(0).max(1e9) }))
    .min(1)
    .max(20),
});
export type SetTargetsBody = z.infer<typeof SetTargetsBody>;
