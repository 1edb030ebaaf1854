import type { CoverageRow } from '../../../shared/dashboard.schema.js';
import { readerOf, type AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { prefixPattern } from '../../lib/like.js';
import { coverageCounts, type CountsRow } from './dashboard.repository.js';
import { requireUnit } from '../org/org.service.js';
import type { OrgUnitDto } from '../../../shared/org.schema.js';

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);

function toRow(r: CountsRow): CoverageRow {
  return {
    orgUnitId: r.org_unit_id,
    name: r.name,
    kind: r.kind,
    compounds: r.compounds,
    coveredCompounds: r.covered_compounds,
    branches: r.branches,
    branchesWithSecretary: r.branches_with_secretary,
    branchesWithStation: r.branches_with_station,
    stations: r.stations,
    ownersCommittees: r.owners_committees,
    branchCoverage: ratio(r.covered_compounds, r.compounds),
    secretaryCoverage: ratio(r.branches_with_secretary, r.branches),
    stationCoverage: ratio(r.branches_with_station, r.branches),
    ownersCommitteeCoverage: ratio(r.owners_committees, r.compounds),
  };
}

/**
 * Party-building coverage computed from the data, never typed in: branch coverage of compounds,
 * secretary coverage of branches (440/487), station coverage of branches (292/487), owners' committees.
 * One query groups the scope's compounds and branches under each child unit by path prefix.
 */
export async function getCoverage(
  ctx: AppContext,
  actor: Actor,
  orgUnitId?: string,
): Promise<{ scope: OrgUnitDto; totals: CoverageRow; rows: CoverageRow[] }> {
  const scope = await requireUnit(ctx, actor, orgUnitId ?? actor.orgUnitId);
  const scopeLike = prefixPattern(scope.path);
  const rows = await coverageCounts(readerOf(ctx), { districtId: actor.districtId, scopeId: scope.id, scopeLike });
  const [totals, ...children] = rows;
  return { scope, totals: toRow(totals!), rows: children.map(toRow) };
}
