import { defineErrors } from '../../lib/errors.js';

/** Every error of 居民提议 a person can get. */
export const E = defineErrors('proposals', {
  PROPOSAL_NOT_FOUND: { kind: 'not_found', zh: '找不到该居民提议。', en: 'There is no such proposal.' },
  PROPOSAL_NO_HOUSEHOLD: {
    kind: 'bad_request',
    zh: '您的账号尚未关联到本小区的住户，不能提议或附议：请联系社区核对实有人口登记。',
    en: 'Your account is not linked to a household of the compound, so you cannot propose or second: ask the community to check your registration.',
  },
  PROPOSAL_OTHER_COMPOUND: {
    kind: 'forbidden',
    zh: '只有{compound}的住户可以附议这条提议。',
    en: 'Only households of {compound} can second this proposal.',
  },
  PROPOSAL_ALREADY_SUPPORTED: {
    kind: 'conflict',
    zh: '您家已经提议或附议过这条提议（每户一次）。',
    en: 'Your household has already raised or seconded this proposal (once per household).',
  },
  PROPOSAL_ON_AGENDA: {
    kind: 'conflict',
    zh: '这条提议已列入 {heldOn} 的联席会议议程，不再征集附议。',
    en: 'This proposal is on the agenda of the joint meeting of {heldOn}; it takes no more seconds.',
  },
});
