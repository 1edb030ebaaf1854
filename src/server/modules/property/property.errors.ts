import { defineErrors } from '../../lib/errors.js';

/** Every error of 物业 (companies, service contracts, change of company) a person can get. */
export const E = defineErrors('property', {
  COMPANY_NOT_FOUND: { kind: 'not_found', zh: '找不到该物业服务企业。', en: 'Property company not found.' },
  RENOVATION_DATES: {
    kind: 'bad_request',
    zh: '改造记录的日期不对：{why}。',
    en: 'The dates of the renovation record are wrong: {whyEn}.',
  },
  CREDIT_CODE_INVALID: {
    kind: 'bad_request',
    zh: '统一社会信用代码“{code}”无效：应为 18 位数字或大写字母（不含 I、O、Z、S、V），最后一位校验码应为“{expected}”。请核对营业执照。',
    en: 'The unified social credit code "{code}" is invalid: it has 18 digits or capital letters (no I, O, Z, S, V) and its check character should be "{expected}". Check the business licence.',
  },
  CREDIT_CODE_TAKEN: {
    kind: 'conflict',
    zh: '统一社会信用代码 {code} 已登记为“{name}”，请勿重复登记。',
    en: 'The credit code {code} is already registered as "{name}".',
  },
  COMPANY_NAME_TAKEN: {
    kind: 'conflict',
    zh: '已有同名单位“{name}”，请核对名称或使用已登记的企业。',
    en: 'A unit named "{name}" already exists: check the name or use the registered company.',
  },
  COMPANY_CHANGED: {
    kind: 'conflict',
    zh: '该企业信息已被他人修改，请刷新后重试。',
    en: 'The company was changed by someone else: reload and try again.',
  },
  COMPOUND_NOT_FOUND: { kind: 'not_found', zh: '找不到该小区。', en: 'Compound not found.' },
  NOT_A_COMPOUND: {
    kind: 'bad_request',
    zh: '物业服务合同只能签订到小区。',
    en: 'A property service contract is signed for a compound.',
  },
  CONTRACT_NOT_FOUND: { kind: 'not_found', zh: '找不到该物业服务合同。', en: 'Service contract not found.' },
  CONTRACT_CHANGED: {
    kind: 'conflict',
    zh: '该小区的物业服务合同已被他人修改，请刷新后重试。',
    en: "The compound's service contract was changed by someone else: reload and try again.",
  },
  CONTRACT_NOT_ACTIVE: {
    kind: 'conflict',
    zh: '该合同已终止，不能再次终止。',
    en: 'This contract has already ended.',
  },
  SAME_COMPANY: {
    kind: 'conflict',
    zh: '“{name}”已在服务该小区；续签请修改合同期限，而不是更换物业。',
    en: '"{name}" already serves this compound: to renew, change the period rather than the company.',
  },
  PERIOD_INVALID: {
    kind: 'bad_request',
    zh: '合同到期日（{endsOn}）不能早于开始日（{startsOn}）。',
    en: 'The contract cannot end ({endsOn}) before it starts ({startsOn}).',
  },
  START_BEFORE_CURRENT: {
    kind: 'bad_request',
    zh: '新合同开始日（{startsOn}）不能早于现合同开始日（{currentStart}）。',
    en: 'The new contract cannot start ({startsOn}) before the current one did ({currentStart}).',
  },
  END_BEFORE_START: {
    kind: 'bad_request',
    zh: '终止日（{endedOn}）不能早于合同开始日（{startsOn}）。',
    en: 'The end date ({endedOn}) cannot be before the contract started ({startsOn}).',
  },
});

/** 公示三专栏 (property-publications.service.ts). */
export const PE = defineErrors('property', {
  PUBLICATION_NOT_FOUND: { kind: 'not_found', zh: '找不到该物业公示。', en: 'Notice not found.' },
  NO_CONTRACT: {
    kind: 'conflict',
    zh: '该小区目前没有物业服务合同，不能录入物业公示。',
    en: 'This compound has no active service contract, so no notice can be entered for it.',
  },
  PERIOD_REQUIRED: {
    kind: 'bad_request',
    zh: '收支公示须注明期间（如 2026-Q3）并列明收支明细与合计。',
    en: 'An income and expenditure statement needs its period (e.g. 2026-Q3), its lines and its totals.',
  },
  STATEMENT_NOT_BALANCED: {
    kind: 'bad_request',
    zh: '收支明细与合计不符：{kind}明细合计 {sum} 元，填报合计 {total} 元。请核对后重新提交，本次未保存。',
    en: 'The lines do not add up: the {kind} lines sum to {sum} yuan but the total says {total} yuan. Nothing was saved.',
  },
  PUBLICATION_CHANGED: {
    kind: 'conflict',
    zh: '该公示已被他人处理，请刷新后重试。',
    en: 'The notice was handled by someone else: reload and try again.',
  },
  NOT_SUBMITTED: {
    kind: 'conflict',
    zh: '该公示不在待审核状态，不能再次审核。',
    en: 'This notice is not waiting for review.',
  },
  RETURN_REASON_REQUIRED: {
    kind: 'bad_request',
    zh: '退回公示须说明理由，物业企业据此修改。',
    en: 'Say why the notice is returned, so the company can correct it.',
  },
});

