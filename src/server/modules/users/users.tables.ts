import { boolean, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Delegated administration (授权开通账号): which granter role may create, reset (password, unlock) and
 * disable accounts of which target role, bound to which kind of org unit. One row per district, granter,
 * target and unit kind; district_id leads the key. Seeded from DEFAULT_GRANTS in access/accounts.access.ts.
 */
export const userGrants = pgTable(
  'user_grants',
  {
    districtId: text('district_id').notNull(),
    granterRole: text('granter_role').notNull(),
    targetRole: text('target_role').notNull(),
    unitKind: text('unit_kind').notNull(),
    mayCreate: boolean('may_create').notNull().default(false),
    mayReset: boolean('may_reset').notNull().default(false),
    mayDisable: boolean('may_disable').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.granterRole, t.targetRole, t.unitKind] })],
);

/**
 * One row per district: which roles, besides the city centre (minor_centre), may grant the
 * minor-protection roles. Only the centre edits it; every change is audited.
 */
export const userGrantSettings = pgTable('user_grant_settings', {
  districtId: text('district_id').primaryKey(),
  minorGranterRoles: text('minor_granter_roles').array().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
