import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { LedgerImport, PersonResponse, PersonSummary } from '../../lib/types';

export interface PeopleSearch {
  q: string;
  tag: string | undefined;
  orgUnitId?: string;
}

const PAGE_SIZE = 20;

export function usePeopleSearch(search: PeopleSearch, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['people', 'search', search.q, search.tag ?? '', search.orgUnitId ?? ''],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: PersonSummary[]; nextCursor: string | null }>(
        '/people',
        { q: search.q, tag: search.tag, orgUnitId: search.orgUnitId, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: ({ signal }) => api.get<PersonResponse>(`/people/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function revealIdentity(id: string): Promise<{ idNumber: string }> {
  return api.post<{ idNumber: string }>(`/people/${encodeURIComponent(id)}/identity`);
}

// ── 实有人口台账导入导出 ──
export type LedgerImportMode = 'file' | 'household';

export function startLedgerImport(file: File, mode: LedgerImportMode): Promise<LedgerImport> {
  return api.upload<LedgerImport>(`/people/imports?mode=${mode}`, file);
}

/** An import's progress, polled every second until it has ended. */
export function useLedgerImport(id: string | null) {
  return useQuery({
    queryKey: ['people', 'ledger-import', id],
    queryFn: ({ signal }) =>
      api.get<LedgerImport>(`/people/imports/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
}

export const LEDGER_TEMPLATE_URL = '/api/people/ledger-template.xlsx';
export const LEDGER_EXPORT_URL = '/api/people/ledger.xlsx';
