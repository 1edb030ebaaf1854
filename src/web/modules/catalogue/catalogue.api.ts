import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  CatalogueReply,
  CatalogueVersionDto,
  CatalogueVersionInput,
  DispatchSuggestion,
} from '../../../shared/catalogue.schema';

/** 派单目录's hooks: the versions, a new version, and the suggestion the dispatch dialog pre-selects. */
export const catalogueKeys = {
  all: ['dispatch-catalogue'] as const,
  suggestion: (orderId: string) => ['dispatch-catalogue', 'suggestion', orderId] as const,
};

export function useCatalogue() {
  return useQuery({
    queryKey: catalogueKeys.all,
    queryFn: ({ signal }) => api.get<CatalogueReply>('/dispatch-catalogue', undefined, { signal }),
  });
}

export function useCreateVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CatalogueVersionInput) => api.post<CatalogueVersionDto>('/dispatch-catalogue/versions', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogueKeys.all }),
  });
}

export function useDispatchSuggestion(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: catalogueKeys.suggestion(orderId),
    queryFn: ({ signal }) =>
      api.get<DispatchSuggestion>(`/work-orders/${encodeURIComponent(orderId)}/dispatch-suggestion`, undefined, {
        signal,
      }),
    enabled,
  });
}
