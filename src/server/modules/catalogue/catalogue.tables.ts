import {
  date,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CatalogueHandler } from '../../../shared/catalogue.schema.js';

/**
 * 派单目录: which unit(s) own which kind of problem. Each version is complete and takes effect on a date;
 * the version in force on the day a leg was dispatched stays its version (past orders are reproducible).
 * A version is never changed once saved: a correction is a new version, with who, when and why.
 */
export const catalogueVersions = pgTable(
  'dispatch_catalogue_versions',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('dispatch_catalogue_versions_date_uq').on(t.districtId, t.effectiveFrom),
  ],
);

/** One line of a version: a category or sub-category → its responsible unit(s) and default deadline. */
export const catalogueEntries = pgTable(
  'dispatch_catalogue_entries',
  {
    districtId: text('district_id').notNull(),
    versionId: text('version_id').notNull(),
    categoryId: text('category_id').notNull(),
    handlers: jsonb('handlers').$type<CatalogueHandler[]>().notNull(),
    handleDays: integer('handle_days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.versionId, t.categoryId] }),
    foreignKey({
      columns: [t.districtId, t.versionId],
      foreignColumns: [catalogueVersions.districtId, catalogueVersions.id],
    }),
  ],
);
