import { defineErrors } from '../../lib/errors.js';

/** Open311's error codes: the message people see, in Chinese and in English. */
export const E = defineErrors('open311', {
  SERVICE_NOT_FOUND: {
    kind: 'not_found',
    zh: '服务代码 {code} 不存在。',
    en: 'There is no service with the code {code}.',
  },
  COMPOUND_REQUIRED: {
    kind: 'bad_request',
    zh: '请在 attribute[compound_id] 中填写小区编码。',
    en: 'Give the residential compound code in attribute[compound_id].',
  },
});
