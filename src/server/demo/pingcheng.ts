import { analyzeTables } from '../db/analyze.js';
import { sql } from 'drizzle-orm';
import type { Database, Db, Queryable } from '../db/client.js';
import { copyRows, type CopyValue } from '../db/bulk.js';
import { queryRows } from '../db/client.js';
import type { FieldCrypto } from '../lib/field-crypto.js';
import { maskPhone } from '../lib/field-crypto.js';
import { checkCharacter, maskIdNumber } from '../lib/id-number.js';
import { namePinyin } from '../lib/pinyin.js';
import { AppError } from '../lib/errors.js';
import { writeAudit } from '../modules/audit/audit.service.js';
import { initDistrict } from '../modules/divisions/divisions.service.js';
import { hashPassword, mobileHashOf } from '../modules/auth/auth.service.js';
import type { Role } from '../modules/access/access.policy.js';
import { users } from '../modules/auth/auth.tables.js';
import { branchCompounds, buildings, orgUnits, partyOrgs, stations, workUnits } from '../modules/org/org.tables.js';
import { compoundName, PROPERTY_COMPANIES, randomName, workUnitNames } from './names.js';
import { Random } from './random.js';
import { loadDemoWorkOrders } from './work-orders.js';
// ── catalogue ──
import { loadDemoCatalogue } from './catalogue.js';
// ── visits ──
import { loadDemoVisits } from './visits.js';
import { loadDemoMinorProtection } from './minor-protection.js';
import { loadDemoServicePurchase, PURCHASE_DEMO_USERS } from './service-purchase.js';
import { GUODONG, loadDemoProperty, routeDemoPropertyLegs } from './property.js';
import { loadDemoResidentServices, loadDemoVolunteers } from './volunteers.js';
import { bestSubsidy } from '../modules/canteens/subsidy.service.js';
import { loadDemoParty } from './party.js';
// ── party-life ──
import { loadDemoPartyLife } from './party-life.js';
import { issueCardIn } from '../modules/volunteers/points.service.js';
// ── consult ──
import { loadDemoConsultations } from './consultations.js';
import { loadDemoProposals } from './proposals.js';
import { loadDemoRenovations } from './renovations.js';
// ── patrols ──
import { loadDemoPatrols } from './patrols.js';
// ── whistles ──
import { loadDemoWhistles } from './whistles.js';
import { loadDemoAssessment } from './assessment.js';
// ── evaluation ──
import { loadDemoEvaluations } from './evaluations.js';
import { loadDemoProgrammes } from './programmes.js';

/**
 * The `pingcheng` demo dataset, built on the real division codes of 平城区 (140213) and the seeds'
 * figures: 724 compounds (≈50% old), 487 compound branches covering all of them, 440 secretaries,
 * 292 party-mass stations, 87 functional units, 3,201 in-service party members, 1,283 riders, and
 * ≈1.1M residents in ≈434k households at scale 1. Deterministic: the same seed gives the same data.
 */
export const DISTRICT = '140213';
export const FIGURES = {
  compounds: 724,
  oldCompounds: 362,
  renovated: 129,
  oldWithProperty: 360,
  branches: 487,
  secretaries: 440,
  stations: 292,
  workUnits: 87,
  inServicePartyMembers: 3201,
  riders: 1283,
  childrenInDifficulty: 50,
  households: 434_000,
} as const;
export const DEMO_PASSWORD = 'Linli@2026';
/** The demo resident's points card (a real card is printed by the community: POST /api/points/cards). */
export const DEMO_POINTS_CARD = '620100002026';

export interface DemoOptions {
  /** Fraction of the full resident population to generate (1 = ≈1.1M people). */
  scale: number;
  seed?: number;
  log?: (msg: string) => void;
}

export interface DemoResult {
  households: number;
  people: number;
  seconds: number;
  users: DemoUser[];
}
export interface DemoUser {
  username: string;
  role: Role;
  displayName: string;
  orgUnitName: string;
}

// Where the seeds place their compounds: [compound, community name, street name].
const SEED_COMPOUNDS: [string, string | null, string][] = [
  ['星港城', '太和社区', '水泊寺街道'],
  ['云汽园', '友谊街社区', '永泰街道'],
  ['高寒所', '友谊街社区', '永泰街道'],
  ['南官房', null, '鹿苑街道'],
  ['路通苑', '新桥社区', '新华街道'],
  ['文化里', '幸福里社区', '新华街道'],
  ['新华西路', '局前社区', '古城街道'],
  ['碧水云天河湾', '文源社区', '水泊寺街道'],
  ['泉东', null, '古城街道'],
  ['开源嘉苑', null, '开源街道'],
  ['万城华府', null, '振华街道'],
  ['都星座', null, '御河街道'],
];

