import { defineErrors } from '../../lib/errors.js';

/** Errors of the administrative-division lookup. */
export const divisionsErrors = defineErrors('divisions', {
  DISTRICT_CODE_INVALID: {
    kind: 'bad_request',
    zh: '区县代码应为 6 位数字（如平城区 140213），收到“{code}”。',
    en: 'A district code has 6 digits (e.g. 140213 for Pingcheng), got "{code}".',
  },
  DISTRICT_CODE_UNKNOWN: {
    kind: 'bad_request',
    zh: '行政区划代码 {code} 不存在或不是区县级代码，请核对（如平城区 140213）。',
    en: 'The division code {code} does not exist or is not a district-level code; please check it (e.g. 140213 for Pingcheng).',
  },
});
