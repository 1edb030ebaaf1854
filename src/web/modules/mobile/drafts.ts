import { ApiError } from '../../lib/api';
import type { NewOrderInput } from '../work-orders/work-orders.api';

/**
 * Requests written without a connection are kept on the phone (localStorage: small and synchronous) with the
 * idempotency key they will be sent with, so a draft sent twice (two tabs, a retry after a lost reply) still
 * makes one order. Its photos are kept compressed, as data URLs; when they do not fit in the storage the
 * draft is kept without them (`photosDropped`) and the person is told.
 */
export interface Draft {
  key: string;
  savedAt: string;
  input: NewOrderInput;
  photos?: string[];
  photosDropped?: boolean;
}

const STORE = 'linli.m.drafts';

export function loadDrafts(): Draft[] {
  try {
    const raw = window.localStorage.getItem(STORE);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as Draft[]) : [];
  } catch {
    return [];
  }
}

function storeDrafts(drafts: Draft[]): void {
  window.localStorage.setItem(STORE, JSON.stringify(drafts));
}

/** Keeps the draft; false when its photos did not fit and it was kept without them. */
export function saveDraft(d: Draft): boolean {
  const others = loadDrafts().filter((x) => x.key !== d.key);
  try {
    storeDrafts([...others, d]);
    return true;
  } catch {
    storeDrafts([...others, { ...d, photos: [], photosDropped: (d.photos?.length ?? 0) > 0 }]);
    return false;
  }
}

export function removeDraft(key: string): void {
  storeDrafts(loadDrafts().filter((x) => x.key !== key));
}

/** A failure that means "no connection" rather than a refusal from the server. */
export function isOffline(e: unknown): boolean {
  return !navigator.onLine || (e instanceof ApiError && e.status === 0);
}
