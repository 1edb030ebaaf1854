import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  BranchYear,
  MyPartyLife,
  PartyActivity,
  PartyActivityDetail,
  PartyAssessment,
  PartyCheckin,
  PartyQr,
  PutSettingsBody,
  Settings,
  SystemChecks,
} from '../../../shared/party-life.schema';
import type { AssessmentGrade, AssessmentSubject } from '../../../shared/party-life.constants';
import type { PartyOrg } from '../../lib/types';

/** 组织生活: activities and attendance, a branch's year, the working-systems checklist, 考核评议. */
const enc = encodeURIComponent;
const KEY = ['party-life'] as const;

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: KEY });
}

/** The party orgs below one (to pick a branch). */
export function usePartyChildrenOf(id: string | undefined) {
  return useQuery({
    queryKey: ['party', 'children', id ?? ''],
    queryFn: () => api.get<{ items: PartyOrg[] }>(`/party-orgs/${enc(id ?? '')}/children`).then((r) => r.items),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useActivities(partyOrgId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...KEY, 'activities', partyOrgId, year],
    queryFn: () =>
      api.get<{ items: PartyActivity[]; total: number }>('/party-activities', { partyOrgId, year, limit: 200 }),
    enabled: !!partyOrgId,
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'activity', id],
    queryFn: () => api.get<PartyActivityDetail>(`/party-activities/${enc(id ?? '')}`),
    enabled: !!id,
  });
}

export function useActivityQr(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'qr', id],
    queryFn: () => api.get<PartyQr>(`/party-activities/${enc(id ?? '')}/qr`),
    enabled: !!id && enabled,
  });
}

export function useCreateActivity() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ activity: PartyActivity }>('/party-activities', body).then((r) => r.activity),
    onSuccess: done,
  });
}

export function useMarkAttendance(id: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (items: { memberId: string; status: string; leaveReason?: string }[]) =>
      api.post<PartyActivityDetail>(`/party-activities/${enc(id)}/attendance`, { items }),
    onSuccess: done,
  });
}

export function useMinutes(id: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (body: { minutes: string; attachmentIds: string[]; version: number }) =>
      api.post<PartyActivityDetail>(`/party-activities/${enc(id)}/minutes`, body),
    onSuccess: done,
  });
}

export function useBranchYear(id: string | undefined, year: number) {
  return useQuery({
    queryKey: [...KEY, 'year', id, year],
    queryFn: () => api.get<BranchYear>(`/party-orgs/${enc(id ?? '')}/life`, { year }),
    enabled: !!id,
  });
}

export function useChecks(id: string | undefined, year: number) {
  return useQuery({
    queryKey: [...KEY, 'checks', id, year],
    queryFn: () => api.get<SystemChecks>(`/party-orgs/${enc(id ?? '')}/system-checks`, { year }),
    enabled: !!id,
  });
}

export function useSubmitEvidence(id: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (b: { itemKey: string; year: number; evidence: string; attachmentIds: string[] }) =>
      api.put<SystemChecks>(`/party-orgs/${enc(id)}/system-checks/${enc(b.itemKey)}`, {
        year: b.year,
        evidence: b.evidence,
        attachmentIds: b.attachmentIds,
      }),
    onSuccess: done,
  });
}

export function useReviewCheck(id: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (b: { itemKey: string; year: number; decision: 'approved' | 'returned'; version: number }) =>
      api.post<SystemChecks>(`/party-orgs/${enc(id)}/system-checks/${enc(b.itemKey)}/review`, {
        year: b.year,
        decision: b.decision,
        version: b.version,
      }),
    onSuccess: done,
  });
}

export function useAssessments(year: number, partyOrgId?: string) {
  return useQuery({
    queryKey: [...KEY, 'assessments', year, partyOrgId],
    queryFn: () =>
      api.get<{ items: PartyAssessment[]; grades: Record<AssessmentGrade, number> }>('/party-assessments', {
        year,
        partyOrgId,
      }),
  });
}

export function useEnterAssessment(id: string) {
  const done = useDone();
  return useMutation({
    mutationFn: (b: { year: number; subject: AssessmentSubject; scores: Record<string, number> }) =>
      api.put<{ assessment: PartyAssessment }>(`/party-orgs/${enc(id)}/assessments`, b),
    onSuccess: done,
  });
}

export function useAssessmentItems() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: () =>
      api.get<{ assessmentItems: Record<AssessmentSubject, { key: string; name: string; maxScore: number }[]> }>(
        '/party-life/settings',
      ),
  });
}

/** The district's branch-life settings (frequencies, working systems, assessment items), versioned. */
export function useLifeSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: () => api.get<Settings>('/party-life/settings'),
  });
}

export function useSaveLifeSettings() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: PutSettingsBody) => api.put<Settings>('/party-life/settings', body),
    onSuccess: done,
  });
}

export function useMyPartyLife(year: number) {
  return useQuery({
    queryKey: [...KEY, 'mine', year],
    queryFn: () => api.get<MyPartyLife>('/my/party-life', { year }),
  });
}

export function usePartyCheckin() {
  const done = useDone();
  return useMutation({
    mutationFn: (token: string) => api.post<PartyCheckin>('/party-checkins', { token }),
    onSuccess: done,
  });
}
