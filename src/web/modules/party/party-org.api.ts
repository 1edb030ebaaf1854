import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  CentralHousehold,
  Member,
  PartyEvent,
  PartyOrgDetail,
  Post,
  RegisterMemberBody,
  TransferInBody,
} from '../../../shared/party.schema';
import type { MemberRelation, MemberStage, PartyGrade } from '../../../shared/party.constants';

/** 党务 organisation changes (attach, split, merge, upgrade, groups, central households, stations) and the registry. */
const enc = encodeURIComponent;

export interface OrgAdmin {
  org: PartyOrgDetail;
  posts: Post[];
  history: PartyEvent[];
}
export interface HouseholdRow {
  id: string;
  buildingId: string;
  unit: string;
  room: string;
  memberCount: number;
  isPartyCentral: boolean;
}

export function useOrgAdmin(id: string | undefined) {
  return useQuery({
    queryKey: ['party', 'admin', id ?? ''],
    queryFn: () => api.get<OrgAdmin>(`/party-orgs/${enc(id ?? '')}/admin`),
    enabled: !!id,
  });
}

export function useCentrals(id: string | undefined) {
  return useQuery({
    queryKey: ['party', 'centrals', id ?? ''],
    queryFn: () =>
      api.get<{ items: CentralHousehold[] }>(`/party-orgs/${enc(id ?? '')}/central-households`).then((r) => r.items),
    enabled: !!id,
  });
}

export function useBuildingHouseholds(buildingId: string | undefined) {
  return useQuery({
    queryKey: ['party', 'households', buildingId ?? ''],
    queryFn: () =>
      api.get<{ items: HouseholdRow[] }>(`/buildings/${enc(buildingId ?? '')}/households`).then((r) => r.items),
    enabled: !!buildingId,
  });
}

export interface MemberFilter {
  partyOrgId?: string;
  stage?: MemberStage;
  relation?: MemberRelation;
  offset?: number;
}
export function useMembers(f: MemberFilter) {
  return useQuery({
    queryKey: ['party', 'members', 'list', f],
    queryFn: () => api.get<{ items: Member[]; total: number }>('/party-members', { limit: 20, ...f }),
  });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['party'] });
}

/** An organisation change: the org's version is fetched fresh so a stale page gets the server's conflict. */
type OrgChange =
  | { op: 'compounds'; body: { compoundId: string; move: boolean } }
  | { op: 'split'; body: { compoundIds: string[]; name?: string } }
  | { op: 'merge'; body: { intoId: string } }
  | { op: 'upgrade'; body: { grade: PartyGrade; on?: string } };

export function useOrgChange(orgId: string) {
  const done = useDone();
  return useMutation({
    mutationFn: async (c: OrgChange) => {
      const { org } = await api.get<OrgAdmin>(`/party-orgs/${enc(orgId)}/admin`);
      let extra = {};
      if (c.op === 'merge') {
        const into = await api.get<OrgAdmin>(`/party-orgs/${enc(c.body.intoId)}/admin`);
        extra = { intoVersion: into.org.version };
      }
      return api
        .post<{ org: PartyOrgDetail }>(`/party-orgs/${enc(orgId)}/${c.op}`, {
          ...c.body,
          ...extra,
          version: org.version,
        })
        .then((r) => r.org);
    },
    onSuccess: done,
  });
}

export function useCreateGroup(orgId: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (body: { buildingId: string; name?: string }) =>
      api.post<{ org: PartyOrgDetail }>(`/party-orgs/${enc(orgId)}/groups`, body).then((r) => r.org),
    onSuccess: done,
  });
}

export function useDesignateCentral(orgId: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (body: { memberId: string; servedHouseholdIds: string[] }) =>
      api.post<{ items: CentralHousehold[] }>(`/party-orgs/${enc(orgId)}/central-households`, body),
    onSuccess: done,
  });
}

export function useStationBranch() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: { stationId: string; instructorName: string; name?: string }) =>
      api.post<{ org: PartyOrgDetail }>('/party-orgs/station-branches', body).then((r) => r.org),
    onSuccess: done,
  });
}

export function useEndPost() {
  const done = useDone();
  return useMutation({
    mutationFn: (p: { id: string; version: number }) =>
      api.post<{ items: Post[] }>(`/party-posts/${enc(p.id)}/end`, { version: p.version }),
    onSuccess: done,
  });
}

export function useRegisterMember() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: Partial<RegisterMemberBody> & { personId: string; partyOrgId: string }) =>
      api.post<{ member: Member }>('/party-members', body).then((r) => r.member),
    onSuccess: done,
  });
}

export function useAdvanceMember() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      stage: string;
      on: string;
      introducerIds: string[];
      version: number;
    }) => api.post<{ member: Member }>(`/party-members/${enc(id)}/advance`, body).then((r) => r.member),
    onSuccess: done,
  });
}

export function useTransferMember() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      direction: 'in' | 'out';
      toOrgId?: string;
      externalOrg?: string;
      letterNo?: string;
      on: string;
      version: number;
    }) => api.post<{ member: Member }>(`/party-members/${enc(id)}/transfers`, body).then((r) => r.member),
    onSuccess: done,
  });
}

/** 组织关系转入: from outside the district (registers the member) or from another branch of it. */
export function useTransferIn() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: Partial<TransferInBody> & Pick<TransferInBody, 'source' | 'personId' | 'partyOrgId' | 'on'>) =>
      api.post<{ member: Member }>('/party-members/transfers-in', body).then((r) => r.member),
    onSuccess: done,
  });
}

export function usePartyKids(parentId: string | null | undefined) {
  return useQuery({
    queryKey: ['party', 'children', parentId ?? ''],
    queryFn: () =>
      api
        .get<{ items: import('../../lib/types').PartyOrg[] }>(`/party-orgs/${enc(parentId ?? '')}/children`)
        .then((r) => r.items),
    enabled: !!parentId,
  });
}
