import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { WorkbenchItem, WorkbenchResponse } from '../../../shared/workbench.schema';

export type { WorkbenchGroup, WorkbenchItem, WorkbenchResponse } from '../../../shared/workbench.schema';
export type { Clock, WorkbenchKind } from '../../../shared/workbench.constants';

export const workbenchKey = ['workbench'] as const;

/** What waits for the signed-in person; refreshed every minute so the clocks move. */
export function useWorkbench() {
  return useQuery({
    queryKey: workbenchKey,
    queryFn: ({ signal }) => api.get<WorkbenchResponse>('/workbench', undefined, { signal }),
    refetchInterval: 60_000,
  });
}

/** The back office page an item opens. */
export function backOfficePath(item: WorkbenchItem): string {
  const id = encodeURIComponent(item.targetId);
  switch (item.target) {
    case 'order':
      return `/orders/${id}`;
    case 'proposal':
      return `/purchase/proposals/${id}`;
    case 'case':
      return `/minor/${id}`;
    case 'referrals':
      return '/minor-referrals';
    case 'hours':
      return '/volunteers';
    case 'activity':
      return '/my-volunteering';
    case 'patrol':
      return `/m/patrols/${id}`;
  }
}
