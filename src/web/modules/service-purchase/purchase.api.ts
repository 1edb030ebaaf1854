import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  AmendRoundInput,
  AnswerInput,
  ContractReply,
  ContractSummary,
  CreateNeedInput,
  CreateProposalRequest,
  CreateRoundRequest,
  JurorAccount,
  Need,
  ObjectionInput,
  Org,
  ProposalReply,
  ProposalSummary,
  RegisterOrgInput,
  Round,
  RoundDetail,
  ScoreInput,
  ScreenInput,
  SignInput,
} from '../../../shared/service-purchase.schema';

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

// ── queries

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
    queryFn: () => api.get<{ items: JurorAccount[] }>('/purchase/jurors'),
    enabled,
  });

// ── mutations: each refreshes what it changes; the page adds its own onSuccess / onError

export interface MutationCallbacks<R> {
  onSuccess?: (reply: R) => void;
  onError?: (e: Error) => void;
}

function usePurchaseMutation<V, R>(fn: (v: V) => Promise<R>, refresh: QueryKey, cb: MutationCallbacks<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (reply) => {
      void qc.invalidateQueries({ queryKey: refresh });
      cb.onSuccess?.(reply);
    },
    onError: (e) => cb.onError?.(e),
  });
}

export const useCreateRound = (cb: MutationCallbacks<RoundDetail> = {}) =>
  usePurchaseMutation((v: CreateRoundRequest) => api.post<RoundDetail>('/purchase/rounds', v), purchaseKeys.rounds, cb);

/** publish / open-scoring / notice / award */
export const useRoundStep = (roundId: string, cb: MutationCallbacks<RoundDetail> = {}) =>
  usePurchaseMutation(
    (step: 'publish' | 'open-scoring' | 'notice' | 'award') =>
      api.post<RoundDetail>(`/purchase/rounds/${enc(roundId)}/${step}`),
    purchaseKeys.all,
    cb,
  );

/** 更正公告: amend the open call (the reason is required; the server checks the five-day rule). */
export const useAmendRound = (roundId: string, cb: MutationCallbacks<RoundDetail> = {}) =>
  usePurchaseMutation(
    (v: AmendRoundInput) => api.post<RoundDetail>(`/purchase/rounds/${enc(roundId)}/amendments`, v),
    purchaseKeys.all,
    cb,
  );

export const useSetJurors = (roundId: string, cb: MutationCallbacks<RoundDetail> = {}) =>
  usePurchaseMutation(
    (userIds: string[]) => api.put<RoundDetail>(`/purchase/rounds/${enc(roundId)}/jurors`, { userIds }),
    purchaseKeys.round(roundId),
    cb,
  );

export const useFileObjection = (roundId: string, cb: MutationCallbacks<RoundDetail> = {}) =>
  usePurchaseMutation(
    (v: ObjectionInput) => api.post<RoundDetail>(`/purchase/rounds/${enc(roundId)}/objections`, v),
    purchaseKeys.all,
    cb,
  );

export const useAnswerObjection = (cb: MutationCallbacks<RoundDetail> = {}) =>
  usePurchaseMutation(
    (v: { objectionId: string } & AnswerInput) =>
      api.post<RoundDetail>(`/purchase/objections/${enc(v.objectionId)}/answer`, {
        answer: v.answer,
        upheld: v.upheld,
      }),
    purchaseKeys.all,
    cb,
  );

export const useRegisterOrg = (cb: MutationCallbacks<{ org: Org }> = {}) =>
  usePurchaseMutation((v: RegisterOrgInput) => api.post<{ org: Org }>('/purchase/orgs', v), purchaseKeys.org, cb);

export const useCreateNeed = (cb: MutationCallbacks<{ need: Need }> = {}) =>
  usePurchaseMutation((v: CreateNeedInput) => api.post<{ need: Need }>('/purchase/needs', v), purchaseKeys.needs, cb);

export const useSubmitProposal = (roundId: string, cb: MutationCallbacks<ProposalReply> = {}) =>
  usePurchaseMutation(
    (v: CreateProposalRequest) => api.post<ProposalReply>(`/purchase/rounds/${enc(roundId)}/proposals`, v),
    purchaseKeys.proposals(roundId),
    cb,
  );

export const useScreenProposal = (cb: MutationCallbacks<ProposalReply> = {}) =>
  usePurchaseMutation(
    (v: { proposalId: string } & ScreenInput) =>
      api.post<ProposalReply>(`/purchase/proposals/${enc(v.proposalId)}/screen`, { pass: v.pass, reason: v.reason }),
    purchaseKeys.all,
    cb,
  );

export type ProposalStep = { step: 'withdraw' } | { step: 'recuse'; reason: string };
export const useProposalStep = (proposalId: string, cb: MutationCallbacks<ProposalReply> = {}) =>
  usePurchaseMutation(
    (v: ProposalStep) =>
      api.post<ProposalReply>(
        `/purchase/proposals/${enc(proposalId)}/${v.step}`,
        v.step === 'recuse' ? { reason: v.reason } : undefined,
      ),
    purchaseKeys.all,
    cb,
  );

export const useSaveScore = (proposalId: string, cb: MutationCallbacks<ProposalReply> = {}) =>
  usePurchaseMutation(
    (v: ScoreInput) => api.put<ProposalReply>(`/purchase/proposals/${enc(proposalId)}/score`, v),
    purchaseKeys.all,
    cb,
  );

export const useSignContract = (contractId: string, cb: MutationCallbacks<ContractReply> = {}) =>
  usePurchaseMutation(
    (v: SignInput) => api.post<ContractReply>(`/purchase/contracts/${enc(contractId)}/sign`, v),
    purchaseKeys.all,
    cb,
  );

/** The contract's delivery steps: milestone evidence and review, activities, the final evaluation. */
export const useContractStep = (contractId: string, cb: MutationCallbacks<ContractReply> = {}) =>
  usePurchaseMutation(
    (v: { path: string; body: object }) =>
      api.post<ContractReply>(`/purchase/contracts/${enc(contractId)}/${v.path}`, v.body),
    purchaseKeys.all,
    cb,
  );

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
