import { presenceProof } from '../../../shared/volunteers.constants';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  Activity,
  AssessmentConfig,
  CheckinResult,
  ClaimableOrder,
  CounterAccount,
  Item,
  LedgerEntry,
  MemberRow,
  MyVolunteering,
  PresenceCode,
  Qr,
  ServiceRecord,
  Summary,
  Task,
  Team,
} from './types';

export type {
  Activity,
  AssessmentConfig,
  CheckinResult,
  ClaimableOrder,
  CounterAccount,
  Item,
  LedgerEntry,
  MemberRow,
  MyVolunteering,
  PresenceCode,
  Qr,
  ServiceRecord,
  Summary,
  Task,
  Team,
};

const enc = encodeURIComponent;

export type SummaryBy = 'compound' | 'work_unit';

export const volunteerKeys = {
  all: ['volunteers'] as const,
  summary: (month: string, by: SummaryBy) => ['volunteers', 'summary', month, by] as const,
  qr: (activityId: string) => ['volunteers', 'qr', activityId] as const,
  activities: ['volunteers', 'activities'] as const,
  pendingRecords: ['volunteers', 'records', 'pending'] as const,
  items: ['volunteers', 'items'] as const,
  ledger: ['volunteers', 'ledger'] as const,
  teams: (q: string) => ['volunteers', 'teams', q] as const,
  assessmentConfig: ['volunteers', 'assessment-config'] as const,
  members: (month: string) => ['volunteers', 'members', month] as const,
};

/** The volunteer's own page (`/my/…`); its first key is also the prefix every own-page query shares. */
export const myVolunteeringKeys = {
  all: ['my-volunteering'] as const,
  activities: ['my-volunteering', 'activities'] as const,
  tasks: ['my-volunteering', 'tasks'] as const,
};

function useInvalidate(queryKey: readonly string[]) {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey });
}

// ---- the community's side (/volunteers tabs) ----

export function useSummary(month: string, by: SummaryBy) {
  return useQuery({
    queryKey: volunteerKeys.summary(month, by),
    queryFn: ({ signal }) => api.get<Summary>('/compound-reports/summary', { month, by }, { signal }),
  });
}

export function useActivityQr(activityId: string) {
  return useQuery({
    queryKey: volunteerKeys.qr(activityId),
    queryFn: ({ signal }) =>
      api
        .get<{ items: Qr[] }>(`/volunteer-activities/${enc(activityId)}/qr`, undefined, { signal })
        .then((r) => r.items),
  });
}

export function useActivities() {
  return useQuery({
    queryKey: volunteerKeys.activities,
    queryFn: ({ signal }) =>
      api.get<{ items: Activity[] }>('/volunteer-activities', { limit: 100 }, { signal }).then((r) => r.items),
  });
}

export function usePendingRecords() {
  return useQuery({
    queryKey: volunteerKeys.pendingRecords,
    queryFn: ({ signal }) =>
      api
        .get<{ items: ServiceRecord[] }>('/service-records', { status: 'pending', limit: 200 }, { signal })
        .then((r) => r.items),
  });
}

/** Confirms (with the hours as corrected) or rejects a pending service record. */
export function useDecideRecord() {
  const invalidate = useInvalidate(volunteerKeys.all);
  return useMutation({
    mutationFn: (v: { id: string; approve: boolean; hours?: number }) =>
      api
        .post<{ record: ServiceRecord }>(`/service-records/${enc(v.id)}/confirm`, {
          approve: v.approve,
          hours: v.hours,
        })
        .then((r) => r.record),
    onSuccess: invalidate,
  });
}

export function useTeams(q: string) {
  return useQuery({
    queryKey: volunteerKeys.teams(q),
    queryFn: ({ signal }) =>
      api.get<{ items: Team[]; total: number }>('/volunteer-teams', { q, limit: 200 }, { signal }),
  });
}

export function useAssessmentConfig() {
  return useQuery({
    queryKey: volunteerKeys.assessmentConfig,
    queryFn: ({ signal }) => api.get<AssessmentConfig>('/assessment-config', undefined, { signal }),
  });
}

