import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { RateInput, Whistle, WhistleInput, WhistleList } from '../../../shared/whistles.schema';

/** 吹哨报到's hooks: the list in the caller's scope, one whistle, and each step. */
export const whistleKeys = {
  all: ['whistles'] as const,
  list: (status: string | undefined) => ['whistles', 'list', status ?? 'all'] as const,
};

export function useWhistles(status?: 'open' | 'closed') {
  return useQuery({
    queryKey: whistleKeys.list(status),
    queryFn: ({ signal }) => api.get<WhistleList>('/whistles', status ? { status } : undefined, { signal }),
  });
}

function useStep<B>(path: (id: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) =>
      api.post<{ whistle: Whistle }>(path(id), body).then((r) => r.whistle),
    onSuccess: () => qc.invalidateQueries({ queryKey: whistleKeys.all }),
  });
}

export function useOpenWhistle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WhistleInput) => api.post<{ whistle: Whistle }>('/whistles', body).then((r) => r.whistle),
    onSuccess: () => qc.invalidateQueries({ queryKey: whistleKeys.all }),
  });
}
const at = (id: string) => `/whistles/${encodeURIComponent(id)}`;
export const useCheckIn = () => useStep<{ note?: string }>((id) => `${at(id)}/check-in`);
export const useReportAction = () => useStep<{ action: string }>((id) => `${at(id)}/report`);
export const useCloseWhistle = () => useStep<{ note: string; version: number }>((id) => `${at(id)}/close`);
export const useRateWhistle = () => useStep<RateInput>((id) => `${at(id)}/ratings`);
