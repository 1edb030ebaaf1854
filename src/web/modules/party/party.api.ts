import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { PartyOrg } from '../../lib/types';

export const partyKeys = {
  root: ['party', 'root'] as const,
  org: (id: string) => ['party', 'org', id] as const,
  children: (id: string) => ['party', 'children', id] as const,
};

const enc = encodeURIComponent;

export function usePartyRoot() {
  return useQuery({
    queryKey: partyKeys.root,
    queryFn: () => api.get<{ org: PartyOrg }>('/party-orgs/root').then((r) => r.org),
  });
}

export function usePartyOrg(id: string | undefined, placeholder?: PartyOrg) {
  return useQuery({
    queryKey: partyKeys.org(id ?? ''),
    queryFn: () => api.get<{ org: PartyOrg }>(`/party-orgs/${enc(id ?? '')}`).then((r) => r.org),
    enabled: !!id,
    placeholderData: placeholder,
  });
}

export function loadPartyChildren(qc: QueryClient, id: string, fresh = false): Promise<PartyOrg[]> {
  return qc.fetchQuery({
    queryKey: partyKeys.children(id),
    queryFn: () => api.get<{ items: PartyOrg[] }>(`/party-orgs/${enc(id)}/children`).then((r) => r.items),
    staleTime: fresh ? 0 : 60_000,
  });
}