interface Unit {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  kind: string;
  depth: number;
}
interface CompoundPlan extends Unit {
  isOld: boolean;
  households: number;
  communityId: string;
  streetName: string;
}

export async function loadPingchengDemo(
  database: Database,
  crypto: FieldCrypto,
  opts: DemoOptions,
): Promise<DemoResult> {
  const db = database.db;
  const started = performance.now();
  const log = (msg: string) => opts.log?.(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  const rng = new Random(opts.seed ?? 20261123);
  await initDistrict(db, DISTRICT);
  const [loaded] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from org_units where district_id = ${DISTRICT} and kind = 'compound'`,
  );
  if ((loaded?.n ?? 0) > 0)
    throw new AppError('conflict', 'DEMO_ALREADY_LOADED', {
      zh: '平城区演示数据已加载过；如需重新加载，请先删除数据目录（或换一个空数据库）。',
      en: 'The Pingcheng demo is already loaded; to load it again, delete the data directory (or use an empty database).',
    });
  const units = await queryRows<Unit>(
    db,
    sql`select id, name, path, parent_id as "parentId", kind, depth from org_units where district_id = ${DISTRICT}`,
  );
  const byId = new Map(units.map((u) => [u.id, u]));
  const streets = units.filter((u) => u.kind === 'street' || u.kind === 'township');
  // Compounds stand in communities; a street made only of villages (小南头街道: 城中村 with 安置小区) has
  // them in its villages, so that every street has compounds, orders and a rank.
  const streetsWithCommunity = new Set(units.filter((u) => u.kind === 'community').map((u) => u.parentId));
  const communities = units
    .filter((u) => u.kind === 'community' || (u.kind === 'village' && !streetsWithCommunity.has(u.parentId)))
    .sort((a, b) => a.id.localeCompare(b.id));

  // 1. Functional units.
  const wu = workUnitNames().map((w, i) => ({
    districtId: DISTRICT,
    id: `W${String(i + 1).padStart(3, '0')}`,
    name: w.name,
    kind: w.kind,
    isFunctionalDepartment: w.functional,
  }));
  await db.insert(workUnits).values(wu).onConflictDoNothing();

  // 2. Compounds: 724 over the 155 communities and 小南头’s 7 villages, seed names where the seeds put them.
  const perCommunity = new Map(communities.map((c) => [c.id, [] as string[]]));
  const streetByName = new Map(streets.map((s) => [s.name, s]));
  const used = new Set<string>();
  for (const [name, communityName, streetName] of SEED_COMPOUNDS) {
    const street = streetByName.get(streetName);
    const inStreet = communities.filter((c) => c.parentId === street?.id);
    const community = communities.find((c) => c.name === communityName) ?? inStreet[0] ?? communities[0]!;
    perCommunity.get(community.id)!.push(name);
    used.add(name);
  }
  let total = SEED_COMPOUNDS.length;
  for (const c of communities) {
    while (perCommunity.get(c.id)!.length < 4) {
      perCommunity.get(c.id)!.push(compoundName(rng, used));
      total++;
    }
  }
  const order = rng.shuffle([...communities]);
  for (let i = 0; total < FIGURES.compounds; i = (i + 1) % order.length) {
    perCommunity.get(order[i]!.id)!.push(compoundName(rng, used));
    total++;
  }
  const plans: CompoundPlan[] = [];
  for (const c of communities) {
    perCommunity.get(c.id)!.forEach((name, i) => {
      const id = `${c.id}-C${String(i + 1).padStart(3, '0')}`;
      plans.push({
        id,
        name,
        path: `${c.path}${id}/`,
        parentId: c.id,
        kind: 'compound',
        depth: 3,
        isOld: false,
        households: 0,
        communityId: c.id,
        streetName: byId.get(c.parentId!)!.name,
      });
    });
  }
  // Half are old compounds (老旧小区); 129 renovated; 360 of the old given a property company.
  const shuffled = rng.shuffle([...plans]);
  shuffled.slice(0, FIGURES.oldCompounds).forEach((p) => {
    p.isOld = true;
  });
  const old = shuffled.slice(0, FIGURES.oldCompounds);
  const renovated = new Set(old.slice(0, FIGURES.renovated).map((p) => p.id));
  const oldWithProperty = new Set(old.slice(0, FIGURES.oldWithProperty).map((p) => p.id));
  for (const p of plans) {
    const base = p.isOld ? rng.int(150, 550) : rng.int(350, 1350);
    p.households = Math.max(1, Math.round(base * opts.scale * (FIGURES.households / (FIGURES.compounds * 600))));
  }
  const compoundRows = plans.map((p) => ({
    districtId: DISTRICT,
    id: p.id,
    parentId: p.parentId,
    kind: 'compound' as const,
    name: p.name,
    shortName: p.name,
    namePinyin: namePinyin(p.name).full,
    path: p.path,
    depth: 3,
    address: `${p.streetName}${byId.get(p.communityId)!.name}${p.name}`,
    isOld: p.isOld,
    isRenovated: renovated.has(p.id),
    // Every compound has an owners' committee (业委会) or, in old compounds, a property management committee (物管会).
    ownersCommittee: p.isOld ? ('property_committee' as const) : ('owners_committee' as const),
    propertyCompany: !p.isOld || oldWithProperty.has(p.id) ? rng.pick(PROPERTY_COMPANIES) : null,
  }));
  for (let i = 0; i < compoundRows.length; i += 200)
    await db
      .insert(orgUnits)
      .values(compoundRows.slice(i, i + 200))
      .onConflictDoNothing();

  log(`物业：${await loadDemoProperty(db, DISTRICT, rng)}`);

  // 3. Compound party branches: 487 covering all 724 (新小区单独建、老小区挂靠建、小小区联合建).
  const byCommunity = new Map<string, CompoundPlan[]>();
  for (const p of plans) byCommunity.set(p.communityId, [...(byCommunity.get(p.communityId) ?? []), p]);
  const merges = new Map(communities.map((c) => [c.id, 0]));
  let toMerge = FIGURES.compounds - FIGURES.branches;
  while (toMerge > 0) {
    const c = rng.pick(communities);
    if (merges.get(c.id)! < byCommunity.get(c.id)!.length - 1) {
      merges.set(c.id, merges.get(c.id)! + 1);
      toMerge--;
    }
  }
  interface Branch {
    id: string;
    community: Unit;
    compounds: CompoundPlan[];
    formation: 'standalone' | 'attached' | 'joint';
  }
  const branches: Branch[] = [];
  for (const c of communities) {
    const list = [...byCommunity.get(c.id)!].sort((a, b) => Number(a.isOld) - Number(b.isOld)); // new compounds first
    const count = list.length - merges.get(c.id)!;
    const groups: CompoundPlan[][] = Array.from({ length: count }, () => []);
    list.forEach((p, i) => groups[i < count ? i : count - 1 - ((i - count) % count)]!.push(p));
    groups.forEach((g, i) => {
      const formation = g.length === 1 ? 'standalone' : g.some((x) => !x.isOld) ? 'attached' : 'joint';
      branches.push({ id: `P${c.id}-B${String(i + 1).padStart(2, '0')}`, community: c, compounds: g, formation });
    });
  }
  const branchOf = new Map<string, Branch>();
  for (const b of branches) for (const p of b.compounds) branchOf.set(p.id, b);
  // A branch is anchored to its compound; a joint branch of several compounds to their community.
  const anchorOf = (b: Branch): Unit => (b.formation === 'joint' ? b.community : b.compounds[0]!);
  await db
    .insert(partyOrgs)
    .values(
      branches.map((b) => ({
        districtId: DISTRICT,
        id: b.id,
        parentId: `P${b.community.id}`,
        kind: 'compound_branch' as const,
        name: `${b.compounds.map((p) => p.name).join('、')}${b.compounds.length > 1 ? '联合' : ''}党支部`,
        path: `P${DISTRICT}/P${b.community.parentId}/P${b.community.id}/${b.id}/`,
        orgUnitId: anchorOf(b).id,
        orgPath: anchorOf(b).path,
        formation: b.formation,
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(branchCompounds)
    .values(
      branches.flatMap((b) => b.compounds.map((p) => ({ districtId: DISTRICT, compoundId: p.id, branchId: b.id }))),
    )
    .onConflictDoNothing();
  const branchesWithSecretary = new Set(
    rng
      .shuffle([...branches])
      .slice(0, FIGURES.secretaries)
      .map((b) => b.id),
  );
  const branchesWithStation = rng.shuffle([...branches]).slice(0, FIGURES.stations);

  // 4. Stations: 292 party-mass stations, 9 rider stations in 清远街道, a happy canteen in 文源社区, a convenience station in 和泰社区.
  const stationRows: (typeof stations.$inferInsert)[] = branchesWithStation.map((b, i) => ({
    districtId: DISTRICT,
    id: `S-PM-${String(i + 1).padStart(3, '0')}`,
    kind: 'party_mass' as const,
    name: `${b.compounds[0]!.name}党群服务站`,
    orgUnitId: anchorOf(b).id,
    orgPath: anchorOf(b).path,
    partyOrgId: b.id,
    address: `${b.compounds[0]!.name}物业用房`,
  }));
  const qingyuan = communities.filter((c) => c.parentId === streetByName.get('清远街道')?.id);
  for (let i = 0; i < 9 && qingyuan.length; i++) {
    const c = qingyuan[i % qingyuan.length]!;
    stationRows.push({
      districtId: DISTRICT,
      id: `S-RD-${i + 1}`,
      kind: 'rider',
      name: `清远街道小哥驿站（${c.name}）`,
      orgUnitId: c.id,
      orgPath: c.path,
      address: `清远西街 ${i * 12 + 8} 号`,
    });
  }
  const wenyuan = communities.find((c) => c.name === '文源社区');
  if (wenyuan)
    stationRows.push({
      districtId: DISTRICT,
      id: 'S-CT-1',
      kind: 'canteen',
      name: '文源社区幸福餐厅',
      orgUnitId: wenyuan.id,
      orgPath: wenyuan.path,
      address: '碧水云天河湾南门',
    });
  const hetai = communities.find((c) => c.name === '和泰社区');
  if (hetai)
    stationRows.push({
      districtId: DISTRICT,
      id: 'S-CV-1',
      kind: 'convenience',
      name: '和泰社区便民服务站',
      orgUnitId: hetai.id,
      orgPath: hetai.path,
    });
  await db.insert(stations).values(stationRows).onConflictDoNothing();
  log(`组织架构：${plans.length} 个小区，${branches.length} 个小区党支部，${stationRows.length} 个阵地`);

  // 5. Buildings, households, residents — COPY in batches, one path for PGlite and PostgreSQL. The secondary
  // indexes of the two big tables are dropped for the load and rebuilt from their own definitions afterwards
  // (a sorted build is far faster than 1.1M random inserts, above all in PGlite); the tables are empty before.
  const deferred = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in ('people', 'households')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const i of deferred) await db.execute(sql.raw(`drop index "${i.indexname}"`));
  const people = new PeopleWriter(database, crypto, rng);
  const groupRows: (typeof partyOrgs.$inferInsert)[] = [];
  const secretaries = new Map<string, string>();
  let households = 0;
  try {
    for (const p of plans) {
      const branch = branchOf.get(p.id)!;
      const old = p.isOld;
      const unitsPerBuilding = old ? rng.int(2, 3) : 2;
      const floors = old ? 6 : rng.pick([11, 18, 26, 33]);
      const perFloor = old ? 2 : rng.int(2, 4);
      const capacity = unitsPerBuilding * floors * perFloor;
      const buildingCount = Math.max(1, Math.ceil(p.households / capacity));
      const bRows = Array.from({ length: buildingCount }, (_, i) => ({
        districtId: DISTRICT,
        id: rng.uuid(),
        compoundId: p.id,
        orgPath: p.path,
        name: `${i + 1}号楼`,
        units: unitsPerBuilding,
        floors,
      }));
      await db.insert(buildings).values(bRows).onConflictDoNothing();
      let remaining = p.households;
      for (const [bi, b] of bRows.entries()) {
        const inBuilding = Math.min(remaining, capacity);
        remaining -= inBuilding;
        // Every third building has a building party group (楼栋党小组) with a party-member central household.
        const groupId = bi % 3 === 0 ? `${branch.id}-${p.id.slice(-4)}-G${bi + 1}` : null;
        if (groupId) {
          groupRows.push({
            districtId: DISTRICT,
            id: groupId,
            parentId: branch.id,
            kind: 'building_group',
            name: `${p.name}${b.name}党小组`,
            path: `P${DISTRICT}/P${branch.community.parentId}/P${branch.community.id}/${branch.id}/${groupId}/`,
            orgUnitId: p.id,
            orgPath: p.path,
            buildingId: b.id,
          });
        }
        for (let h = 0; h < inBuilding; h++) {
          const unit = Math.floor(h / (floors * perFloor)) + 1;
          const floor = Math.floor((h % (floors * perFloor)) / perFloor) + 1;
          const room = `${floor}${String((h % perFloor) + 1).padStart(2, '0')}`;
          const isCentral = groupId !== null && h === 0;
          const needSecretary =
            bi === 0 && h === 0 && branch.compounds[0] === p && branchesWithSecretary.has(branch.id);
          const headId = await people.addHousehold({
            buildingId: b.id,
            compoundId: p.id,
            orgPath: p.path,
            unit: `${unit}单元`,
            room,
            partyGroupId: groupId,
            isPartyCentral: isCentral,
            forcePartyHead: isCentral || needSecretary,
          });
          if (needSecretary) secretaries.set(branch.id, headId);
          households++;
        }
      }
    }
    await people.flush();
    await people.settle();
  } finally {
    for (const i of deferred) await db.execute(sql.raw(i.indexdef));
  }
  log(`人口：${households} 户，${people.count} 人`);
  for (let i = 0; i < groupRows.length; i += 500)
    await db
      .insert(partyOrgs)
      .values(groupRows.slice(i, i + 500))
      .onConflictDoNothing();
  await db.transaction(async (tx) => {
    for (const [branchId, personId] of secretaries) {
      await tx.execute(
        sql`update party_orgs set secretary_person_id = ${personId} where district_id = ${DISTRICT} and id = ${branchId}`,
      );
    }
  });

  // 6. Tags with exact seed counts: in-service party members (from the 87 units), riders, children in difficulty.
  await assignExactTags(db);
  log('标签：在职党员、快递小哥、困境儿童');
  const orderCount = await loadDemoWorkOrders(database, DISTRICT, rng, opts.scale);
  await routeDemoPropertyLegs(db, DISTRICT);
  log(`工单：${orderCount} 张（近一年及去年同期 12345）`);
  // ── catalogue ──
  log(`派单目录：${await loadDemoCatalogue(db, DISTRICT)}`);
  // ── whistles ──
  log(`吹哨报到：${await loadDemoWhistles(db, DISTRICT, demoUserId)}`);
  // ── assessment ──
  log(`考核：${await loadDemoAssessment(db, DISTRICT, opts.scale, demoUserId)}`);
  log(
    `未成年人保护：${await loadDemoMinorProtection(database, crypto, DISTRICT, demoUserId)} 份困境儿童档案，4 个街道未保站`,
  );
  log(`政府购买服务：${await loadDemoServicePurchase(database, DISTRICT, rng)}`);
  await loadDemoVolunteers(database, DISTRICT);
  await loadDemoParty(database, DISTRICT);
  // ── party-life ──
  await loadDemoPartyLife(database, DISTRICT);
  // ── consult ──
  log(`征求民意：都星座小区健身器材问卷 ${await loadDemoConsultations(database, DISTRICT)} 户作答；各户专有部分面积`);
  log(`老旧小区改造：${await loadDemoRenovations(db, DISTRICT)}`);
  // ── proposals ──
  log(`居民提议：${await loadDemoProposals(db, DISTRICT)} 条（开源嘉苑、都星座、星港城）`);
  // ── evaluation ──
  log(`物业服务质量评价：${await loadDemoEvaluations(db, DISTRICT)}`);
  log('志愿服务、双报到、积分、阵地服务、幸福餐厅');
  // ── visits ──
  log(`走访慰问：${await loadDemoVisits(db, DISTRICT)}`);
  const demoUsers = await createDemoUsers(
    db,
    crypto,
    plans,
    branches.map((b) => ({ id: b.id, compounds: b.compounds.map((c) => c.id) })),
  );
  const [resident] = await queryRows<{ person_id: string | null }>(
    db,
    sql`select person_id from users where district_id = ${DISTRICT} and username = 'resident'`,
  );
  if (resident?.person_id) {
    const personId = resident.person_id;
    await issueCardIn(db, { crypto }, DISTRICT, personId, DEMO_POINTS_CARD, null);
    await loadDemoResidentServices(database, DISTRICT, personId, async (on, priceCents) => {
      const { rule, subsidyCents } = await bestSubsidy(db, {
        districtId: DISTRICT,
        personId,
        declared: undefined,
        priceCents,
        on,
      });
      return { ruleId: rule?.id ?? null, category: rule?.category ?? null, subsidyCents };
    });
  }
  // ── patrols ──
  log(`网格巡查：星港城 近一个月 ${await loadDemoPatrols(db, DISTRICT)} 次`);
  log(`六大工程：${await loadDemoProgrammes(db, DISTRICT, demoUserId)}`);
  await writeAudit(
    db,
    { districtId: DISTRICT, userId: null, role: null },
    {
      action: 'demo.load',
      entityType: 'district',
      entityId: DISTRICT,
      detail: { scale: opts.scale, households, people: people.count },
    },
  );
  await analyzeTables(db); // autovacuum is off here (and PGlite has none): plan on real statistics from the first request
  log('ANALYZE');
  return { households, people: people.count, seconds: (performance.now() - started) / 1000, users: demoUsers };
}

async function assignExactTags(db: Queryable): Promise<void> {
  await db.execute(sql`
    -- the 87 units in-service members come from (the seeds); property companies are work units too, but not among them
    with wu as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from work_units w where w.district_id = ${DISTRICT}
      and not exists (select 1 from property_companies c where c.district_id = w.district_id and c.id = w.id)),
    pm as (
      select id, row_number() over (order by id_hash) - 1 as n from people
      where district_id = ${DISTRICT} and 'party_member' = any(tags) and birth_date between current_date - interval '59 years' and current_date - interval '23 years'
      order by id_hash limit ${FIGURES.inServicePartyMembers})
    update people p set tags = p.tags || '{in_service_party_member}'::text[], work_unit_id = wu.id
    from pm join wu on wu.n = pm.n % wu.total
    where p.district_id = ${DISTRICT} and p.id = pm.id`);
  await db.execute(sql`
    with r as (
      select id from people
      where district_id = ${DISTRICT} and not ('party_member' = any(tags)) and birth_date between current_date - interval '45 years' and current_date - interval '20 years'
      order by md5(id) limit ${FIGURES.riders})
    update people p set tags = p.tags || '{rider}'::text[] from r where p.district_id = ${DISTRICT} and p.id = r.id`);
  // 50 files of children in difficulty across 40+ communities of the four streets with minor-protection stations.
  await db.execute(sql`
    with c as (
      select p.id, row_number() over (partition by split_part(p.org_path, '/', 3) order by md5(p.id)) as rn
      from people p
      where p.district_id = ${DISTRICT} and p.birth_date > current_date - interval '17 years'
        and split_part(p.org_path, '/', 2) in (select id from org_units where district_id = ${DISTRICT} and name in ('开源街道', '清远街道', '迎宾街道', '振华街道'))),
    pick as (select id from c order by rn, md5(id) limit ${FIGURES.childrenInDifficulty})
    update people p set tags = p.tags || '{child_in_difficulty}'::text[] from pick where p.district_id = ${DISTRICT} and p.id = pick.id`);
}

interface HouseholdSpec {
  buildingId: string;
  compoundId: string;
  orgPath: string;
  unit: string;
  room: string;
  partyGroupId: string | null;
  isPartyCentral: boolean;
  forcePartyHead: boolean;
}

const BATCH = 5000;
const HOUSEHOLD_SIZES = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5].flatMap((n) => n); // mean ≈ 2.5

/** Generates households and their members and writes them in batches of unnest() inserts. */
class PeopleWriter {
  count = 0;
  private hh: HouseholdSpec[] & { id?: string }[] = [];
  private hhIds: string[] = [];
  private ppl: CopyValue[][] = [];
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private idSeq = new Map<string, number>();
  private year = new Date().getUTCFullYear();

  constructor(
    private database: Database,
    private crypto: FieldCrypto,
    private rng: Random,
  ) {}

  async addHousehold(spec: HouseholdSpec): Promise<string> {
    const rng = this.rng;
    const householdId = rng.uuid();
    this.hh.push(spec);
    this.hhIds.push(householdId);
    const size = rng.pick(HOUSEHOLD_SIZES);
    const headAge = rng.int(23, 88);
    const lowIncome = rng.chance(0.025);
    let headId = '';
    for (let m = 0; m < size; m++) {
      let age: number;
      let relation: string;
      if (m === 0) {
        age = headAge;
        relation = 'head';
      } else if (m === 1) {
        age = Math.max(20, headAge + rng.int(-4, 4));
        relation = 'spouse';
      } else if (m === 4 && headAge < 55) {
        age = headAge + rng.int(24, 30);
        relation = 'parent';
      } else {
        age = Math.max(0, headAge - rng.int(22, 34));
        relation = 'child';
      }
      const gender: 'M' | 'F' = m === 1 ? (this.ppl.at(-1)![7] === 'M' ? 'F' : 'M') : rng.chance(0.5) ? 'M' : 'F';
      const tags: string[] = [];
      const adult = age >= 18;
      if ((m === 0 && spec.forcePartyHead) || (adult && rng.chance(0.075))) tags.push('party_member');
      if (adult && age < 70 && rng.chance(0.03)) tags.push('volunteer');
      if (rng.chance(0.015)) tags.push('disabled');
      if (lowIncome) tags.push('low_income');
      const id = rng.uuid();
      if (m === 0) headId = id;
      this.addPerson(id, householdId, spec.orgPath, age, gender, relation, tags);
    }
    if (this.ppl.length >= BATCH) await this.flush();
    return headId;
  }

  private addPerson(
    id: string,
    householdId: string,
    orgPath: string,
    age: number,
    gender: 'M' | 'F',
    relation: string,
    tags: string[],
  ): void {
    const rng = this.rng;
    const y = this.year - age - (rng.chance(0.5) ? 1 : 0);
    const birth = `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const key = `${birth}${gender}`;
    const n = this.idSeq.get(key) ?? 0;
    this.idSeq.set(key, n + 1);
    const seq = String(n * 2 + (gender === 'M' ? 1 : 0)).padStart(3, '0');
    const first17 = `140213${birth.replaceAll('-', '')}${seq}`;
    const idNumber = first17 + checkCharacter(first17);
    const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
    const name = randomName(rng);
    this.ppl.push([
      DISTRICT,
      id,
      householdId,
      orgPath,
      name.name,
      name.pinyin,
      name.initials,
      gender,
      birth,
      this.crypto.encrypt(idNumber),
      this.crypto.blindIndex(idNumber),
      maskIdNumber(idNumber),
      this.crypto.encrypt(phone),
      maskPhone(phone),
      relation,
      tags,
    ]);
    this.count++;
  }

  /** Hands the batch to COPY and goes on generating; at most one COPY is in flight (PostgreSQL works meanwhile). */
  async flush(): Promise<void> {
    if (this.hh.length === 0) return;
    const h = this.hh;
    const batches = [
      {
        table: 'households',
        columns: [
          'district_id',
          'id',
          'building_id',
          'compound_id',
          'org_path',
          'unit',
          'room',
          'party_group_id',
          'is_party_central',
        ],
        rows: h.map((x, i): CopyValue[] => [
          DISTRICT,
          this.hhIds[i]!,
          x.buildingId,
          x.compoundId,
          x.orgPath,
          x.unit,
          x.room,
          x.partyGroupId,
          x.isPartyCentral,
        ]),
      },
      {
        table: 'people',
        columns: [
          'district_id',
          'id',
          'household_id',
          'org_path',
          'name',
          'name_pinyin',
          'name_initials',
          'gender',
          'birth_date',
          'id_cipher',
          'id_hash',
          'id_masked',
          'phone_cipher',
          'phone_masked',
          'relation',
          'tags',
        ],
        rows: this.ppl,
      },
    ];
    this.hh = [];
    this.hhIds = [];
    this.ppl = [];
    await this.settle();
    this.pending = copyRows(this.database, batches).catch((err: unknown) => {
      this.failure = err;
    });
  }

  /** Waits for the COPY in flight and rethrows its error, if any. */
  async settle(): Promise<void> {
    await this.pending;
    if (this.failure) throw this.failure;
  }
}

