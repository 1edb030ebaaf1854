import { z } from 'zod';
import { CONTRACT_END_REASONS, CONTRACT_STATUSES, QUALIFICATIONS } from './property.constants.js';

/**
 * Requests and replies of 物业: property companies, their service contracts with compounds, changes of
 * company and the compounds nobody manages (管理悬空). The web imports the inferred types only.
 */
export const IdParams = z.object({ id: z.string().min(1).max(80) });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const CompanyDto = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  qualification: z.enum(QUALIFICATIONS),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  /** Compounds it serves under an active contract. */
  activeCompounds: z.number().int(),
  version: z.number().int(),
});
export type Company = z.infer<typeof CompanyDto>;
export const CompanyListDto = z.object({ items: z.array(CompanyDto), total: z.number().int() });
export type CompanyList = z.infer<typeof CompanyListDto>;
export const CompaniesQuery = z.object({ q: z.string().trim().max(60).optional() });

export const CompanyBody = z.object({
  name: z.string().trim().min(2, '请填写企业名称').max(100),
  /** Upper-cased and stripped of spaces before the check digit is verified. */
  creditCode: z
    .string()
    .trim()
    .max(30)
    .transform((v) => v.replace(/\s+/g, '').toUpperCase()),
  qualification: z.enum(QUALIFICATIONS).default('none'),
  contactName: optionalText(40),
  contactPhone: optionalText(30),
  address: optionalText(200),
});
export type CompanyInput = z.input<typeof CompanyBody>;
export const CompanyPatchBody = CompanyBody.partial().extend({ version: z.number().int() });
export type CompanyPatch = z.input<typeof CompanyPatchBody>;

export const ContractDto = z.object({
  id: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  communityName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  feeStandard: z.string(),
  feeCentsPerSqm: z.number().int().nullable(),
  scope: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  endedOn: z.string().nullable(),
  endReason: z.enum(CONTRACT_END_REASONS).nullable(),
  endNote: z.string().nullable(),
  version: z.number().int(),
});
export type Contract = z.infer<typeof ContractDto>;

export const CompanyDetailDto = z.object({
  company: CompanyDto,
  /** Its contracts, active first, then the ended ones (the history). */
  contracts: z.array(ContractDto),
});
export type CompanyDetail = z.infer<typeof CompanyDetailDto>;

export const CompoundPropertyDto = z.object({
  compound: z.object({
    id: z.string(),
    name: z.string(),
    isOld: z.boolean().nullable(),
    isRenovated: z.boolean().nullable(),
  }),
  current: ContractDto.nullable(),
  /** Every contract of the compound, newest first: the history of its property companies. */
  history: z.array(ContractDto),
  /** The version of the compound's current contract (0 when none): a change of company must name it. */
  contractVersion: z.number().int(),
});
export type CompoundProperty = z.infer<typeof CompoundPropertyDto>;

/** Gives a compound a company, or changes its company: the current contract ends as 'replaced' the day the new one starts. */
export const AssignBody = z.object({
  companyId: z.string().min(1).max(80),
  startsOn: day,
  endsOn: day.nullable().optional(),
  feeStandard: z.string().trim().min(1, '请填写收费标准').max(200),
  feeCentsPerSqm: z.number().int().min(0).max(100000).nullable().optional(),
  scope: z.string().trim().min(1, '请填写服务范围').max(500),
  note: optionalText(500),
  /** The current contract's version as the caller saw it (0 when the compound had none). */
  expectedVersion: z.number().int().min(0),
});
export type AssignInput = z.input<typeof AssignBody>;

export const EndContractBody = z.object({
  endedOn: day,
  reason: z.enum(['expired', 'terminated']),
  note: optionalText(500),
  version: z.number().int(),
});
export type EndContractInput = z.input<typeof EndContractBody>;

export const UnmanagedQuery = z.object({ orgUnitId: z.string().max(80).optional() });
export const UnmanagedDto = z.object({
  total: z.number().int(),
  compounds: z.number().int(),
  /** 管理悬空 per street, and of them the old compounds. */
  byStreet: z.array(
    z.object({ streetId: z.string(), streetName: z.string(), count: z.number().int(), old: z.number().int() }),
  ),
  items: z.array(
    z.object({
      compoundId: z.string(),
      name: z.string(),
      communityName: z.string(),
      streetName: z.string(),
      isOld: z.boolean().nullable(),
      /** The company that served it last, when a contract ended without a successor. */
      lastCompanyName: z.string().nullable(),
      lastEndedOn: z.string().nullable(),
    }),
  ),
});
export type Unmanaged = z.infer<typeof UnmanagedDto>;
