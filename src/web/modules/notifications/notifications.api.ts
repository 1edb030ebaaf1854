import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { DeadJob, NotificationItem, NotificationList, Preferences } from './types';

export type { DeadJob, NotificationItem, NotificationList, Preferences };

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unread: boolean) => ['notifications', 'list', unread] as const,
  unread: ['notifications', 'unread'] as const,
  prefs: ['notifications', 'prefs'] as const,
  dead: ['notifications', 'dead'] as const,
};

export function useNotifications(unread = false, limit = 20) {
  return useQuery({
    queryKey: [...notificationKeys.list(unread), limit],
    queryFn: ({ signal }) =>
      api.get<NotificationList>('/notifications', { unread: unread ? '1' : undefined, limit }, { signal }),
  });
}

/** The bell's count; kept fresh by the live stream, and re-read every minute in case the stream is down. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) =>
      api.get<{ unread: number }>('/notifications/unread-count', undefined, { signal }).then((r) => r.unread),
    refetchInterval: 60_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useMarkRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => api.post<{ unread: number }>(`/notifications/${id}/read`),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<{ unread: number }>('/notifications/read-all'),
    onSuccess: invalidate,
  });
}

/**
 * Live updates over Server-Sent Events: a new notification refreshes the bell and the lists and is handed
 * to `onNew` (a toast). EventSource reconnects by itself (the server closes every few minutes).
 */
export function useNotificationStream(lang: 'zh' | 'en', onNew?: (n: NotificationItem) => void) {
  const qc = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/notifications/stream?lang=${lang}`);
    es.addEventListener('unread', (e) => {
      const { unread } = JSON.parse((e as MessageEvent<string>).data) as { unread: number };
      qc.setQueryData(notificationKeys.unread, unread);
    });
    es.addEventListener('notification', (e) => {
      onNew?.(JSON.parse((e as MessageEvent<string>).data) as NotificationItem);
      void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    });
    return () => es.close();
  }, [lang, qc, onNew]);
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.prefs,
    queryFn: ({ signal }) => api.get<Preferences>('/notifications/preferences', undefined, { signal }),
  });
}

export interface PreferencesInput {
  email?: string | null;
  phone?: string | null;
  emailDigest?: boolean;
  quietHours?: boolean;
  off?: string[];
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferencesInput) => api.put<Preferences>('/notifications/preferences', body),
    onSuccess: (p) => qc.setQueryData(notificationKeys.prefs, p),
  });
}

export function useDeadJobs() {
  return useQuery({
    queryKey: notificationKeys.dead,
    queryFn: ({ signal }) =>
      api.get<{ items: DeadJob[]; queues: { queue: string; status: string; n: number }[] }>(
        '/notification-jobs/dead',
        undefined,
        { signal },
      ),
  });
}

export function useJobAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'retry' | 'discard' }) =>
      api.post<{ ok: boolean }>(`/notification-jobs/${id}/${action}`),
    onSuccess: invalidate,
  });
}
