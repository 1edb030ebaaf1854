import { sql, type SQL } from 'drizzle-orm';
import { can, type Role } from './access.policy.js';
import {
  everyRole,
  subtree,
  wholeDistrict,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';
import { PurchaseErrors } from '../service-purchase/service-purchase.errors.js';
import { scopeRefusals } from './access.errors.js';

/**
 * Government purchase of services (政府购买服务). A social organisation sees its own proposals and
 * contracts; a juror the screened-in proposals of the rounds they judge; everyone else the records that
 * serve a community inside their subtree (district staff and the recruiting agent: all).
 */

// The refusals' codes and (Chinese) texts, from the module's error list.

/** A call (批次) in draft is the recruiting agent's work in progress: hidden (404) from everyone without purchase.manage. */
export interface RoundRecord {
  status: string;
}
export interface RoundColumns {
  status: SQL;
}
const published: Scope<RoundRecord, RoundColumns> = {
  test: (_a, r) => r.status !== 'draft',
  where: (_a, c) => sql`${c.status} <> 'draft'`,
};
export const roundRule: KindRule<RoundRecord, RoundColumns, 'read'> = {
  what: '该批次',
  // the two roles with purchase.manage run the call
  read: {
    ...everyRole<RoundRecord, RoundColumns>(published),
    property_company: published, // a published call is public
    district_admin: wholeDistrict,
    purchase_agent: wholeDistrict,
  },
  hidden: () => PurchaseErrors.ROUND_NOT_FOUND(),
  actions: {},
};

/** Residents' needs are the call's public input: organisations and jurors see all of them, staff their subtree. */
export const needRule: KindRule<PathRecord, PathColumns, 'read'> = {
  what: '该需求',
  read: { ...everyRole(subtree), social_org: wholeDistrict, juror: wholeDistrict } satisfies Record<
    Role,
    Scope<PathRecord, PathColumns>
  >,
  actions: {},
};

/** Who applied (the organisation's account) and who judges the round, loaded with the record. */
export interface PurchaseParties {
  orgAccountUserId: string | null;
  jurorUserIds: readonly string[];
}
export interface ProposalRecord extends PurchaseParties {
  targetPaths: readonly string[];
  screening: string | null;
  status: string;
}
export interface ProposalColumns {
  districtId: SQL;
  orgId: SQL;
  roundId: SQL;
  targetPaths: SQL;
  screening: SQL;
  status: SQL;
}
export interface ContractRecord {
  orgPath: string;
  buyerName: string;
  targetPaths: readonly string[];
  orgAccountUserId: string | null;
}
export interface ContractColumns {
  districtId: SQL;
  orgId: SQL;
  targetPaths: SQL;
}

interface Targeted {
  targetPaths: readonly string[];
}
const servesSubtree = <C extends { targetPaths: SQL }>(): Scope<Targeted, C> => ({
  test: (a, r) => r.targetPaths.some((p) => inSubtree(a, p)),
  where: (a, c) => sql`exists (select 1 from unnest(${c.targetPaths}) tp where ${subtreeSql(a, sql`tp`)})`,
});
const ownOrg = <C extends { districtId: SQL; orgId: SQL }>(): Scope<{ orgAccountUserId: string | null }, C> => ({
  test: (a, r) => r.orgAccountUserId === a.userId,
  where: (a, c) =>
    sql`exists (select 1 from purchase_orgs po where po.district_id = ${c.districtId} and po.id = ${c.orgId} and po.account_user_id = ${a.userId})`,
});
const judged: Scope<ProposalRecord, ProposalColumns> = {
  test: (a, r) => r.screening === 'pass' && r.status === 'submitted' && r.jurorUserIds.includes(a.userId),
  where: (a, c) => sql`(${c.screening} = 'pass' and ${c.status} = 'submitted'
    and exists (select 1 from purchase_jurors j where j.district_id = ${c.districtId} and j.round_id = ${c.roundId} and j.user_id = ${a.userId}))`,
};

const proposalTargets = servesSubtree<ProposalColumns>();
const proposalOwner = ownOrg<ProposalColumns>();
export const proposalRule: KindRule<ProposalRecord, ProposalColumns, 'read' | 'own'> = {
  what: '该项目',
  read: { ...everyRole<ProposalRecord, ProposalColumns>(proposalTargets), social_org: proposalOwner, juror: judged },
  actions: {
    own: {
      test: proposalOwner.test,
      where: proposalOwner.where,
      refusal: () => PurchaseErrors.PROPOSAL_NOT_OWNED(),
    },
  },
};

const contractTargets = servesSubtree<ContractColumns>();
const contractOwner = ownOrg<ContractColumns>();
export const contractRule: KindRule<ContractRecord, ContractColumns, 'read' | 'buy' | 'deliver'> = {
  what: '该合同',
  // Contracts are public information (OCDS): jurors follow the path rule like staff.
  read: { ...everyRole<ContractRecord, ContractColumns>(contractTargets), social_org: contractOwner },
  actions: {
    /** The street / township that signed it: sign, review milestones, evaluate (with purchase.contract). */
    buy: {
      test: (a, r) => can(a, 'purchase.contract') && inSubtree(a, r.orgPath),
      refusal: (_w, r) => scopeRefusals.contractBuyer({ buyer: r.buyerName }),
    },
    deliver: { test: contractOwner.test, refusal: () => scopeRefusals.contractDelivery() },
  },
};
