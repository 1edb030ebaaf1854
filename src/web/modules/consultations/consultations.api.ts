import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  AnswerInput,
  ConsultationDetail,
  ConsultationInput,
  ConsultationList,
  PaperBallotInput,
  Results,
} from '../../../shared/consultations.schema';
import type { OrgUnit } from '../../lib/types';

export type {
  Answer,
  Consultation,
  ConsultationDetail,
  ConsultationInput,
  DecisionResult,
  Question,
  Results,
} from '../../../shared/consultations.schema';
export type Status = 'open' | 'closed' | 'published';

/** 征求民意 / 议事协商's hooks: the list in scope, one consultation, its results, answering, paper ballots, closing and publishing. */
export const consultKeys = {
  all: ['consultations'] as const,
  list: (status?: Status) => ['consultations', 'list', status ?? ''] as const,
  detail: (id: string) => ['consultations', 'detail', id] as const,
  results: (id: string) => ['consultations', 'results', id] as const,
};
const enc = encodeURIComponent;

export function useConsultations(status?: Status, enabled = true) {
  return useQuery({
    queryKey: consultKeys.list(status),
    queryFn: ({ signal }) => api.get<ConsultationList>('/consultations', { status }, { signal }),
    enabled,
  });
}

export function useConsultation(id: string | undefined) {
  return useQuery({
    queryKey: consultKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<ConsultationDetail>(`/consultations/${enc(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

/** Live for the organiser (refreshed every 15 s while open); for residents only once published. */
export function useResults(id: string | undefined, enabled = true, live = false) {
  return useQuery({
    queryKey: consultKeys.results(id ?? ''),
    queryFn: ({ signal }) => api.get<Results>(`/consultations/${enc(id ?? '')}/results`, undefined, { signal }),
    enabled: !!id && enabled,
    refetchInterval: live ? 15_000 : false,
  });
}

export function useCreateConsultation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsultationInput) => api.post<ConsultationDetail>('/consultations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: consultKeys.all }),
  });
}

export function useAnswer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerInput) => api.post<{ id: string }>(`/consultations/${enc(id)}/answers`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: consultKeys.all }),
  });
}

export function usePaperBallot(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PaperBallotInput) => api.post<{ id: string }>(`/consultations/${enc(id)}/paper-ballots`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: consultKeys.all }),
  });
}

export function useChangeState(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: { to: 'close' | 'publish'; version: number }) =>
      api.post<ConsultationDetail>(`/consultations/${enc(id)}/${w.to}`, { version: w.version }),
    onSettled: () => qc.invalidateQueries({ queryKey: consultKeys.all }),
  });
}

/** The communities and compounds a consultation may ask (search by name, for organisers above a community). */
export function useScopeSearch(q: string) {
  return useQuery({
    queryKey: ['consultations', 'scopes', q],
    queryFn: ({ signal }) =>
      api
        .get<{ items: OrgUnit[] }>('/org-units', { q }, { signal })
        .then((r) => r.items.filter((u) => ['community', 'village', 'compound'].includes(u.kind))),
  });
}

/** The households of a building, for naming a paper ballot's household. */
export function useHouseholds(buildingId: string | undefined) {
  return useQuery({
    queryKey: ['consultations', 'households', buildingId ?? ''],
    queryFn: ({ signal }) =>
      api
        .get<{ items: { id: string; unit: string; room: string }[] }>(
          `/buildings/${enc(buildingId ?? '')}/households`,
          undefined,
          {
            signal,
          },
        )
        .then((r) => r.items),
    enabled: !!buildingId,
  });
}
