// Shapes of the work-order / joint-meeting JSON (see the API contract of src/server/modules/work-orders).

export type HandlerKind = 'community' | 'property' | 'owners_committee' | 'department';
export const HANDLER_KINDS: readonly HandlerKind[] = ['community', 'property', 'owners_committee', 'department'];

export type Channel = 'resident' | 'grid_patrol' | 'party_household' | 'hotline_12345' | 'joint_meeting' | 'station';
export const CHANNELS: readonly Channel[] = [
  'resident',
  'grid_patrol',
  'party_household',
  'hotline_12345',
  'joint_meeting',
  'station',
];

export type OrderStatus = 'new' | 'accepted' | 'dispatched' | 'fulfilled' | 'closed';
export const ORDER_STATUSES: readonly OrderStatus[] = ['new', 'accepted', 'dispatched', 'fulfilled', 'closed'];

export type LegStatus = 'open' | 'fulfilled' | 'returned' | 'paused';
export type Box = 'inbox' | 'open' | 'overdue' | 'closed' | 'all';
export const BOXES: readonly Box[] = ['inbox', 'open', 'overdue', 'closed', 'all'];

export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  defaultHandler: HandlerKind;
  defaultWorkUnitId: string | null;
  handleDays: number;
}

export interface Extension {
  id: string;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
}

export interface Leg {
  id: string;
  handlerKind: HandlerKind;
  workUnitId: string | null;
  handlerName: string;
  status: LegStatus;
  dueAt: string | null;
  result: string | null;
  evidence: string[];
  fulfilledAt: string | null;
  extension: Extension | null;
}

export interface OrderEvent {
  id: string;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  type: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface OrderSummary {
  id: string;
  no: string;
  hotlineNo: string | null;
  channel: Channel;
  categoryName: string;
  title: string;
  compoundName: string;
  communityName: string;
  status: OrderStatus;
  escalationLevel: 0 | 1 | 2;
  dueAt: string | null;
  isOverdue: boolean;
  createdAt: string;
  rating: number | null;
  possibleDuplicateOf: string | null;
  version: number;
}

export interface OrderDetail extends OrderSummary {
  description: string;
  address: string | null;
  reporterName: string | null;
  reporterPhoneMasked: string | null;
  photos: string[];
  legs: Leg[];
  events: OrderEvent[];
  supervised: boolean;
  closedAt: string | null;
  ratingComment: string | null;
}

export interface OrderCan {
  accept: boolean;
  dispatch: boolean;
  fulfil: string[];
  confirm: boolean;
  requestExtension: string[];
  decideExtension: boolean;
  escalate: boolean;
  supervise: boolean;
  reopen: boolean;
  merge: boolean;
}

export interface OrderResponse {
  order: OrderDetail;
  can: OrderCan;
}

export interface WorkUnit {
  id: string;
  name: string;
}

export interface MetricsRow {
  orgUnitId: string;
  name: string;
  received: number;
  closed: number;
  onTimeRate: number;
  satisfaction: number | null;
}

export interface MetricsResponse {
  scope: { id: string; name: string };
  received: number;
  closed: number;
  open: number;
  overdueOpen: number;
  onTimeRate: number;
  satisfaction: number | null;
  hotline: { thisYear: number; lastYear: number; change: number | null };
  byMonth: { month: string; received: number; closed: number; onTimeRate: number }[];
  rows: MetricsRow[];
}

export type AttendeeRole = 'branch' | 'owners_committee' | 'property' | 'department' | 'resident' | 'other';
export const ATTENDEE_ROLES: readonly AttendeeRole[] = [
  'branch',
  'owners_committee',
  'property',
  'department',
  'resident',
  'other',
];

export interface Attendee {
  name: string;
  role: AttendeeRole;
}

export type AgendaReason = 'open' | 'overdue' | 'disputed';

export interface MeetingAction {
  id: string;
  title: string;
  orderId: string | null;
  owner: string;
  dueOn: string;
  status: 'open' | 'done';
}

export interface Meeting {
  id: string;
  compoundId: string;
  compoundName: string;
  heldOn: string;
  attendees: Attendee[];
  minutes: string;
  version: number;
  agenda: { orderId: string; no: string; title: string; reason: AgendaReason }[];
  actions: MeetingAction[];
}
