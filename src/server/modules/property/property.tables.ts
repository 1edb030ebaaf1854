import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { CONTRACT_END_REASONS, CONTRACT_STATUSES, QUALIFICATIONS } from '../../../shared/property.constants.js';
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
