import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { PARTY_FIGURES } from '../../demo/party.js';
import { FIGURES } from '../../demo/pingcheng.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type { Member, PartyDashboard, PartyOrgDetail, Post } from '../../../shared/party.schema.js';

/**
 * 党务: organisation management (build, attach, re-attach, split, merge, upgrade, groups, central
 * households, station branches), posts with their source and experience, the member registry and the
 * development pipeline with the rules' intervals, and the dashboard computed from the data.
 */
let env: TestEnv;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.ctx.db, q);

/** Two fresh small compounds in 太和社区 (the community the demo user `taihe` works for). */
async function newCompounds(n: number, label: string): Promise<string[]> {
  const [c] = await rows<{ id: string }>(sql`select id from org_units where name = '太和社区'`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await env.as('taihe').post('/api/compounds', { communityId: c!.id, name: `${label}${i + 1}号院` });
    assert.equal(res.statusCode, 201, res.body);
    ids.push(json<{ unit: { id: string } }>(res).unit.id);
  }
  return ids;
}
async function counts() {
  return rows<{ orgs: number; events: number; audit: number; covered: number }>(sql`
    select (select count(*)::int from party_orgs) as orgs, (select count(*)::int from party_org_events) as events,
      (select count(*)::int from audit_log) as audit, (select count(*)::int from branch_compounds) as covered`);
}
/** A full member of the district not holding a post yet (a seconded cadre may live anywhere in the district). */
async function fullMemberOfXinggang(skip = 0): Promise<{ id: string; personId: string }> {
  const [m] = await rows<{ id: string; person_id: string }>(sql`
    select m.id, m.person_id from party_members m
    where m.stage = 'full' and m.status = 'active'
      and not exists (select 1 from party_posts t where t.member_id = m.id)
    order by m.id offset ${skip} limit 1`);
  return { id: m!.id, personId: m!.person_id };
}

