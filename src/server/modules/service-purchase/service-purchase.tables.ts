import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
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
  CONTRACT_STATUSES,
  MILESTONE_STATUSES,
  PROPOSAL_RESULTS,
  ROUND_STATUSES,
} from '../../../shared/service-purchase.constants.js';

/**
 * Government purchase of services (政府向社会力量购买服务): needs → call → proposals → screening →
 * roadshow jury → public notice → awards → contracts per street/township → delivery and payment.
 * Every table is keyed by district first (Citus-ready).
 */

export interface Criterion {
  key: string;
  name: string;
  weight: number;
}
export interface TeamMember {
  name: string;
  role: string;
  qualification?: string;
}
export interface BudgetLine {
  item: string;
  amountCents: number;
}

/** 社会组织 registered to apply; one per social-organisation account. */
export const purchaseOrgs = pgTable(
  'purchase_orgs',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    /** 统一社会信用代码, 18 characters. */
    creditCode: text('credit_code').notNull(),
    legalRep: text('legal_rep').notNull(),
    intro: text('intro').notNull().default(''),
    accountUserId: text('account_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('purchase_orgs_credit_uq').on(t.districtId, t.creditCode),
    uniqueIndex('purchase_orgs_account_uq').on(t.districtId, t.accountUserId),
  ],
);

/** 居民需求 / 项目意向 recorded by a community. */
export const purchaseNeeds = pgTable(
  'purchase_needs',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    communityId: text('community_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    residents: integer('residents').notNull().default(0),
    /** The consultation (征求民意) the need comes from, closed or published: the survey behind the idea. */
    consultationId: text('consultation_id'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('purchase_needs_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
  ],
);

/** One yearly round = one call (项目申报通知) = one OCDS contracting process. */
export const purchaseRounds = pgTable(
  'purchase_rounds',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    ocid: text('ocid').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    scope: text('scope').notNull(),
    eligibility: text('eligibility').notNull(),
    budgetCents: bigint('budget_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: ROUND_STATUSES }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
    dropHighLow: boolean('drop_high_low').notNull().default(false),
    /** How many proposals the roadshow may recommend at most, and the lowest final score that may be recommended. */
    places: integer('places').notNull(),
    passScore: integer('pass_score').notNull().default(60),
    noticeDays: integer('notice_days').notNull().default(5),
    scoringOpenedAt: timestamp('scoring_opened_at', { withTimezone: true }),
    noticeStartsAt: timestamp('notice_starts_at', { withTimezone: true }),
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('purchase_rounds_ocid_uq').on(t.districtId, t.ocid),
  ],
);

/**
 * 更正公告: a change to a published call while it is open (the text, the budget or a later deadline),
 * with its reason. `changes` holds each changed field's value before and after, so the call as it was
 * published — and after each amendment — can be restated (the OCDS tender and tenderAmendment releases).
 */
export interface RoundChange {
  field: 'title' | 'scope' | 'eligibility' | 'budgetCents' | 'deadlineAt';
  before: string | number;
  after: string | number;
}
export const purchaseRoundAmendments = pgTable(
  'purchase_round_amendments',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    roundId: text('round_id').notNull(),
    seq: integer('seq').notNull(),
    rationale: text('rationale').notNull(),
    changes: jsonb('changes').$type<RoundChange[]>().notNull(),
    amendedBy: text('amended_by'),
    amendedByName: text('amended_by_name').notNull(),
    amendedAt: timestamp('amended_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('purchase_round_amendments_seq_uq').on(t.districtId, t.roundId, t.seq),
  ],
);

/** 评审团 of a round. */
export const purchaseJurors = pgTable(
  'purchase_jurors',
  {
    districtId: text('district_id').notNull(),
    roundId: text('round_id').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.roundId, t.userId] })],
);

/** 项目书. `target_paths` are the org paths of the target communities: the one scope rule reads them. */
export const purchaseProposals = pgTable(
  'purchase_proposals',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    roundId: text('round_id').notNull(),
    orgId: text('org_id').notNull(),
    no: text('no').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    category: text('category').notNull(),
    team: jsonb('team').$type<TeamMember[]>().notNull(),
    budgetLines: jsonb('budget_lines').$type<BudgetLine[]>().notNull(),
    budgetCents: bigint('budget_cents', { mode: 'number' }).notNull(),
    pastDelivery: text('past_delivery').notNull().default(''),
    streetId: text('street_id').notNull(),
    targetCommunityIds: text('target_community_ids').array().notNull(),
    targetPaths: text('target_paths').array().notNull(),
    status: text('status', { enum: ['submitted', 'withdrawn'] }).notNull(),
    screening: text('screening', { enum: ['pass', 'fail'] }),
    screeningReason: text('screening_reason'),
    screenedAt: timestamp('screened_at', { withTimezone: true }),
    finalScore: doublePrecision('final_score'),
    rank: integer('rank'),
    result: text('result', { enum: PROPOSAL_RESULTS }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('purchase_proposals_no_uq').on(t.districtId, t.roundId, t.no),
    index('purchase_proposals_round_idx').on(t.districtId, t.roundId, t.status),
    index('purchase_proposals_org_idx').on(t.districtId, t.orgId),
  ],
);

