import { and, type SQL } from 'drizzle-orm';
import { accessErrors as E } from './access.errors.js';
import { attachmentRule, type AttachmentColumns, type AttachmentRecord } from './attachments.access.js';
import {
  appealRule,
  callbackRule,
  type AppealColumns,
  type AppealRecord,
  type CallbackColumns,
  type CallbackRecord,
} from './assessment.access.js';
// ── topics ──
import { topicRule, type TopicColumns, type TopicRecord } from './assessment.access.js';
import type { Actor } from './access.policy.js';
import { residentProposalRule } from './proposals.access.js';
import type { ActionRule, KindRule, PathColumns, PathRecord } from './access.rule.js';
import {
  minorCaseRule,
  minorStationRule,
  referralRule,
  type CaseColumns,
  type CaseRecord,
  type ReferralColumns,
  type ReferralRecord,
} from './minor-protection.access.js';
import {
  accountRule,
  buildingRule,
  householdRule,
  meetingRule,
  orgUnitRule,
  partyMemberRule,
  partyOrgRule,
  personRule,
  reportFilterRule,
  type PartyOrgColumns,
  type PartyOrgRecord,
} from './org.access.js';
import {
  contractRule,
  needRule,
  proposalRule,
  roundRule,
  type ContractColumns,
  type ContractRecord,
  type ProposalColumns,
  type ProposalRecord,
  type RoundColumns,
  type RoundRecord,
} from './service-purchase.access.js';
import {
  activityRule,
  canteenRule,
  compoundReportRule,
  pointsAccountRule,
  reportingSummaryRule,
  serviceRecordRule,
  signupRule,
  stationRule,
  taskRule,
  teamRule,
  type MemberColumns,
  type MemberRecord,
  type SignupColumns,
  type SignupRecord,
  type TaskRecord,
} from './volunteers.access.js';
import {
  propertyCompanyRule,
  propertyContractRule,
  type CompanyColumns as PropertyCompanyColumns,
  type CompanyRecord as PropertyCompanyRecord,
  type ContractColumns as PropertyContractColumns,
  type ContractRecord as PropertyContractRecord,
  // ── property ──
  propertyPublicationRule,
  type PublicationColumns,
  type PublicationRecord,
  // ── evaluation ──
  evaluationSchemeRule,
  propertyEvaluationRule,
  type EvaluationColumns,
  type EvaluationRecord,
} from './property.access.js';
import {
  legRule,
  workOrderRule,
  type LegColumns,
  type LegRecord,
  type WorkOrderColumns,
  type WorkOrderRecord,
} from './work-orders.access.js';
// ── consult ──
import { consultationRule } from './consultations.access.js';
// ── catalogue ──
import { catalogueRule } from './catalogue.access.js';
// ── party-life ──
import { branchLifeRule } from './party-life.access.js';
// ── visits ──
import { visitCampaignRule, visitRule } from './visits.access.js';
// ── patrols ──
import { patrolRule, type PatrolColumns, type PatrolRecord } from './patrols.access.js';
// ── whistles ──
import { whistleRule, type WhistleColumns, type WhistleRecord } from './whistles.access.js';

/**
 * The one access layer for records. Every record kind has one rule (in the *.access.ts files beside this
 * one); modules ask it three ways:
 *
 * - `requireAccess(actor, kind, record, action)` — a loaded record, refused with a 403 AppError
 *   (SCOPE_FORBIDDEN or the action's own code) and a Chinese message;
 * - `canAccess(actor, kind, record, action)` — the same answer as a boolean (the "what may the caller
 *   do next" flags);
 * - `scopeWhere(actor, kind, columns, action)` — the SQL predicate a list adds, from the same rule.
 *
 * Abilities (which routes a role may call) stay in access.policy.ts; this file decides which records.
 */
