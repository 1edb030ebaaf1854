import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, isWorkingDay, shanghaiDate } from './working-days.js';

describe('Chinese working days', () => {
  it('skips the National Day holiday and counts the make-up Saturday', () => {
    assert.equal(isWorkingDay('2026-10-01'), false);
    assert.equal(isWorkingDay('2026-10-10'), true); // 调休 working Saturday
    // handed off on 30 Sep 2026 (Wed) 10:00 Shanghai: 1 working day → 8 Oct (Thu, first day after the 1–7 Oct holiday)
    const due = addWorkingDays(new Date('2026-09-30T10:00:00+08:00'), 1);
    assert.equal(due.toISOString(), '2026-10-08T15:59:59.999Z');
    assert.equal(shanghaiDate(addWorkingDays(new Date('2026-10-09T09:00:00+08:00'), 1)), '2026-10-10');
  });
  it('uses the Shanghai calendar day, not UTC', () => {
    // 23 Nov 2026 (Mon) 07:30 Shanghai is still 22 Nov in UTC
    assert.equal(shanghaiDate(addWorkingDays(new Date('2026-11-22T23:30:00Z'), 1)), '2026-11-24');
    // a Friday hand-off with 1 working day is due Monday
    assert.equal(shanghaiDate(addWorkingDays(new Date('2026-11-27T16:00:00+08:00'), 1)), '2026-11-30');
  });
  it('zero days means end of today, or of the next working day when today is a holiday', () => {
    assert.equal(shanghaiDate(addWorkingDays(new Date('2026-11-24T09:00:00+08:00'), 0)), '2026-11-24');
    assert.equal(shanghaiDate(addWorkingDays(new Date('2026-11-28T09:00:00+08:00'), 0)), '2026-11-30');
  });
});