const DEMO_USERS: {
  username: string;
  role: Role;
  displayName: string;
  unit: (ctx: UserCtx) => string | undefined;
  workUnit?: string;
  id?: string;
}[] = [
  { username: 'admin', role: 'district_admin', displayName: '区级管理员（平城区）', unit: () => DISTRICT },
  { username: 'shuibosi', role: 'street_staff', displayName: '水泊寺街道 王主任', unit: (c) => c.byName('水泊寺街道') },
  { username: 'taihe', role: 'community_worker', displayName: '太和社区 李社工', unit: (c) => c.byName('太和社区') },
  {
    username: 'youyijie',
    role: 'community_worker',
    displayName: '友谊街社区 张社工',
    unit: (c) => c.byName('友谊街社区'),
  },
  { username: 'xinggang', role: 'grid_worker', displayName: '星港城小区 网格员赵', unit: (c) => c.compound('星港城') },
  {
    username: 'xinggang-branch',
    role: 'branch_secretary',
    displayName: '星港城小区党支部书记',
    unit: (c) => c.compound('星港城'),
  },
  {
    username: 'zhujian',
    role: 'department_staff',
    displayName: '区住建局 刘科长',
    unit: () => DISTRICT,
    workUnit: '平城区住房和城乡建设局',
  },
  {
    username: 'qingyuan-sw',
    role: 'social_worker',
    displayName: '清远街道未保站 社工',
    unit: (c) => c.byName('清远街道'),
  },
  { username: 'yiyuanli', role: 'social_org', displayName: '大同市毅源力社会组织发展中心', unit: () => DISTRICT },
  { username: 'resident', role: 'resident', displayName: '星港城居民', unit: (c) => c.compound('星港城') },
  // minor protection (市级—街道—社区—社工): the city centre, 清远 street's staff and station head, each station's social worker
  { username: 'qingyuan', role: 'street_staff', displayName: '清远街道 周主任', unit: (c) => c.byName('清远街道') },
  {
    username: 'qingyuan-head',
    role: 'minor_station_head',
    displayName: '清远街道未保站 孙站长',
    unit: (c) => c.byName('清远街道'),
  },
  { username: 'minor-centre', role: 'minor_centre', displayName: '大同市未成年人保护中心', unit: () => DISTRICT },
  {
    username: 'kaiyuan-sw',
    role: 'social_worker',
    displayName: '开源街道未保站 社工',
    unit: (c) => c.byName('开源街道'),
  },
  {
    username: 'yingbin-sw',
    role: 'social_worker',
    displayName: '迎宾街道未保站 社工',
    unit: (c) => c.byName('迎宾街道'),
  },
  {
    username: 'zhenhua-sw',
    role: 'social_worker',
    displayName: '振华街道未保站 社工',
    unit: (c) => c.byName('振华街道'),
  },
  // Government purchase of services: the recruiting agent of the seed's round, its roadshow jury and one applicant organisation.
  ...PURCHASE_DEMO_USERS.map((u) => ({ ...u, unit: () => DISTRICT })),
  // 物业: the company that rebuilt the 云汽园 wall, bound to its company (its work unit)
  {
    username: 'guodong',
    role: 'property_company',
    displayName: '国东物业 客服中心',
    unit: () => DISTRICT,
    workUnit: GUODONG,
  },
];

