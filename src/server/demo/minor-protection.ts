import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import type { FieldCrypto } from '../lib/field-crypto.js';
import { shanghaiDate } from '../lib/working-days.js';
import { MASKED_CHILD_NAME } from '../modules/minor-protection/minor-protection.policy.js';
import { visitIntervalDays } from '../modules/minor-protection/minor-protection.service.js';
import { FIVE_HAS } from '../modules/minor-protection/minor-protection.reports.js';
import {
  minorCaseEvents,
  minorCases,
  minorCategories,
  minorConsents,
  minorServices,
  minorStations,
  type RiskLevel,
  type ServiceKind,
} from '../modules/minor-protection/minor-protection.tables.js';
import { protectPeople } from '../modules/people/people.protection.js';
import { Random } from './random.js';

/**
 * Minor protection as in the seed (Datong Daily): four street stations (街道未保站) opened 2021-12-08 in 开源, 清远,
 * 迎宾 and 振华 streets, run by 大同市毅源力社会组织发展中心 to the "五有" standard; 50 files of children in difficulty
 * over 40+ communities, classified orphan / de-facto unsupported / disabled / seriously ill, each visited at home.
 * Built on the 50 residents `assignExactTags` tags `child_in_difficulty`. Deterministic (own seeded stream).
 */
export const MINOR_STATION_STREETS = ['开源街道', '清远街道', '迎宾街道', '振华街道'] as const;
export const STATIONS_OPENED_ON = '2021-12-08';
export const STATION_OPERATOR = '大同市毅源力社会组织发展中心';

export const DEFAULT_CATEGORIES = [
  { id: 'orphan', name: '孤儿', sort: 1, visitDaysLow: 90, visitDaysMedium: 60, visitDaysHigh: 30 },
  { id: 'unsupported', name: '事实无人抚养儿童', sort: 2, visitDaysLow: 60, visitDaysMedium: 30, visitDaysHigh: 14 },
  { id: 'disabled', name: '残疾儿童', sort: 3, visitDaysLow: 90, visitDaysMedium: 60, visitDaysHigh: 30 },
  { id: 'ill', name: '患病儿童', sort: 4, visitDaysLow: 60, visitDaysMedium: 30, visitDaysHigh: 14 },
  { id: 'left_behind', name: '留守儿童', sort: 5, visitDaysLow: 90, visitDaysMedium: 60, visitDaysHigh: 30 },
  { id: 'other', name: '其他困境儿童', sort: 9, visitDaysLow: 90, visitDaysMedium: 60, visitDaysHigh: 30 },
];

// Main category mix of the 50 files (the seed names the first four).
const CATEGORY_MIX = [
  'orphan',
  'orphan',
  'unsupported',
  'unsupported',
  'unsupported',
  'disabled',
  'disabled',
  'ill',
  'ill',
  'left_behind',
];
const RISK_MIX: RiskLevel[] = ['low', 'low', 'medium', 'medium', 'medium', 'high'];
const HEALTH = {
  disabled: [
    '肢体残疾二级，需康复训练',
    '听力残疾三级，已配助听器',
    '智力残疾二级，在特殊教育学校就读',
    '视力残疾一级',
  ],
  ill: ['先天性心脏病，术后随访', '白血病，维持治疗中', '1 型糖尿病，每日注射胰岛素', '肾病综合征，定期复查'],
} as const;
const NEEDS: ServiceKind[] = ['policy_consultation', 'emotional_support', 'counselling', 'tutoring', 'assistance'];
const OUTCOMES: Record<ServiceKind, string[]> = {
  policy_consultation: ['讲解困境儿童基本生活保障政策，协助准备申请材料', '告知医疗救助申请流程'],
  emotional_support: ['陪伴交谈，孩子情绪较上次稳定', '节日探望，送去学习用品'],
  counselling: ['开展一次心理辅导，孩子愿意表达担忧', '沙盘游戏辅导，建立信任关系'],
  home_visit: ['入户探访，了解生活和学习情况', '入户探访，监护人照料到位'],
  case_followup: ['电话跟进上次转介的落实情况', '与学校老师沟通在校表现'],
  assistance: ['链接爱心企业捐助冬衣', '协助申请临时救助金'],
  tutoring: ['链接志愿者每周两次课业辅导', '志愿者辅导数学作业'],
};

/** Each station's social worker account (demo users are created after this loader; their ids are known ahead). */
const STATION_SOCIAL_WORKERS: Record<string, string> = {
  开源街道: 'kaiyuan-sw',
  清远街道: 'qingyuan-sw',
  迎宾街道: 'yingbin-sw',
  振华街道: 'zhenhua-sw',
};

