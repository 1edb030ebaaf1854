import { RATING_SCORE, type Attendance, type WhistleRating } from '../../../shared/whistles.constants.js';
import type { WhistleFigures } from '../../../shared/whistles.schema.js';
import type { SummonFact } from './whistles.repository.js';

/**
 * The rules of 吹哨报到, pure (no database):
 *
 * - on time: checked in at or before the appointed time plus the grace (default 30 minutes);
 * - late: checked in after it;
 * - absent: never checked in by the time the whistle was closed;
 * - pending: the whistle is open and the department has not checked in yet.
 *
 * A department's month (the whistles whose appointed time falls in the month, Asia/Shanghai):
 * received = its summons; 报到率 = on time ÷ the summons already decided (checked in, closed, or the
 * appointed time plus grace passed by the cutoff); satisfaction = the mean of the whistler's ratings,
 * satisfied 1, basically satisfied 0.8, dissatisfied 0 (as the assessment's 满意率).
 */
export const onTimeUntil = (onSiteAt: Date, graceMinutes: number) =>
  new Date(onSiteAt.getTime() + graceMinutes * 60_000);

export function attendanceOf(s: {
  onSiteAt: Date;
  graceMinutes: number;
  checkedInAt: Date | null;
  closedAt: Date | null;
}): Attendance {
  if (s.checkedInAt) return s.checkedInAt <= onTimeUntil(s.onSiteAt, s.graceMinutes) ? 'on_time' : 'late';
  return s.closedAt ? 'absent' : 'pending';
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Every department's figures for the month, from its summons as they stood at `asOf`. */
export function departmentFigures(facts: SummonFact[], asOf: Date): Map<string, WhistleFigures> {
  const out = new Map<string, WhistleFigures & { decided: number; points: number }>();
  for (const f of facts) {
    const onSiteAt = new Date(f.on_site_at);
    const a = attendanceOf({
      onSiteAt,
      graceMinutes: f.grace_minutes,
      checkedInAt: f.checked_in_at ? new Date(f.checked_in_at) : null,
      closedAt: f.closed_at ? new Date(f.closed_at) : null,
    });
    const g = out.get(f.work_unit_id) ?? {
      received: 0,
      onTime: 0,
      late: 0,
      absent: 0,
      checkInRate: null,
      rated: 0,
      satisfaction: null,
      decided: 0,
      points: 0,
    };
    g.received += 1;
    if (a === 'on_time') g.onTime += 1;
    if (a === 'late') g.late += 1;
    if (a === 'absent') g.absent += 1;
    if (a !== 'pending' || onTimeUntil(onSiteAt, f.grace_minutes) < asOf) g.decided += 1;
    if (f.rating) {
      g.rated += 1;
      g.points += RATING_SCORE[f.rating as WhistleRating];
    }
    out.set(f.work_unit_id, g);
  }
  return new Map(
    [...out].map(([id, { decided, points, ...g }]) => [
      id,
      {
        ...g,
        checkInRate: decided ? round4(g.onTime / decided) : null,
        satisfaction: g.rated ? round4(points / g.rated) : null,
      },
    ]),
  );
}
