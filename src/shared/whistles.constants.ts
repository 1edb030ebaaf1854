/** 吹哨报到 (街乡吹哨、部门报到): the value lists both sides need. */

export const WHISTLE_STATUSES = ['open', 'closed'] as const;
export type WhistleStatus = (typeof WHISTLE_STATUSES)[number];

/**
 * A summoned department's attendance: on time (checked in by the appointed time plus the grace), late
 * (checked in after it), absent (never checked in by the close), pending (open, not yet checked in).
 */
export const ATTENDANCE = ['on_time', 'late', 'absent', 'pending'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** The whistler's rating of a department's response; counted 1 / 0.8 / 0 like the assessment's 满意率. */
export const WHISTLE_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type WhistleRating = (typeof WHISTLE_RATINGS)[number];
export const RATING_SCORE: Record<WhistleRating, number> = { satisfied: 1, basically_satisfied: 0.8, dissatisfied: 0 };

/** Minutes after the appointed time that still count as on time (a district may set its own later). */
export const DEFAULT_GRACE_MINUTES = 30;
