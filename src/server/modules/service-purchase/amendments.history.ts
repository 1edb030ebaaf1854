import type { Amendment } from './repository/amendments.repository.js';
import type { Round } from './repository/rounds.repository.js';
import type { RoundChange } from './service-purchase.tables.js';

/** The call's fields as they stood after its first `n` amendments (n = 0: as published), undone from today's. */
export type Call = Pick<Round, RoundChange['field']>;

export function callAsOf(r: Round, amendments: readonly Amendment[], n: number): Call {
  const call: Call = {
    title: r.title,
    scope: r.scope,
    eligibility: r.eligibility,
    budgetCents: r.budgetCents,
    deadlineAt: r.deadlineAt,
  };
  const later = amendments.filter((a) => a.seq > n).sort((x, y) => y.seq - x.seq);
  for (const a of later)
    for (const c of a.changes)
      Object.assign(call, { [c.field]: c.field === 'deadlineAt' ? new Date(String(c.before)) : c.before });
  return call;
}
