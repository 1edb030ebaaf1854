import { defineErrors, type ErrorSpec } from '../../lib/errors.js';

/**
 * Every error the government purchase of services module answers with. Most codes have one message;
 * a state code (ROUND_STATE_INVALID, CALL_CLOSED…) says in its message which step refused and why, so
 * those are grouped by step in `StepErrors` — the same code and HTTP status, a message per situation.
 */
const MODULE = 'service-purchase';

export const PurchaseErrors = defineErrors(MODULE, {
  ORG_ALREADY_REGISTERED: {
    kind: 'conflict',
    zh: '本账号已登记社会组织信息，无需重复登记。',
    en: 'This account has already registered its social organisation.',
  },
  ORG_CREDIT_CODE_TAKEN: {
    kind: 'conflict',
    zh: '该统一社会信用代码已由其他账号登记，请核对或联系项目招募方。',
    en: 'Another account has registered this unified social credit code; check it or contact the recruiting agent.',
  },
  ORG_NOT_REGISTERED: {
    kind: 'conflict',
    zh: '请先登记本社会组织的信息（名称、统一社会信用代码、法定代表人），再申报项目。',
    en: 'Register your organisation first (name, unified social credit code, legal representative), then submit proposals.',
  },
  NEED_CONSULTATION_NOT_FOUND: {
    kind: 'bad_request',
    zh: '找不到所选的征求意见，请从列表中选择。',
    en: 'The chosen consultation does not exist; pick one from the list.',
  },
  NEED_CONSULTATION_OPEN: {
    kind: 'conflict',
    zh: '征求意见「{title}」尚未截止：截止后才能据此提出购买服务需求。',
    en: 'The consultation “{title}” is still open: a need can come from it once it has closed.',
  },
  NEED_CONSULTATION_ELSEWHERE: {
    kind: 'bad_request',
    zh: '征求意见「{title}」不是本社区居民的意见，请选择本社区（或其小区）的征求意见。',
    en: 'The consultation “{title}” did not ask this community’s residents; pick one of this community or its compounds.',
  },
  COMMUNITY_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该社区（村），请从列表中选择。',
    en: 'That community (village) does not exist; pick one from the list.',
  },
  ROUND_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该购买服务批次。',
    en: 'That purchase-of-services round does not exist.',
  },
  CALL_PUBLISHED: {
    kind: 'conflict',
    zh: '申报通知已发布，通知内容和截止时间不能再修改。',
    en: 'The call has been published; its text and deadline can no longer change.',
  },
  AMEND_NOT_OPEN: {
    kind: 'conflict',
    zh: '只有已发布、尚未截止的申报通知才能发更正公告；截止后请按评审规则办理。',
    en: 'Only a published call that has not yet closed can be amended; after the deadline the review rules apply.',
  },
  AMENDMENT_EMPTY: {
    kind: 'bad_request',
    zh: '更正公告没有改变任何内容，请修改标题、范围、条件、预算或截止时间中的至少一项。',
    en: 'The amendment changes nothing; change at least one of the title, scope, eligibility, budget or deadline.',
  },
  DEADLINE_SHORTENED: {
    kind: 'bad_request',
    zh: '更正公告只能延长截止时间（现为 {deadline}），不能提前，以免已在准备的社会组织来不及申报。',
    en: 'An amendment may only extend the deadline (now {deadline}), never bring it forward: organisations already preparing would miss it.',
  },
  AMENDMENT_TOO_LATE: {
    kind: 'bad_request',
    zh: '更正了范围、申报条件或预算，距截止时间不足 {days} 日，请将截止时间顺延至 {earliest} 或以后。',
    en: 'The scope, eligibility or budget changes with fewer than {days} days left; extend the deadline to {earliest} or later.',
  },
  CRITERIA_DUPLICATE: {
    kind: 'bad_request',
    zh: '评审指标编码不能重复。',
    en: 'Each scoring criterion needs its own code.',
  },
  DEADLINE_PASSED: {
    kind: 'conflict',
    zh: '截止时间（{deadline}）已过，请先修改截止时间再发布。',
    en: 'The deadline ({deadline}) has passed; move it before publishing.',
  },
  JUROR_INVALID: {
    kind: 'bad_request',
    zh: '所选账号中有不是评审专家（或已停用）的账号，请重新选择。',
    en: 'Some of the chosen accounts are not (active) jurors; choose again.',
  },
  SCREENING_INCOMPLETE: {
    kind: 'conflict',
    zh: '还有 {count} 个项目未完成初筛。',
    en: '{count} proposals still need screening.',
  },
  NOTHING_TO_SCORE: {
    kind: 'conflict',
    zh: '没有通过初筛的项目，无法开始评审。',
    en: 'No proposal passed screening, so there is nothing to score.',
  },
  SCORING_INCOMPLETE: {
    kind: 'conflict',
    zh: '还有 {count} 个项目未由全部评审专家（回避者除外）提交评分，例如“{title}”。',
    en: '{count} proposals still lack scores from some jurors (recused jurors aside), e.g. "{title}".',
  },
  NOTICE_NOT_OVER: {
    kind: 'conflict',
    zh: '公示期至 {endsAt} 结束，期满后才能确定中选项目。',
    en: 'The public notice runs until {endsAt}; the winners can be confirmed once it is over.',
  },
  OBJECTIONS_OPEN: {
    kind: 'conflict',
    zh: '还有 {count} 条公示异议未答复，请先答复。',
    en: '{count} objections to the notice are unanswered; answer them first.',
  },
  NOT_IN_NOTICE: {
    kind: 'conflict',
    zh: '该批次不在公示期内，不能提出异议。',
    en: 'This round is not in its public notice period; objections are closed.',
  },
  PROPOSAL_NOT_IN_ROUND: {
    kind: 'bad_request',
    zh: '异议所指的项目不属于本批次，请从公示名单中选择。',
    en: 'That project is not in this round; pick one from the notice list.',
  },
  OBJECTION_NOT_FOUND: { kind: 'not_found', zh: '找不到该异议。', en: 'That objection does not exist.' },
  OBJECTION_ANSWERED: { kind: 'conflict', zh: '该异议已答复。', en: 'This objection has already been answered.' },
  PROPOSAL_NOT_FOUND: { kind: 'not_found', zh: '找不到该项目书。', en: 'That proposal does not exist.' },
  PROPOSAL_NOT_OWNED: {
    kind: 'forbidden',
    zh: '只有申报该项目的社会组织可以操作。',
    en: 'Only the organisation that submitted this proposal may do that.',
  },
  ATTACHMENT_NOT_FOUND: { kind: 'not_found', zh: '找不到该附件。', en: 'That attachment does not exist.' },
  TARGETS_ACROSS_STREETS: {
    kind: 'bad_request',
    zh: '一个项目的服务社区须属于同一个街道（乡），合同由该街道（乡）签订；跨街道请分别申报。',
    en: "A project's communities must belong to one street (township), which signs its contract; submit one proposal per street.",
  },
  BUDGET_EMPTY: { kind: 'bad_request', zh: '预算合计须大于 0。', en: 'The budget total must be above 0.' },
  NOT_A_JUROR: { kind: 'forbidden', zh: '您不是本批次的评审专家。', en: 'You are not a juror of this round.' },
  PROPOSAL_NOT_SCORABLE: {
    kind: 'conflict',
    zh: '该项目未进入终审，无需评分。',
    en: 'This proposal is not in the final review; it needs no score.',
  },
  ALREADY_RECUSED: {
    kind: 'conflict',
    zh: '您已申请回避该项目。',
    en: 'You have already recused yourself from this proposal.',
  },
  RECUSED: {
    kind: 'conflict',
    zh: '您已申请回避该项目，不能评分。',
    en: 'You recused yourself from this proposal and cannot score it.',
  },
  SCORES_INCOMPLETE: {
    kind: 'bad_request',
    zh: '请为每项评审指标打分：{criteria}。',
    en: 'Score every criterion: {criteria}.',
  },
  AMEND_REASON_REQUIRED: {
    kind: 'bad_request',
    zh: '您已提交过该项目的评分；修改评分须写明修改原因，原评分将保留在记录中。',
    en: 'You have already scored this proposal; give a reason for the change (the earlier score stays on record).',
  },
  CONTRACT_NOT_FOUND: { kind: 'not_found', zh: '找不到该服务合同。', en: 'That service contract does not exist.' },
  PERIOD_INVALID: {
    kind: 'bad_request',
    zh: '服务期结束日期不能早于开始日期。',
    en: 'The service period cannot end before it starts.',
  },
  TRANCHES_MISMATCH: {
    kind: 'bad_request',
    zh: '各期拨付金额合计（{sum} 元）须等于合同金额（{amount} 元）。',
    en: 'The tranches add up to ¥{sum}; they must equal the contract amount of ¥{amount}.',
  },
  MILESTONE_NOT_FOUND: { kind: 'not_found', zh: '找不到该里程碑。', en: 'That milestone does not exist.' },
  COMMUNITY_NOT_TARGETED: {
    kind: 'bad_request',
    zh: '活动所在社区不是本项目的服务社区，请从合同列明的社区中选择。',
    en: "That community is not one this project serves; pick one of the contract's communities.",
  },
  DATE_BEFORE_PERIOD: {
    kind: 'bad_request',
    zh: '活动日期早于服务期开始（{start}）。',
    en: 'The activity date is before the service period starts ({start}).',
  },
  MILESTONES_OPEN: {
    kind: 'conflict',
    zh: '还有 {count} 个里程碑未验收，全部验收后才能终期评估。',
    en: '{count} milestones are not accepted yet; the final evaluation comes after all of them.',
  },
});

