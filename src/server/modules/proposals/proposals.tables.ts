import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { PROPOSAL_STATUSES } from '../../../shared/proposals.schema.js';
import { orgUnits } from '../org/org.tables.js';
import { households } from '../people/people.tables.js';

/**
 * 居民提议: a resident raises a matter for the compound; households of the compound second it (附议, one per
 * household, the proposer's own counted). With `supports_needed` households behind it, the next joint
 * meeting of the compound takes it on its agenda (`meeting_id`).
 */
export const residentProposals = pgTable(
  'resident_proposals',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    compoundId: text('compound_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    proposerUserId: text('proposer_user_id').notNull(),
    proposerHouseholdId: text('proposer_household_id').notNull(),
    supportsNeeded: integer('supports_needed').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('open'),
    meetingId: text('meeting_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('resident_proposals_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('resident_proposals_compound_idx').on(t.districtId, t.compoundId, t.status),
    foreignKey({ columns: [t.districtId, t.compoundId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

/** 附议: one row per household behind a proposal. */
export const residentProposalSupports = pgTable(
  'resident_proposal_supports',
  {
    districtId: text('district_id').notNull(),
    proposalId: text('proposal_id').notNull(),
    householdId: text('household_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.proposalId, t.householdId] }),
    foreignKey({
      columns: [t.districtId, t.proposalId],
      foreignColumns: [residentProposals.districtId, residentProposals.id],
    }),
    foreignKey({ columns: [t.districtId, t.householdId], foreignColumns: [households.districtId, households.id] }),
  ],
);
