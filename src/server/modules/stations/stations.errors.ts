import { defineErrors } from '../../lib/errors.js';

/** Every error the stations module (阵地, living circle, riders' joint meeting, jobs) answers with. */
export const E = defineErrors('stations', {
  STATION_NOT_FOUND: { kind: 'not_found', zh: '找不到该阵地。', en: 'Station not found.' },
  ORG_UNIT_NOT_FOUND: { kind: 'not_found', zh: '找不到该组织单位。', en: 'Organisational unit not found.' },
  LOCATION_INCOMPLETE: {
    kind: 'bad_request',
    zh: '经纬度须同时填写。',
    en: 'Give both latitude and longitude, or neither.',
  },
  COMPOUND_NOT_FOUND: { kind: 'not_found', zh: '找不到该小区。', en: 'Compound not found.' },
  COMPOUND_REQUIRED: { kind: 'bad_request', zh: '请选择具体小区。', en: 'Choose a compound.' },
  MEETING_NOT_FOUND: { kind: 'not_found', zh: '找不到该联席会议。', en: 'Joint meeting not found.' },
  STATION_KIND_INVALID: {
    kind: 'bad_request',
    zh: '小哥联席会议须在小哥驿站或党群服务站召开。',
    en: "A riders' joint meeting is held at a rider station or a party-mass service station.",
  },
  DEMAND_NOT_FOUND: { kind: 'not_found', zh: '找不到该诉求。', en: 'Demand not found.' },
  DEMAND_ALREADY_HANDLED: {
    kind: 'conflict',
    zh: '该诉求已答复或已转为工单。',
    en: 'This demand has already been answered or turned into a work order.',
  },
  POSTING_NOT_FOUND: { kind: 'not_found', zh: '找不到该岗位。', en: 'Job posting not found.' },
  POSTING_CLOSED: {
    kind: 'conflict',
    zh: '该岗位已招满或已关闭。',
    en: 'This job posting is filled or closed.',
  },
  SEEKER_NOT_FOUND: { kind: 'not_found', zh: '找不到该求职登记。', en: 'Job seeker registration not found.' },
});
