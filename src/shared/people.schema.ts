/** Requests and replies of the people module. */
import { z } from 'zod';
import { DERIVED_TAGS, PERSON_TAGS } from './people.constants.js';

export const PersonTagParam = z.enum([...PERSON_TAGS, ...DERIVED_TAGS]);

export const PersonSummaryDto = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']),
  age: z.number().int(),
  idMasked: z.string(),
  tags: z.array(z.string()),
  compoundName: z.string().nullable(),
  buildingName: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  orgPath: z.string(),
});
export type PersonSummary = z.infer<typeof PersonSummaryDto>;

export const PersonDetailDto = PersonSummaryDto.extend({
  birthDate: z.string(),
  phoneMasked: z.string().nullable(),
  relation: z.string(),
  workUnitName: z.string().nullable(),
  householdId: z.string().nullable(),
  version: z.number().int(),
});
export type PersonDetail = z.infer<typeof PersonDetailDto>;

export const SearchPeopleQuery = z.object({
  q: z.string().trim().max(40).default(''),
  tag: PersonTagParam.optional(),
  orgUnitId: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type SearchPeopleInput = z.infer<typeof SearchPeopleQuery>;

const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位，以 1 开头');

export const CreatePersonBody = z.object({
  householdId: z.string().min(1).max(60),
  name: z.string().trim().min(1, '姓名不能为空').max(30),
  idNumber: z.string().trim().min(1, '身份证号不能为空').max(30),
  phone: phone.optional(),
  relation: z.string().trim().min(1).max(10).default('head'),
  tags: z.array(z.enum(PERSON_TAGS)).max(10).default([]),
  workUnitId: z.string().max(60).optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonBody>;

export const UpdatePersonBody = z.object({
  name: z.string().trim().min(1).max(30).optional(),
  phone: phone.nullable().optional(),
  relation: z.string().trim().min(1).max(10).optional(),
  tags: z.array(z.enum(PERSON_TAGS)).max(10).optional(),
  workUnitId: z.string().max(60).nullable().optional(),
  version: z.number().int().positive(),
});
export type UpdatePersonInput = z.infer<typeof UpdatePersonBody>;

export const PersonResponseDto = z.object({
  person: PersonDetailDto,
  household: z.array(PersonSummaryDto),
  can: z.object({ revealIdentity: z.boolean(), edit: z.boolean() }),
});
export type PersonResponse = z.infer<typeof PersonResponseDto>;

// ── 实有人口台账导入 ──
export const LEDGER_IMPORT_MODES = ['file', 'household'] as const;
export const LedgerImportQuery = z.object({
  /** 'file': any wrong row and nothing is written; 'household': households with a wrong row are skipped. */
  mode: z.enum(LEDGER_IMPORT_MODES).default('file'),
});
export const LedgerImportDto = z.object({
  id: z.string(),
  fileName: z.string(),
  mode: z.enum(LEDGER_IMPORT_MODES),
  status: z.enum(['queued', 'validating', 'writing', 'done', 'failed']),
  totalRows: z.number().int(),
  checkedRows: z.number().int(),
  writtenRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  householdsCreated: z.number().int(),
  householdsSkipped: z.number().int(),
  errorCount: z.number().int(),
  /** `message` in Chinese, `en` in English */
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string(), en: z.string() })),
  failure: z.string().nullable(),
  failureEn: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type LedgerImport = z.infer<typeof LedgerImportDto>;
