// Mirrors src/server/modules/minor-protection/minor-protection.schema.ts.
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type CaseStatus = 'open' | 'closure_requested' | 'closed';
export const SERVICE_KINDS = [
  'home_visit',
  'policy_consultation',
  'emotional_support',
  'counselling',
  'case_followup',
  'assistance',
  'tutoring',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type ReceiverKind = 'volunteer' | 'department' | 'organisation';
export type LivingConditions = 'good' | 'fair' | 'poor';

export interface MinorCategory {
  id: string;
  name: string;
  sort: number;
  visitDaysLow: number;
  visitDaysMedium: number;
  visitDaysHigh: number;
  isActive: boolean;
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  identityVisible: boolean;
  name: string | null;
  nameMasked: string;
  gender: 'M' | 'F';
  /** Only with identity access; a masked file gives the band. */
  age: number | null;
  ageBand: '0-5' | '6-11' | '12-17' | '18+';
  streetName: string;
  /** Only for callers whose scope covers the community. */
  communityName: string | null;
  categories: string[];
  riskLevel: RiskLevel;
  status: CaseStatus;
  workerName: string | null;
  openedOn: string;
  lastVisitOn: string | null;
  nextVisitDue: string | null;
  isVisitOverdue: boolean;
  isEscalated: boolean;
  version: number;
}

export interface Guardian {
  name: string;
  relation: string;
  phone?: string;
}
export interface Visit {
  childSeen: boolean;
  livingConditions: LivingConditions;
  safetyConcern: boolean;
  notes: string;
}
export interface Service {
  id: string;
  kind: ServiceKind;
  servedOn: string;
  workerName: string;
  outcome: string | null;
  visit: Visit | null;
  safetyConcern: boolean;
}
export interface Consent {
  id: string;
  guardian: string;
  givenOn: string;
  scope: string;
  withdrawn: boolean;
}
export interface Referral {
  id: string;
  caseId: string;
  caseNo: string;
  childMasked: string;
  receiverKind: ReceiverKind;
  receiverName: string;
  status: 'pending' | 'acknowledged' | 'reported';
  basis: 'consent' | 'override';
  request: string | null;
  report: string | null;
  ackDueAt: string;
  isAckOverdue: boolean;
  acknowledgedAt: string | null;
  reportedAt: string | null;
  createdAt: string;
  canRespond: boolean;
}
export interface CaseEvent {
  id: number;
  at: string;
  actorName: string;
  type: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface CaseDetail extends CaseSummary {
  needs: ServiceKind[];
  identity: {
    name: string;
    idMasked: string | null;
    address: string | null;
    guardians: Guardian[];
    health: string | null;
    assessmentNotes: string | null;
    planGoals: { text: string; done: boolean }[];
  } | null;
  services: Service[];
  consents: Consent[];
  referrals: Referral[];
  events: CaseEvent[];
  serviceCounts: Record<string, number>;
}
export interface CaseCan {
  work: boolean;
  approve: boolean;
  requestClosure: boolean;
  decideClosure: boolean;
  reopen: boolean;
  assign: boolean;
}
export interface CaseResponse {
  case: CaseDetail;
  can: CaseCan;
}

export interface Tasks {
  visitsOverdue: CaseSummary[];
  visitsDue: CaseSummary[];
  closuresToDecide: CaseSummary[];
  referralsAwaiting: Referral[];
}

export interface MinorStation {
  id: string;
  name: string;
  streetName: string;
  operator: string | null;
  openedOn: string | null;
  checklist: { key: string; label: string; met: boolean; note: string | null }[];
  metCount: number;
  openCases: number;
  canEdit: boolean;
  version: number;
}

export interface MinorReport {
  total: number;
  open: number;
  closed: number;
  communities: number;
  byCategory: { id: string; name: string; count: number }[];
  byRisk: { riskLevel: RiskLevel; count: number }[];
  byStreet: {
    streetId: string;
    streetName: string;
    total: number;
    high: number;
    visitsDue: number;
    visitsOverdue: number;
  }[];
  visitsDue: number;
  visitsOverdue: number;
  services: { kind: ServiceKind; count: number }[];
}
