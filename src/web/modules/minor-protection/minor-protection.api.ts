import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type * as mp from '../../../shared/minor-protection.schema';

const enc = encodeURIComponent;

export const minorKeys = {
  all: ['minor'] as const,
  tasks: ['minor', 'tasks'] as const,
  list: (box: string) => ['minor', 'list', box] as const,
  detail: (id: string) => ['minor', 'detail', id] as const,
  categories: ['minor', 'categories'] as const,
  stations: ['minor', 'stations'] as const,
  report: ['minor', 'report'] as const,
  referrals: ['minor', 'referrals'] as const,
};

export const useMinorTasks = () =>
  useQuery({
    queryKey: minorKeys.tasks,
    queryFn: ({ signal }) => api.get<mp.Tasks>('/minor-tasks', undefined, { signal }),
  });

/** The files in the box, 50 at a time (keyset pages: the server's nextCursor). */
export const useMinorCases = (box: string) =>
  useInfiniteQuery({
    queryKey: minorKeys.list(box),
    queryFn: ({ pageParam, signal }) =>
      api.get<mp.CaseList>('/minor-cases', { box, limit: 50, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useMinorCase = (id: string | undefined) =>
  useQuery({
    queryKey: minorKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<mp.CaseResponse>(`/minor-cases/${enc(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });

export const useMinorCategories = () =>
  useQuery({
    queryKey: minorKeys.categories,
    queryFn: ({ signal }) =>
      api.get<{ items: mp.MinorCategory[] }>('/minor-categories', undefined, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });

export const useMinorStations = () =>
  useQuery({
    queryKey: minorKeys.stations,
    queryFn: ({ signal }) =>
      api.get<{ items: mp.MinorStation[] }>('/minor-stations', undefined, { signal }).then((r) => r.items),
  });

export const useMinorReport = () =>
  useQuery({
    queryKey: minorKeys.report,
    queryFn: ({ signal }) => api.get<mp.MinorReport>('/minor-reports', undefined, { signal }),
  });

export const useReferralInbox = () =>
  useQuery({
    queryKey: minorKeys.referrals,
    queryFn: ({ signal }) =>
      api.get<{ items: mp.Referral[] }>('/minor-referrals', undefined, { signal }).then((r) => r.items),
  });

export const useReferralReceivers = (enabled: boolean) =>
  useQuery({
    queryKey: ['minor', 'receivers'],
    queryFn: ({ signal }) => api.get<mp.ReferralReceivers>('/minor-referral-receivers', undefined, { signal }),
    staleTime: 10 * 60_000,
    enabled,
  });

export type CaseAction =
  | { kind: 'service'; body: mp.ServiceRequest }
  | { kind: 'consent'; body: mp.ConsentRequest }
  | { kind: 'materials'; body: mp.CaseMaterialsInput }
  | { kind: 'referral'; body: mp.ReferralRequest }
  | { kind: 'closure'; body: mp.ReasonRequest }
  | { kind: 'decide'; body: mp.DecideRequest }
  | { kind: 'reopen'; body: mp.ReasonRequest }
  | { kind: 'update'; body: mp.UpdateCaseRequest };

function runCaseAction(id: string, a: CaseAction): Promise<mp.CaseResponse> {
  const base = `/minor-cases/${enc(id)}`;
  switch (a.kind) {
    case 'service':
      return api.post<mp.CaseResponse>(`${base}/services`, a.body);
    case 'consent':
      return api.post<mp.CaseResponse>(`${base}/consents`, a.body);
    case 'materials':
      return api.post<mp.CaseResponse>(`${base}/attachments`, a.body);
    case 'referral':
      return api.post<mp.CaseResponse>(`${base}/referrals`, a.body);
    case 'closure':
      return api.post<mp.CaseResponse>(`${base}/closure`, a.body);
    case 'decide':
      return api.post<mp.CaseResponse>(`${base}/closure/decide`, a.body);
    case 'reopen':
      return api.post<mp.CaseResponse>(`${base}/reopen`, a.body);
    case 'update':
      return api.patch<mp.CaseResponse>(base, a.body);
  }
}

const respondReferral = (id: string, action: 'acknowledge' | 'report', report?: string) =>
  api
    .post<{ referral: mp.Referral }>(
      `/minor-referrals/${enc(id)}/${action}`,
      action === 'report' ? { report } : undefined,
    )
    .then((r) => r.referral);

const updateStationChecklist = (
  id: string,
  version: number,
  checklist: { key: string; met: boolean; note: string | null }[],
) =>
  api.patch<{ station: mp.MinorStation }>(`/minor-stations/${enc(id)}`, { version, checklist }).then((r) => r.station);

interface Callbacks<T> {
  onSuccess?: (data: T) => void;
  onError?: (e: unknown) => void;
}

/** An action on a file; the file's cache takes the reply, the task list is refetched. */
export function useCaseAction(id: string, cb: Callbacks<mp.CaseResponse> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: CaseAction) => runCaseAction(id, a),
    onSuccess: (data) => {
      qc.setQueryData(minorKeys.detail(id), data);
      void qc.invalidateQueries({ queryKey: minorKeys.tasks });
      cb.onSuccess?.(data);
    },
    onError: cb.onError,
  });
}

export interface ReferralResponse {
  id: string;
  action: 'acknowledge' | 'report';
  report?: string;
}

/** Acknowledge a referral, or report back on it; the inbox is refetched. */
export function useRespondReferral(cb: Callbacks<mp.Referral> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ReferralResponse) => respondReferral(a.id, a.action, a.report),
    onSuccess: (data) => {
      void qc.invalidateQueries({ queryKey: minorKeys.referrals });
      cb.onSuccess?.(data);
    },
    onError: cb.onError,
  });
}

/** One item of a station's "五有" checklist; the stations are refetched either way (a conflict shows the new state). */
export function useUpdateStationItem(
  station: Pick<mp.MinorStation, 'id' | 'version'>,
  cb: Callbacks<mp.MinorStation> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (item: { key: string; met: boolean; note: string | null }) =>
      updateStationChecklist(station.id, station.version, [item]),
    onSuccess: (data) => {
      void qc.invalidateQueries({ queryKey: minorKeys.stations });
      cb.onSuccess?.(data);
    },
    onError: (e) => {
      void qc.invalidateQueries({ queryKey: minorKeys.stations });
      cb.onError?.(e);
    },
  });
}
