import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, formatShortDateTime } from './time.js';

describe('times shown in Asia/Shanghai', () => {
  // 01:30 UTC is 09:30 in Shanghai (UTC+8, no summer time); 17:00 UTC is already the next day there.
  it('shows a UTC instant as Shanghai wall time, whatever the process zone', () => {
    assert.equal(formatDateTime('2025-03-04T01:30:00Z'), '2025-03-04 09:30');
    assert.equal(formatDateTime('2025-03-04T17:00:00Z'), '2025-03-05 01:00');
    assert.equal(formatShortDateTime('2025-12-31T16:05:00Z'), '01-01 00:05');
  });
  it('says — for none and leaves an unreadable value as it is', () => {
    assert.equal(formatDateTime(null), '—');
    assert.equal(formatDateTime('not a time'), 'not a time');
  });
});