export function useMembers(month: string) {
  return useQuery({
    queryKey: volunteerKeys.members(month),
    queryFn: ({ signal }) =>
      api
        .get<{ items: MemberRow[] }>('/compound-reports/members', { month, limit: 1000 }, { signal })
        .then((r) => r.items),
  });
}

export const RECORDS_XLSX_URL = '/api/service-records.xlsx';
export const LEDGER_XLSX_URL = '/api/points/ledger.xlsx';
export const membersXlsxUrl = (month: string) => `/api/compound-reports/members.xlsx?month=${month}`;

// ---- points: the ledger and the love-supermarket counter ----

export function useLedger() {
  return useQuery({
    queryKey: volunteerKeys.ledger,
    queryFn: ({ signal }) =>
      api.get<{ items: LedgerEntry[] }>('/points/ledger', { limit: 200 }, { signal }).then((r) => r.items),
  });
}

export function useSupermarketItems() {
  return useQuery({
    queryKey: volunteerKeys.items,
    queryFn: ({ signal }) =>
      api.get<{ items: Item[] }>('/love-supermarket/items', undefined, { signal }).then((r) => r.items),
  });
}

/** The counter's account lookup: a POST (the code is a secret, and a wrong one counts against this login). */
export function useCounterLookup() {
  return useMutation({
    mutationFn: (v: { stationId: string; proof: string }) =>
      api.post<CounterAccount>('/points/counter/lookup', { stationId: v.stationId, ...presenceProof(v.proof) }),
  });
}

export function useRedeem() {
  const invalidate = useInvalidate(volunteerKeys.all);
  return useMutation({
    mutationFn: (v: { proof: string; itemId: string; quantity: number }) =>
      api.post<{ balance: number; spent: number }>('/points/redemptions', {
        ...presenceProof(v.proof),
        itemId: v.itemId,
        quantity: v.quantity,
      }),
    onSuccess: invalidate,
  });
}

// ---- the volunteer's own side (/my-volunteering, the QR scan page) ----

export function useMyVolunteering() {
  return useQuery({
    queryKey: myVolunteeringKeys.all,
    queryFn: ({ signal }) => api.get<MyVolunteering>('/my/volunteering', undefined, { signal }),
  });
}

export function useMyOpenActivities() {
  return useQuery({
    queryKey: myVolunteeringKeys.activities,
    queryFn: ({ signal }) =>
      api
        .get<{ items: Activity[] }>('/my/volunteer-activities', { status: 'open', limit: 50 }, { signal })
        .then((r) => r.items),
  });
}

export function useMyTasks() {
  return useQuery({
    queryKey: myVolunteeringKeys.tasks,
    queryFn: ({ signal }) =>
      api.get<{ tasks: Task[]; orders: ClaimableOrder[] }>('/my/service-tasks', undefined, { signal }),
  });
}

/** The volunteer's own steps: sign up for an activity, claim / complete a task, claim a work order. */
export type MyAction =
  | { kind: 'signUp'; activityId: string }
  | { kind: 'claimTask'; taskId: string }
  | { kind: 'completeTask'; taskId: string; hours: number }
  | { kind: 'claimOrder'; orderId: string };

function runMyAction(a: MyAction): Promise<unknown> {
  switch (a.kind) {
    case 'signUp':
      return api.post(`/volunteer-activities/${enc(a.activityId)}/signups`);
    case 'claimTask':
      return api.post(`/service-tasks/${enc(a.taskId)}/claim`);
    case 'completeTask':
      return api.post(`/service-tasks/${enc(a.taskId)}/complete`, { hours: a.hours });
    case 'claimOrder':
      return api.post('/service-tasks/claim-order', { orderId: a.orderId });
  }
}

export function useMyAction() {
  const invalidate = useInvalidate(myVolunteeringKeys.all);
  return useMutation({ mutationFn: runMyAction, onSuccess: invalidate });
}

/** 到场码: valid a few minutes, once, at a love-supermarket counter. */
export function useMakePresenceCode() {
  return useMutation({ mutationFn: () => api.post<PresenceCode>('/points/me/presence-code') });
}

/** Posts the signed token of an activity's QR code: the check-in or the check-out. */
export function useCheckin() {
  return useMutation({
    mutationFn: (token: string) => api.post<CheckinResult>('/volunteer-checkins', { token }),
  });
}
