import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';
import { workbenchKey } from '../workbench/workbench.api';
import { orderKeys } from '../work-orders/work-orders.api';
import type {
  AddFindingInput,
  FindingResult,
  FinishPatrolInput,
  Ledger,
  PatrolDetail,
  PatrolList,
  StartPatrolInput,
} from '../../../shared/patrols.schema';

export type { Finding, Ledger, LedgerRow, PatrolDetail, PatrolSummary } from '../../../shared/patrols.schema';

/** 网格巡查's hooks: my patrols and a patrol on the phone, the back office's list and ledger. */
export const patrolKeys = {
  all: ['patrols'] as const,
  list: (f: PatrolQuery) => ['patrols', 'list', f] as const,
  one: (id: string) => ['patrols', 'one', id] as const,
  ledger: (from: string, to: string) => ['patrols', 'ledger', from, to] as const,
};

export interface PatrolQuery {
  month?: string;
  compoundId?: string;
  status?: 'open' | 'finished';
  mine?: 'true';
  limit?: number;
  offset?: number;
}

export function usePatrols(f: PatrolQuery) {
  return useQuery({
    queryKey: patrolKeys.list(f),
    queryFn: ({ signal }) => api.get<PatrolList>('/patrols', { ...f }, { signal }),
  });
}

export function usePatrol(id: string | undefined) {
  return useQuery({
    queryKey: patrolKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<PatrolDetail>(`/patrols/${encodeURIComponent(id!)}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useLedger(from: string, to: string) {
  return useQuery({
    queryKey: patrolKeys.ledger(from, to),
    queryFn: ({ signal }) => api.get<Ledger>('/patrols/ledger', { from, to }, { signal }),
  });
}
export const ledgerExportUrl = (from: string, to: string) => buildUrl('/patrols/ledger.xlsx', { from, to });

function useInvalidate() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: patrolKeys.all });
    await qc.invalidateQueries({ queryKey: workbenchKey });
  };
}

export function useStartPatrol() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: StartPatrolInput) => api.post<PatrolDetail>('/patrols', body),
    onSuccess: done,
  });
}

export function useFinishPatrol(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: FinishPatrolInput) => api.post<PatrolDetail>(`/patrols/${encodeURIComponent(id)}/finish`, body),
    onSuccess: done,
  });
}

/** One finding; the key is made once per form so a retry after a lost answer writes nothing twice. */
export function useAddFinding(id: string) {
  const done = useInvalidate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: AddFindingInput; key: string }) =>
      api.post<FindingResult>(`/patrols/${encodeURIComponent(id)}/findings`, body, {
        headers: { 'Idempotency-Key': key },
      }),
    onSuccess: async () => {
      await done();
      await qc.invalidateQueries({ queryKey: orderKeys.all });
    },
  });
}
