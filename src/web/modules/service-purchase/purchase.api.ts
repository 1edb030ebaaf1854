import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../lib/api';
import type {
  ContractReply,
  ContractSummary,
  Need,
  Org,
  ProposalReply,
  ProposalSummary,
  Round,
  RoundDetail,
} from './types';

const enc = encodeURIComponent;
export const purchaseKeys = {
  all: ['purchase'] as const,
  rounds: ['purchase', 'rounds'] as const,
  round: (id: string) => ['purchase', 'round', id] as const,
  proposals: (roundId: string) => ['purchase', 'proposals', roundId] as const,
  proposal: (id: string) => ['purchase', 'proposal', id] as const,
  contracts: (roundId: string | undefined) => ['purchase', 'contracts', roundId ?? 'all'] as const,
  contract: (id: string) => ['purchase', 'contract', id] as const,
  needs: ['purchase', 'needs'] as const,
  org: ['purchase', 'org'] as const,
  jurors: ['purchase', 'jurors'] as const,
};

export const useRounds = () =>
  useQuery({ queryKey: purchaseKeys.rounds, queryFn: () => api.get<{ items: Round[] }>('/purchase/rounds') });
export const useRound = (id: string) =>
  useQuery({
    queryKey: purchaseKeys.round(id),
    queryFn: () => api.get<RoundDetail>(`/purchase/rounds/${enc(id)}`),
    enabled: !!id,
  });
export const useProposals = (roundId: string) =>
  useQuery({
    queryKey: purchaseKeys.proposals(roundId),
    queryFn: () => api.get<{ items: ProposalSummary[] }>(`/purchase/rounds/${enc(roundId)}/proposals`),
    enabled: !!roundId,
  });
export const useProposal = (id: string) =>
  useQuery({
    queryKey: purchaseKeys.proposal(id),
    queryFn: () => api.get<ProposalReply>(`/purchase/proposals/${enc(id)}`),
    enabled: !!id,
  });
export const useContracts = (roundId?: string) =>
  useQuery({
    queryKey: purchaseKeys.contracts(roundId),
    queryFn: () => api.get<{ items: ContractSummary[] }>('/purchase/contracts', { roundId }),
  });
export const useContract = (id: string) =>
  useQuery({
    queryKey: purchaseKeys.contract(id),
    queryFn: () => api.get<ContractReply>(`/purchase/contracts/${enc(id)}`),
    enabled: !!id,
  });
export const useNeeds = (enabled: boolean) =>
  useQuery({ queryKey: purchaseKeys.needs, queryFn: () => api.get<{ items: Need[] }>('/purchase/needs'), enabled });
export const useMyOrg = (enabled: boolean) =>
  useQuery({ queryKey: purchaseKeys.org, queryFn: () => api.get<{ org: Org | null }>('/purchase/orgs/me'), enabled });
export const useJurorAccounts = (enabled: boolean) =>
  useQuery({
    queryKey: purchaseKeys.jurors,
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/purchase/jurors'),
    enabled,
  });

export const putJson = <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body });

export const yuan = (cents: number) =>
  `¥${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
/** Times are shown in Asia/Shanghai whatever the browser's zone. */
export const shanghaiTime = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour12: false,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';
