import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/client.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import type { CaseResponse } from '../../../shared/minor-protection.schema.js';
import { detailOf } from './case-view.js';
import { MinorErrors as E } from './minor-protection.errors.js';
import { minorCases } from './minor-protection.tables.js';
import { findCase, insertCaseEvent, insertOutbox, type Case } from './repository/cases.repository.js';

/** Which file an operation is on, and the caller's address for the audit row. */
export interface CaseOp {
  id: string;
  ip?: string | undefined;
}

/** The file, or CASE_NOT_FOUND. */
export async function loadCase(q: Queryable, districtId: string, id: string, lock = false): Promise<Case> {
  const c = await findCase(q, districtId, id, lock);
  if (!c) throw E.CASE_NOT_FOUND();
  return c;
}

export interface CaseEvent {
  type: string;
  /** Free text: encrypted at rest, shown only with identity access. */
  note?: string | null;
  data?: Record<string, unknown> | null;
}

/** A line of the file's timeline; `actor` null is the system (the overdue sweep). */
export async function recordEvent(
  ctx: AppContext,
  tx: Tx,
  e: CaseEvent & { actor: Actor | null; districtId: string; caseId: string },
): Promise<void> {
  await insertCaseEvent(tx, {
    districtId: e.districtId,
    caseId: e.caseId,
    actorUserId: e.actor?.userId ?? null,
    actorName: e.actor?.displayName ?? '系统',
    type: e.type,
    noteCipher: e.note ? ctx.crypto.encrypt(e.note) : null,
    data: e.data ?? null,
  });
}

/** What an operation on a file changes: its columns, its timeline event, the audit detail, the notifications. */
export interface CaseChange {
  set: Partial<Case>;
  event: CaseEvent;
  audit?: Record<string, unknown>;
  outbox?: { topic: string; payload: Record<string, unknown> }[];
}

export interface CaseWrite {
  id: string;
  /** The version the caller saw, or null when the operation does not check it. */
  version: number | null;
  /** `minor_case.<action>` in the audit log. */
  action: string;
  /** Refuses the caller before anything else is checked (the file is locked). */
  authorise: (c: Case) => void;
  apply: (tx: Tx, c: Case) => Promise<CaseChange>;
  ip?: string | undefined;
}

/**
 * Lock the file, authorise, check the version, apply, write event + audit (+ outbox) — one transaction
 * (versionedUpdate) — and read the file back as the caller may see it.
 */
export async function writeCase(ctx: AppContext, actor: Actor, w: CaseWrite): Promise<CaseResponse> {
  const d = actor.districtId;
  await versionedUpdate(ctx.db, {
    table: minorCases,
    id: w.id,
    actor,
    ...(w.ip ? { ip: w.ip } : {}),
    expectedVersion: w.version,
    load: async (tx) => {
      const c = await loadCase(tx, d, w.id, true);
      w.authorise(c);
      return c;
    },
    conflict: E.VERSION_CONFLICT,
    apply: async (tx, c) => {
      const r = await w.apply(tx, c);
      await recordEvent(ctx, tx, { ...r.event, actor, districtId: d, caseId: w.id });
      for (const o of r.outbox ?? [])
        await insertOutbox(tx, {
          districtId: d,
          topic: o.topic,
          payload: { caseId: w.id, caseNo: c.caseNo, streetId: c.streetId, ...o.payload },
        });
      return {
        set: r.set,
        audit: {
          action: `minor_case.${w.action}`,
          entityType: 'minor_case',
          entityId: w.id,
          detail: r.audit ?? { event: r.event.type },
        },
      };
    },
  });
  return detailOf(ctx, actor, await loadCase(ctx.db, d, w.id));
}
