import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  CONTRACT_END_REASONS,
  CONTRACT_STATUSES,
  EVALUATION_STATUSES,
  PUBLICATION_COLUMNS,
  PUBLICATION_STATUSES,
  QUALIFICATIONS,
  RENOVATION_STATUSES,
  type RenovationItem,
} from '../../../shared/property.constants.js';
import { consultations } from '../consultations/consultations.tables.js';
import { orgUnits, workUnits } from '../org/org.tables.js';

/**
 * 物业服务企业. A company is also a work unit (`id` = its `work_units.id`, kind enterprise): a property leg is
 * dispatched to it through `work_order_legs.work_unit_id`, and a `property_company` account names it as
 * its work unit — the same binding a department's account has.
 */
export const propertyCompanies = pgTable(
  'property_companies',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull(), // 统一社会信用代码 (GB 32100-2015, check digit verified)
    qualification: text('qualification', { enum: QUALIFICATIONS }).notNull().default('none'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('property_companies_credit_uq').on(t.districtId, t.creditCode),
    foreignKey({ columns: [t.districtId, t.id], foreignColumns: [workUnits.districtId, workUnits.id] }),
  ],
);

/**
 * 物业服务合同: one company serves one compound for a period at a fee standard. A compound has at most one
 * active contract; a change of company ends the old one (`replaced`) and starts the new one in one write,
 * so the ended rows are the compound's history. A compound without an active contract is 管理悬空.
 */
export const propertyContracts = pgTable(
  'property_contracts',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    companyId: text('company_id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    feeStandard: text('fee_standard').notNull(), // 收费标准, e.g. 0.80 元/㎡·月
    feeCentsPerSqm: integer('fee_cents_per_sqm'), // the same per square metre and month, in fen
    scope: text('scope').notNull(), // 服务范围: 保洁、绿化、秩序维护、共用设施维修 …
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('active'),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason', { enum: CONTRACT_END_REASONS }),
    endNote: text('end_note'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('property_contracts_active_uq')
      .on(t.districtId, t.compoundId)
      .where(sql`status = 'active'`),
    index('property_contracts_company_idx').on(t.districtId, t.companyId, t.status),
    index('property_contracts_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({
      columns: [t.districtId, t.companyId],
      foreignColumns: [propertyCompanies.districtId, propertyCompanies.id],
    }),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/**
 * 公示三专栏: one notice of a compound's property company (a maintenance record, a quarterly income and
 * expenditure statement, or its fee standards). The company submits it, the compound's branch or owners'
 * committee publishes or returns it; every published notice stays, so the public page keeps its history.
 */
export const propertyPublications = pgTable(
  'property_publications',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    companyId: text('company_id').notNull(),
    column: text('column', { enum: PUBLICATION_COLUMNS }).notNull(),
    title: text('title').notNull(),
    period: text('period'), // 2026-Q3 for a statement
    content: text('content').notNull().default(''),
    lines: jsonb('lines').$type<{ label: string; kind: 'income' | 'expense'; amountCents: number }[]>().notNull(),
    incomeTotalCents: integer('income_total_cents'),
    expenseTotalCents: integer('expense_total_cents'),
    status: text('status', { enum: PUBLICATION_STATUSES }).notNull().default('submitted'),
    returnReason: text('return_reason'),
    submittedBy: text('submitted_by').notNull(),
    reviewedBy: text('reviewed_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('property_publications_compound_idx').on(t.districtId, t.compoundId, t.status),
    index('property_publications_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({
      columns: [t.districtId, t.companyId],
      foreignColumns: [propertyCompanies.districtId, propertyCompanies.id],
    }),
  ],
);

// ── evaluation ── 物业服务质量评价

/**
 * The year's evaluation items and weights, set by the district (its root) or a street for the compounds
 * below it; a compound's evaluation takes the nearest scheme above it. Frozen once an evaluation uses it.
 */
export const propertyEvaluationSchemes = pgTable(
  'property_evaluation_schemes',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    items: jsonb('items').$type<{ name: string; weight: number }[]>().notNull(),
    residentsWeight: integer('residents_weight').notNull(),
    branchWeight: integer('branch_weight').notNull(),
    committeeWeight: integer('committee_weight').notNull(),
    bottomCount: integer('bottom_count').notNull().default(3),
    scoreLine: integer('score_line'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('property_evaluation_schemes_unit_year_uq').on(t.districtId, t.orgUnitId, t.year),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/**
 * One compound's evaluation of the company serving it for a year: the residents answer its consultation
 * (one answer per household), the branch and the owners' committee enter their item scores (whole points);
 * publishing freezes the residents' item means, the party scores and the total (hundredths of a point).
 */
export const propertyEvaluations = pgTable(
  'property_evaluations',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    schemeId: text('scheme_id').notNull(),
    year: integer('year').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    companyId: text('company_id').notNull(),
    contractId: text('contract_id').notNull(),
    consultationId: text('consultation_id').notNull(),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('open'),
    branchScores: jsonb('branch_scores').$type<number[]>(),
    branchBy: text('branch_by'),
    committeeScores: jsonb('committee_scores').$type<number[]>(),
    committeeBy: text('committee_by'),
    residentItems: jsonb('resident_items').$type<(number | null)[]>(),
    ballots: integer('ballots'),
    residentsScore: integer('residents_score'),
    branchScore: integer('branch_score'),
    committeeScore: integer('committee_score'),
    total: integer('total'),
    openedBy: text('opened_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('property_evaluations_compound_year_uq').on(t.districtId, t.compoundId, t.year),
    index('property_evaluations_path_idx').on(t.districtId, t.year, t.orgPath.op('text_pattern_ops')),
    foreignKey({
      columns: [t.districtId, t.schemeId],
      foreignColumns: [propertyEvaluationSchemes.districtId, propertyEvaluationSchemes.id],
    }),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
    foreignKey({
      columns: [t.districtId, t.companyId],
      foreignColumns: [propertyCompanies.districtId, propertyCompanies.id],
    }),
    foreignKey({
      columns: [t.districtId, t.contractId],
      foreignColumns: [propertyContracts.districtId, propertyContracts.id],
    }),
    foreignKey({
      columns: [t.districtId, t.consultationId],
      foreignColumns: [consultations.districtId, consultations.id],
    }),
  ],
);

/** 老旧小区改造: one renovation project of a compound (a year, its items, investment, who carried it out). */
export const compoundRenovations = pgTable(
  'compound_renovations',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    items: jsonb('items').$type<RenovationItem[]>().notNull(),
    investmentYuan: bigint('investment_yuan', { mode: 'number' }).notNull().default(0),
    implementer: text('implementer').notNull(),
    status: text('status', { enum: RENOVATION_STATUSES }).notNull(),
    startedOn: date('started_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('compound_renovations_compound_idx').on(t.districtId, t.compoundId),
    index('compound_renovations_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);
