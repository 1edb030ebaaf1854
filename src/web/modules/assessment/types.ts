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
  Settings,
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
// ── topics ──
export type {
  Hotspot,
  HotspotList,
  Topic,
  TopicAction,
  TopicDetail,
  TopicEffect,
  TopicInput,
  TopicList,
} from '../../../shared/topics.schema';
export type { TopicActionStatus } from '../../../shared/assessment.constants';
export { TOPIC_ACTION_STATUSES } from '../../../shared/assessment.constants';
