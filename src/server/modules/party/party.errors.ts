import { defineErrors } from '../../lib/errors.js';

/** Errors of the party-organisation module. */
export const partyErrors = defineErrors('party', {
  PARTY_ORG_NOT_FOUND: { kind: 'not_found', zh: '找不到该党组织。', en: 'This party organisation cannot be found.' },
});

/** The actor's own unit has no party organisation yet. */
export const ownPartyErrors = defineErrors('party.own', {
  PARTY_ORG_NOT_FOUND: {
    kind: 'not_found',
    zh: '您所在的组织下还没有党组织。',
    en: 'There is no party organisation under your organisation yet.',
  },
});
