/** The value lists of work orders (接诉即办) and joint meetings, for the server's tables and schemas and the web. */
export const HANDLER_KINDS = ['community', 'property', 'owners_committee', 'department'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

export const CHANNELS = [
  'resident',
  'grid_patrol',
  'party_household',
  'hotline_12345',
  'joint_meeting',
  'station',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const ORDER_STATUSES = ['new', 'accepted', 'dispatched', 'fulfilled', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A leg as stored; the API adds `paused` for an open leg whose extension request waits for a decision. */
export const LEG_STATUSES = ['open', 'fulfilled', 'returned'] as const;
export const LEG_VIEW_STATUSES = [...LEG_STATUSES, 'paused'] as const;
export type LegStatus = (typeof LEG_VIEW_STATUSES)[number];

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** The order lists: 待办 (by role), 进行中, 已超期, 已办结, 全部. */
export const BOXES = ['inbox', 'open', 'overdue', 'closed', 'all'] as const;
export type Box = (typeof BOXES)[number];

export const ATTENDEE_ROLES = ['branch', 'owners_committee', 'property', 'department', 'resident', 'other'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

export const AGENDA_REASONS = ['open', 'overdue', 'disputed'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

export const MEETING_ACTION_STATUSES = ['open', 'done'] as const;

/** Days a resident has to confirm a fulfilled order, and to reopen a closed one. */
export const CONFIRM_DAYS = 3;
export const REOPEN_WINDOW_DAYS = 7;