const step = <const T extends Record<string, ErrorSpec>>(specs: T) => defineErrors(MODULE, specs);
const roundState = (zh: string, en: string) => ({ ROUND_STATE_INVALID: { kind: 'conflict', zh, en } }) as const;

/** The state codes, by the step that refuses. */
export const StepErrors = {
  updateRound: step({
    VERSION_CONFLICT: {
      kind: 'conflict',
      zh: '该批次已被他人修改，请刷新后再操作。',
      en: 'Someone else has changed this round; refresh and try again.',
    },
    RULES_FROZEN: {
      kind: 'conflict',
      zh: '评审已开始，评审指标、权重、去掉最高最低分、推荐名额和公示期均已锁定，不能再修改。',
      en: 'Scoring has started: criteria, weights, drop-high-low, places and notice period are locked.',
    },
  }),
  setJurors: step({
    RULES_FROZEN: {
      kind: 'conflict',
      zh: '评审已开始，评审团不能再调整；如有专家需回避，请由专家本人在项目上申请回避。',
      en: 'Scoring has started and the jury is fixed; a juror with a conflict recuses on the proposal.',
    },
  }),
  publish: step(roundState('该申报通知已发布。', 'This call has already been published.')),
  openScoring: step({
    ...roundState(
      '只有申报截止、初筛完成后才能开始路演评审。',
      'The roadshow scoring starts after the deadline, once screening is done.',
    ),
    DEADLINE_NOT_REACHED: {
      kind: 'conflict',
      zh: '申报截止时间（{deadline}）未到，不能开始评审。',
      en: 'The deadline ({deadline}) has not passed yet; scoring cannot start.',
    },
    JURY_TOO_SMALL: {
      kind: 'conflict',
      zh: '去掉最高分和最低分时评审团至少需要 3 名专家。',
      en: 'Dropping the highest and lowest scores needs a jury of at least 3.',
    },
  }),
  noJury: step({ JURY_TOO_SMALL: { kind: 'conflict', zh: '请先指定评审专家。', en: 'Choose the jurors first.' } }),
  notice: step(
    roundState('只有路演评审阶段才能发布评审结果公示。', 'The results notice is published from the scoring stage.'),
  ),
  award: step(roundState('只有公示结束后才能确定中选项目。', 'Winners are confirmed after the public notice.')),
  answerObjection: step(roundState('只能在公示阶段答复异议。', 'Objections are answered during the public notice.')),
  screen: step({
    ...roundState('评审已开始，初筛结果不能再修改。', 'Scoring has started; screening results are final.'),
    PROPOSAL_STATE_INVALID: {
      kind: 'conflict',
      zh: '已撤回的项目书无需初筛。',
      en: 'A withdrawn proposal needs no screening.',
    },
    DEADLINE_NOT_REACHED: {
      kind: 'conflict',
      zh: '申报截止时间（{deadline}）未到，截止后才能初筛。',
      en: 'The deadline ({deadline}) has not passed yet; screening starts after it.',
    },
    REASON_REQUIRED: {
      kind: 'bad_request',
      zh: '初筛不通过时请写明原因，申报单位可以看到。',
      en: 'Give the reason for failing a proposal; the applicant sees it.',
    },
  }),
  submitAfterDeadline: step({
    CALL_CLOSED: {
      kind: 'conflict',
      zh: '申报已于 {deadline}（北京时间）截止，不再接收项目书。',
      en: 'Submissions closed at {deadline} (Beijing time).',
    },
  }),
  submitNotOpen: step({
    CALL_CLOSED: {
      kind: 'conflict',
      zh: '该批次当前不接收项目申报。',
      en: 'This round is not accepting proposals now.',
    },
  }),
  withdraw: step({
    PROPOSAL_STATE_INVALID: { kind: 'conflict', zh: '该项目书已撤回。', en: 'This proposal has been withdrawn.' },
    CALL_CLOSED: {
      kind: 'conflict',
      zh: '申报已于 {deadline}（北京时间）截止，截止后不能撤回。',
      en: 'Submissions closed at {deadline} (Beijing time); proposals can no longer be withdrawn.',
    },
  }),
  scoringOver: step({
    SCORING_CLOSED: {
      kind: 'conflict',
      zh: '评审已结束，评分不能再提交或修改。',
      en: 'Scoring is over; scores can no longer be submitted or changed.',
    },
  }),
  scoringNotOpen: step({
    SCORING_CLOSED: { kind: 'conflict', zh: '路演评审尚未开始。', en: 'The roadshow scoring has not started.' },
  }),
  sign: step({
    VERSION_CONFLICT: {
      kind: 'conflict',
      zh: '该合同已被他人处理，请刷新后再操作。',
      en: 'Someone else has handled this contract; refresh and try again.',
    },
    CONTRACT_STATE_INVALID: { kind: 'conflict', zh: '该合同已签订。', en: 'This contract has already been signed.' },
  }),
  notInDelivery: step({
    CONTRACT_STATE_INVALID: {
      kind: 'conflict',
      zh: '合同未处于实施阶段。',
      en: 'The contract is not being delivered.',
    },
  }),
  deliveryNotInDelivery: step({
    CONTRACT_STATE_INVALID: {
      kind: 'conflict',
      zh: '合同未处于实施阶段，不能记录活动。',
      en: 'The contract is not being delivered; activities cannot be recorded.',
    },
  }),
  evaluated: step({
    CONTRACT_STATE_INVALID: {
      kind: 'conflict',
      zh: '该合同已完成终期评估。',
      en: 'This contract has had its final evaluation.',
    },
  }),
  unsigned: step({
    CONTRACT_STATE_INVALID: { kind: 'conflict', zh: '合同尚未签订。', en: 'The contract has not been signed yet.' },
  }),
  evidenceSubmitted: step({
    MILESTONE_STATE_INVALID: {
      kind: 'conflict',
      zh: '材料已提交，正在等待街道验收。',
      en: 'The evidence is in and awaits the street’s review.',
    },
  }),
  milestoneAccepted: step({
    MILESTONE_STATE_INVALID: {
      kind: 'conflict',
      zh: '该里程碑已验收。',
      en: 'This milestone has been accepted.',
    },
  }),
  review: step({
    MILESTONE_STATE_INVALID: {
      kind: 'conflict',
      zh: '该里程碑没有待验收的材料。',
      en: 'This milestone has no evidence waiting for review.',
    },
    REASON_REQUIRED: {
      kind: 'bad_request',
      zh: '退回材料时请写明原因，便于社会组织补充。',
      en: 'Give the reason for returning the evidence, so the organisation can complete it.',
    },
  }),
  ocds: step({
    ROUND_NOT_FOUND: {
      kind: 'not_found',
      zh: '找不到该购买服务批次（或尚未发布）。',
      en: 'That purchase-of-services round does not exist (or is not published yet).',
    },
  }),
};

/** A proposal's list of served communities names one that does not exist (a 400: the list is the request body). */
export const targetsNotFound = defineErrors('service-purchase.targets', {
  SERVED_COMMUNITY_NOT_FOUND: {
    kind: 'bad_request',
    zh: '所选服务社区中有不存在的社区（村），请从列表中重新选择。',
    en: 'Some of the chosen communities do not exist; choose them again from the list.',
  },
}).SERVED_COMMUNITY_NOT_FOUND;
