import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { PARTY_LIFE_DEMO } from '../../demo/party-life.js';
import { shanghaiDate } from '../../lib/time.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type {
  BranchYear,
  MyPartyLife,
  PartyActivity,
  PartyActivityDetail,
  PartyAssessment,
  PartyQr,
  Settings,
  SystemChecks,
} from '../../../shared/party-life.schema.js';
import { complianceOf } from './year.service.js';

/**
 * 组织生活: activities with attendance (marked and by QR), the year's 三会一课 compliance and attendance
 * rates (hand-worked below), the working-systems checklist with its review, 考核评议 with grades, settings.
 */
let env: TestEnv;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.ctx.db, q);
let branch = '';
let other = '';
const M: string[] = []; // members A, B, C, D of the fresh branch

async function freshBranch(label: string): Promise<string> {
  const [c] = await rows<{ id: string }>(sql`select id from org_units where name = '太和社区'`);
  const res = await env.as('taihe').post('/api/compounds', { communityId: c!.id, name: `${label}号院` });
  assert.equal(res.statusCode, 201, res.body);
  const compound = json<{ unit: { id: string } }>(res).unit.id;
  const b = await env
    .as('taihe')
    .post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: [compound] });
  assert.equal(b.statusCode, 201, b.body);
  return json<{ org: { id: string } }>(b).org.id;
}
async function register(personId: string, partyOrgId: string): Promise<string> {
  const res = await env
    .as('admin')
    .post('/api/party-members', { personId, partyOrgId, stage: 'full', fullOn: '2010-07-01' });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ member: { id: string } }>(res).member.id;
}
async function schedule(body: Record<string, unknown>, as = 'taihe'): Promise<PartyActivity> {
  const res = await env.as(as).post('/api/party-activities', { partyOrgId: branch, place: '党群服务站', ...body });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ activity: PartyActivity }>(res).activity;
}
const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
async function mark(id: string, items: { memberId: string; status: string; leaveReason?: string }[]) {
  const res = await env.as('taihe').post(`/api/party-activities/${id}/attendance`, { items });
  assert.equal(res.statusCode, 200, res.body);
  return json<PartyActivityDetail>(res);
}

