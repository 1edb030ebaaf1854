import { defineErrors } from '../../lib/errors.js';

/** Every error of 征求民意 / 议事协商 a person can get. */
export const E = defineErrors('consultations', {
  NOT_FOUND: { kind: 'not_found', zh: '找不到该征求意见。', en: 'Consultation not found.' },
  SCOPE_NOT_FOUND: {
    kind: 'bad_request',
    zh: '找不到所选的社区或小区。',
    en: 'The chosen community or compound was not found.',
  },
  SCOPE_KIND: {
    kind: 'bad_request',
    zh: '征求意见的范围应为社区或小区。',
    en: 'A consultation asks the residents of a community or a compound.',
  },
  BUILDING_NOT_IN_SCOPE: {
    kind: 'bad_request',
    zh: '所选楼栋不在该小区内。',
    en: 'The chosen building is not in this compound.',
  },
  CLOSES_IN_PAST: { kind: 'bad_request', zh: '截止时间应晚于现在。', en: 'The closing time must be in the future.' },
  NO_QUESTIONS: { kind: 'bad_request', zh: '请至少设置一道题目。', en: 'Add at least one question.' },
  OPTIONS_NEEDED: {
    kind: 'bad_request',
    zh: '第 {n} 题（{kind}）至少需要两个选项。',
    en: 'Question {n} ({kind}) needs at least two options.',
  },
  DECISION_SHAPE: {
    kind: 'bad_request',
    zh: '业主共同决定事项须选择事项类别，按户表决，实名，且只有一道“同意/反对/弃权”题。',
    en: "An owners' decision names its matter, is one named ballot per household, with one agree/oppose/abstain question.",
  },
  CLOSED: {
    kind: 'conflict',
    zh: '该征求意见已于 {closesAt} 截止，不能再提交。',
    en: 'This consultation closed at {closesAt}: no more answers.',
  },
  STILL_OPEN: {
    kind: 'conflict',
    zh: '征求意见尚未截止，截止后才能公布结果。',
    en: 'The consultation is still open: publish its result after it closes.',
  },
  ALREADY_PUBLISHED: { kind: 'conflict', zh: '结果已公布。', en: 'The result is already published.' },
  CHANGED: {
    kind: 'conflict',
    zh: '该征求意见已被他人修改，请刷新后重试。',
    en: 'The consultation was changed by someone else: reload and try again.',
  },
  ALREADY_ANSWERED_HOUSEHOLD: {
    kind: 'conflict',
    zh: '您家已提交过（每户限一份），不能重复提交。',
    en: 'Your household has already answered (one answer per household).',
  },
  ALREADY_ANSWERED_PERSON: {
    kind: 'conflict',
    zh: '您已提交过（每人限一份），不能重复提交。',
    en: 'You have already answered (one answer per person).',
  },
  PAPER_DUPLICATE: {
    kind: 'conflict',
    zh: '该户已有一份答卷（线上或纸质），不能重复录入。',
    en: 'This household has already answered (online or on paper).',
  },
  NOT_ELIGIBLE: {
    kind: 'forbidden',
    zh: '本次征求意见只面向{scope}的居民，您不在范围内。',
    en: 'This consultation asks the residents of {scope} only: you are not among them.',
  },
  NO_HOUSEHOLD: {
    kind: 'forbidden',
    zh: '您的账号尚未关联住户信息，请联系社区登记后再参与。',
    en: 'Your account is not linked to a household: ask the community to register it first.',
  },
  HOUSEHOLD_REQUIRED: {
    kind: 'bad_request',
    zh: '按户征求意见的纸质票须注明住户。',
    en: 'A paper ballot of a per-household consultation names its household.',
  },
  HOUSEHOLD_NOT_IN_SCOPE: {
    kind: 'bad_request',
    zh: '该住户不在本次征求意见的范围内。',
    en: 'This household is not in the consultation’s scope.',
  },
  ANSWER_REQUIRED: { kind: 'bad_request', zh: '第 {n} 题为必答题。', en: 'Question {n} must be answered.' },
  ANSWER_CHOICE: {
    kind: 'bad_request',
    zh: '第 {n} 题的选择无效：单选只能选一项，多选不能重复，选项须在列表中。',
    en: 'Question {n}: invalid choice (one option for single choice, no repeats, options from the list).',
  },
  ANSWER_RANKING: {
    kind: 'bad_request',
    zh: '第 {n} 题为排序题，请将全部 {count} 个选项各排一次。',
    en: 'Question {n} is a ranking: place each of its {count} options once.',
  },
  ANSWER_POINT: {
    kind: 'bad_request',
    zh: '第 {n} 题请在地图上选一个点。',
    en: 'Question {n}: pick a point on the map.',
  },
  ANSWER_UNKNOWN: { kind: 'bad_request', zh: '没有第 {n} 题。', en: 'There is no question {n}.' },
  RESULTS_HIDDEN: {
    kind: 'forbidden',
    zh: '结果尚未公布，公布后可查看。',
    en: 'The result is not published yet.',
  },
});