describe('party: organisation management, posts, members and the dashboard', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('the demo reproduces the campaign figures from records: 487 branches, 440 secretaries, 16 + 77 seconded, 155 upgraded', async () => {
    const res = await env.as('admin').get('/api/party/dashboard');
    assert.equal(res.statusCode, 200, res.body);
    const d = json<PartyDashboard>(res);
    assert.equal(d.total.branches, FIGURES.branches);
    assert.equal(d.total.standalone + d.total.attached + d.total.joint, FIGURES.branches);
    assert.ok(d.total.standalone > 0 && d.total.attached > 0 && d.total.joint > 0, JSON.stringify(d.total));
    assert.equal(d.total.secretaries, FIGURES.secretaries);
    assert.equal(d.total.vacancies, FIGURES.branches - FIGURES.secretaries);
    assert.equal(d.total.secretaryCoverage, Math.round((FIGURES.secretaries / FIGURES.branches) * 1000) / 10);
    assert.equal(d.total.secondedCity, PARTY_FIGURES.secondedCity);
    assert.equal(d.total.secondedDistrict, PARTY_FIGURES.secondedDistrict);
    assert.equal(d.total.secondedFullTime, PARTY_FIGURES.secondedCity + PARTY_FIGURES.secondedDistrict);
    assert.equal(d.total.elected, FIGURES.secretaries - 93);
    assert.equal(d.experienceShare, 72);
    assert.equal(d.seniorOrYoungShare, 36.6);
    assert.equal(d.total.upgradedOrgs, PARTY_FIGURES.upgradedOrgs);
    assert.equal(d.total.stationBranches, 1);
    assert.equal(d.total.applicants + d.total.activists >= PARTY_FIGURES.riderApplicants, true);
    // the street rows add up to the district
    assert.equal(
      d.rows.reduce((s, r) => s + r.branches, 0),
      d.total.branches,
    );
    const [tagged] = await rows<{ n: number }>(
      sql`select count(*)::int as n from people where 'party_member' = any(tags)`,
    );
    assert.equal(d.total.full + d.total.probationary, tagged!.n, 'every tagged party member is in the registry');
    // the riders' branch: 13 applications, 2 activists
    const riders = await env.as('admin').get('/api/party-members?partyOrgId=PS-QXJ&limit=50');
    const list = json<{ items: Member[] }>(riders).items;
    assert.equal(list.length, PARTY_FIGURES.riderApplicants);
    assert.equal(list.filter((m) => m.stage === 'activist').length, PARTY_FIGURES.riderActivists);
  });

  it('exports the dashboard as .xlsx with the same figures', async () => {
    const res = await env.as('shuibosi').get('/api/party/dashboard/xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('党建统计')!;
    assert.equal(ws.getRow(1).getCell(1).value, '单位');
    const d = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    assert.match(String(ws.getRow(2).getCell(1).value), /水泊寺街道/);
    assert.equal(ws.getRow(2).getCell(2).value, d.total.branches);
    assert.equal(ws.rowCount, d.rows.length + 2);
  });

  it('a community worker builds a joint branch for two small compounds; a compound in two branches is refused and nothing changes', async () => {
    const ids = await newCompounds(2, '太和小区');
    const before = json<PartyDashboard>(await env.as('taihe').get('/api/party/dashboard'));
    const res = await env.as('taihe').post('/api/party-orgs/branches', { formation: 'joint', compoundIds: ids });
    assert.equal(res.statusCode, 201, res.body);
    const org = json<{ org: PartyOrgDetail }>(res).org;
    assert.equal(org.formation, 'joint');
    assert.deepEqual(org.compoundIds.sort(), [...ids].sort());
    const after = json<PartyDashboard>(await env.as('taihe').get('/api/party/dashboard'));
    assert.equal(after.total.branches, before.total.branches + 1);
    assert.equal(after.total.joint, before.total.joint + 1);
    assert.equal(after.total.vacancies, before.total.vacancies + 1);

    const snapshot = await counts();
    const again = await env
      .as('taihe')
      .post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: [ids[0]] });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(code(again), 'COMPOUND_IN_OTHER_BRANCH');
    assert.match(json<{ error: { message: string } }>(again).error.message, /只能属于一个党支部/);
    const en = await env.as('taihe').post(
      '/api/party-orgs/branches',
      { formation: 'standalone', compoundIds: [ids[0]] },
      {
        'accept-language': 'en',
      },
    );
    assert.match(json<{ error: { message: string } }>(en).error.message, /belongs to one branch only/);
    assert.deepEqual(await counts(), snapshot, 'nothing written');

    // the wrong count for the way of building, another community's compound, a compound out of scope
    const one = await env.as('taihe').post('/api/party-orgs/branches', { formation: 'joint', compoundIds: [ids[0]] });
    assert.equal(code(one), 'FORMATION_COMPOUND_COUNT');
    const [far] = await rows<{ id: string }>(sql`select id from org_units where kind = 'compound' and name = '云汽园'`);
    const out = await env
      .as('taihe')
      .post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: [far!.id] });
    assert.equal(out.statusCode, 403, out.body);
    assert.equal(code(out), 'SCOPE_FORBIDDEN');
    const grid = await env.as('xinggang').post('/api/party-orgs/branches', { formation: 'joint', compoundIds: ids });
    assert.equal(code(grid), 'PERMISSION_DENIED');
  });

  it('assigns a seconded secretary (needs a full member record), then ends the post; history and coverage follow', async () => {
    const ids = await newCompounds(1, '太和新苑');
    const org = json<{ org: PartyOrgDetail }>(
      await env.as('taihe').post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: ids }),
    ).org;
    const before = json<PartyDashboard>(await env.as('taihe').get('/api/party/dashboard'));
    // a resident without a member record
    const [nonMember] = await rows<{ id: string }>(sql`
      select p.id from people p join org_units o on p.org_path like o.path || '%' where o.name = '太和社区'
        and p.birth_date < current_date - interval '20 years' and not exists (select 1 from party_members m where m.person_id = p.id) limit 1`);
    const body = {
      role: 'secretary',
      source: 'seconded_district',
      fullTime: true,
      sourceUnit: '平城区民政局',
      termStart: '2025-03-01',
      hasPartyCivilExperience: true,
      version: org.version,
    };
    const snapshot = await counts();
    const refused = await env.as('taihe').post(`/api/party-orgs/${org.id}/posts`, { ...body, personId: nonMember!.id });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(code(refused), 'SECRETARY_NOT_MEMBER');
    assert.deepEqual(await counts(), snapshot);
    const noUnit = await env.as('taihe').post(`/api/party-orgs/${org.id}/posts`, {
      ...body,
      sourceUnit: undefined,
      personId: (await fullMemberOfXinggang()).personId,
    });
    assert.equal(code(noUnit), 'SECONDED_UNIT_REQUIRED');
    const m = await fullMemberOfXinggang();
    const ok = await env.as('taihe').post(`/api/party-orgs/${org.id}/posts`, { ...body, personId: m.personId });
    assert.equal(ok.statusCode, 200, ok.body);
    const post = json<{ items: Post[] }>(ok).items[0]!;
    assert.equal(post.source, 'seconded_district');
    assert.equal(post.sourceUnit, '平城区民政局');
    const stale = await env.as('taihe').post(`/api/party-orgs/${org.id}/posts`, {
      ...body,
      role: 'committee_member',
      personId: (await fullMemberOfXinggang(1)).personId,
    });
    assert.equal(code(stale), 'PARTY_ORG_CHANGED', 'the version moved');
    const second = await env.as('taihe').post(`/api/party-orgs/${org.id}/posts`, {
      ...body,
      version: org.version + 1,
      personId: (await fullMemberOfXinggang(1)).personId,
    });
    assert.equal(code(second), 'SECRETARY_TAKEN');
    const after = json<PartyDashboard>(await env.as('taihe').get('/api/party/dashboard'));
    assert.equal(after.total.secretaries, before.total.secretaries + 1);
    assert.equal(after.total.secondedDistrict, before.total.secondedDistrict + 1);
    assert.equal(after.total.vacancies, before.total.vacancies - 1);
    // the existing coverage figures read the same secretary
    const [sec] = await rows<{ s: string | null }>(
      sql`select secretary_person_id as s from party_orgs where id = ${org.id}`,
    );
    assert.equal(sec!.s, m.personId);
    const ended = await env
      .as('taihe')
      .post(`/api/party-posts/${post.id}/end`, { version: post.version, endedOn: '2025-06-30' });
    assert.equal(ended.statusCode, 200, ended.body);
    const adminView = json<{ history: { kind: string }[]; org: PartyOrgDetail }>(
      await env.as('taihe').get(`/api/party-orgs/${org.id}/admin`),
    );
    assert.deepEqual(
      adminView.history.map((h) => h.kind),
      ['created', 'post_assigned', 'post_ended'],
    );
    const vac = json<{ items: { partyOrgId: string }[] }>(await env.as('taihe').get('/api/party/vacancies?limit=500'));
    assert.ok(vac.items.some((v) => v.partyOrgId === org.id));
    const [audit] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity_id = ${org.id} and action like 'party_%'`,
    );
    assert.equal(audit!.n, 3);
  });

  it('attaches, re-attaches, splits and merges with history; an emptied branch is dissolved', async () => {
    const [a, b, c] = await newCompounds(3, '太和东区');
    const A = json<{ org: PartyOrgDetail }>(
      await env.as('taihe').post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: [a] }),
    ).org;
    const B = json<{ org: PartyOrgDetail }>(
      await env.as('taihe').post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: [b] }),
    ).org;
    // 挂靠建: c joins A
    let res = await env.as('taihe').post(`/api/party-orgs/${A.id}/compounds`, { compoundId: c, version: A.version });
    assert.equal(res.statusCode, 200, res.body);
    let a2 = json<{ org: PartyOrgDetail }>(res).org;
    assert.equal(a2.formation, 'attached');
    // without `move` a covered compound is refused
    res = await env.as('taihe').post(`/api/party-orgs/${B.id}/compounds`, { compoundId: c, version: B.version });
    assert.equal(code(res), 'COMPOUND_IN_OTHER_BRANCH');
    // 改挂: c moves to B
    res = await env
      .as('taihe')
      .post(`/api/party-orgs/${B.id}/compounds`, { compoundId: c, move: true, version: B.version });
    assert.equal(res.statusCode, 200, res.body);
    const b2 = json<{ org: PartyOrgDetail }>(res).org;
    assert.deepEqual(b2.compoundIds.sort(), [b, c].sort());
    a2 = json<{ org: PartyOrgDetail }>(await env.as('taihe').get(`/api/party-orgs/${A.id}/admin`)).org;
    assert.deepEqual(a2.compoundIds, [a]);
    // 拆分: c leaves B as its own branch; splitting off every compound is refused
    res = await env.as('taihe').post(`/api/party-orgs/${B.id}/split`, { compoundIds: [b, c], version: b2.version });
    assert.equal(code(res), 'SPLIT_LEAVES_NOTHING');
    res = await env.as('taihe').post(`/api/party-orgs/${B.id}/split`, { compoundIds: [c], version: b2.version });
    assert.equal(res.statusCode, 200, res.body);
    const C = json<{ org: PartyOrgDetail }>(res).org;
    assert.deepEqual(C.compoundIds, [c]);
    // 合并: C into A; C is dissolved and no longer listed among the community's children
    const b3 = json<{ org: PartyOrgDetail }>(await env.as('taihe').get(`/api/party-orgs/${B.id}/admin`)).org;
    assert.equal(b3.formation, 'standalone');
    res = await env
      .as('taihe')
      .post(`/api/party-orgs/${C.id}/merge`, { intoId: A.id, version: C.version, intoVersion: a2.version });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json<{ org: PartyOrgDetail }>(res).org.compoundIds.sort(), [a, c].sort());
    const dead = json<{ org: PartyOrgDetail; history: { kind: string }[] }>(
      await env.as('taihe').get(`/api/party-orgs/${C.id}/admin`),
    );
    assert.equal(dead.org.status, 'dissolved');
    assert.deepEqual(
      dead.history.map((h) => h.kind),
      ['split_from', 'dissolved', 'merged_into'],
    );
    res = await env.as('taihe').post(`/api/party-orgs/${C.id}/compounds`, { compoundId: b, version: dead.org.version });
    assert.equal(code(res), 'PARTY_ORG_DISSOLVED');
    const kids = json<{ items: { id: string }[] }>(await env.as('taihe').get(`/api/party-orgs/${A.id.split('/')[0]}`));
    assert.ok(kids);
    const children = json<{ items: { id: string }[] }>(
      await env.as('taihe').get(`/api/party-orgs/${dead.org.parentId}/children`),
    );
    assert.ok(!children.items.some((o) => o.id === C.id));
    assert.ok(children.items.some((o) => o.id === A.id));
  });

  it('upgrades a community organisation only upwards; builds a building group and a central household', async () => {
    const [comm] = await rows<{ id: string; grade: string; version: number }>(
      sql`select id, grade, version from party_orgs where kind = 'community_committee' and name like '%太和%'`,
    );
    const [fresh] = await rows<{ id: string }>(
      sql`update party_orgs set grade = 'general_branch' where id = ${comm!.id} returning id`,
    );
    assert.ok(fresh);
    let res = await env
      .as('taihe')
      .post(`/api/party-orgs/${comm!.id}/upgrade`, { grade: 'general_branch', version: comm!.version });
    assert.equal(code(res), 'GRADE_NOT_HIGHER');
    res = await env
      .as('taihe')
      .post(`/api/party-orgs/${comm!.id}/upgrade`, { grade: 'committee', version: comm!.version });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(json<{ org: PartyOrgDetail }>(res).org.grade, 'committee');
    // a full member of a 太和社区 branch, in their own household, which no central household serves yet
    const [m] = await rows<{ id: string; household_id: string; branch_id: string; compound_id: string }>(sql`
      select m.id, p.household_id, m.party_org_id as branch_id, h.compound_id
      from party_members m join people p on p.id = m.person_id join households h on h.id = p.household_id
      join party_orgs b on b.id = m.party_org_id and b.kind = 'compound_branch'
      where m.stage = 'full' and m.status = 'active'
        and not exists (select 1 from party_central_households x where x.household_id = p.household_id)
        and not exists (select 1 from party_central_served s where s.household_id = p.household_id)
      order by m.id limit 1`);
    const br = { branch_id: m!.branch_id, compound_id: m!.compound_id };
    const [bld] = await rows<{ id: string }>(sql`
      select b.id from buildings b where b.compound_id = ${br.compound_id}
        and not exists (select 1 from party_orgs g where g.building_id = b.id) limit 1`);
    if (bld) {
      res = await env.as('admin').post(`/api/party-orgs/${br.branch_id}/groups`, { buildingId: bld.id });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(json<{ org: PartyOrgDetail }>(res).org.kind, 'building_group');
      res = await env.as('admin').post(`/api/party-orgs/${br.branch_id}/groups`, { buildingId: bld.id });
      assert.equal(code(res), 'BUILDING_HAS_GROUP');
    }
    const neighbours = await rows<{ id: string }>(sql`
      select h.id from households h where h.compound_id = ${br.compound_id} and h.id <> ${m!.household_id}
        and not exists (select 1 from party_central_served s where s.household_id = h.id)
        and not exists (select 1 from party_central_households c where c.household_id = h.id) limit 2`);
    res = await env.as('admin').post(`/api/party-orgs/${br!.branch_id}/central-households`, {
      memberId: m!.id,
      servedHouseholdIds: neighbours.map((n) => n.id),
    });
    assert.equal(res.statusCode, 200, res.body);
    const mine = json<{ items: { householdId: string; served: unknown[] }[] }>(res).items.find(
      (c) => c.householdId === m!.household_id,
    );
    assert.equal(mine!.served.length, neighbours.length);
    res = await env.as('admin').post(`/api/party-orgs/${br!.branch_id}/central-households`, {
      memberId: m!.id,
      servedHouseholdIds: [],
    });
    assert.equal(code(res), 'CENTRAL_HOUSEHOLD_EXISTS');
  });

  it('the pipeline checks order, dates, the one-year intervals and two full introducers', async () => {
    const [p] = await rows<{ id: string }>(sql`
      select p.id from people p where p.protection is null
        and p.birth_date between current_date - interval '40 years' and current_date - interval '25 years'
        and not exists (select 1 from party_members m where m.person_id = p.id) order by p.id limit 1`);
    const [br] = await rows<{ branch_id: string }>(sql`
      select bc.branch_id from branch_compounds bc join org_units o on o.id = bc.compound_id where o.name = '星港城'`);
    const [child] = await rows<{ id: string }>(sql`
      select p.id from people p where true
        and p.birth_date > current_date - interval '16 years' and p.protection is null limit 1`);
    if (child) {
      const young = await env.as('admin').post('/api/party-members', { personId: child.id, partyOrgId: br!.branch_id });
      assert.equal(code(young), 'APPLICANT_TOO_YOUNG');
    }
    let res = await env.as('admin').post('/api/party-members', {
      personId: p!.id,
      partyOrgId: br!.branch_id,
      appliedOn: '2023-01-10',
    });
    assert.equal(res.statusCode, 201, res.body);
    let m = json<{ member: Member }>(res).member;
    assert.equal(m.stage, 'applicant');
    assert.match(m.idMasked, /\*/, 'the ID is masked');
    const step = (body: Record<string, unknown>) =>
      env.as('admin').post(`/api/party-members/${m.id}/advance`, { version: m.version, ...body });
    res = await step({ stage: 'candidate', on: '2024-01-10' });
    assert.equal(code(res), 'STAGE_NOT_NEXT');
    res = await step({ stage: 'activist', on: '2022-12-01' });
    assert.equal(code(res), 'STAGE_DATE_BEFORE');
    res = await step({ stage: 'activist', on: '2023-03-01' });
    assert.equal(res.statusCode, 200, res.body);
    m = json<{ member: Member }>(res).member;
    assert.equal(m.nextEarliest, '2024-03-01');
    res = await step({ stage: 'candidate', on: '2024-02-28' });
    assert.equal(res.statusCode, 400);
    assert.equal(code(res), 'STAGE_TOO_EARLY');
    assert.match(json<{ error: { message: string } }>(res).error.message, /一年以上.*第十三条.*2024-03-01/);
    res = await step({ stage: 'candidate', on: '2024-03-01' });
    assert.equal(res.statusCode, 200, res.body);
    m = json<{ member: Member }>(res).member;
    // two full members as introducers
    const intro = await rows<{ id: string }>(sql`
      select id from party_members where stage = 'full' and status = 'active' order by id limit 2`);
    const [applicant] = await rows<{ id: string }>(sql`select id from party_members where stage = 'applicant' limit 1`);
    res = await step({ stage: 'probationary', on: '2024-06-01', introducerIds: [intro[0]!.id] });
    assert.equal(code(res), 'INTRODUCERS_REQUIRED');
    res = await step({ stage: 'probationary', on: '2024-06-01', introducerIds: [intro[0]!.id, applicant!.id] });
    assert.equal(code(res), 'INTRODUCERS_REQUIRED');
    res = await step({ stage: 'probationary', on: '2024-06-01', introducerIds: intro.map((i) => i.id) });
    assert.equal(res.statusCode, 200, res.body);
    m = json<{ member: Member }>(res).member;
    assert.equal(m.nextEarliest, '2025-06-01');
    const before = await rows<{ stage: string; version: number }>(
      sql`select stage, version from party_members where id = ${m.id}`,
    );
    res = await step({ stage: 'full', on: '2025-05-31' });
    assert.equal(code(res), 'STAGE_TOO_EARLY');
    assert.deepEqual(await rows(sql`select stage, version from party_members where id = ${m.id}`), before, 'unchanged');
    res = await step({ stage: 'full', on: '2025-06-01' });
    assert.equal(res.statusCode, 200, res.body);
    m = json<{ member: Member }>(res).member;
    assert.equal(m.stage, 'full');
    // transfer out of the district, then back in to another branch
    res = await env.as('admin').post(`/api/party-members/${m.id}/transfers`, {
      direction: 'out',
      externalOrg: '太原市小店区某社区党委',
      on: '2025-07-01',
      version: m.version,
    });
    assert.equal(res.statusCode, 200, res.body);
    m = json<{ member: Member }>(res).member;
    assert.equal(m.status, 'transferred_out');
    res = await env
      .as('admin')
      .post(`/api/party-members/${m.id}/advance`, { stage: 'full', on: '2025-07-02', version: m.version });
    assert.equal(code(res), 'MEMBER_NOT_ACTIVE');
    res = await env.as('admin').post(`/api/party-members/${m.id}/transfers`, {
      direction: 'in',
      toOrgId: br!.branch_id,
      on: '2025-09-01',
      version: m.version,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(json<{ member: Member }>(res).member.status, 'active');
  });

  it('members are scoped and masked like residents: allowed and denied per role', async () => {
    const [m] = await rows<{ id: string }>(sql`
      select m.id from party_members m join org_units o on o.path = m.org_path where o.name = '星港城' limit 1`);
    const cases: [string, number][] = [
      ['admin', 200],
      ['shuibosi', 200],
      ['taihe', 200],
      ['xinggang', 200],
      ['xinggang-branch', 200],
      ['youyijie', 403],
      ['qingyuan', 403],
      ['zhujian', 403],
      ['resident', 403],
      ['yiyuanli', 403],
    ];
    for (const [u, status] of cases) {
      const res = await env.as(u).get(`/api/party-members/${m!.id}`);
      assert.equal(res.statusCode, status, `${u}: ${res.body}`);
      if (status === 403) assert.match(code(res)!, /SCOPE_FORBIDDEN|PERMISSION_DENIED/);
      else assert.doesNotMatch(res.body, /\d{17}[\dX]/, 'no full ID number');
    }
    const list = json<{ items: Member[]; total: number }>(await env.as('youyijie').get('/api/party-members?limit=200'));
    const [youyi] = await rows<{ path: string }>(sql`select path from org_units where name = '友谊街社区'`);
    const paths = await rows<{ id: string; org_path: string }>(
      sql`select id, org_path from party_members where id in ${list.items.length ? list.items.map((i) => i.id) : ['']}`,
    );
    assert.ok(
      paths.every((p) => p.org_path.startsWith(youyi!.path)),
      'only members living in the scope',
    );
    const denied = await env.as('youyijie').post(`/api/party-members/${m!.id}/advance`, {
      stage: 'full',
      on: '2025-01-01',
      version: 1,
    });
    assert.equal(code(denied), 'SCOPE_FORBIDDEN');
  });

  it('a rider station gets its own branch with a 党建指导员, once', async () => {
    const [s] = await rows<{ id: string }>(
      sql`select id from stations where kind = 'rider' and id <> 'S-RD-1' order by id limit 1`,
    );
    let res = await env
      .as('qingyuan')
      .post('/api/party-orgs/station-branches', { stationId: s!.id, instructorName: '李党建' });
    assert.equal(res.statusCode, 201, res.body);
    const o = json<{ org: PartyOrgDetail }>(res).org;
    assert.equal(o.kind, 'station_branch');
    assert.equal(o.instructorName, '李党建');
    res = await env
      .as('qingyuan')
      .post('/api/party-orgs/station-branches', { stationId: s!.id, instructorName: '李党建' });
    assert.equal(code(res), 'STATION_HAS_BRANCH');
    res = await env
      .as('shuibosi')
      .post('/api/party-orgs/station-branches', { stationId: 'S-RD-3', instructorName: '李党建' });
    assert.equal(code(res), 'SCOPE_FORBIDDEN');
    const cross = await env.as('taihe').get('/api/party/cross-serving?limit=20');
    assert.equal(cross.statusCode, 200, cross.body);
  });
});
