import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { shanghaiDate } from '../lib/time.js';
import { orgUnits, partyOrgs, stations } from '../modules/org/org.tables.js';
import {
  partyDemonstrationSites,
  partyProgrammeProgress,
  partyProgrammes,
} from '../modules/party/programmes.tables.js';
import { PROGRAMME_DEFAULTS, type ProgrammeKey, type SiteSubject } from '../../shared/party-programmes.constants.js';
import { Random } from './random.js';

/**
 * 六大工程 in the demo: the six programmes of this year with the seed's targets, a few progress entries by
 * the district, 水泊寺街道 and 太和社区 (amounts drawn from their own seeded stream — assumptions), and
 * five 党建示范点 (南官房 and 路通苑, whose stations the seed praises, a party-mass station, 开源嘉苑's
 * branch; 文化里's designation revoked). Loaded after every other generator so no other stream moves.
 */
export async function loadDemoProgrammes(
  db: Db,
  d: string,
  demoUserId: (username: string) => string | null,
): Promise<string> {
  const rng = new Random(0x6c6a6763);
  const today = shanghaiDate(new Date());
  const year = Number(today.slice(0, 4));
  const on = (md: string) => (`${year}-${md}` > today ? today : `${year}-${md}`);
  const pid = (key: ProgrammeKey) => `PRG-${year}-${key}`;
  await db.insert(partyProgrammes).values(
    PROGRAMME_DEFAULTS.map((p) => ({
      districtId: d,
      id: pid(p.key),
      year,
      key: p.key,
      name: p.name,
      leadUnit: p.leadUnit,
      description: p.description,
      indicators: p.indicators,
    })),
  );
  const names = [
    '平城区',
    '水泊寺街道',
    '太和社区',
    '星港城',
    '碧水云天河湾',
    '南官房',
    '路通苑',
    '开源嘉苑',
    '文化里',
  ];
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, d), inArray(orgUnits.name, names)));
  const u = (name: string) => units.find((x) => x.name === name && (name === '平城区' || x.kind !== 'district'))!;
  const entries: [ProgrammeKey, string, string | null, number | null, string, string, string[], string][] = [
    [
      'lead_geese',
      '03-20',
      null,
      null,
      '平城区',
      '区级选派方案印发，77 名机关企事业单位干部“全脱产”到小区任职。',
      [],
      'admin',
    ],
    ['capability', '04-18', 'trainings', 1, '平城区', '举办全区小区党支部书记培训班。', [], 'admin'],
    [
      'capability',
      '04-18',
      'trainees',
      100 + rng.int(0, 80),
      '平城区',
      '培训班参训的小区党支部书记和选派干部。',
      [],
      'admin',
    ],
    [
      'capability',
      '06-12',
      'trainings',
      1,
      '水泊寺街道',
      '街道小区党支部书记党建比武。',
      ['星港城', '碧水云天河湾'],
      'shuibosi',
    ],
    [
      'positions',
      '05-09',
      'area',
      60 + rng.int(0, 60),
      '平城区',
      '南官房小区党支部盘活闲置房屋开设小区义诊站。',
      ['南官房'],
      'admin',
    ],
    [
      'positions',
      '07-02',
      'area',
      150 + rng.int(0, 100),
      '平城区',
      '路通苑小区闲置自行车棚改造为支部活动阵地和幸福餐厅。',
      ['路通苑'],
      'admin',
    ],
    [
      'property_service',
      '08-15',
      null,
      null,
      '平城区',
      '开源嘉苑物业为 70 部电梯加装电动车阻车器，建成充电车棚。',
      ['开源嘉苑'],
      'admin',
    ],
    [
      'smart_community',
      '09-01',
      'pilots',
      4,
      '水泊寺街道',
      '水泊寺街道智慧信息平台试点项目投入运行。',
      ['星港城', '碧水云天河湾'],
      'shuibosi',
    ],
    [
      'demonstration',
      '10-10',
      null,
      null,
      '太和社区',
      '星港城小区党支部整理示范点创建材料报街道。',
      ['星港城'],
      'taihe',
    ],
  ];
  await db.insert(partyProgrammeProgress).values(
    entries.map(([key, md, indicatorKey, value, unit, note, touched, user]) => ({
      districtId: d,
      id: rng.uuid(),
      programmeId: pid(key),
      indicatorKey,
      happenedOn: on(md),
      note,
      value,
      orgUnitId: u(unit).id,
      orgPath: u(unit).path,
      unitIds: touched.map((n) => u(n).id),
      unitPaths: touched.map((n) => u(n).path),
      createdBy: demoUserId(user),
    })),
  );
  const [station] = await db
    .select({ id: stations.id, name: stations.name, orgUnitId: stations.orgUnitId, orgPath: stations.orgPath })
    .from(stations)
    .where(and(eq(stations.districtId, d), eq(stations.kind, 'party_mass')))
    .orderBy(stations.id)
    .limit(1);
  const [branch] = await db
    .select({ id: partyOrgs.id, name: partyOrgs.name, orgUnitId: partyOrgs.orgUnitId, orgPath: partyOrgs.orgPath })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.districtId, d), eq(partyOrgs.orgUnitId, u('开源嘉苑').id), eq(partyOrgs.status, 'active')))
    .limit(1);
  const base = { districtId: d, designatedBy: demoUserId('admin'), programmeId: pid('demonstration') };
  const unitSite = (name: string, level: 'district' | 'city', note: string) => ({
    ...base,
    id: rng.uuid(),
    subjectKind: 'org_unit' as SiteSubject,
    subjectId: u(name).id,
    name: u(name).name,
    orgUnitId: u(name).id,
    orgPath: u(name).path,
    level,
    year,
    note,
  });
  const sites = [
    unitSite('南官房', 'district', '盘活闲置房屋建文化活动室、义诊站'),
    unitSite('路通苑', 'city', '车棚改造为支部办公、邻里娱乐、幸福餐厅一体的阵地'),
    {
      ...unitSite('文化里', 'district', '命名后阵地被挪作他用'),
      revokedAt: new Date(`${on('11-01')}T10:00:00+08:00`),
      revokedBy: demoUserId('admin'),
      revokeReason: '阵地未按要求开放，撤销命名',
    },
  ];
  if (station)
    sites.push({
      ...unitSite('南官房', 'district', '党群服务站'),
      subjectKind: 'station' as const,
      subjectId: station.id,
      name: station.name,
      orgUnitId: station.orgUnitId,
      orgPath: station.orgPath,
    });
  if (branch)
    sites.push({
      ...unitSite('开源嘉苑', 'district', '示范党支部：牵头解决电梯电动车、充电难'),
      subjectKind: 'party_org' as const,
      subjectId: branch.id,
      name: branch.name,
      orgUnitId: branch.orgUnitId,
      orgPath: branch.orgPath,
    });
  await db.insert(partyDemonstrationSites).values(
    sites.map((s) => ({
      ...s,
      partyOrgId: s.subjectKind === 'party_org' ? s.subjectId : null,
      stationId: s.subjectKind === 'station' ? s.subjectId : null,
    })),
  );
  return `${year} 年六大工程 6 项、进展 ${entries.length} 条、党建示范点 ${sites.length} 个（撤销 1 个）`;
}
