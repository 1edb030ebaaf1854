import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { hashPassword } from '../auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../testing/harness.js';
import { sweepMinorOverdue } from './minor-protection.service.js';

let env: TestEnv;

interface Summary {
  id: string;
  caseNo: string;
  identityVisible: boolean;
  name: string | null;
  nameMasked: string;
  age: number | null;
  ageBand: string;
  categories: string[];
  riskLevel: string;
  status: string;
  nextVisitDue: string | null;
  lastVisitOn: string | null;
  isVisitOverdue: boolean;
  isEscalated: boolean;
  version: number;
  streetName: string;
}
interface Detail {
  case: Summary & {
    identity: {
      name: string;
      idMasked: string | null;
      address: string | null;
      guardians: { name: string; relation: string }[];
      health: string | null;
    } | null;
    services: { kind: string; outcome: string | null; visit: unknown }[];
    consents: { id: string }[];
    referrals: { id: string; status: string; basis: string; request: string | null; canRespond: boolean }[];
    events: { type: string; note: string | null }[];
  };
  can: {
    work: boolean;
    approve: boolean;
    requestClosure: boolean;
    decideClosure: boolean;
    reopen: boolean;
    assign: boolean;
  };
}
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function qingyuanCase(): Promise<string> {
  const [c] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`
    select mc.id from minor_cases mc join org_units s on s.district_id = mc.district_id and s.id = mc.street_id
    where s.name = '清远街道' and mc.status = 'open' order by mc.case_no limit 1`,
  );
  return c!.id;
}