interface KindOf<R, C, A extends string> {
  record: R;
  columns: C;
  action: A;
}
export interface Kinds {
  orgUnit: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  building: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  household: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  person: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  account: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  meeting: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  partyOrg: KindOf<PartyOrgRecord, PartyOrgColumns, 'read' | 'write'>;
  partyMember: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  reportingUnit: KindOf<PathRecord, PathColumns, 'read'>;
  workOrder: KindOf<WorkOrderRecord, WorkOrderColumns, 'read' | 'handle' | 'report'>;
  leg: KindOf<LegRecord, LegColumns, 'read' | 'work'>;
  minorCase: KindOf<CaseRecord, CaseColumns, 'read' | 'identity' | 'work' | 'approve' | 'caseload'>;
  referral: KindOf<ReferralRecord, ReferralColumns, 'read' | 'respond'>;
  minorStation: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  round: KindOf<RoundRecord, RoundColumns, 'read'>;
  need: KindOf<PathRecord, PathColumns, 'read'>;
  proposal: KindOf<ProposalRecord, ProposalColumns, 'read' | 'own'>;
  contract: KindOf<ContractRecord, ContractColumns, 'read' | 'buy' | 'deliver'>;
  activity: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  signup: KindOf<SignupRecord, SignupColumns, 'read'>;
  team: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  station: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  canteen: KindOf<PathRecord, PathColumns, 'read' | 'write' | 'dine'>;
  compoundReport: KindOf<MemberRecord, MemberColumns, 'read'>;
  serviceRecord: KindOf<MemberRecord, MemberColumns, 'read' | 'confirm'>;
  pointsAccount: KindOf<MemberRecord, MemberColumns, 'read' | 'counter'>;
  reportingSummary: KindOf<PathRecord, PathColumns, 'read'>;
  task: KindOf<TaskRecord, PathColumns, 'read' | 'claim'>;
  attachment: KindOf<AttachmentRecord, AttachmentColumns, 'read'>;
  appeal: KindOf<AppealRecord, AppealColumns, 'read' | 'file' | 'decide'>;
  callback: KindOf<CallbackRecord, CallbackColumns, 'read' | 'call'>;
  propertyCompany: KindOf<PropertyCompanyRecord, PropertyCompanyColumns, 'read' | 'write'>;
  propertyContract: KindOf<PropertyContractRecord, PropertyContractColumns, 'read' | 'write'>;
  // ── consult ──
  consultation: KindOf<PathRecord, PathColumns, 'read' | 'manage'>;
  // ── topics ──
  topic: KindOf<TopicRecord, TopicColumns, 'read' | 'manage'>;
  // ── property ──
  propertyPublication: KindOf<PublicationRecord, PublicationColumns, 'read' | 'submit' | 'review'>;
  // ── catalogue ──
  catalogue: KindOf<PathRecord, PathColumns, 'read' | 'configure'>;
  // ── party-life ──
  branchLife: KindOf<PartyOrgRecord, PartyOrgColumns, 'read' | 'run' | 'review'>;
  // ── visits ──
  visitCampaign: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  visit: KindOf<PathRecord, PathColumns, 'read' | 'write'>;
  // ── patrols ──
  patrol: KindOf<PatrolRecord, PatrolColumns, 'read' | 'record'>;
  // ── whistles ──
  whistle: KindOf<WhistleRecord, WhistleColumns, 'read' | 'manage' | 'checkin'>;
  // ── evaluation ──
  evaluationScheme: KindOf<PathRecord, PathColumns, 'read' | 'configure'>;
  propertyEvaluation: KindOf<EvaluationRecord, EvaluationColumns, 'read' | 'manage'>;
  // ── proposals ──
  residentProposal: KindOf<PathRecord, PathColumns, 'read'>;
}
export type Kind = keyof Kinds;
export type RecordOf<K extends Kind> = Kinds[K]['record'];
export type ColumnsOf<K extends Kind> = Kinds[K]['columns'];
export type ActionOf<K extends Kind> = Kinds[K]['action'];
type RuleOf<K extends Kind> = KindRule<RecordOf<K>, ColumnsOf<K>, ActionOf<K>>;

