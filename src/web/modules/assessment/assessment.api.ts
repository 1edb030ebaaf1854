import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';
import type {
  Appeal,
  AppealInput,
  CallbackInput,
  CallbackQueue,
  Drill,
  RankKind,
  Ranking,
  RateKey,
  Settings,
  UnitKind,
  // ── topics ──
  HotspotList,
  TopicDetail,
  TopicInput,
  TopicList,
} from './types';

/** The assessment's hooks: ranking, drill-down, appeals and callbacks (the only place these pages call the server). */
export const assessmentKeys = {
  all: ['assessment'] as const,
  ranking: (month: string, kind: RankKind) => ['assessment', 'ranking', month, kind] as const,
  drill: (month: string, unitKind: UnitKind, unitId: string, rate: RateKey) =>
    ['assessment', 'drill', month, unitKind, unitId, rate] as const,
  appeals: (status: string | undefined) => ['assessment', 'appeals', status ?? 'all'] as const,
  callbacks: ['assessment', 'callbacks'] as const,
  settings: ['assessment', 'settings'] as const,
};

export function useRanking(month: string, kind: RankKind) {
  return useQuery({
    queryKey: assessmentKeys.ranking(month, kind),
    queryFn: ({ signal }) => api.get<Ranking>('/assessment/ranking', { month, kind }, { signal }),
  });
}

export const rankingXlsxUrl = (month: string, kind: RankKind) => buildUrl('/assessment/ranking.xlsx', { month, kind });

export function useDrill(q: { month: string; unitKind: UnitKind; unitId: string; rate: RateKey } | null) {
  return useQuery({
    queryKey: q ? assessmentKeys.drill(q.month, q.unitKind, q.unitId, q.rate) : ['assessment', 'drill', 'none'],
    queryFn: ({ signal }) => api.get<Drill>('/assessment/drill', q!, { signal }),
    enabled: !!q,
  });
}

export function useAppeals(status?: string) {
  return useQuery({
    queryKey: assessmentKeys.appeals(status),
    queryFn: ({ signal }) => api.get<{ items: Appeal[] }>('/assessment/appeals', { status }, { signal }),
  });
}

export function useFileAppeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AppealInput) => api.post<{ appeal: Appeal }>('/assessment/appeals', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

export function useDecideAppeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; approve: boolean; note: string; version: number }) =>
      api.post<{ appeal: Appeal }>(`/assessment/appeals/${encodeURIComponent(id)}/decision`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

export function useCallbackQueue() {
  return useQuery({
    queryKey: assessmentKeys.callbacks,
    queryFn: ({ signal }) => api.get<CallbackQueue>('/assessment/callbacks', undefined, { signal }),
  });
}

export function useRecordCallback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, ...body }: CallbackInput & { orderId: string }) =>
      api.post<{ redo: { dueAt: string } | null; givenUp: boolean }>(
        `/assessment/callbacks/${encodeURIComponent(orderId)}`,
        body,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

// ── topics ── 每月一题 / 治理课题
const topicKeys = {
  all: ['assessment', 'topics'] as const,
  hotspots: (month: string) => ['assessment', 'topics', 'hotspots', month] as const,
  list: ['assessment', 'topics', 'list'] as const,
  one: (id: string) => ['assessment', 'topics', 'one', id] as const,
};

export function useHotspots(month: string) {
  return useQuery({
    queryKey: topicKeys.hotspots(month),
    queryFn: ({ signal }) => api.get<HotspotList>('/assessment/hotspots', { month }, { signal }),
  });
}

export function useTopics() {
  return useQuery({
    queryKey: topicKeys.list,
    queryFn: ({ signal }) => api.get<TopicList>('/assessment/topics', undefined, { signal }),
  });
}

export function useTopic(id: string | null) {
  return useQuery({
    queryKey: id ? topicKeys.one(id) : ['assessment', 'topics', 'none'],
    queryFn: ({ signal }) => api.get<TopicDetail>(`/assessment/topics/${id}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCreateTopic() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TopicInput) => api.post<TopicDetail>('/assessment/topics', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: topicKeys.all }),
  });
}

export function useTopicStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: { path: string; method: 'post' | 'patch'; body: object }) =>
      s.method === 'post'
        ? api.post<TopicDetail>(`/assessment/topics/${s.path}`, s.body)
        : api.patch<TopicDetail>(`/assessment/topics/${s.path}`, s.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: topicKeys.all }),
  });
}

// ── assessment settings ── weights, lists, appeal deadline, reviewers, callback tries (version-checked)
export function useAssessmentSettings() {
  return useQuery({
    queryKey: assessmentKeys.settings,
    queryFn: ({ signal }) => api.get<Settings>('/assessment/settings', undefined, { signal }),
  });
}

export function useSaveAssessmentSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Settings) => api.put<Settings>('/assessment/settings', body),
    onSuccess: (saved) => {
      qc.setQueryData(assessmentKeys.settings, saved);
      // the composite score and the lists depend on the settings
      void qc.invalidateQueries({ queryKey: ['assessment', 'ranking'] });
    },
  });
}
