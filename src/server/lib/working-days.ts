import chineseDays from 'chinese-days';
import { endOfShanghaiDay, shanghaiDate } from './time.js';

/**
 * Deadlines in Chinese working days (statutory holidays and make-up working weekends, 调休, from
 * `chinese-days`). Times are Asia/Shanghai (UTC+8, no daylight saving); a deadline of N working days
 * falls at the end (23:59:59.999) of the Nth working day after the hand-off day, stored as a UTC instant.
 */
export { endOfShanghaiDay, shanghaiDate };

export function isWorkingDay(day: string): boolean {
  return chineseDays.isWorkday(day);
}

export function addWorkingDays(from: Date, days: number): Date {
  const start = shanghaiDate(from);
  if (days <= 0) return endOfShanghaiDay(isWorkingDay(start) ? start : chineseDays.findWorkday(1, start));
  return endOfShanghaiDay(chineseDays.findWorkday(days, start));
}
