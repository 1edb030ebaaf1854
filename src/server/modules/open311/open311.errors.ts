import { defineErrors } from '../../lib/errors.js';

/**
 * Open311's error codes: the message people see, in Chinese and in English. On the wire they become
 * GeoReport v2 error arrays (`[{code: <HTTP status>, description}]`); the stable code travels in the
 * `X-Linli-Error-Code` header.
 */
export const E = defineErrors('open311', {
  SERVICE_NOT_FOUND: {
    kind: 'not_found',
    zh: '服务代码 {code} 不存在。',
    en: 'There is no service with the code {code}.',
  },
  JURISDICTION_NOT_FOUND: {
    kind: 'not_found',
    zh: '辖区 jurisdiction_id={id} 不存在。',
    en: 'There is no jurisdiction with jurisdiction_id={id}.',
  },
  JURISDICTION_REQUIRED: {
    kind: 'bad_request',
    zh: '本接口服务多个辖区，请提供 jurisdiction_id。',
    en: 'This endpoint serves several jurisdictions: give jurisdiction_id.',
  },
  JURISDICTION_NOT_YOURS: {
    kind: 'forbidden',
    zh: '该 api_key 不属于辖区 {id}。',
    en: 'This api_key does not belong to the jurisdiction {id}.',
  },
  LOCATION_REQUIRED: {
    kind: 'bad_request',
    zh: '请提供位置：lat 和 long、address_string 或 address_id 之一。',
    en: 'Give a location: lat and long, address_string or address_id.',
  },
  LOCATION_NOT_FOUND: {
    kind: 'bad_request',
    zh: '在本辖区找不到该位置对应的小区：{what}。',
    en: 'No residential compound of this jurisdiction matches the location: {what}.',
  },
  REQUEST_NOT_FOUND: {
    kind: 'not_found',
    zh: '服务请求 {id} 不存在。',
    en: 'There is no service request {id}.',
  },
  DATE_INVALID: {
    kind: 'bad_request',
    zh: '{field} 不是 W3C 日期时间格式（如 2026-11-01 或 2026-11-01T08:00:00+08:00）。',
    en: '{field} is not a W3C date or date-time (e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00).',
  },
  STATUS_INVALID: {
    kind: 'bad_request',
    zh: 'status 只能是 open、closed 或以逗号分隔的两者。',
    en: 'status must be open, closed or a comma-separated list of them.',
  },
  API_KEY_REQUIRED: {
    kind: 'forbidden',
    zh: '缺少或无效的 api_key。',
    en: 'The api_key was not provided or is invalid.',
  },
});
