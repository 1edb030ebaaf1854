// The property API's shapes, from the server's schemas (src/shared/property.schema.ts). Only property.api.ts
// imports them; pages take them from there.
export type {
  AssignInput,
  Company,
  CompanyDetail,
  CompanyInput,
  CompanyList,
  CompoundProperty,
  Contract,
  EndContractInput,
  Unmanaged,
} from '../../../shared/property.schema';
export type { Qualification } from '../../../shared/property.constants';
export type {
  Overdue,
  Publication,
  PublicationInput,
  PublicationList,
  PublicPage,
  ReviewInput,
} from '../../../shared/property-publications.schema';
// ── evaluation ──
export type {
  Evaluation,
  EvaluationList,
  Ranking,
  Scheme,
  SchemeInput,
  SchemeList,
  SchemePatchInput,
} from '../../../shared/property-evaluations.schema';
