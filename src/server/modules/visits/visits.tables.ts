import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, date } from 'drizzle-orm/pg-core';
import { NEED_STATUSES, VISITEE_KINDS } from '../../../shared/visits.constants.js';
import { orgUnits } from '../org/org.tables.js';
import { people } from '../people/people.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * 走访慰问: campaigns (2026年春节走访慰问 of a street or community, with its partner units), the visits
 * made in them (a registry person, by whom, what was given, the situation) and the follow-up needs a
 * visit found — each may become a work order (the link kept) or a referral. Keyed by district first.
 */
export const visitCampaigns = pgTable(
  'visit_campaigns',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    /** The organiser's path: the campaign is read by its subtree and the units above it. */
    orgPath: text('org_path').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    partners: text('partners').array().notNull().default([]),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('visit_campaigns_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    foreignKey({ columns: [t.districtId, t.orgUnitId], foreignColumns: [orgUnits.districtId, orgUnits.id] }),
  ],
);

export const visits = pgTable(
  'visits',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    campaignId: text('campaign_id').notNull(),
    personId: text('person_id').notNull(),
    /** Where the visited person lives: visits are personal data, scoped like the resident. */
    orgPath: text('org_path').notNull(),
    kind: text('kind', { enum: VISITEE_KINDS }).notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitors: text('visitors').array().notNull(),
    partners: text('partners').array().notNull().default([]),
    goods: jsonb('goods').$type<{ name: string; quantity: number; unit: string; valueYuan: number }[]>().notNull(),
    /** Σ goods[].valueYuan, kept with the row so campaign sums are one query. */
    goodsYuan: integer('goods_yuan').notNull().default(0),
    moneyYuan: integer('money_yuan').notNull().default(0),
    situation: text('situation').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('visits_campaign_idx').on(t.districtId, t.campaignId, t.visitedOn),
    index('visits_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('visits_person_idx').on(t.districtId, t.personId),
    foreignKey({
      columns: [t.districtId, t.campaignId],
      foreignColumns: [visitCampaigns.districtId, visitCampaigns.id],
    }),
    foreignKey({ columns: [t.districtId, t.personId], foreignColumns: [people.districtId, people.id] }),
  ],
);

export const visitNeeds = pgTable(
  'visit_needs',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    visitId: text('visit_id').notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: NEED_STATUSES }).notNull().default('open'),
    workOrderId: text('work_order_id'),
    referredTo: text('referred_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('visit_needs_visit_idx').on(t.districtId, t.visitId),
    foreignKey({ columns: [t.districtId, t.visitId], foreignColumns: [visits.districtId, visits.id] }),
    foreignKey({ columns: [t.districtId, t.workOrderId], foreignColumns: [workOrders.districtId, workOrders.id] }),
  ],
);