describe('minor protection: files, identity rule, case work', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('loads the seed: 4 stations opened 2021-12-08 to the 五有 standard, 50 files over 40+ communities of the four streets', async () => {
    const stations = json<{ items: { streetName: string; openedOn: string; metCount: number; operator: string }[] }>(
      await env.as('minor-centre').get('/api/minor-stations'),
    ).items;
    assert.deepEqual(stations.map((s) => s.streetName).sort(), ['开源街道', '振华街道', '清远街道', '迎宾街道'].sort());
    assert.ok(
      stations.every(
        (s) => s.openedOn === '2021-12-08' && s.metCount === 5 && s.operator === '大同市毅源力社会组织发展中心',
      ),
    );
    const report = json<{
      total: number;
      communities: number;
      byCategory: { id: string; count: number }[];
      byStreet: { streetName: string }[];
    }>(await env.as('minor-centre').get('/api/minor-reports'));
    assert.equal(report.total, 50);
    assert.ok(report.communities >= 40, `communities ${report.communities}`);
    for (const c of ['orphan', 'unsupported', 'disabled', 'ill'])
      assert.ok(report.byCategory.find((x) => x.id === c)!.count > 0, c);
    assert.deepEqual(
      report.byStreet.map((s) => s.streetName).sort(),
      ['开源街道', '振华街道', '清远街道', '迎宾街道'].sort(),
    );
  });

  it('shows identities only to the assigned social worker, the station head and the city centre; others see masked records', async () => {
    const id = await qingyuanCase();
    for (const u of ['qingyuan-sw', 'qingyuan-head', 'minor-centre']) {
      const d = json<Detail>(await env.as(u).get(`/api/minor-cases/${id}`));
      assert.equal(d.case.identityVisible, true, u);
      assert.ok(d.case.identity?.name && d.case.identity.guardians.length >= 0, u);
      assert.ok(
        d.case.services.every((s) => s.outcome !== null),
        u,
      );
    }
    for (const u of ['qingyuan', 'admin']) {
      const res = await env.as(u).get(`/api/minor-cases/${id}`);
      assert.equal(res.statusCode, 200, u);
      const d = json<Detail>(res);
      assert.equal(d.case.identityVisible, false, u);
      assert.equal(d.case.identity, null, u);
      assert.equal(d.case.name, null, u);
      // no name characters at all, an age band instead of the age
      assert.equal(d.case.nameMasked, '受保护未成年人', u);
      assert.equal(d.case.age, null, u);
      assert.ok(['0-5', '6-11', '12-17'].includes(d.case.ageBand), u);
      assert.ok(d.case.services.length > 0 && d.case.services.every((s) => s.outcome === null && s.visit === null), u);
      assert.ok(d.case.riskLevel && d.case.categories.length > 0, u);
      assert.equal(d.can.work, false, u);
      // the raw body carries neither the name nor the address
      const [row] = await queryRows<{ name_cipher: string }>(
        env.ctx.db,
        sql`select name_cipher from minor_cases where id = ${id}`,
      );
      const name = env.ctx.crypto.decrypt(row!.name_cipher);
      assert.ok(
        !res.body.includes(name) && !res.body.includes(`"${[...name][0]}`),
        `${u} must not receive the name or surname`,
      );
    }
    // out of the subtree: refused
    for (const u of ['kaiyuan-sw', 'shuibosi', 'taihe']) {
      const res = await env.as(u).get(`/api/minor-cases/${id}`);
      assert.equal(res.statusCode, 403, u);
      assert.equal(code(res), 'SCOPE_FORBIDDEN', u);
    }
    // no minor.read: refused outright
    for (const u of ['zhujian', 'yiyuanli', 'xinggang'])
      assert.equal(code(await env.as(u).get(`/api/minor-cases/${id}`)), 'PERMISSION_DENIED', u);
    // a second social worker of the same street, not assigned: the file is not theirs to read (not even masked) nor to work
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id)
      select '140213', 'U-SW2', 'qingyuan-sw2', '清远街道未保站 社工二', ${await hashPassword(DEMO_PASSWORD)}, 'social_worker', id from org_units where name = '清远街道'`);
    const other = await env.as('qingyuan-sw2').get(`/api/minor-cases/${id}`);
    assert.equal(other.statusCode, 403);
    assert.equal(code(other), 'SCOPE_FORBIDDEN');
    const list = json<{ items: { id: string }[] }>(await env.as('qingyuan-sw2').get('/api/minor-cases?limit=200'));
    assert.ok(!list.items.some((c) => c.id === id), 'an unassigned social worker does not list the file');
    const refused = await env.as('qingyuan-sw2').post(`/api/minor-cases/${id}/services`, {
      kind: 'tutoring',
      servedOn: today(),
      outcome: '课业辅导',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(code(refused), 'SCOPE_FORBIDDEN');
  });

  it('audits every read of a file with who and which fields', async () => {
    const id = await qingyuanCase();
    await env.as('qingyuan').get(`/api/minor-cases/${id}`);
    await env.as('qingyuan-head').get(`/api/minor-cases/${id}`);
    const rows = await queryRows<{ actor_user_id: string; detail: { identity: boolean; fields: string[] }; at: Date }>(
      env.ctx.db,
      sql`
      select actor_user_id, detail, at from audit_log where action = 'minor_case.read' and entity_id = ${id} order by id desc limit 2`,
    );
    const [head, street] = rows;
    assert.equal(head!.detail.identity, true);
    assert.ok(head!.detail.fields.includes('guardians') && head!.detail.fields.includes('health'));
    assert.equal(street!.detail.identity, false);
    assert.ok(!street!.detail.fields.includes('name') && street!.detail.fields.includes('riskLevel'));
    assert.ok(head!.at instanceof Date || typeof head!.at === 'string');
    // lists are audited too, naming whose identity was shown
    await env.as('qingyuan-sw').get('/api/minor-cases?box=mine');
    const [list] = await queryRows<{ detail: { identityShownFor: string[] } }>(
      env.ctx.db,
      sql`select detail from audit_log where action = 'minor_case.list' order by id desc limit 1`,
    );
    assert.ok(list!.detail.identityShownFor.includes(id));
  });

  it('keeps children with a file out of the people registry for everyone without identity access to that file', async () => {
    const [c] = await queryRows<{ person_id: string; version: number; worker_user_id: string }>(
      env.ctx.db,
      sql`
      select mc.person_id, p.version, mc.worker_user_id from minor_cases mc join org_units s on s.district_id = mc.district_id and s.id = mc.street_id
      join people p on p.district_id = mc.district_id and p.id = mc.person_id where s.name = '清远街道' order by mc.case_no limit 1`,
    );
    const refused = await env.as('qingyuan').get('/api/people?tag=child_in_difficulty');
    assert.equal(refused.statusCode, 403);
    assert.equal(code(refused), 'TAG_RESTRICTED');
    // the child's registry entry does not exist for the street user
    const street = await env.as('qingyuan').get(`/api/people/${c!.person_id}`);
    assert.equal(street.statusCode, 404);
    assert.equal(code(street), 'PERSON_NOT_FOUND');
    const sw = json<{ person: { tags: string[]; name: string } }>(
      await env.as('qingyuan-sw').get(`/api/people/${c!.person_id}`),
    );
    assert.ok(sw.person.tags.includes('child_in_difficulty'));
    assert.notEqual(sw.person.name, '受保护未成年人', 'the assigned worker sees the decrypted name');
    const assigned = (
      await queryRows<{ person_id: string }>(
        env.ctx.db,
        sql`select person_id from minor_cases where worker_user_id = ${c!.worker_user_id}`,
      )
    )
      .map((r) => r.person_id)
      .sort();
    const tagged = json<{ items: { id: string }[] }>(
      await env.as('qingyuan-sw').get('/api/people?tag=child_in_difficulty&limit=100'),
    )
      .items.map((p) => p.id)
      .sort();
    assert.deepEqual(tagged, assigned, "a social worker's tag list holds exactly the children assigned to them");
    // an unassigned social worker of the same street finds none of them
    assert.deepEqual(
      json<{ items: unknown[] }>(await env.as('qingyuan-sw2').get('/api/people?tag=child_in_difficulty&limit=100'))
        .items,
      [],
    );
    // a community worker can neither read nor change the child's entry
    const [cw] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id)
      select '140213', 'U-CW9', 'qy-community', '清远社区工作者', ${await hashPassword(DEMO_PASSWORD)}, 'community_worker', split_part(p.org_path, '/', 3) from people p where p.id = ${c!.person_id} returning id`,
    );
    assert.ok(cw);
    const saved = await env.as('qy-community').patch(`/api/people/${c!.person_id}`, {
      version: c!.version,
      tags: ['volunteer'],
    });
    assert.equal(saved.statusCode, 404, saved.body);
    assert.equal(code(saved), 'PERSON_NOT_FOUND');
    const [after] = await queryRows<{ tags: string[]; version: number }>(
      env.ctx.db,
      sql`select tags, version from people where id = ${c!.person_id}`,
    );
    assert.deepEqual(after!.tags, ['child_in_difficulty']);
    assert.equal(after!.version, c!.version);
  });

  it('keeps identities and health details encrypted at rest', async () => {
    const id = await qingyuanCase();
    const [row] = await queryRows<{
      name_cipher: string;
      guardians_cipher: string;
      name: string;
      person_name_cipher: string;
      birth_date: string | null;
      household_id: string | null;
    }>(
      env.ctx.db,
      sql`
      select mc.name_cipher, mc.guardians_cipher, p.name, p.name_cipher as person_name_cipher, p.birth_date, p.household_id
      from minor_cases mc join people p on p.district_id = mc.district_id and p.id = mc.person_id where mc.id = ${id}`,
    );
    const name = env.ctx.crypto.decrypt(row!.name_cipher);
    assert.equal(env.ctx.crypto.decrypt(row!.person_name_cipher), name);
    // the registry row keeps a placeholder, no birth date and no household link in clear
    assert.deepEqual([row!.name, row!.birth_date, row!.household_id], ['受保护未成年人', null, null]);
    assert.ok(Array.isArray(JSON.parse(env.ctx.crypto.decrypt(row!.guardians_cipher))));
    const [ill] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from minor_cases where health_cipher is not null and health_cipher like '%残疾%'`,
    );
    assert.equal(ill!.n, 0);
  });

  it('records a home visit and schedules the next one from category and risk level', async () => {
    const id = await qingyuanCase();
    const before = json<Detail>(await env.as('qingyuan-sw').get(`/api/minor-cases/${id}`));
    const noDetails = await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/services`, {
      kind: 'home_visit',
      servedOn: today(),
      outcome: '入户探访',
    });
    assert.equal(code(noDetails), 'VISIT_DETAILS_REQUIRED');
    const future = await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/services`, {
      kind: 'tutoring',
      servedOn: '2999-01-01',
      outcome: '课业辅导',
    });
    assert.equal(code(future), 'DATE_IN_FUTURE');
    assert.equal(
      code(
        await env.as('qingyuan').post(`/api/minor-cases/${id}/services`, {
          kind: 'tutoring',
          servedOn: today(),
          outcome: 'x',
        }),
      ),
      'PERMISSION_DENIED',
    );
    const res = await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/services`, {
      kind: 'home_visit',
      servedOn: today(),
      outcome: '入户探访，孩子状态良好',
      visit: { childSeen: true, livingConditions: 'fair', safetyConcern: false, notes: '冬衣不足' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = json<Detail>(res);
    assert.equal(d.case.lastVisitOn, today());
    const [cats] = await queryRows<{ days: number }>(
      env.ctx.db,
      sql`
      select min(case mc.risk_level when 'high' then c.visit_days_high when 'medium' then c.visit_days_medium else c.visit_days_low end)::int as days
      from minor_cases mc join minor_categories c on c.district_id = mc.district_id and c.id = any(mc.categories) where mc.id = ${id}`,
    );
    const expected = new Date(`${today()}T00:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() + cats!.days);
    assert.equal(d.case.nextVisitDue, expected.toISOString().slice(0, 10));
    assert.equal(d.case.services.length, before.case.services.length + 1);
    assert.ok(d.case.events.some((e) => e.type === 'visited'));
    // raising the risk level shortens the interval
    const up = json<Detail>(
      await env.as('qingyuan-sw').patch(`/api/minor-cases/${id}`, { version: d.case.version, riskLevel: 'high' }),
    );
    assert.ok(up.case.nextVisitDue! <= d.case.nextVisitDue!);
    const stale = await env.as('qingyuan-sw').patch(`/api/minor-cases/${id}`, {
      version: d.case.version,
      riskLevel: 'low',
    });
    assert.equal(code(stale), 'VERSION_CONFLICT');
  });

  it('escalates an overdue visit to the station head exactly once, also after downtime', async () => {
    const id = await qingyuanCase();
    const later = new Date(Date.now() + 3600_000); // e.g. the first sweep after the server was down
    await sweepMinorOverdue(env.ctx, later); // whatever the demo has overdue by then
    await env.ctx.db.execute(sql`update minor_cases set next_visit_due = current_date - 3 where id = ${id}`);
    assert.equal((await sweepMinorOverdue(env.ctx, later)).visits, 1);
    assert.equal((await sweepMinorOverdue(env.ctx, later)).visits, 0);
    assert.equal((await sweepMinorOverdue(env.ctx)).visits, 0);
    const [o] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from outbox where topic = 'minor.visit_overdue' and payload->>'caseId' = ${id}`,
    );
    assert.equal(o!.n, 1);
    const head = json<{ visitsOverdue: Summary[] }>(await env.as('qingyuan-head').get('/api/minor-tasks'));
    const mine = head.visitsOverdue.find((c) => c.id === id)!;
    assert.equal(mine.isEscalated, true);
    assert.equal(mine.isVisitOverdue, true);
    // a visit clears it; a new missed due date fires once more
    await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/services`, {
      kind: 'home_visit',
      servedOn: today(),
      outcome: '补访',
      visit: { childSeen: true, livingConditions: 'good', safetyConcern: false },
    });
    await env.ctx.db.execute(sql`update minor_cases set next_visit_due = current_date - 1 where id = ${id}`);
    assert.equal((await sweepMinorOverdue(env.ctx)).visits, 1);
  });

  it('refers only with guardian consent or an audited override, and the receiver acknowledges and reports back', async () => {
    const id = await qingyuanCase();
    const none = await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/referrals`, {
      receiverKind: 'department',
      workUnitId: 'W001',
      request: '协助危房鉴定',
    });
    assert.equal(none.statusCode, 400);
    assert.equal(code(none), 'CONSENT_REQUIRED');
    const override = await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/referrals`, {
      receiverKind: 'department',
      workUnitId: 'W001',
      request: '协助危房鉴定',
      overrideReason: '房屋存在倒塌危险，紧急处置',
    });
    assert.equal(override.statusCode, 200, override.body);
    const [audit] = await queryRows<{ detail: { basis: string; overrideReason: string } }>(
      env.ctx.db,
      sql`select detail from audit_log where action = 'minor_case.refer' order by id desc limit 1`,
    );
    assert.equal(audit!.detail.basis, 'override');
    assert.equal(audit!.detail.overrideReason, '房屋存在倒塌危险，紧急处置');
    const withConsent = json<Detail>(
      await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/consents`, {
        guardian: '监护人',
        givenOn: today(),
        scope: '同意向毅源力共享',
      }),
    );
    const consentId = withConsent.case.consents.at(-1)!.id;
    const yiyuanli = (
      await queryRows<{ id: string }>(env.ctx.db, sql`select id from users where username = 'yiyuanli'`)
    )[0]!.id;
    const byConsent = json<Detail>(
      await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/referrals`, {
        receiverKind: 'organisation',
        receiverUserId: yiyuanli,
        request: '链接志愿者课业辅导',
        consentId,
      }),
    );
    assert.equal(byConsent.case.referrals.at(-1)!.basis, 'consent');

    // the department sees its referral (child masked), acknowledges and reports back; others may not
    const inbox = json<{ items: { id: string; childMasked: string; request: string | null; canRespond: boolean }[] }>(
      await env.as('zhujian').get('/api/minor-referrals'),
    ).items;
    const ref = inbox.find((r) => r.request === '协助危房鉴定')!;
    assert.ok(ref && ref.canRespond && ref.childMasked === '受保护未成年人');
    assert.equal(
      code(await env.as('yiyuanli').post(`/api/minor-referrals/${ref.id}/acknowledge`, {})),
      'REFERRAL_FORBIDDEN',
    );
    assert.equal(
      code(await env.as('qingyuan').post(`/api/minor-referrals/${ref.id}/acknowledge`, {})),
      'PERMISSION_DENIED',
    );
    assert.equal(
      json<{ referral: { status: string } }>(
        await env.as('zhujian').post(`/api/minor-referrals/${ref.id}/acknowledge`, {}),
      ).referral.status,
      'acknowledged',
    );
    assert.equal(
      code(await env.as('zhujian').post(`/api/minor-referrals/${ref.id}/acknowledge`, {})),
      'CASE_STATE_INVALID',
    );
    assert.equal(
      json<{ referral: { status: string } }>(
        await env.as('zhujian').post(`/api/minor-referrals/${ref.id}/report`, {
          report: '已鉴定为 C 级危房，已安排临时安置',
        }),
      ).referral.status,
      'reported',
    );
    const after = json<Detail>(await env.as('qingyuan-sw').get(`/api/minor-cases/${id}`));
    assert.ok(after.case.events.some((e) => e.type === 'referral_reported'));
    // the organisation's referral is not acknowledged in time: escalated once
    await env.ctx.db.execute(
      sql`update minor_referrals set ack_due_at = now() - interval '1 hour' where case_id = ${id} and receiver_kind = 'organisation'`,
    );
    assert.equal((await sweepMinorOverdue(env.ctx)).referrals, 1);
    assert.equal((await sweepMinorOverdue(env.ctx)).referrals, 0);
  });

  it('closes a case only with the station head’s approval, and reopens it', async () => {
    const id = await qingyuanCase();
    const d = json<Detail>(
      await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/closure`, { reason: '孩子已由亲属收养，困境解除' }),
    );
    assert.equal(d.case.status, 'closure_requested');
    assert.equal(
      code(await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/closure/decide`, { approve: true })),
      'PERMISSION_DENIED',
    );
    assert.equal(
      code(await env.as('qingyuan').post(`/api/minor-cases/${id}/closure/decide`, { approve: true })),
      'PERMISSION_DENIED',
    );
    const tasks = json<{ closuresToDecide: Summary[] }>(await env.as('qingyuan-head').get('/api/minor-tasks'));
    assert.ok(tasks.closuresToDecide.some((c) => c.id === id));
    const closed = json<Detail>(
      await env.as('qingyuan-head').post(`/api/minor-cases/${id}/closure/decide`, { approve: true }),
    );
    assert.equal(closed.case.status, 'closed');
    assert.equal(
      code(
        await env.as('qingyuan-sw').post(`/api/minor-cases/${id}/services`, {
          kind: 'tutoring',
          servedOn: today(),
          outcome: 'x',
        }),
      ),
      'CASE_STATE_INVALID',
    );
    const reopened = json<Detail>(
      await env.as('qingyuan-head').post(`/api/minor-cases/${id}/reopen`, { reason: '收养未成，重新跟进' }),
    );
    assert.equal(reopened.case.status, 'open');
    assert.ok(reopened.case.nextVisitDue! > today());
  });

  it('opens a file for a child in scope, once, and refuses adults', async () => {
    const [child] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`
      select p.id from people p join org_units s on s.district_id = p.district_id and s.id = split_part(p.org_path, '/', 2)
      where s.name = '清远街道' and p.birth_date > current_date - interval '15 years' and not exists (select 1 from minor_cases mc where mc.person_id = p.id) limit 1`,
    );
    const [adult] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`
      select p.id from people p join org_units s on s.district_id = p.district_id and s.id = split_part(p.org_path, '/', 2)
      where s.name = '清远街道' and p.birth_date < current_date - interval '30 years' limit 1`,
    );
    const body = {
      personId: child!.id,
      categories: ['left_behind'],
      riskLevel: 'medium',
      guardians: [{ name: '王奶奶', relation: '祖母' }],
      needs: ['tutoring'],
    };
    const created = await env.as('qingyuan-sw').post('/api/minor-cases', body);
    assert.equal(created.statusCode, 201, created.body);
    const c = json<Detail>(created);
    assert.equal(c.case.identityVisible, true);
    assert.ok(c.case.nextVisitDue);
    assert.equal(code(await env.as('qingyuan-sw').post('/api/minor-cases', body)), 'CASE_EXISTS');
    assert.equal(
      code(await env.as('qingyuan-sw').post('/api/minor-cases', { ...body, personId: adult!.id })),
      'NOT_A_MINOR',
    );
    assert.equal(
      code(await env.as('qingyuan-sw').post('/api/minor-cases', { ...body, categories: ['nope'] })),
      'CATEGORY_UNKNOWN',
    );
    assert.equal(code(await env.as('kaiyuan-sw').post('/api/minor-cases', body)), 'SCOPE_FORBIDDEN');
  });

  it('reports counts by category, risk and street, and exports .xlsx with the same masking', async () => {
    const street = json<{ total: number; byStreet: unknown[] }>(await env.as('qingyuan').get('/api/minor-reports'));
    assert.equal(street.byStreet.length, 1);
    const centre = json<{ byStreet: { streetName: string; total: number }[] }>(
      await env.as('minor-centre').get('/api/minor-reports'),
    );
    assert.equal(centre.byStreet.find((s) => s.streetName === '清远街道')!.total, street.total);
    const names = async (user: string) => {
      const res = await env.as(user).get('/api/minor-reports/export.xlsx');
      assert.equal(res.statusCode, 200, res.body);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('档案台账')!;
      const out: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) out.push(String(row.getCell(2).value));
      });
      return out;
    };
    const masked = await names('qingyuan');
    assert.equal(masked.length, street.total);
    assert.ok(
      masked.every((n) => n === '受保护未成年人'),
      masked.join(','),
    );
    const full = await names('qingyuan-head');
    assert.ok(full.every((n) => !n.includes('*')));
    const [a] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'minor_report.export'`,
    );
    assert.equal(a!.n, 2);
  });

  it('lets the city centre configure visit intervals and the station head keep the 五有 checklist', async () => {
    const bad = await env.as('minor-centre').put('/api/minor-categories/orphan', {
      name: '孤儿',
      visitDaysLow: 10,
      visitDaysMedium: 30,
      visitDaysHigh: 60,
    });
    assert.equal(bad.statusCode, 400);
    const ok = await env.as('minor-centre').put('/api/minor-categories/orphan', {
      name: '孤儿',
      sort: 1,
      visitDaysLow: 60,
      visitDaysMedium: 30,
      visitDaysHigh: 14,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(
      code(
        await env.as('qingyuan-head').put('/api/minor-categories/orphan', {
          name: '孤儿',
          visitDaysLow: 60,
          visitDaysMedium: 30,
          visitDaysHigh: 14,
        }),
      ),
      'PERMISSION_DENIED',
    );
    const stations = json<{ items: { id: string; streetName: string; version: number; canEdit: boolean }[] }>(
      await env.as('qingyuan-head').get('/api/minor-stations'),
    ).items;
    const mine = stations.find((s) => s.streetName === '清远街道')!;
    assert.equal(mine.canEdit, true);
    const upd = json<{ station: { metCount: number } }>(
      await env.as('qingyuan-head').patch(`/api/minor-stations/${mine.id}`, {
        version: mine.version,
        checklist: [{ key: 'ledger', met: false, note: '台账待补' }],
      }),
    );
    assert.equal(upd.station.metCount, 4);
    assert.ok(!stations.some((s) => s.streetName === '开源街道'));
    const all = json<{ items: { id: string; streetName: string; version: number }[] }>(
      await env.as('minor-centre').get('/api/minor-stations'),
    ).items;
    const kaiyuan = all.find((s) => s.streetName === '开源街道')!;
    assert.equal(
      code(
        await env.as('qingyuan-head').patch(`/api/minor-stations/${kaiyuan.id}`, {
          version: kaiyuan.version,
          checklist: [{ key: 'ledger', met: false }],
        }),
      ),
      'SCOPE_FORBIDDEN',
    );
  });
});