/** The demo accounts as the command line lists them (the one list of demo logins). */
export const DEMO_ACCOUNTS: readonly Pick<DemoUser, 'username' | 'role' | 'displayName'>[] = DEMO_USERS.map(
  ({ username, role, displayName }) => ({ username, role, displayName }),
);

/**
 * The mobile number a demo account logs in with by 短信验证码 (1390213 and its position in DEMO_USERS:
 * admin 13902130001, resident 13902130010). Stored only as a keyed hash and masked, like any account's.
 */
export function demoMobileOf(username: string): string | null {
  const i = DEMO_USERS.findIndex((u) => u.username === username);
  return i < 0 ? null : `1390213${String(i + 1).padStart(4, '0')}`;
}

/** The id a demo account gets (its position in DEMO_USERS), for data loaded before the accounts exist. */
export function demoUserId(username: string): string | null {
  const i = DEMO_USERS.findIndex((u) => u.username === username);
  return i < 0 ? null : `U${String(i + 1).padStart(3, '0')}`;
}

interface UserCtx {
  byName(name: string): string | undefined;
  compound(name: string): string | undefined;
}

async function createDemoUsers(
  db: Db,
  crypto: FieldCrypto,
  plans: CompoundPlan[],
  _branches: { id: string; compounds: string[] }[],
): Promise<DemoUser[]> {
  const units = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from org_units where district_id = ${DISTRICT} and kind <> 'compound'`,
  );
  const ctx: UserCtx = {
    byName: (name) => units.find((u) => u.name === name)?.id,
    compound: (name) => plans.find((p) => p.name === name)?.id,
  };
  const workUnitRows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from work_units where district_id = ${DISTRICT}`,
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows: (typeof users.$inferInsert)[] = [];
  const result: DemoUser[] = [];
  for (const [i, u] of DEMO_USERS.entries()) {
    const orgUnitId = u.unit(ctx) ?? DISTRICT;
    let personId: string | null = null;
    if (u.role === 'resident') {
      const [p] = await queryRows<{ id: string }>(
        db,
        sql`select id from people where district_id = ${DISTRICT} and org_path like ${`%/${orgUnitId}/`} order by id limit 1`,
      );
      personId = p?.id ?? null;
    }
    rows.push({
      districtId: DISTRICT,
      id: u.id ?? `U${String(i + 1).padStart(3, '0')}`,
      username: u.username,
      displayName: u.displayName,
      passwordHash,
      role: u.role,
      orgUnitId,
      workUnitId: workUnitRows.find((w) => w.name === u.workUnit)?.id ?? null,
      personId,
      mobileHash: mobileHashOf({ crypto }, demoMobileOf(u.username)!),
      mobileMasked: maskPhone(demoMobileOf(u.username)!),
    });
    result.push({
      username: u.username,
      role: u.role,
      displayName: u.displayName,
      orgUnitName:
        units.find((x) => x.id === orgUnitId)?.name ?? plans.find((p) => p.id === orgUnitId)?.name ?? orgUnitId,
    });
  }
  await db.insert(users).values(rows).onConflictDoNothing();
  return result;
}
