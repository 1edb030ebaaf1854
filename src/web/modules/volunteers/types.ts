// Shapes of the volunteers API (server: src/server/modules/volunteers/volunteers.schema.ts). Only
// volunteers.api.ts imports them; pages take them from there, so the switch to src/shared is one line.
export type SignupStatus = 'signed_up' | 'checked_in' | 'checked_out' | 'confirmed' | 'rejected';
export type ActivityKind = 'visit' | 'elder_care' | 'child_care' | 'environment' | 'education' | 'other';
export interface Activity {
  id: string;
  title: string;
  kind: ActivityKind;
  orgUnitId: string;
  orgUnitName: string;
  teamId: string | null;
  teamName: string | null;
  stationId: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  pointsPerHour: number;
  status: 'open' | 'finished' | 'cancelled';
  signups: number;
  mySignup: SignupStatus | null;
}
export interface Qr {
  phase: 'in' | 'out';
  token: string;
  url: string;
  svg: string;
  expiresAt: string;
}
export type RecordSource = 'activity' | 'task' | 'work_order' | 'visit' | 'import';
export interface ServiceRecord {
  id: string;
  personId: string;
  personName: string;
  orgUnitName: string;
  source: RecordSource;
  title: string;
  servedOn: string;
  hours: number;
  status: 'pending' | 'confirmed' | 'rejected';
  points: number | null;
}
export interface LedgerEntry {
  id: number;
  personId: string;
  personName: string;
  delta: number;
  balanceAfter: number;
  kind: 'earn' | 'redeem' | 'adjust';
  sourceType: string;
  note: string | null;
  stationName: string | null;
  createdAt: string;
}
export interface Item {
  id: string;
  stationId: string;
  stationName: string;
  name: string;
  pointsCost: number;
  stock: number;
}
export interface Account {
  personId: string;
  personName: string;
  balance: number;
  earnedTotal: number;
  redeemedTotal: number;
}
export interface CounterAccount extends Account {
  via: 'code' | 'card';
  stationId: string;
  stationName: string;
}
export interface PresenceCode {
  code: string;
  qrPayload: string;
  svg: string;
  expiresAt: string;
  ttlSeconds: number;
}
export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
export interface MemberRow {
  personId: string;
  name: string;
  kind: 'in_service_party_member' | 'rider';
  compoundId: string;
  compoundName: string;
  workUnitName: string | null;
  hours: number;
  tasksDone: number;
  activities: number;
  workOrders: number;
  score: number;
  grade: Grade;
}
export interface Summary {
  month: string;
  totals: {
    partyMembers: number;
    riders: number;
    workUnits: number;
    teams: number;
    activitiesThisYear: number;
    hours: number;
    avgHoursPerPartyMember: number;
  };
  groups: { id: string; name: string; members: number; hours: number; avgHours: number }[];
  trend: { month: string; avgHours: number; members: number }[];
}
export interface Task {
  id: string;
  compoundId: string;
  compoundName: string;
  kind: 'task' | 'visit' | 'work_order';
  title: string;
  description: string;
  workOrderId: string | null;
  workOrderNo: string | null;
  hoursEstimate: number | null;
  status: 'open' | 'claimed' | 'done' | 'confirmed' | 'cancelled';
  claimedBy: string | null;
  claimedByName: string | null;
  version: number;
}
export interface ClaimableOrder {
  id: string;
  no: string;
  title: string;
  compoundName: string;
  status: string;
  claimed: boolean;
}
export interface MyVolunteering {
  personId: string;
  cardLast4: string | null;
  balance: number;
  earnedTotal: number;
  hoursThisMonth: number;
  report: { kind: 'in_service_party_member' | 'rider'; compoundId: string; compoundName: string } | null;
  ledger: LedgerEntry[];
  records: ServiceRecord[];
}
export interface CheckinResult {
  activityId: string;
  activityTitle: string;
  phase: 'in' | 'out';
  status: SignupStatus;
  hours: number | null;
}

export interface Team {
  id: string;
  name: string;
  kind: string;
  orgUnitName: string;
  memberCount: number;
}
export interface AssessmentConfig {
  year: number;
  items: { key: string; label: string; pointsPerUnit: number; max: number }[];
  grades: { excellent: number; good: number; pass: number };
  version: number;
}
