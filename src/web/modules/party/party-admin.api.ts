import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  AssignPostBody,
  CreateBranchBody,
  Member,
  PartyDashboard,
  PartyOrgDetail,
  Post,
} from '../../../shared/party.schema';

/** 党务 management: the dashboard, building a branch, vacancies and assigning a secretary. */
const enc = encodeURIComponent;
export const partyAdminKeys = {
  dashboard: (unitId?: string) => ['party', 'dashboard', unitId ?? ''] as const,
  vacancies: ['party', 'vacancies'] as const,
  members: ['party', 'members', 'full'] as const,
};

export function usePartyDashboard(unitId?: string) {
  return useQuery({
    queryKey: partyAdminKeys.dashboard(unitId),
    queryFn: () => api.get<PartyDashboard>('/party/dashboard', unitId ? { unitId } : undefined),
  });
}

export const dashboardXlsxUrl = (unitId?: string) =>
  `/api/party/dashboard/xlsx${unitId ? `?unitId=${enc(unitId)}` : ''}`;

export interface Vacancy {
  partyOrgId: string;
  name: string;
  kind: string;
  communityName: string | null;
  compounds: number;
}
export function useVacancies() {
  return useQuery({
    queryKey: partyAdminKeys.vacancies,
    queryFn: () => api.get<{ items: Vacancy[] }>('/party/vacancies', { limit: 200 }).then((r) => r.items),
  });
}

export function useFullMembers() {
  return useQuery({
    queryKey: partyAdminKeys.members,
    queryFn: () => api.get<{ items: Member[] }>('/party-members', { stage: 'full', limit: 200 }).then((r) => r.items),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['party'] });
}

export function useCreateBranch() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateBranchBody) =>
      api.post<{ org: PartyOrgDetail }>('/party-orgs/branches', body).then((r) => r.org),
    onSuccess: done,
  });
}

export function useAssignPost() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: async ({ orgId, ...body }: Omit<AssignPostBody, 'version'> & { orgId: string }) => {
      const { org } = await api.get<{ org: PartyOrgDetail }>(`/party-orgs/${enc(orgId)}/admin`);
      return api
        .post<{ items: Post[] }>(`/party-orgs/${enc(orgId)}/posts`, { ...body, version: org.version })
        .then((r) => r.items);
    },
    onSuccess: done,
  });
}