/** 物业服务质量评价 (evaluations.service.ts, schemes.service.ts). */
export const VE = defineErrors('property', {
  SCHEME_NOT_FOUND: { kind: 'not_found', zh: '找不到该评价方案。', en: 'Evaluation scheme not found.' },
  SCHEME_UNIT: {
    kind: 'bad_request',
    zh: '评价方案只能由区或街道设定。',
    en: 'An evaluation scheme is set by the district or a street.',
  },
  ITEM_WEIGHTS_NOT_100: {
    kind: 'bad_request',
    zh: '评价项目的权重合计应为 100，现为 {sum}。请调整后重新保存，本次未保存。',
    en: 'The item weights must sum to 100; they sum to {sum}. Nothing was saved.',
  },
  PARTY_WEIGHTS_NOT_100: {
    kind: 'bad_request',
    zh: '居民、党支部、业委会三方权重合计应为 100，现为 {sum}。本次未保存。',
    en: "The residents', branch's and owners' committee's weights must sum to 100; they sum to {sum}. Nothing was saved.",
  },
  ITEM_NAMES_REPEAT: {
    kind: 'bad_request',
    zh: '评价项目“{name}”重复。',
    en: 'The item "{name}" appears twice.',
  },
  SCHEME_EXISTS: {
    kind: 'conflict',
    zh: '{unit} {year} 年的评价方案已存在，请修改原方案。',
    en: '{unit} already has a scheme for {year}: change that one.',
  },
  SCHEME_FROZEN: {
    kind: 'conflict',
    zh: '{year} 年已有 {n} 个小区开始评价，评价项目和权重已冻结，不能再修改。',
    en: '{n} compounds have started their {year} evaluation: the items and weights are frozen.',
  },
  SCHEME_CHANGED: {
    kind: 'conflict',
    zh: '该评价方案已被他人修改，请刷新后重试。',
    en: 'The scheme was changed by someone else: reload and try again.',
  },
  NO_SCHEME: {
    kind: 'conflict',
    zh: '区或街道尚未设定 {year} 年的物业服务评价项目和权重，暂不能发起评价。',
    en: 'Neither the district nor the street has set the items and weights for {year}: the evaluation cannot start yet.',
  },
  NO_CONTRACT: {
    kind: 'conflict',
    zh: '该小区目前没有物业服务合同（管理悬空），没有可评价的物业服务企业。',
    en: 'This compound has no active service contract (nobody manages it): there is no company to evaluate.',
  },
  ALREADY_EVALUATED: {
    kind: 'conflict',
    zh: '该小区 {year} 年的物业服务评价已经发起，每年只评价一次。',
    en: "This compound's {year} evaluation has already been opened: one evaluation a year.",
  },
  EVALUATION_NOT_FOUND: { kind: 'not_found', zh: '找不到该物业服务评价。', en: 'Evaluation not found.' },
  EVALUATION_CHANGED: {
    kind: 'conflict',
    zh: '该评价已被他人修改，请刷新后重试。',
    en: 'The evaluation was changed by someone else: reload and try again.',
  },
  ALREADY_PUBLISHED: {
    kind: 'conflict',
    zh: '该评价结果已公布，不能再修改。',
    en: 'The result is published and can no longer change.',
  },
  SCORE_COUNT: {
    kind: 'bad_request',
    zh: '应为 {count} 个评价项目逐项打分，收到 {got} 个。',
    en: 'Score each of the {count} items; got {got} scores.',
  },
  SCORE_OUT_OF_RANGE: {
    kind: 'bad_request',
    zh: '“{item}”的得分 {score} 超出范围：每项按 0–100 分打分。本次未保存。',
    en: 'The score {score} for "{item}" is out of range: each item is scored 0–100. Nothing was saved.',
  },
  BRANCH_SCORE_ROLE: {
    kind: 'forbidden',
    zh: '党支部的评分须由小区党支部书记录入。',
    en: "The branch's scores are entered by the compound's party branch secretary.",
  },
  COMMITTEE_SCORE_ROLE: {
    kind: 'forbidden',
    zh: '业委会的评分由社区工作人员代业委会录入。',
    en: "The owners' committee's scores are entered by the community staff on its behalf.",
  },
  SURVEY_STILL_OPEN: {
    kind: 'conflict',
    zh: '居民问卷尚未截止（{closesAt}），截止后才能公布评价结果。',
    en: "The residents' survey is still open (until {closesAt}): publish after it closes.",
  },
  BRANCH_SCORES_MISSING: {
    kind: 'conflict',
    zh: '党支部尚未评分，不能公布评价结果。',
    en: 'The branch has not scored yet: the result cannot be published.',
  },
  COMMITTEE_SCORES_MISSING: {
    kind: 'conflict',
    zh: '业委会尚未评分，不能公布评价结果。',
    en: "The owners' committee has not scored yet: the result cannot be published.",
  },
  NO_RESIDENT_ANSWERS: {
    kind: 'conflict',
    zh: '还没有居民作答，不能公布评价结果（可录入纸质问卷）。',
    en: 'No household has answered yet (paper answers can be entered): the result cannot be published.',
  },
});
