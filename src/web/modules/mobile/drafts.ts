import { ApiError } from '../../lib/api';
import type { NewOrderInput } from '../work-orders/work-orders.api';

/**
 * Requests written without a connection are kept on the phone (localStorage: small, synchronous, enough for a
 * few text drafts; photos are not kept) with the idempotency key they will be sent with, so a draft sent twice
 * (two tabs, a retry after a lost reply) still makes one order.
 */
export interface Draft {
  key: string;
  savedAt: string;
  input: NewOrderInput;
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

export function saveDraft(d: Draft): void {
  storeDrafts([...loadDrafts().filter((x) => x.key !== d.key), d]);
}

export function removeDraft(key: string): void {
  storeDrafts(loadDrafts().filter((x) => x.key !== key));
}

/** A failure that means "no connection" rather than a refusal from the server. */
export function isOffline(e: unknown): boolean {
  return !navigator.onLine || (e instanceof ApiError && e.status === 0);
}