export async function loadDemoMinorProtection(
  database: Database,
  crypto: FieldCrypto,
  districtId: string,
  userId: (username: string) => string | null,
): Promise<number> {
  const db = database.db;
  const rng = new Random(20211208);
  await db
    .insert(minorCategories)
    .values(DEFAULT_CATEGORIES.map((c) => ({ districtId, ...c })))
    .onConflictDoNothing();
  const streets = await queryRows<{ id: string; name: string; path: string }>(
    db,
    sql`
    select id, name, path from org_units where district_id = ${districtId} and kind = 'street' and name in (${sql.join(
      MINOR_STATION_STREETS.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  );
  await db
    .insert(minorStations)
    .values(
      streets.map((s) => ({
        districtId,
        id: `MS-${s.id}`,
        streetId: s.id,
        orgPath: s.path,
        name: `${s.name}未成年人保护工作站`,
        operator: STATION_OPERATOR,
        openedOn: STATIONS_OPENED_ON,
        checklist: Object.fromEntries(FIVE_HAS.map((f) => [f.key, { met: true, note: null }])),
      })),
    )
    .onConflictDoNothing();

  const children = await queryRows<{
    id: string;
    org_path: string;
    name: string;
    gender: 'M' | 'F';
    birth_date: string;
    id_cipher: string;
    id_masked: string;
    household_id: string | null;
    address: string | null;
  }>(
    db,
    sql`
    select p.id, p.org_path, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.id_cipher, p.id_masked, p.household_id,
      c.address || b.name || h.unit || h.room as address
    from people p
    left join households h on h.district_id = p.district_id and h.id = p.household_id
    left join buildings b on b.district_id = h.district_id and b.id = h.building_id
    left join org_units c on c.district_id = h.district_id and c.id = h.compound_id
    where p.district_id = ${districtId} and 'child_in_difficulty' = any(p.tags) order by p.id`,
  );
  const adults = await queryRows<{
    id: string;
    household_id: string;
    name: string;
    gender: 'M' | 'F';
    phone_cipher: string | null;
    relation: string;
  }>(
    db,
    sql`
    select p.id, p.household_id, p.name, p.gender, p.phone_cipher, p.relation from people p
    where p.district_id = ${districtId} and p.birth_date <= current_date - interval '18 years'
      and p.household_id in (${sql.join(
        [...children.map((c) => c.household_id).filter((h): h is string => h !== null), ''].map((h) => sql`${h}`),
        sql`, `,
      )})
    order by p.household_id, p.birth_date`,
  );
  const streetNames = new Map(streets.map((s) => [s.id, s.name]));
  const today = shanghaiDate(new Date());
  const addDays = (day: string, n: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86400_000);
  const rules = DEFAULT_CATEGORIES.map((c) => ({ districtId, isActive: true, ...c }));
  const cases: (typeof minorCases.$inferInsert)[] = [];
  const services: (typeof minorServices.$inferInsert)[] = [];
  const events: (typeof minorCaseEvents.$inferInsert)[] = [];
  const consents: (typeof minorConsents.$inferInsert)[] = [];
  const guardianIds: string[] = [];
  for (const [i, ch] of children.entries()) {
    const [, streetId, communityId] = ch.org_path.split('/');
    const main = CATEGORY_MIX[i % CATEGORY_MIX.length]!;
    const categories = rng.chance(0.2) && main !== 'left_behind' && main !== 'orphan' ? [main, 'left_behind'] : [main];
    const risk = rng.pick(RISK_MIX);
    const interval = visitIntervalDays(categories, risk, rules);
    // The first 50 files were made in the stations' first months (seed: "完成了50份困境儿童建档").
    // Most files were made in the stations' first months (seed: "完成了50份困境儿童建档"); a child born later got its file after birth.
    const afterBirth = addDays(ch.birth_date, rng.int(30, 200));
    const earliest = addDays(STATIONS_OPENED_ON, rng.int(0, 100));
    const openedOn = [earliest > afterBirth ? earliest : afterBirth, today].sort()[0]!;
    const id = rng.uuid();
    const workerUserId = userId(STATION_SOCIAL_WORKERS[streetNames.get(streetId!) ?? ''] ?? '');
    const parents = adults.filter((a) => a.household_id === ch.household_id);
    const noParents = main === 'orphan' || main === 'unsupported';
    guardianIds.push(...parents.slice(0, 2).map((a) => a.id));
    const guardians = parents.slice(0, 2).map((a) => ({
      name: a.name,
      relation: noParents
        ? rng.chance(0.6)
          ? a.gender === 'M'
            ? '祖父'
            : '祖母'
          : '其他亲属'
        : a.gender === 'M'
          ? '父亲'
          : '母亲',
      ...(a.phone_cipher ? { phone: crypto.decrypt(a.phone_cipher) } : {}),
    }));
    const health = main === 'disabled' ? rng.pick(HEALTH.disabled) : main === 'ill' ? rng.pick(HEALTH.ill) : null;
    const needs = rng.shuffle([...NEEDS]).slice(0, rng.int(1, 3));
    // Home visits from the opening to now at the case's interval, the last one a little late or early,
    // so the dashboard has visits overdue, due soon and done.
    const visits: string[] = [openedOn];
    const lastTarget = addDays(today, -rng.int(0, interval + 20));
    for (
      let d = addDays(openedOn, Math.max(interval * 3, 120));
      d < lastTarget;
      d = addDays(d, Math.max(interval * 3, 120))
    )
      visits.push(d);
    if (lastTarget > openedOn) visits.push(lastTarget);
    const worker = workerUserId ?? null;
    for (const [vi, v] of visits.entries()) {
      services.push({
        districtId,
        id: rng.uuid(),
        caseId: id,
        kind: 'home_visit',
        servedOn: v,
        workerUserId: worker,
        workerName: `${streetNames.get(streetId!) ?? ''}未保站 社工`,
        outcomeCipher: crypto.encrypt(vi === 0 ? '首次入户走访，完成建档和需求评估' : rng.pick(OUTCOMES.home_visit)),
        visitCipher: crypto.encrypt(
          JSON.stringify({
            childSeen: true,
            livingConditions: rng.pick(['good', 'fair', 'fair', 'poor']),
            safetyConcern: false,
            notes: '',
          }),
        ),
      });
    }
    for (const need of needs) {
      const on = addDays(openedOn, rng.int(0, Math.max(0, daysBetween(openedOn, today))));
      services.push({
        districtId,
        id: rng.uuid(),
        caseId: id,
        kind: need,
        servedOn: on,
        workerUserId: worker,
        workerName: `${streetNames.get(streetId!) ?? ''}未保站 社工`,
        outcomeCipher: crypto.encrypt(rng.pick(OUTCOMES[need])),
      });
    }
    const lastVisitOn = visits[visits.length - 1]!;
    if (guardians[0] && rng.chance(0.7)) {
      consents.push({
        districtId,
        id: rng.uuid(),
        caseId: id,
        guardianCipher: crypto.encrypt(guardians[0].name),
        givenOn: openedOn,
        scopeCipher: crypto.encrypt('同意向志愿者、学校和民政部门共享必要信息以提供帮扶'),
        recordedBy: worker ?? 'system',
      });
    }
    cases.push({
      districtId,
      id,
      caseNo: `WB${openedOn.slice(0, 4)}${String(i + 1).padStart(4, '0')}`,
      personId: ch.id,
      orgPath: ch.org_path,
      streetId: streetId!,
      communityId: communityId!,
      categories,
      riskLevel: risk,
      workerUserId,
      gender: ch.gender,
      birthYear: Number(ch.birth_date.slice(0, 4)),
      nameCipher: crypto.encrypt(ch.name),
      nameMasked: MASKED_CHILD_NAME,
      idCipher: ch.id_cipher,
      idMasked: ch.id_masked,
      addressCipher: ch.address ? crypto.encrypt(ch.address) : null,
      guardiansCipher: crypto.encrypt(JSON.stringify(guardians)),
      healthCipher: health ? crypto.encrypt(health) : null,
      needs,
      assessmentCipher: crypto.encrypt(JSON.stringify({ notes: `主要需求：${needs.length} 项，已制定服务计划` })),
      planCipher: crypto.encrypt(
        JSON.stringify({ goals: needs.map((n) => ({ text: `${OUTCOMES[n][0]}`, done: rng.chance(0.4) })) }),
      ),
      openedOn,
      lastVisitOn,
      nextVisitDue: addDays(lastVisitOn, interval),
      createdBy: worker,
    });
    const workerName = `${streetNames.get(streetId!) ?? ''}未保站 社工`;
    events.push({
      districtId,
      caseId: id,
      at: new Date(`${openedOn}T10:00:00+08:00`),
      actorUserId: worker,
      actorName: workerName,
      type: 'opened',
      data: { categories, riskLevel: risk, workerUserId },
    });
    for (const v of visits.slice(1)) {
      events.push({
        districtId,
        caseId: id,
        at: new Date(`${v}T16:00:00+08:00`),
        actorUserId: worker,
        actorName: workerName,
        type: 'visited',
        data: { servedOn: v },
      });
    }
  }
  if (cases.length) {
    await db.insert(minorCases).values(cases).onConflictDoNothing();
    for (let i = 0; i < services.length; i += 500)
      await db
        .insert(minorServices)
        .values(services.slice(i, i + 500))
        .onConflictDoNothing();
    await db.insert(minorCaseEvents).values(events);
    if (consents.length) await db.insert(minorConsents).values(consents).onConflictDoNothing();
    // The children's and guardians' registry rows: name, birth date and household encrypted at rest from here on.
    await protectPeople(
      db,
      crypto,
      districtId,
      cases.map((c) => c.personId!),
      'child',
    );
    await protectPeople(db, crypto, districtId, guardianIds, 'guardian');
  }
  return cases.length;
}
