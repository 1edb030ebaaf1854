import { defineErrors } from '../../lib/errors.js';

/** Every error the notification centre answers with. */
export const E = defineErrors('notifications', {
  NOTIFICATION_NOT_FOUND: { kind: 'not_found', zh: '找不到该消息。', en: 'Notification not found.' },
  JOB_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该失败任务（可能已被重试或丢弃）。',
    en: 'Failed job not found (it may have been retried or discarded already).',
  },
});
