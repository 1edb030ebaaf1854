import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { CoverageResponse } from '../../lib/types';

export function useCoverage(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'coverage', orgUnitId ?? 'self'],
    queryFn: ({ signal }) => api.get<CoverageResponse>('/dashboard/coverage', { orgUnitId }, { signal }),
    placeholderData: (prev) => prev,
  });
}
