export type {
  Appeal,
  AppealInput,
  AppealReason,
  CallbackInput,
  CallbackOutcome,
  CallbackQueue,
  Drill,
  RankedUnit,
  Ranking,
  RateKey,
  UnitKind,
} from '../../../shared/assessment.schema';
export type { RankKind } from '../../../shared/assessment.constants';
export {
  RANK_KINDS,
  RATE_KEYS,
  APPEAL_REASONS,
  CALLBACK_OUTCOMES,
  LOWER_IS_BETTER,
} from '../../../shared/assessment.constants';
