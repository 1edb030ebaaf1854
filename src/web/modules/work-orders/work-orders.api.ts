import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ImportResult, OrgUnit } from '../../lib/types';
import type {
  Attendee,
  Box,
  Category,
  HandlerKind,
  Meeting,
  MetricsResponse,
  NewOrderInput,
  OrderDetail,
  OrderList,
  OrderResponse,
  WorkUnit,
  CreateActionInput,
} from '../../../shared/work-orders.schema';

export type { NewOrderInput };

const enc = encodeURIComponent;
const PAGE_SIZE = 20;

export const orderKeys = {
  all: ['work-orders'] as const,
  list: (box: Box, q: string, filters: Record<string, string | undefined> = {}) =>
    ['work-orders', 'list', box, q, filters] as const,
  detail: (id: string) => ['work-orders', 'detail', id] as const,
  categories: ['work-orders', 'categories'] as const,
  workUnits: ['work-orders', 'work-units'] as const,
  metrics: (orgUnitId: string | undefined) => ['work-orders', 'metrics', orgUnitId ?? 'self'] as const,
};

export const meetingKeys = {
  all: ['joint-meetings'] as const,
  list: (compoundId: string) => ['joint-meetings', 'list', compoundId] as const,
  detail: (id: string) => ['joint-meetings', 'detail', id] as const,
};

