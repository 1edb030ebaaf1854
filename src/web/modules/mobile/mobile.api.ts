import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { createOrder } from '../work-orders/work-orders.api';
import { workbenchKey } from '../workbench/workbench.api';
import { isOffline, loadDrafts, removeDraft, type Draft } from './drafts';

/** Whether the attachments module (POST /api/attachments) is part of this build; until it is, photo inputs are off. */
export const ATTACHMENTS_AVAILABLE = false;

/**
 * The offline drafts and their sending: on start, and whenever the phone is back online, each draft is posted
 * with its own idempotency key; a draft the server refuses (4xx) is dropped with its error kept for the person.
 */
export function useDrafts() {
  const qc = useQueryClient();
  const [drafts, setDrafts] = useState<Draft[]>(() => loadDrafts());
  const [online, setOnline] = useState(() => navigator.onLine);
  const [refused, setRefused] = useState<{ draft: Draft; message: string }[]>([]);

  const flush = useCallback(async () => {
    let sent = 0;
    for (const d of loadDrafts()) {
      try {
        await createOrder(d.input, d.key);
        removeDraft(d.key);
        sent++;
      } catch (e) {
        if (isOffline(e)) break;
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
          removeDraft(d.key);
          setRefused((r) => [...r, { draft: d, message: e.message }]);
        } else break;
      }
    }
    setDrafts(loadDrafts());
    if (sent) await qc.invalidateQueries({ queryKey: workbenchKey });
    return sent;
  }, [qc]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    if (navigator.onLine && loadDrafts().length) void flush();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [flush]);

  return { drafts, online, refused, refresh: () => setDrafts(loadDrafts()), flush };
}

/** Registers the /m/ service worker (caches the app shell) and links the manifest, once. */
export function registerMobileShell(): void {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/m.webmanifest';
    document.head.appendChild(link);
    const theme = document.createElement('meta');
    theme.name = 'theme-color';
    theme.content = '#b71c1c';
    document.head.appendChild(theme);
  }
  if ('serviceWorker' in navigator) {
    void navigator.serviceWorker.register('/m-sw.js', { scope: '/m/' }).catch(() => undefined);
  }
}
