// The minor-protection DTOs, from the server's schemas (src/shared/minor-protection.schema.ts).
export type {
  CaseCan,
  CaseEvent,
  CaseResponse,
  CaseSummary,
  Consent,
  Guardian,
  MinorCategory,
  MinorReport,
  MinorStation,
  Referral,
  Service,
  Tasks,
  Visit,
} from '../../../shared/minor-protection.schema';
export type {
  CaseStatus,
  LivingConditions,
  ReceiverKind,
  RiskLevel,
  ServiceKind,
} from '../../../shared/minor-protection.constants';
