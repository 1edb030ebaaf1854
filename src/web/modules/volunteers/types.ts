// The volunteers API's shapes, from the server's schemas (src/shared/volunteers.schema.ts). Only
// volunteers.api.ts imports them; pages take them from there.
export type {
  Account,
  Activity,
  ActivityKind,
  AssessmentConfig,
  CheckinResult,
  ClaimableOrder,
  CounterAccount,
  Grade,
  Item,
  LedgerEntry,
  MemberRow,
  MyVolunteering,
  PresenceCode,
  Qr,
  RecordSource,
  ServiceRecord,
  SignupStatus,
  Summary,
  Task,
  Team,
} from '../../../shared/volunteers.schema';
