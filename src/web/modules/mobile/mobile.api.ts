import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { createOrder } from '../work-orders/work-orders.api';
import { workbenchKey } from '../workbench/workbench.api';
import { uploadAttachment } from '../attachments/attachments.api';
import { isOffline, loadDrafts, removeDraft, saveDraft, type Draft } from './drafts';
import { dataUrlToBlob } from './photos';

/** Uploads a draft's kept photos (once: their ids replace them in the draft), then sends the request. */
async function sendDraft(d: Draft): Promise<void> {
  let draft = d;
  if (draft.photos?.length) {
    const ids: string[] = [...(draft.input.attachmentIds ?? [])];
    for (const [i, url] of draft.photos.entries()) {
      const a = await uploadAttachment(dataUrlToBlob(url), 'request', `photo-${i + 1}.jpg`);
      ids.push(a.id);
    }
    draft = { ...draft, photos: [], input: { ...draft.input, attachmentIds: ids } };
    saveDraft(draft);
  }
  await createOrder(draft.input, draft.key);
}

const DRAFTS_CHANGED = 'linli:drafts';
let sending: Promise<{ sent: number; refused: { draft: Draft; message: string }[] }> | null = null;

async function sendAll() {
  let sent = 0;
  const refused: { draft: Draft; message: string }[] = [];
  for (const d of loadDrafts()) {
    try {
      await sendDraft(d);
      removeDraft(d.key);
      sent++;
    } catch (e) {
      if (isOffline(e)) break;
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
        removeDraft(d.key);
        refused.push({ draft: d, message: e.message });
      } else break;
    }
  }
  return { sent, refused };
}

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
    // one sending at a time for the whole page (the shell, the home and the form each hold this hook):
    // two at once would upload a draft's photos twice
    sending ??= sendAll().finally(() => {
      sending = null;
      window.dispatchEvent(new Event(DRAFTS_CHANGED));
    });
    const { sent, refused: r } = await sending;
    if (r.length) setRefused((x) => [...x, ...r]);
    if (sent) await qc.invalidateQueries({ queryKey: workbenchKey });
    return sent;
  }, [qc]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    const changed = () => setDrafts(loadDrafts());
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    window.addEventListener(DRAFTS_CHANGED, changed);
    if (navigator.onLine && loadDrafts().length) void flush();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.removeEventListener(DRAFTS_CHANGED, changed);
    };
  }, [flush]);

  return { drafts, online, refused, refresh: () => window.dispatchEvent(new Event(DRAFTS_CHANGED)), flush };
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
