import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Demand, Difficulty, JobPosting, LivingCircle, RiderMeeting, Station, StationKind } from './types';

export type { Demand, Difficulty, JobPosting, LivingCircle, RiderMeeting, Station, StationKind };

const enc = encodeURIComponent;

export const STATION_KINDS: StationKind[] = ['party_mass', 'rider', 'canteen', 'convenience'];

export const stationKeys = {
  all: ['stations'] as const,
  list: (kind: StationKind | undefined) => ['stations', kind ?? 'all'] as const,
  livingCircle: (compoundId: string) => ['living-circle', compoundId] as const,
  riderMeetings: ['rider-meetings'] as const,
  jobPostings: ['job-postings'] as const,
};

/** The stations in scope, of one kind or all. */
export function useStations(kind?: StationKind) {
  return useQuery({
    queryKey: stationKeys.list(kind),
    queryFn: ({ signal }) => api.get<{ items: Station[] }>('/stations', { kind }, { signal }).then((r) => r.items),
  });
}

/** 15 分钟便民生活圈 of a compound. */
export function useLivingCircle(compoundId: string | undefined) {
  return useQuery({
    queryKey: stationKeys.livingCircle(compoundId ?? ''),
    queryFn: ({ signal }) =>
      api.get<LivingCircle>(`/compounds/${enc(compoundId ?? '')}/living-circle`, undefined, { signal }),
    enabled: !!compoundId,
  });
}

export function useRiderMeetings() {
  return useQuery({
    queryKey: stationKeys.riderMeetings,
    queryFn: ({ signal }) =>
      api.get<{ items: RiderMeeting[] }>('/rider-meetings', undefined, { signal }).then((r) => r.items),
  });
}

export function useJobPostings() {
  return useQuery({
    queryKey: stationKeys.jobPostings,
    queryFn: ({ signal }) =>
      api.get<{ items: JobPosting[] }>('/job-postings', undefined, { signal }).then((r) => r.items),
  });
}

function useInvalidateMeetings() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: stationKeys.riderMeetings });
}

/** A rider's demand answered on the spot. */
export function useAnswerDemand() {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (v: { demandId: string; answer: string }) =>
      api.post(`/rider-demands/${enc(v.demandId)}/answer`, { answer: v.answer }),
    onSuccess: invalidate,
  });
}

/** A rider's demand turned into a work order of the given compound and category. */
export function useConvertDemand() {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (v: { demandId: string; compoundId: string | undefined; categoryId: string | undefined }) =>
      api.post(`/rider-demands/${enc(v.demandId)}/convert`, { compoundId: v.compoundId, categoryId: v.categoryId }),
    onSuccess: invalidate,
  });
}
