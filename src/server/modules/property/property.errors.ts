import { defineErrors } from '../../lib/errors.js';

/** Every error of 物业 (companies, service contracts, change of company) a person can get. */
export const E = defineErrors('property', {
  COMPANY_NOT_FOUND: { kind: 'not_found', zh: '找不到该物业服务企业。', en: 'Property company not found.' },
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
