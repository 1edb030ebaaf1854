import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  CaseResponse,
  CaseSummary,
  MinorCategory,
  MinorReport,
  MinorStation,
  Referral,
  ServiceKind,
  Tasks,
  Visit,
} from './types';

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
    queryFn: ({ signal }) => api.get<Tasks>('/minor-tasks', undefined, { signal }),
  });

export const useMinorCases = (box: string) =>
  useQuery({
    queryKey: minorKeys.list(box),
    queryFn: ({ signal }) =>
      api.get<{ items: CaseSummary[]; total: number }>('/minor-cases', { box, limit: 200 }, { signal }),
  });

export const useMinorCase = (id: string | undefined) =>
  useQuery({
    queryKey: minorKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<CaseResponse>(`/minor-cases/${enc(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });

export const useMinorCategories = () =>
  useQuery({
    queryKey: minorKeys.categories,
    queryFn: ({ signal }) =>
      api.get<{ items: MinorCategory[] }>('/minor-categories', undefined, { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });

export const useMinorStations = () =>
  useQuery({
    queryKey: minorKeys.stations,
    queryFn: ({ signal }) =>
      api.get<{ items: MinorStation[] }>('/minor-stations', undefined, { signal }).then((r) => r.items),
  });

export const useMinorReport = () =>
  useQuery({
    queryKey: minorKeys.report,
    queryFn: ({ signal }) => api.get<MinorReport>('/minor-reports', undefined, { signal }),
  });

export const useReferralInbox = () =>
  useQuery({
    queryKey: minorKeys.referrals,
    queryFn: ({ signal }) =>
      api.get<{ items: Referral[] }>('/minor-referrals', undefined, { signal }).then((r) => r.items),
  });

export const useReferralReceivers = (enabled: boolean) =>
  useQuery({
    queryKey: ['minor', 'receivers'],
    queryFn: ({ signal }) =>
      api.get<{ departments: { id: string; name: string }[]; organisations: { id: string; name: string }[] }>(
        '/minor-referral-receivers',
        undefined,
        { signal },
      ),
    staleTime: 10 * 60_000,
    enabled,
  });

export type CaseAction =
  | {
      kind: 'service';
      body: { kind: ServiceKind; servedOn: string; outcome: string; visit?: Omit<Visit, 'notes'> & { notes?: string } };
    }
  | { kind: 'consent'; body: { guardian: string; givenOn: string; scope: string } }
  | {
      kind: 'referral';
      body: {
        receiverKind: string;
        workUnitId?: string;
        receiverUserId?: string;
        receiverName?: string;
        request: string;
        ackDays?: number;
        consentId?: string;
        overrideReason?: string;
      };
    }
  | { kind: 'closure'; body: { reason: string } }
  | { kind: 'decide'; body: { approve: boolean; note?: string } }
  | { kind: 'reopen'; body: { reason: string } }
  | { kind: 'update'; body: { version: number; riskLevel?: string; planGoals?: { text: string; done: boolean }[] } };

export function runCaseAction(id: string, a: CaseAction): Promise<CaseResponse> {
  const base = `/minor-cases/${enc(id)}`;
  switch (a.kind) {
    case 'service':
      return api.post<CaseResponse>(`${base}/services`, a.body);
    case 'consent':
      return api.post<CaseResponse>(`${base}/consents`, a.body);
    case 'referral':
      return api.post<CaseResponse>(`${base}/referrals`, a.body);
    case 'closure':
      return api.post<CaseResponse>(`${base}/closure`, a.body);
    case 'decide':
      return api.post<CaseResponse>(`${base}/closure/decide`, a.body);
    case 'reopen':
      return api.post<CaseResponse>(`${base}/reopen`, a.body);
    case 'update':
      return api.patch<CaseResponse>(base, a.body);
  }
}

export const respondReferral = (id: string, action: 'acknowledge' | 'report', report?: string) =>
  api
    .post<{ referral: Referral }>(`/minor-referrals/${enc(id)}/${action}`, action === 'report' ? { report } : undefined)
    .then((r) => r.referral);

export const updateStationChecklist = (
  id: string,
  version: number,
  checklist: { key: string; met: boolean; note: string | null }[],
) => api.patch<{ station: MinorStation }>(`/minor-stations/${enc(id)}`, { version, checklist }).then((r) => r.station);
