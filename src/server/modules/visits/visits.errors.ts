import { defineErrors } from '../../lib/errors.js';

/** Every error 走访慰问 (visits) answers with. */
export const E = defineErrors('visits', {
  CAMPAIGN_NOT_FOUND: { kind: 'not_found', zh: '走访慰问活动不存在。', en: 'The visit campaign does not exist.' },
  CAMPAIGN_UNIT_NOT_FOUND: {
    kind: 'bad_request',
    zh: '组织单位不存在，或不是街道、社区或小区。',
    en: 'The organising unit does not exist, or is not a street, community or compound.',
  },
  CAMPAIGN_DATES: {
    kind: 'bad_request',
    zh: '活动的结束日期不能早于开始日期。',
    en: 'The campaign cannot end before it starts.',
  },
  VISIT_OUTSIDE_CAMPAIGN: {
    kind: 'bad_request',
    zh: '走访日期须在活动期间内（{startsOn} 至 {endsOn}）。',
    en: 'The visit must fall within the campaign ({startsOn} to {endsOn}).',
  },
  VISIT_PERSON_NOT_FOUND: { kind: 'not_found', zh: '该居民不在人口库中。', en: 'This person is not in the registry.' },
  VISIT_PERSON_OUTSIDE_CAMPAIGN: {
    kind: 'bad_request',
    zh: '该居民不住在本次活动组织单位的辖区内。',
    en: 'This person does not live within the area of the campaign’s organising unit.',
  },
  VISIT_MEMBER_REQUIRED: {
    kind: 'bad_request',
    zh: '该居民没有党员档案，不能登记为老党员或困难党员；请选择“困难群众”。',
    en: 'This person has no party member record, so cannot be recorded as an old or needy party member; choose “needy resident”.',
  },
  VISIT_NOT_FOUND: { kind: 'not_found', zh: '走访记录不存在。', en: 'The visit record does not exist.' },
  NEED_NOT_FOUND: { kind: 'not_found', zh: '后续需求不存在。', en: 'The follow-up need does not exist.' },
  NEED_NOT_OPEN: {
    kind: 'conflict',
    zh: '该需求已转为工单、转介或关闭，不能再次办理。',
    en: 'This need has already become an order, been referred or been closed.',
  },
  NEED_NO_COMPOUND: {
    kind: 'bad_request',
    zh: '该居民不住在小区内，需求不能转为小区工单，请转介。',
    en: 'This person does not live in a compound, so the need cannot become a compound work order; refer it instead.',
  },
});
