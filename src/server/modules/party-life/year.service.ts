import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { ACTIVITY_KINDS, type ActivityKind, type Frequency } from '../../../shared/party-life.constants.js';
import type { BranchYear, ComplianceRow } from '../../../shared/party-life.schema.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess } from '../access/access.records.js';
import { branchRecord, figures, requireBranch } from './activities.service.js';
import * as repo from './repository/activities.repository.js';
import type { HeldRow } from './repository/activities.repository.js';
import { effectiveSettings } from './settings.service.js';

/**
 * A branch's year: 三会一课 compliance (each kind's required frequency against what was held, per month or
 * quarter, with the periods already over and nothing held flagged as missing), activities held per kind,
 * and the attendance of the year — of the branch and of each member.
 */
const lastDay = (year: number, month: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
const firstDay = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** Compliance of a year from the activities held per kind and month, as of a Shanghai date. */
export function complianceOf(
  held: HeldRow[],
  frequencies: Record<ActivityKind, Frequency>,
  year: number,
  asOf: string,
): ComplianceRow[] {
  const rows: ComplianceRow[] = [];
  for (const kind of ACTIVITY_KINDS) {
    const frequency = frequencies[kind];
    if (frequency === 'none') continue;
    const months = frequency === 'monthly' ? 1 : 3;
    const count = 12 / months;
    const periods = Array.from({ length: count }, (_, i) => {
      const from = i * months + 1;
      const to = from + months - 1;
      const n = held.filter((h) => h.kind === kind && h.month >= from && h.month <= to).reduce((s, h) => s + h.held, 0);
      const state: ComplianceRow['periods'][number]['state'] =
        n > 0 ? 'held' : lastDay(year, to) < asOf ? 'missing' : firstDay(year, from) <= asOf ? 'open' : 'upcoming';
      return { period: i + 1, held: n, state };
    });
    rows.push({
      kind,
      frequency,
      required: count,
      covered: periods.filter((p) => p.state === 'held').length,
      held: periods.reduce((s, p) => s + p.held, 0),
      missing: periods.filter((p) => p.state === 'missing').length,
      periods,
    });
  }
  return rows;
}

export async function branchYear(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; year: number; now?: Date },
): Promise<BranchYear> {
  const b = await requireBranch(ctx.db, actor, input.id);
  const settings = await effectiveSettings(ctx.db, actor.districtId);
  const held = await repo.heldByMonth(ctx.db, actor.districtId, b.id, input.year);
  const asOf = shanghaiDate(input.now ?? new Date());
  const members = await repo.memberYear(ctx.db, actor.districtId, b.id, input.year);
  const sum = (k: 'expected' | 'present' | 'leave' | 'absent') => members.reduce((s, m) => s + m[k], 0);
  return {
    partyOrgId: b.id,
    partyOrgName: b.name,
    year: input.year,
    asOf,
    compliance: complianceOf(held, settings.frequencies, input.year, asOf),
    byKind: ACTIVITY_KINDS.map((kind) => ({
      kind,
      held: held.filter((h) => h.kind === kind).reduce((s, h) => s + h.held, 0),
    })).filter((k) => k.held > 0),
    attendance: figures({
      expected: sum('expected'),
      present: sum('present'),
      leave: sum('leave'),
      absent: sum('absent'),
    }),
    members: members.map((m) => ({
      memberId: m.memberId,
      name: m.name,
      phoneMasked: m.phoneMasked,
      attendance: figures(m),
    })),
    can: {
      run: canAccess(actor, 'branchLife', branchRecord(b), 'run'),
      review: canAccess(actor, 'branchLife', branchRecord(b), 'review'),
    },
  };
}
