import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';
import type {
  Campaign,
  CreateCampaignBody,
  CreateVisitBody,
  ListVisitsQuery,
  Visit,
  VisitList,
} from '../../../shared/visits.schema';
import type { VisiteeKind } from '../../../shared/visits.constants';

/** 走访慰问's hooks: campaigns, the ledger, recording a visit, a need to an order or a referral. */
export const visitKeys = {
  all: ['visits'] as const,
  campaigns: ['visits', 'campaigns'] as const,
  list: (q: ListVisitsQuery) => ['visits', 'list', q] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: visitKeys.campaigns,
    queryFn: ({ signal }) => api.get<{ items: Campaign[] }>('/visit-campaigns', undefined, { signal }),
  });
}

export interface Filter {
  campaignId?: string;
  kind?: VisiteeKind;
  from?: string;
  to?: string;
  openNeeds?: 'true' | 'false';
  limit?: number;
  offset?: number;
}
const query = (q: Filter) => ({
  campaignId: q.campaignId,
  kind: q.kind,
  from: q.from,
  to: q.to,
  openNeeds: q.openNeeds,
  limit: q.limit,
  offset: q.offset,
});

export function useVisits(q: Filter) {
  return useQuery({
    queryKey: visitKeys.list(q as ListVisitsQuery),
    queryFn: ({ signal }) => api.get<VisitList>('/visits', query(q), { signal }),
  });
}

export const visitsXlsxUrl = (q: Filter) =>
  buildUrl('/visits/xlsx', { ...query(q), limit: undefined, offset: undefined });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: visitKeys.all });
}

export function useCreateCampaign() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateCampaignBody) => api.post<{ campaign: Campaign }>('/visit-campaigns', body),
    onSuccess: done,
  });
}

export function useCreateVisit() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateVisitBody) => api.post<{ visit: Visit }>('/visits', body),
    onSuccess: done,
  });
}

export function useNeedToOrder() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { needId: string; categoryId: string }) =>
      api.post<{ visit: Visit }>(`/visit-needs/${encodeURIComponent(v.needId)}/order`, { categoryId: v.categoryId }),
    onSuccess: done,
  });
}

export function useReferNeed() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { needId: string; referredTo: string }) =>
      api.post<{ visit: Visit }>(`/visit-needs/${encodeURIComponent(v.needId)}/refer`, { referredTo: v.referredTo }),
    onSuccess: done,
  });
}
