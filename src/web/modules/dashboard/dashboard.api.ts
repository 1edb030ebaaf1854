import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { CoverageResponse, OrgUnit } from '../../lib/types';

export function useCoverage(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'coverage', orgUnitId ?? 'self'],
    queryFn: ({ signal }) => api.get<CoverageResponse>('/dashboard/coverage', { orgUnitId }, { signal }),
    placeholderData: (prev) => prev,
  });
}

/** The scope unit with its ancestors, for the breadcrumb (callers with org.read only). */
export function useUnitAncestors(unitId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['org', 'unit', unitId],
    queryFn: () => api.get<{ unit: OrgUnit; ancestors: OrgUnit[] }>(`/org-units/${encodeURIComponent(unitId ?? '')}`),
    enabled: enabled && !!unitId,
  });
}
