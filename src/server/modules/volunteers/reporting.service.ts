import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { shanghaiDate, shanghaiMonth } from '../../lib/time.js';
import type { MemberRow, MembersInput, ReportInput, Summary, SummaryInput } from '../../../shared/volunteers.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { getAssessmentConfig, score } from './assessment.service.js';
import { findPerson, findUnit } from './repository/lookups.repository.js';
import * as reporting from './repository/reporting.repository.js';
import { AtReport, E, ForRider } from './volunteers.errors.js';

export { DEFAULT_ASSESSMENT } from './assessment.service.js';

/**
 * 双报到: in-service party members and riders report to a compound, claim its tasks (including its
 * open work orders), and their confirmed hours roll up per month to the compound and to their work
 * unit; the assessment (在职党员进小区报到服务管理考核) scores them by the district's configuration.
 */
const currentMonth = () => shanghaiMonth(new Date());
function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

async function scopedPath(q: Queryable, actor: Actor, orgUnitId?: string): Promise<string | null> {
  if (!orgUnitId) return null;
  const u = await findUnit(q, actor.districtId, orgUnitId);
  if (!u) throw AtReport.ORG_UNIT_NOT_FOUND();
  requireAccess(actor, 'reportingUnit', { orgPath: u.path });
  return u.path;
}

export async function reportToCompound(
  ctx: AppContext,
  actor: Actor,
  input: ReportInput,
  ip?: string,
): Promise<MemberRow> {
  const compound = await findUnit(ctx.db, actor.districtId, input.compoundId);
  if (!compound) throw E.COMPOUND_NOT_FOUND();
  if (compound.kind !== 'compound') throw AtReport.COMPOUND_REQUIRED();
  requireAccess(actor, 'orgUnit', { orgPath: compound.path }, 'write', { what: '该小区' });
  const person = await findPerson(ctx.db, actor.districtId, input.personId);
  if (!person) throw AtReport.PERSON_NOT_FOUND();
  if (!person.tags.includes(input.kind))
    throw input.kind === 'rider' ? ForRider.REPORT_KIND_MISMATCH() : E.REPORT_KIND_MISMATCH();
  await ctx.db.transaction(async (tx) => {
    await reporting.upsertReport(tx, {
      districtId: actor.districtId,
      personId: input.personId,
      kind: input.kind,
      compoundId: compound.id,
      orgPath: compound.path,
      workUnitId: person.workUnitId,
      reportedOn: shanghaiDate(new Date()),
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'compound_report.report',
        entityType: 'person',
        entityId: input.personId,
        detail: { compoundId: compound.id, kind: input.kind },
      },
      ip,
    );
  });
  const { items } = await listMembers(ctx, actor, { limit: 5000 });
  const member = items.find((m) => m.personId === input.personId);
  if (!member) throw AtReport.PERSON_NOT_FOUND();
  return member;
}

export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  input: Partial<MembersInput> & { limit: number },
): Promise<{ month: string; items: MemberRow[] }> {
  const month = input.month ?? currentMonth();
  const [from, to] = monthRange(month);
  const path = await scopedPath(ctx.db, actor, input.orgUnitId);
  const config = await getAssessmentConfig(ctx, actor, Number(month.slice(0, 4)));
  const rows = await reporting.memberFigures(ctx.db, actor, { path, kind: input.kind, from, to, limit: input.limit });
  return { month, items: rows.map((r) => ({ ...r, ...score(config, { ...r, reported: true }) })) };
}

export async function summary(ctx: AppContext, actor: Actor, input: SummaryInput): Promise<Summary> {
  const month = input.month ?? currentMonth();
  const [from, to] = monthRange(month);
  const path = await scopedPath(ctx.db, actor, input.orgUnitId);
  const scope = reporting.summaryScope(actor, path);
  const t = await reporting.reportedCounts(ctx.db, scope);
  const teams = await reporting.countTeams(ctx.db, scope);
  const acts = await reporting.countActivitiesSince(ctx.db, scope, `${month.slice(0, 4)}-01-01T00:00:00+08:00`);
  const tot = await reporting.hoursTotals(ctx.db, scope, from, to);
  const groups = await reporting.hoursByGroup(ctx.db, scope, { by: input.by, from, to });
  const trend: Summary['trend'] = [];
  for (let i = 5; i >= 0; i--) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const mm = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const [f, tt] = monthRange(mm);
    const row = await reporting.partyMemberAverage(ctx.db, scope, f, tt);
    trend.push({ month: mm, avgHours: row?.avg ?? 0, members: row?.n ?? 0 });
  }
  return {
    month,
    totals: {
      partyMembers: t?.party ?? 0,
      riders: t?.riders ?? 0,
      workUnits: t?.units ?? 0,
      teams,
      activitiesThisYear: acts,
      hours: Math.round((tot?.hours ?? 0) * 10) / 10,
      avgHoursPerPartyMember: Math.round((tot?.avg ?? 0) * 10) / 10,
    },
    groups: groups.map((g) => ({ ...g, name: g.name ?? g.id })),
    trend,
  };
}
