/** 网格巡查 (patrols): a grid worker walks the compounds of his grid and records what he finds. */
export const PATROL_STATUSES = ['open', 'finished'] as const;
export type PatrolStatus = (typeof PATROL_STATUSES)[number];

/** What became of a finding: put right on the spot, or turned into a work order in the same step. */
export const FINDING_OUTCOMES = ['resolved', 'order'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** The channel of the orders a patrol raises. */
export const PATROL_ORDER_CHANNEL = 'grid_patrol';
/** At most this many photos per finding (the attachments' per-step limit). */
export const FINDING_PHOTOS_MAX = 9;
/** The longest month range one ledger covers. */
export const LEDGER_MAX_MONTHS = 12;
