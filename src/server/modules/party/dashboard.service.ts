import type { AppContext } from '../../context.js';
import { prefixPattern } from '../../lib/like.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import type { DashboardRow, PartyDashboard } from '../../../shared/party.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { partyErrors as E } from './party.errors.js';
import { dashboardCounts, type DashRow } from './repository/dashboard.repository.js';
import { unitById } from './repository/orgs.repository.js';
import { currentYear, listProgrammes } from './programmes.service.js';
import { listSites } from './sites.service.js';
import { SITE_LEVEL_LABELS } from '../../../shared/party-programmes.constants.js';

/**
 * 党建工作统计: the campaign's figures for the district, a street or a community and each unit below it,
 * computed from the records (no stored totals): branches by way of building, secretaries and coverage,
 * vacancies, seconded cadres and their experience, upgraded community organisations, cross-serving and
 * members by stage. The same rows go to the .xlsx export.
 */
const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

function toRow(r: DashRow): DashboardRow {
  return {
    unitId: r.unit_id,
    name: r.name,
    kind: r.kind,
    branches: r.branches,
    standalone: r.standalone,
    attached: r.attached,
    joint: r.joint,
    stationBranches: r.station_branches,
    secretaries: r.secretaries,
    secretaryCoverage: share(r.secretaries, r.branches),
    vacancies: r.branches - r.secretaries,
    elected: r.elected,
    secondedCity: r.seconded_city,
    secondedDistrict: r.seconded_district,
    secondedFullTime: r.seconded_full_time,
    secondedWithExperience: r.seconded_with_experience,
    secondedSeniorOrYoung: r.seconded_senior_or_young,
    upgradedOrgs: r.upgraded_orgs,
    crossServingCompounds: r.cross_serving_compounds,
    applicants: r.applicants,
    activists: r.activists,
    candidates: r.candidates,
    probationary: r.probationary,
    full: r.full,
    reported: r.reported,
    demonstrationSites: r.demonstration_sites,
    programmeEntries: r.programme_entries,
  };
}

export async function partyDashboard(ctx: AppContext, actor: Actor, unitId?: string): Promise<PartyDashboard> {
  const u = await unitById(ctx.db, actor.districtId, unitId ?? actor.orgUnitId);
  if (!u) throw E.UNIT_NOT_STREET_OR_COMMUNITY();
  requireAccess(actor, 'orgUnit', { orgPath: u.path });
  const year = currentYear();
  const rows = (
    await dashboardCounts(ctx.db, {
      districtId: actor.districtId,
      scopeId: u.id,
      scopeLike: prefixPattern(u.path),
      year,
    })
  ).map(toRow);
  const total = rows[0]!;
  const seconded = total.secondedCity + total.secondedDistrict;
  return {
    total,
    rows: rows.slice(1),
    experienceShare: share(total.secondedWithExperience, seconded),
    seniorOrYoungShare: share(total.secondedSeniorOrYoung, seconded),
    year,
  };
}

const COLUMNS: { header: string; key: keyof DashboardRow; width?: number }[] = [
  { header: '单位', key: 'name', width: 22 },
  { header: '小区党支部', key: 'branches' },
  { header: '单独建', key: 'standalone' },
  { header: '挂靠建', key: 'attached' },
  { header: '联合建', key: 'joint' },
  { header: '阵地党支部', key: 'stationBranches' },
  { header: '配备书记', key: 'secretaries' },
  { header: '书记覆盖率%', key: 'secretaryCoverage' },
  { header: '书记空缺', key: 'vacancies' },
  { header: '本地选举书记', key: 'elected' },
  { header: '市级选派', key: 'secondedCity' },
  { header: '区级选派', key: 'secondedDistrict' },
  { header: '全脱产选派', key: 'secondedFullTime' },
  { header: '选派有党建民政经历', key: 'secondedWithExperience' },
  { header: '选派三四级调研员或35岁以下', key: 'secondedSeniorOrYoung' },
  { header: '升级的社区党组织', key: 'upgradedOrgs' },
  { header: '交叉任职小区', key: 'crossServingCompounds' },
  { header: '入党申请人', key: 'applicants' },
  { header: '入党积极分子', key: 'activists' },
  { header: '发展对象', key: 'candidates' },
  { header: '预备党员', key: 'probationary' },
  { header: '正式党员', key: 'full' },
  { header: '在职党员报到', key: 'reported' },
  { header: '党建示范点', key: 'demonstrationSites' },
  { header: '六大工程进展条数', key: 'programmeEntries' },
];

export async function dashboardWorkbook(ctx: AppContext, actor: Actor, unitId?: string) {
  const d = await partyDashboard(ctx, actor, unitId);
  const programmes = await listProgrammes(ctx, actor, { unitId, year: d.year });
  const sites = await listSites(ctx, actor, { unitId, year: undefined });
  const rows = [{ ...d.total, name: `${d.total.name}（合计）` }, ...d.rows];
  return {
    name: d.total.name,
    data: await buildWorkbook([
      tableSheet<DashboardRow>({ name: '党建统计', columns: COLUMNS, rows }),
      {
        kind: 'rows',
        name: '选派干部结构',
        rows: [
          ['指标', '数值'],
          ['有党建、民政等业务经历占比 %', d.experienceShare],
          ['三、四级调研员和35岁以下占比 %', d.seniorOrYoungShare],
        ],
      },
      {
        kind: 'rows',
        name: `${d.year}年六大工程`,
        rows: [
          ['工程', '牵头单位', '指标', '目标', '完成', '单位', '完成率 %', '进展条数', '涉及小区社区'],
          ...programmes.items.flatMap((p) =>
            p.indicators.map((i) => [
              p.name,
              p.leadUnit,
              i.name,
              i.target,
              i.actual,
              i.unit,
              i.share,
              p.progressCount,
              p.touchedUnits,
            ]),
          ),
        ],
      },
      {
        kind: 'rows',
        name: '党建示范点',
        rows: [
          ['名称', '所在单位', '级别', '命名年度', '说明'],
          ...sites.map((s) => [s.name, s.unitName, SITE_LEVEL_LABELS[s.level], s.year, s.note]),
        ],
      },
    ]),
  };
}