export function useOrders(box: Box, q: string, filters: Record<string, string | undefined> = {}) {
  return useInfiniteQuery({
    queryKey: orderKeys.list(box, q, filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<OrderList>(
        '/work-orders',
        { box, q, ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: orderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<OrderResponse>(`/work-orders/${enc(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: orderKeys.categories,
    queryFn: ({ signal }) =>
      api.get<{ items: Category[] }>('/work-order-categories', undefined, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

/** Every work unit — departments and property companies — a joint meeting may name as a decision's owner. */
export function useOwnerUnits() {
  return useQuery({
    queryKey: [...orderKeys.workUnits, 'all'],
    queryFn: ({ signal }) => api.get<{ items: WorkUnit[] }>('/work-units', {}, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function useWorkUnits(enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.workUnits,
    queryFn: ({ signal }) =>
      api.get<{ items: WorkUnit[] }>('/work-units', { functional: true }, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function searchCompounds(q: string) {
  return api
    .get<{ items: OrgUnit[] }>('/org-units', { kind: 'compound', q })
    .then((r) => r.items.filter((u) => u.kind === 'compound'));
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Non-secure contexts (plain http on a LAN address) have no randomUUID; build a v4 UUID by hand.
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createOrder(input: NewOrderInput, idempotencyKey: string) {
  return api
    .post<{ order: OrderDetail }>('/work-orders', input, { headers: { 'Idempotency-Key': idempotencyKey } })
    .then((r) => r.order);
}

export type OrderAction =
  | { kind: 'accept'; version: number; note?: string }
  | { kind: 'dispatch'; version: number; legs: { handlerKind: HandlerKind; workUnitId?: string }[]; note?: string }
  | { kind: 'fulfil'; legId: string; result: string; evidence?: string[]; attachmentIds?: string[] }
  | { kind: 'return'; legId: string; reason: string; cause?: 'catalogue' }
  | { kind: 'extension'; legId: string; days: number; reason: string }
  | { kind: 'decideExtension'; legId: string; approve: boolean; note?: string }
  | { kind: 'confirm'; version: number; rating: number; comment?: string }
  | { kind: 'escalate'; reason: string }
  | { kind: 'supervise'; note: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'merge'; intoId: string }
  | { kind: 'sign'; legId: string; note?: string };

/** Runs one workflow step on an order and returns the updated order. */
export function runOrderAction(id: string, action: OrderAction): Promise<OrderDetail> {
  const base = `/work-orders/${enc(id)}`;
  const post = (path: string, body: unknown) => api.post<{ order: OrderDetail }>(path, body).then((r) => r.order);
  switch (action.kind) {
    case 'accept':
      return post(`${base}/accept`, { version: action.version, note: action.note || undefined });
    case 'dispatch':
      return post(`${base}/dispatch`, { version: action.version, legs: action.legs, note: action.note || undefined });
    case 'fulfil':
      return post(`${base}/legs/${enc(action.legId)}/fulfil`, {
        result: action.result,
        evidence: action.evidence,
        attachmentIds: action.attachmentIds,
      });
    case 'return':
      return post(`${base}/legs/${enc(action.legId)}/return`, { reason: action.reason, cause: action.cause });
    case 'extension':
      return post(`${base}/legs/${enc(action.legId)}/extension`, { days: action.days, reason: action.reason });
    case 'decideExtension':
      return post(`${base}/legs/${enc(action.legId)}/extension/decide`, {
        approve: action.approve,
        note: action.note || undefined,
      });
    case 'confirm':
      return post(`${base}/confirm`, {
        version: action.version,
        rating: action.rating,
        comment: action.comment || undefined,
      });
    case 'escalate':
      return post(`${base}/escalate`, { reason: action.reason });
    case 'supervise':
      return post(`${base}/supervise`, { note: action.note });
    case 'reopen':
      return post(`${base}/reopen`, { reason: action.reason });
    case 'merge':
      return post(`${base}/merge`, { intoId: action.intoId });
    case 'sign':
      return post(`${base}/legs/${enc(action.legId)}/sign`, { note: action.note || undefined });
  }
}

export function importHotline(file: File) {
  return api.upload<ImportResult>('/imports/hotline-12345', file);
}

export const HOTLINE_TEMPLATE_URL = '/api/imports/templates/hotline-12345.xlsx';

/** A unit and its ancestors, for the metrics page's breadcrumbs. */
export function useUnitWithAncestors(unitId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['org', 'unit', unitId],
    queryFn: () => api.get<{ unit: OrgUnit; ancestors: OrgUnit[] }>(`/org-units/${enc(unitId ?? '')}`),
    enabled: enabled && !!unitId,
  });
}

export function useMetrics(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: orderKeys.metrics(orgUnitId),
    queryFn: ({ signal }) => api.get<MetricsResponse>('/work-orders/metrics', { orgUnitId }, { signal }),
    placeholderData: (prev) => prev,
  });
}

// ---- joint meetings ----

export function useMeetings(compoundId: string | undefined) {
  return useQuery({
    queryKey: meetingKeys.list(compoundId ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: Meeting[] }>('/joint-meetings', { compoundId }, { signal }).then((r) => r.items),
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: meetingKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ meeting: Meeting }>(`/joint-meetings/${enc(id ?? '')}`, undefined, { signal }).then((r) => r.meeting),
    enabled: !!id,
  });
}

export function createMeeting(compoundId: string, heldOn: string) {
  return api.post<{ meeting: Meeting }>('/joint-meetings', { compoundId, heldOn }).then((r) => r.meeting);
}

export function updateMeeting(
  id: string,
  input: { attendees?: Attendee[]; minutes?: string; attachmentIds?: string[]; version: number },
) {
  return api.patch<{ meeting: Meeting }>(`/joint-meetings/${enc(id)}`, input).then((r) => r.meeting);
}

export function addMeetingAction(id: string, input: CreateActionInput) {
  return api.post<{ meeting: Meeting }>(`/joint-meetings/${enc(id)}/actions`, input).then((r) => r.meeting);
}

/** 解除关联: the decision stays with the meeting, the order may close; the reason goes on the order's timeline. */
export function detachMeetingAction(actionId: string, reason: string) {
  return api
    .post<{ meeting: Meeting }>(`/joint-meeting-actions/${enc(actionId)}/detach`, { reason })
    .then((r) => r.meeting);
}

export function setMeetingActionStatus(actionId: string, status: 'open' | 'done') {
  return api.patch<{ meeting: Meeting }>(`/joint-meeting-actions/${enc(actionId)}`, { status }).then((r) => r.meeting);
}