export const purchaseAttachments = pgTable(
  'purchase_attachments',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    proposalId: text('proposal_id').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    dataBase64: text('data_base64').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('purchase_attachments_proposal_idx').on(t.districtId, t.proposalId),
  ],
);

/** 回避: a juror with a conflict of interest does not score that proposal. */
export const purchaseRecusals = pgTable(
  'purchase_recusals',
  {
    districtId: text('district_id').notNull(),
    proposalId: text('proposal_id').notNull(),
    jurorUserId: text('juror_user_id').notNull(),
    roundId: text('round_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.proposalId, t.jurorUserId] })],
);

/** One row per submitted version; exactly one current version per juror and proposal. */
export const purchaseScores = pgTable(
  'purchase_scores',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    roundId: text('round_id').notNull(),
    proposalId: text('proposal_id').notNull(),
    jurorUserId: text('juror_user_id').notNull(),
    version: integer('version').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: doublePrecision('total').notNull(),
    comment: text('comment').notNull().default(''),
    isCurrent: boolean('is_current').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('purchase_scores_version_uq').on(t.districtId, t.proposalId, t.jurorUserId, t.version),
    uniqueIndex('purchase_scores_current_uq')
      .on(t.districtId, t.proposalId, t.jurorUserId)
      .where(sql`is_current`),
    index('purchase_scores_round_idx').on(t.districtId, t.roundId),
  ],
);

/** 社会公示 objections and the agent's answers. */
export const purchaseObjections = pgTable(
  'purchase_objections',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    roundId: text('round_id').notNull(),
    proposalId: text('proposal_id'),
    filedByUserId: text('filed_by_user_id'),
    filedByName: text('filed_by_name').notNull(),
    content: text('content').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    answer: text('answer'),
    upheld: boolean('upheld'),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('purchase_objections_round_idx').on(t.districtId, t.roundId),
  ],
);

/** A contract per awarded project, signed by the street / township that buys it. */
export const purchaseContracts = pgTable(
  'purchase_contracts',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    roundId: text('round_id').notNull(),
    proposalId: text('proposal_id').notNull(),
    orgId: text('org_id').notNull(),
    no: text('no').notNull(),
    title: text('title').notNull(),
    buyerUnitId: text('buyer_unit_id').notNull(),
    /** The signatory's name as written on the contract (a street renamed or merged later keeps its old name here). */
    buyerName: text('buyer_name').notNull(),
    buyerKind: text('buyer_kind', { enum: ['street', 'township'] }).notNull(),
    orgPath: text('org_path').notNull(),
    targetPaths: text('target_paths').array().notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    evaluationScore: integer('evaluation_score'),
    evaluationGrade: text('evaluation_grade'),
    evaluationComment: text('evaluation_comment'),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('purchase_contracts_proposal_uq').on(t.districtId, t.proposalId),
    index('purchase_contracts_path_idx').on(t.districtId, t.orgPath.op('text_pattern_ops')),
    index('purchase_contracts_round_idx').on(t.districtId, t.roundId),
  ],
);

/** Milestone with its fund tranche: released when the street accepts the evidence. */
export const purchaseMilestones = pgTable(
  'purchase_milestones',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    contractId: text('contract_id').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    trancheCents: bigint('tranche_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: MILESTONE_STATUSES }).notNull(),
    evidence: text('evidence'),
    evidenceAt: timestamp('evidence_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('purchase_milestones_contract_idx').on(t.districtId, t.contractId, t.seq),
  ],
);

/** 活动记录: one activity delivered in a community, with its beneficiaries. */
export const purchaseDeliveries = pgTable(
  'purchase_deliveries',
  {
    districtId: text('district_id').notNull(),
    id: text('id').notNull(),
    contractId: text('contract_id').notNull(),
    communityId: text('community_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    beneficiaries: integer('beneficiaries').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: text('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('purchase_deliveries_contract_idx').on(t.districtId, t.contractId, t.heldOn),
  ],
);