export const RULES: { [K in Kind]: RuleOf<K> } = {
  orgUnit: orgUnitRule,
  building: buildingRule,
  household: householdRule,
  person: personRule,
  account: accountRule,
  meeting: meetingRule,
  partyOrg: partyOrgRule,
  partyMember: partyMemberRule,
  reportingUnit: reportFilterRule,
  workOrder: workOrderRule,
  leg: legRule,
  minorCase: minorCaseRule,
  referral: referralRule,
  minorStation: minorStationRule,
  round: roundRule,
  need: needRule,
  proposal: proposalRule,
  contract: contractRule,
  activity: activityRule,
  signup: signupRule,
  team: teamRule,
  station: stationRule,
  canteen: canteenRule,
  compoundReport: compoundReportRule,
  serviceRecord: serviceRecordRule,
  pointsAccount: pointsAccountRule,
  reportingSummary: reportingSummaryRule,
  task: taskRule,
  attachment: attachmentRule,
  appeal: appealRule,
  callback: callbackRule,
  propertyCompany: propertyCompanyRule,
  propertyContract: propertyContractRule,
  // ── consult ──
  consultation: consultationRule,
  // ── topics ──
  topic: topicRule,
  // ── property ──
  propertyPublication: propertyPublicationRule,
  // ── catalogue ──
  catalogue: catalogueRule,
  // ── party-life ──
  branchLife: branchLifeRule,
  // ── visits ──
  visitCampaign: visitCampaignRule,
  visit: visitRule,
  // ── patrols ──
  patrol: patrolRule,
  // ── whistles ──
  whistle: whistleRule,
  // ── evaluation ──
  evaluationScheme: evaluationSchemeRule,
  propertyEvaluation: propertyEvaluationRule,
  // ── proposals ──
  residentProposal: residentProposalRule,
};
export const KINDS = Object.keys(RULES) as Kind[];

export interface AccessOptions {
  /** How the refusal names the record when the kind's own word does not fit (该小区, 该岗位 …). */
  what?: string;
}

function actionRule<K extends Kind>(kind: K, action: ActionOf<K>): ActionRule<RecordOf<K>, ColumnsOf<K>> {
  return (RULES[kind].actions as Record<string, ActionRule<RecordOf<K>, ColumnsOf<K>>>)[action]!;
}

const readAllowed = <K extends Kind>(actor: Actor, kind: K, rec: RecordOf<K>) =>
  (RULES[kind] as RuleOf<K>).read[actor.role].test(actor, rec);

/** May this actor do `action` on this record? */
export function canAccess<K extends Kind>(
  actor: Actor,
  kind: K,
  rec: RecordOf<K>,
  action: ActionOf<K> = 'read' as ActionOf<K>,
): boolean {
  if (action === 'read') return readAllowed(actor, kind, rec);
  const a = actionRule(kind, action);
  if (a.requiresRead !== false && !readAllowed(actor, kind, rec)) return false;
  return a.test(actor, rec);
}

/** Refuses (403) unless the actor may do `action` on the record; the read is checked first where the action requires it. */
export function requireAccess<K extends Kind>(
  actor: Actor,
  kind: K,
  rec: RecordOf<K>,
  action: ActionOf<K> = 'read' as ActionOf<K>,
  opts: AccessOptions = {},
): void {
  const rule = RULES[kind] as RuleOf<K>;
  const what = opts.what ?? rule.what;
  const refuseRead = () => (rule.hidden ? rule.hidden() : E.SCOPE_FORBIDDEN({ what }));
  if (action === 'read') {
    if (!readAllowed(actor, kind, rec)) throw refuseRead();
    return;
  }
  const a = actionRule(kind, action);
  if (a.requiresRead !== false && !readAllowed(actor, kind, rec)) throw refuseRead();
  if (!a.test(actor, rec)) throw a.refusal ? a.refusal(what, rec) : E.SCOPE_FORBIDDEN({ what });
}

/** The SQL predicate for a list: exactly the records `canAccess(actor, kind, ·, action)` allows. */
export function scopeWhere<K extends Kind>(
  actor: Actor,
  kind: K,
  cols: ColumnsOf<K>,
  action: ActionOf<K> = 'read' as ActionOf<K>,
): SQL {
  const read = (RULES[kind] as RuleOf<K>).read[actor.role].where(actor, cols);
  if (action === 'read') return read;
  const a = actionRule(kind, action);
  if (!a.where) throw new Error(`access rule ${kind}.${action} has no list predicate`);
  return a.requiresRead === false ? a.where(actor, cols) : and(read, a.where(actor, cols))!;
}