describe('party life: activities, attendance, compliance, checklist, assessment', () => {
  before(async () => {
    env = await createTestEnv();
    branch = await freshBranch('组织生活测试');
    other = await freshBranch('组织生活另一');
    const free = await rows<{ id: string }>(sql`
      select p.id from people p where p.birth_date < date '1995-01-01'
        and not exists (select 1 from party_members m where m.person_id = p.id)
        and not exists (select 1 from users u where u.person_id = p.id)
      order by p.id limit 4`);
    for (const p of free) M.push(await register(p.id, branch));
  });
  after(() => env.close());

  it('2025 of a branch: attendance per activity and per member, 三会一课 held vs required with the missing periods', async () => {
    const [A, B, C, D] = M as [string, string, string, string];
    const c1 = await schedule({
      kind: 'committee_meeting',
      topic: '一月支委会',
      startsAt: at('2025-01-06'),
      endsAt: at('2025-01-06', 10),
    });
    assert.equal(c1.attendance.expected, 4, 'every active member is expected by default');
    assert.equal(c1.status, 'scheduled');
    // a leave needs its reason: refused, nothing written
    const bad = await env.as('taihe').post(`/api/party-activities/${c1.id}/attendance`, {
      items: [
        { memberId: A, status: 'present' },
        { memberId: C, status: 'leave' },
      ],
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(code(bad), 'LEAVE_REASON_REQUIRED');
    assert.match(bad.body, /请假须填写请假事由/);
    const unchanged = json<PartyActivityDetail>(await env.as('taihe').get(`/api/party-activities/${c1.id}`));
    assert.equal(unchanged.activity.status, 'scheduled');
    assert.equal(unchanged.activity.attendance.present, 0);

    const d1 = await mark(c1.id, [
      { memberId: A, status: 'present' },
      { memberId: B, status: 'present' },
      { memberId: C, status: 'leave', leaveReason: '外出务工' },
      { memberId: D, status: 'absent' },
    ]);
    assert.equal(d1.activity.status, 'held');
    assert.deepEqual(d1.activity.attendance, { expected: 4, present: 2, leave: 1, absent: 1, rate: 50 });
    assert.equal(d1.attendees.find((x) => x.memberId === C)!.leaveReason, '外出务工');
    assert.ok(
      d1.attendees.every((x) => x.phoneMasked === null || x.phoneMasked.includes('*')),
      'phones masked',
    );

    const c2 = await schedule({
      kind: 'committee_meeting',
      topic: '二月支委会',
      startsAt: at('2025-02-10'),
      endsAt: at('2025-02-10', 10),
    });
    await mark(
      c2.id,
      [A, B, C, D].map((memberId) => ({ memberId, status: 'present' })),
    );
    const c3 = await schedule({
      kind: 'committee_meeting',
      topic: '四月支委会（一）',
      startsAt: at('2025-04-08'),
      endsAt: at('2025-04-08', 10),
      memberIds: [A, B],
    });
    const d3 = await mark(c3.id, [
      { memberId: A, status: 'present' },
      { memberId: B, status: 'leave', leaveReason: '身体不适' },
    ]);
    assert.deepEqual(d3.activity.attendance, { expected: 2, present: 1, leave: 1, absent: 0, rate: 50 });
    const c4 = await schedule({
      kind: 'committee_meeting',
      topic: '四月支委会（二）',
      startsAt: at('2025-04-22'),
      endsAt: at('2025-04-22', 10),
    });
    const d4 = await mark(
      c4.id,
      [A, B, C].map((memberId) => ({ memberId, status: 'present' })),
    );
    assert.deepEqual(d4.activity.attendance, { expected: 4, present: 3, leave: 0, absent: 0, rate: 75 });
    const g1 = await schedule({
      kind: 'general_meeting',
      topic: '一季度党员大会',
      startsAt: at('2025-03-25'),
      endsAt: at('2025-03-25', 11),
    });
    await mark(
      g1.id,
      [A, B, C, D].map((memberId) => ({ memberId, status: 'present' })),
    );
    const g3 = await schedule({
      kind: 'general_meeting',
      topic: '三季度党员大会',
      startsAt: at('2025-08-20'),
      endsAt: at('2025-08-20', 11),
    });
    await mark(g3.id, [
      { memberId: A, status: 'present' },
      ...[B, C, D].map((memberId) => ({ memberId, status: 'absent' })),
    ]);
    // a lecture cancelled, a 主题党日 never held: neither counts
    const l = await schedule({
      kind: 'lecture',
      topic: '五月党课',
      startsAt: at('2025-05-12'),
      endsAt: at('2025-05-12', 10),
    });
    const cancelled = await env.as('taihe').post(`/api/party-activities/${l.id}/cancel`, { version: l.version });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    await schedule({
      kind: 'theme_day',
      topic: '六月主题党日',
      startsAt: at('2025-06-15'),
      endsAt: at('2025-06-15', 10),
    });
    const heldCancel = await env.as('taihe').post(`/api/party-activities/${g3.id}/cancel`, { version: 2 });
    assert.equal(code(heldCancel), 'ACTIVITY_ALREADY_HELD');

    // a member of another branch cannot be put on the list; nothing is scheduled
    const [x] = await rows<{ id: string }>(
      sql`select id from party_members where party_org_id <> ${branch} and status = 'active' and stage = 'full' limit 1`,
    );
    const before = await rows<{ n: number }>(
      sql`select count(*)::int as n from party_activities where party_org_id = ${branch}`,
    );
    const wrong = await env.as('taihe').post('/api/party-activities', {
      partyOrgId: branch,
      kind: 'group_meeting',
      topic: '党小组会',
      place: '党群服务站',
      startsAt: at('2025-07-01'),
      endsAt: at('2025-07-01', 10),
      memberIds: [A, x!.id],
    });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(code(wrong), 'MEMBER_NOT_OF_BRANCH');
    const after_ = await rows<{ n: number }>(
      sql`select count(*)::int as n from party_activities where party_org_id = ${branch}`,
    );
    assert.equal(after_[0]!.n, before[0]!.n);

    const res = await env.as('taihe').get(`/api/party-orgs/${branch}/life?year=2025`);
    assert.equal(res.statusCode, 200, res.body);
    const y = json<BranchYear>(res);
    const row = (k: string) => y.compliance.find((r) => r.kind === k)!;
    assert.deepEqual(
      {
        required: row('committee_meeting').required,
        covered: row('committee_meeting').covered,
        held: row('committee_meeting').held,
        missing: row('committee_meeting').missing,
      },
      { required: 12, covered: 3, held: 4, missing: 9 },
    );
    assert.deepEqual(
      row('committee_meeting')
        .periods.filter((p) => p.state === 'missing')
        .map((p) => p.period),
      [3, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.equal(row('committee_meeting').periods[3]!.held, 2, 'April: two');
    assert.deepEqual(
      {
        covered: row('general_meeting').covered,
        missing: row('general_meeting').missing,
        required: row('general_meeting').required,
      },
      { covered: 2, missing: 2, required: 4 },
    );
    assert.deepEqual(
      row('general_meeting').periods.map((p) => p.state),
      ['held', 'missing', 'held', 'missing'],
    );
    assert.equal(row('lecture').held, 0, 'the cancelled lecture does not count');
    assert.equal(row('lecture').missing, 4);
    assert.equal(row('theme_day').missing, 12, 'a 主题党日 scheduled but never held does not count');
    assert.equal(row('group_meeting').missing, 12);
    assert.equal(
      y.compliance.some((r) => r.kind === 'other'),
      false,
      'kinds without a frequency are not checked',
    );
    // per member: held activities only (A 6/6, B 4/6, C 3/5, D 2/5); the branch 15/22
    const byId = new Map(y.members.map((m) => [m.memberId, m.attendance]));
    assert.deepEqual(byId.get(A), { expected: 6, present: 6, leave: 0, absent: 0, rate: 100 });
    assert.deepEqual(byId.get(B), { expected: 6, present: 4, leave: 1, absent: 1, rate: 66.7 });
    assert.deepEqual(byId.get(C), { expected: 5, present: 3, leave: 1, absent: 1, rate: 60 });
    assert.deepEqual(byId.get(D), { expected: 5, present: 2, leave: 0, absent: 2, rate: 40 });
    assert.deepEqual(y.attendance, { expected: 22, present: 15, leave: 2, absent: 4, rate: 68.2 });
    assert.deepEqual(y.byKind, [
      { kind: 'general_meeting', held: 2 },
      { kind: 'committee_meeting', held: 4 },
    ]);
    assert.deepEqual(y.can, { run: true, review: true });

    // the branch's secretary of another compound, a grid worker, another community: refused
    assert.equal(
      code(await env.as('xinggang-branch').get(`/api/party-orgs/${branch}/life?year=2025`)),
      'SCOPE_FORBIDDEN',
    );
    assert.equal(code(await env.as('youyijie').get(`/api/party-orgs/${branch}/life?year=2025`)), 'SCOPE_FORBIDDEN');
    assert.equal(code(await env.as('xinggang').get(`/api/party-orgs/${branch}/life?year=2025`)), 'PERMISSION_DENIED');
  });

  it('compliance as of a day inside the year: over and empty is missing, the current period open, later ones upcoming', () => {
    const held = [{ kind: 'lecture', month: 2, held: 1 }];
    const freq = {
      theme_day: 'none',
      general_meeting: 'none',
      committee_meeting: 'monthly',
      group_meeting: 'none',
      lecture: 'quarterly',
      contribution: 'none',
      contest: 'none',
      other: 'none',
    } as const;
    const [committee, lecture] = complianceOf(held, freq, 2026, '2026-05-10');
    assert.deepEqual(
      committee!.periods.slice(0, 6).map((p) => p.state),
      ['missing', 'missing', 'missing', 'missing', 'open', 'upcoming'],
    );
    assert.equal(committee!.missing, 4);
    assert.deepEqual(
      lecture!.periods.map((p) => p.state),
      ['held', 'open', 'upcoming', 'upcoming'],
    );
    // the last day of a period is still inside it
    assert.equal(complianceOf([], freq, 2026, '2026-03-31')[1]!.periods[0]!.state, 'open');
  });

  it('QR check-in by the member with their own account; the secretary sees it; the member sees their own year', async () => {
    const [resident] = await rows<{ person_id: string }>(sql`select person_id from users where username = 'resident'`);
    const existing = await rows<{ id: string }>(
      sql`select id from party_members where person_id = ${resident!.person_id}`,
    );
    assert.equal(existing.length, 0, 'the demo resident is not yet a member');
    const me = await register(resident!.person_id, branch);
    const now = Date.now();
    const a = await schedule({
      kind: 'theme_day',
      topic: '主题党日：重温入党誓词',
      startsAt: new Date(now - 600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    });
    const qrRes = await env.as('taihe').get(`/api/party-activities/${a.id}/qr`);
    assert.equal(qrRes.statusCode, 200, qrRes.body);
    const qr = json<PartyQr>(qrRes);
    assert.match(qr.url, /\/party\/scan\?t=/);
    assert.match(qr.svg, /^<svg/);
    // a tampered token is refused
    const [payload, sig] = qr.token.split('.');
    const forged = Buffer.from(JSON.stringify({ a: a.id, p: 'in', e: 4102444800 })).toString('base64url');
    assert.equal(
      code(await env.as('resident').post('/api/party-checkins', { token: `${forged}.${sig}` })),
      'QR_INVALID',
    );
    assert.equal(
      code(await env.as('resident').post('/api/party-checkins', { token: `${payload}.x${sig}` })),
      'QR_INVALID',
    );
    const ok = await env.as('resident').post('/api/party-checkins', { token: qr.token });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json<{ status: string }>(ok).status, 'present');
    assert.equal(code(await env.as('resident').post('/api/party-checkins', { token: qr.token })), 'ALREADY_CHECKED_IN');
    const d = json<PartyActivityDetail>(await env.as('taihe').get(`/api/party-activities/${a.id}`));
    const mine = d.attendees.find((x) => x.memberId === me)!;
    assert.equal(mine.status, 'present');
    assert.equal(mine.via, 'qr');
    assert.equal(d.activity.status, 'held');
    assert.equal(d.activity.attendance.present, 1);
    assert.equal(d.activity.attendance.expected, 5);

    // an activity of another branch: the resident is not its member
    const otherA = await env.as('taihe').post('/api/party-activities', {
      partyOrgId: other,
      kind: 'theme_day',
      topic: '另一支部主题党日',
      place: '党群服务站',
      startsAt: new Date(now - 600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    });
    assert.equal(code(otherA), 'NO_MEMBERS', 'a branch without members schedules nothing');
    // too early: an activity three hours ahead
    const later = await schedule({
      kind: 'lecture',
      topic: '专题党课',
      startsAt: new Date(now + 3 * 3600_000).toISOString(),
      endsAt: new Date(now + 4 * 3600_000).toISOString(),
    });
    const laterQr = json<PartyQr>(await env.as('taihe').get(`/api/party-activities/${later.id}/qr`));
    assert.equal(code(await env.as('resident').post('/api/party-checkins', { token: laterQr.token })), 'QR_TOO_EARLY');
    const early = await env
      .as('taihe')
      .post(`/api/party-activities/${later.id}/attendance`, { items: [{ memberId: me, status: 'present' }] });
    assert.equal(code(early), 'NOT_YET_STARTED');

    const year = Number(shanghaiDate(new Date(now)).slice(0, 4));
    const my = json<MyPartyLife>(await env.as('resident').get(`/api/my/party-life?year=${year}`));
    assert.equal(my.member!.partyOrgName.length > 0, true);
    assert.equal(my.activities.find((x) => x.id === a.id)!.myStatus, 'present');
    assert.equal(my.activities.find((x) => x.id === later.id)!.myStatus, 'expected');
    assert.deepEqual(my.attendance, { expected: 1, present: 1, leave: 0, absent: 0, rate: 100 });
    // the member reads no branch's records
    assert.equal(code(await env.as('resident').get(`/api/party-activities/${a.id}`)), 'PERMISSION_DENIED');
  });

  it('working systems: the branch submits evidence, the community approves; approved is final; the secretary cannot review', async () => {
    const [xg] = await rows<{ branch_id: string }>(sql`
      select bc.branch_id from branch_compounds bc join org_units u on u.id = bc.compound_id where u.name = '星港城'`);
    const listed = json<SystemChecks>(
      await env
        .as('xinggang-branch')
        .get(`/api/party-orgs/${xg!.branch_id}/system-checks?year=${PARTY_LIFE_DEMO.year}`),
    );
    assert.equal(listed.items.length, 6);
    assert.equal(listed.done, 3, 'the demo: three approved');
    assert.deepEqual(listed.can, { run: true, review: false });
    const put = await env.as('xinggang-branch').put(`/api/party-orgs/${xg!.branch_id}/system-checks/assessment`, {
      year: PARTY_LIFE_DEMO.year,
      evidence: '年终开展党员民主评议，评议结果已公示。',
    });
    assert.equal(put.statusCode, 200, put.body);
    const item = json<SystemChecks>(put).items.find((i) => i.itemKey === 'assessment')!;
    assert.equal(item.status, 'submitted');
    const denied = await env
      .as('xinggang-branch')
      .post(`/api/party-orgs/${xg!.branch_id}/system-checks/assessment/review`, {
        year: PARTY_LIFE_DEMO.year,
        decision: 'approved',
        version: item.version,
      });
    assert.equal(code(denied), 'PERMISSION_DENIED');
    const stale = await env.as('taihe').post(`/api/party-orgs/${xg!.branch_id}/system-checks/assessment/review`, {
      year: PARTY_LIFE_DEMO.year,
      decision: 'approved',
      version: item.version + 1,
    });
    assert.equal(code(stale), 'CHECK_CHANGED');
    const approved = await env.as('taihe').post(`/api/party-orgs/${xg!.branch_id}/system-checks/assessment/review`, {
      year: PARTY_LIFE_DEMO.year,
      decision: 'approved',
      note: '同意',
      version: item.version,
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(json<SystemChecks>(approved).done, 4);
    const again = await env.as('xinggang-branch').put(`/api/party-orgs/${xg!.branch_id}/system-checks/assessment`, {
      year: PARTY_LIFE_DEMO.year,
      evidence: '补充材料：评议表 32 份。',
    });
    assert.equal(code(again), 'CHECK_APPROVED');
    const unknown = await env.as('xinggang-branch').put(`/api/party-orgs/${xg!.branch_id}/system-checks/no_such`, {
      year: PARTY_LIFE_DEMO.year,
      evidence: '材料材料材料',
    });
    assert.equal(code(unknown), 'SYSTEM_ITEM_UNKNOWN');
    const notSubmitted = await env
      .as('taihe')
      .post(`/api/party-orgs/${xg!.branch_id}/system-checks/position_management/review`, {
        year: PARTY_LIFE_DEMO.year,
        decision: 'approved',
        version: 1,
      });
    assert.equal(code(notSubmitted), 'CHECK_NOT_SUBMITTED');
  });

  it('考核评议: scores on the items, total and grade, replaced when entered again; bad scores change nothing', async () => {
    const scores = { organisation: 22, org_life: 18, service: 17, contribution: 12, contest: 10 };
    const res = await env
      .as('taihe')
      .put(`/api/party-orgs/${branch}/assessments`, { year: 2025, subject: 'branch', scores });
    assert.equal(res.statusCode, 200, res.body);
    const a = json<{ assessment: PartyAssessment }>(res).assessment;
    assert.equal(a.total, 79);
    assert.equal(a.maxTotal, 100);
    assert.equal(a.grade, 'fair', '79 of 100 is below 良好 (80)');
    const over = await env.as('taihe').put(`/api/party-orgs/${branch}/assessments`, {
      year: 2025,
      subject: 'branch',
      scores: { ...scores, contest: 16 },
    });
    assert.equal(code(over), 'SCORE_OVER_MAX');
    assert.match(over.body, /最高 15 分，不能打 16 分/);
    const { contest: _c, ...missing } = scores;
    assert.equal(
      code(
        await env
          .as('taihe')
          .put(`/api/party-orgs/${branch}/assessments`, { year: 2025, subject: 'branch', scores: missing }),
      ),
      'SCORE_MISSING',
    );
    assert.equal(
      code(
        await env.as('taihe').put(`/api/party-orgs/${branch}/assessments`, {
          year: 2025,
          subject: 'secretary',
          scores: { duty: 1, org_life: 1, masses: 1, integrity: 1 },
        }),
      ),
      'NO_SECRETARY',
    );
    assert.equal(
      code(
        await env
          .as('xinggang-branch')
          .put(`/api/party-orgs/${branch}/assessments`, { year: 2025, subject: 'branch', scores }),
      ),
      'PERMISSION_DENIED',
    );
    const again = await env.as('shuibosi').put(`/api/party-orgs/${branch}/assessments`, {
      year: 2025,
      subject: 'branch',
      scores: { ...scores, contest: 11 },
    });
    assert.equal(json<{ assessment: PartyAssessment }>(again).assessment.grade, 'good');
    const list = json<{ items: PartyAssessment[]; grades: Record<string, number> }>(
      await env.as('taihe').get(`/api/party-assessments?year=2025&partyOrgId=${branch}`),
    );
    assert.equal(list.items.length, 1, 'entered again: replaced');
    assert.equal(list.items[0]!.total, 80);
    assert.equal(list.grades.good, 1);
    // the demo's 2025 results: five branches and their secretaries; another community sees none of 太和's
    const all = json<{ items: PartyAssessment[] }>(await env.as('admin').get('/api/party-assessments?year=2025'));
    assert.ok(all.items.filter((i) => i.subject === 'branch').length >= PARTY_LIFE_DEMO.branches);
    const yy = json<{ items: PartyAssessment[] }>(await env.as('youyijie').get('/api/party-assessments?year=2025'));
    assert.equal(
      yy.items.some((i) => i.partyOrgId === branch),
      false,
    );
  });

  it('the demo: a year of activities for five branches with realistic attendance and flagged months', async () => {
    const [n] = await rows<{ branches: number; held: number; rate: number }>(sql`
      select count(distinct a.party_org_id)::int as branches, count(distinct a.id) filter (where a.status = 'held')::int as held,
        round(100.0 * count(*) filter (where t.status = 'present') / count(*), 1)::float as rate
      from party_activities a join party_attendance t on t.district_id = a.district_id and t.activity_id = a.id
      where a.id like 'PA-%' and a.status = 'held'`);
    assert.equal(n!.branches, PARTY_LIFE_DEMO.branches);
    assert.ok(n!.rate > 60 && n!.rate < 90, `attendance ${n!.rate}%`);
    const [xg] = await rows<{ branch_id: string }>(sql`
      select bc.branch_id from branch_compounds bc join org_units u on u.id = bc.compound_id where u.name = '星港城'`);
    const y = json<BranchYear>(
      await env.as('xinggang-branch').get(`/api/party-orgs/${xg!.branch_id}/life?year=${PARTY_LIFE_DEMO.year}`),
    );
    const general = y.compliance.find((r) => r.kind === 'general_meeting')!;
    assert.deepEqual(
      general.periods.slice(0, 3).map((p) => p.state),
      ['held', 'held', 'held'],
    );
    assert.ok(y.members.length > 0);
  });

  it('settings: the district changes a frequency (versioned); others may not', async () => {
    const s = json<Settings>(await env.as('taihe').get('/api/party-life/settings'));
    assert.equal(s.version, 0);
    assert.equal(s.frequencies.lecture, 'quarterly');
    assert.equal(s.systems.length, 6);
    const body = { ...s, frequencies: { ...s.frequencies, lecture: 'monthly' } };
    assert.equal(code(await env.as('taihe').put('/api/party-life/settings', body)), 'PERMISSION_DENIED');
    const dup = await env
      .as('admin')
      .put('/api/party-life/settings', { ...body, systems: [...s.systems, s.systems[0]] });
    assert.equal(code(dup), 'DUPLICATE_KEY');
    const ok = await env.as('admin').put('/api/party-life/settings', body);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json<Settings>(ok).version, 1);
    assert.equal(code(await env.as('admin').put('/api/party-life/settings', body)), 'SETTINGS_CHANGED');
    const y = json<BranchYear>(await env.as('taihe').get(`/api/party-orgs/${branch}/life?year=2025`));
    assert.equal(y.compliance.find((r) => r.kind === 'lecture')!.required, 12);
  });

  it('settings: working systems are added, renamed and disabled (never dropped); the checklist follows', async () => {
    const [xg] = await rows<{ branch_id: string }>(sql`
      select bc.branch_id from branch_compounds bc join org_units u on u.id = bc.compound_id where u.name = '星港城'`);
    const checks = async () =>
      json<SystemChecks>(
        await env.as('xinggang-branch').get(`/api/party-orgs/${xg!.branch_id}/system-checks?year=2026`),
      ).items;
    const s = json<Settings>(await env.as('admin').get('/api/party-life/settings'));
    const [first, ...rest] = s.systems;
    const put = (systems: Settings['systems']) => env.as('admin').put('/api/party-life/settings', { ...s, systems });
    assert.equal(code(await put(rest)), 'SYSTEM_ITEM_REMOVED');
    assert.equal(code(await put(s.systems.map((x) => ({ ...x, disabled: true })))), 'NO_SYSTEM_ENABLED');
    assert.equal(
      code(await env.as('taihe').put('/api/party-life/settings', { ...s, systems: [...s.systems] })),
      'PERMISSION_DENIED',
    );
    const ok = await put([
      { ...first!, disabled: true },
      { ...rest[0]!, name: '党员日常管理制度' },
      ...rest.slice(1),
      { key: 'volunteer_service', name: '志愿服务制度' },
    ]);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json<Settings>(ok).version, s.version + 1);
    const items = await checks();
    assert.deepEqual(
      items.map((i) => i.itemKey),
      [...rest.map((x) => x.key), 'volunteer_service'],
    );
    assert.equal(items[0]!.name, '党员日常管理制度');
    const refused = await env
      .as('xinggang-branch')
      .put(`/api/party-orgs/${xg!.branch_id}/system-checks/${first!.key}`, {
        year: 2026,
        evidence: '停用后仍提交的材料。',
      });
    assert.equal(code(refused), 'SYSTEM_ITEM_DISABLED');
    const added = await env
      .as('xinggang-branch')
      .put(`/api/party-orgs/${xg!.branch_id}/system-checks/volunteer_service`, {
        year: 2026,
        evidence: '组织党员参加志愿服务。',
      });
    assert.equal(added.statusCode, 200, added.body);
    // enabled again: back on the list
    const again = json<Settings>(ok);
    const back = await env.as('admin').put('/api/party-life/settings', {
      ...again,
      systems: again.systems.map((x) => ({ ...x, disabled: false })),
    });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await checks()).length, s.systems.length + 1);
  });
});
