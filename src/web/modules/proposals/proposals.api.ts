import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Proposal, ProposalInput } from '../../../shared/proposals.schema';

export type { Proposal };

/** 居民提议's hooks: the list in scope (one compound's, for staff), raising one and seconding it. */
export const proposalKeys = {
  all: ['proposals'] as const,
  list: (compoundId?: string) => ['proposals', 'list', compoundId ?? ''] as const,
};

export function useProposals(compoundId?: string, enabled = true) {
  return useQuery({
    queryKey: proposalKeys.list(compoundId),
    queryFn: ({ signal }) =>
      api.get<{ items: Proposal[] }>('/proposals', { compoundId }, { signal }).then((r) => r.items),
    enabled,
  });
}

export function useRaiseProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposalInput) => api.post<{ proposal: Proposal }>('/proposals', body).then((r) => r.proposal),
    onSuccess: () => qc.invalidateQueries({ queryKey: proposalKeys.all }),
  });
}

export function useSupportProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ proposal: Proposal }>(`/proposals/${encodeURIComponent(id)}/support`, {}).then((r) => r.proposal),
    onSettled: () => qc.invalidateQueries({ queryKey: proposalKeys.all }),
  });
}
