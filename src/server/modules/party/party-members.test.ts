import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type { Member } from '../../../shared/party.schema.js';

/**
 * 党员名册 registration of an existing member (the dates and the year of probation) and 组织关系转入: from
 * outside the district with the letter number, a record that left coming back, and between two branches of
 * the district — each refused case with its code and nothing written.
 */
let env: TestEnv;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.ctx.db, q);
const branches: string[] = [];
const residents: string[] = [];
const written = async () =>
  rows<{ members: number; transfers: number; audit: number }>(sql`
    select (select count(*)::int from party_members) as members,
      (select count(*)::int from party_member_transfers) as transfers, (select count(*)::int from audit_log where action like 'party_member.%') as audit`);

describe('party members: registering existing members and transfers in', () => {
  before(async () => {
    env = await createTestEnv();
    const [c] = await rows<{ id: string; path: string }>(sql`select id, path from org_units where name = '太和社区'`);
    for (const name of ['转入一号院', '转入二号院']) {
      const res = await env.as('taihe').post('/api/compounds', { communityId: c!.id, name });
      assert.equal(res.statusCode, 201, res.body);
      const compound = json<{ unit: { id: string } }>(res).unit.id;
      const b = await env
        .as('taihe')
        .post('/api/party-orgs/branches', { formation: 'standalone', compoundIds: [compound] });
      assert.equal(b.statusCode, 201, b.body);
      branches.push(json<{ org: { id: string } }>(b).org.id);
    }
    const found = await rows<{ id: string }>(sql`
      select p.id from people p where p.protection is null and p.org_path like ${c!.path + '%'}
        and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
        and not exists (select 1 from party_members m where m.person_id = p.id) order by p.id limit 4`);
    assert.equal(found.length, 4, 'four adult residents of 太和社区 without a party record');
    residents.push(...found.map((r) => r.id));
  });
  after(() => env.close());

  it('an existing member needs the dates, in order, with the year of probation', async () => {
    const post = (body: Record<string, unknown>, as = 'taihe') =>
      env.as(as).post('/api/party-members', { personId: residents[0], partyOrgId: branches[0], ...body });
    const before = await written();
    assert.equal(code(await post({ stage: 'full' })), 'MEMBER_DATES_REQUIRED');
    assert.equal(code(await post({ stage: 'probationary' })), 'MEMBER_DATES_REQUIRED');
    const early = await post({ stage: 'full', probationaryOn: '2020-03-01', fullOn: '2020-12-01' });
    assert.equal(early.statusCode, 400);
    assert.equal(code(early), 'STAGE_TOO_EARLY');
    assert.match(json<{ error: { message: string } }>(early).error.message, /预备期为一年.*2021-03-01/);
    assert.equal(code(await post({ stage: 'probationary', probationaryOn: '2099-01-01' })), 'MEMBER_DATES_INVALID');
    const unordered = await post({
      stage: 'full',
      appliedOn: '2021-01-01',
      probationaryOn: '2019-01-01',
      fullOn: '2020-02-01',
    });
    assert.equal(code(unordered), 'MEMBER_DATES_INVALID');
    assert.equal(code(await post({ stage: 'full', fullOn: '2020-01-01' }, 'youyijie')), 'SCOPE_FORBIDDEN');
    assert.equal(code(await post({ stage: 'full', fullOn: '2020-01-01' }, 'zhujian')), 'PERMISSION_DENIED');
    assert.deepEqual(await written(), before, 'nothing written');
    const ok = await post({ stage: 'full', probationaryOn: '2019-05-01', fullOn: '2020-05-01' });
    assert.equal(ok.statusCode, 201, ok.body);
    const m = json<{ member: Member }>(ok).member;
    assert.deepEqual([m.stage, m.probationaryOn, m.fullOn, m.appliedOn], ['full', '2019-05-01', '2020-05-01', null]);
    assert.match(m.idMasked, /\*/);
    assert.equal(code(await post({ stage: 'applicant' })), 'PERSON_ALREADY_MEMBER');
    // an applicant keeps no admission dates even if sent
    const a = await env.as('taihe').post('/api/party-members', {
      personId: residents[3],
      partyOrgId: branches[0],
      probationaryOn: '2020-01-01',
    });
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(json<{ member: Member }>(a).member.probationaryOn, null);
  });

  it('a member from outside the district arrives with the letter; then moves to the second branch', async () => {
    const body = {
      source: 'external',
      personId: residents[1],
      partyOrgId: branches[0],
      stage: 'full',
      probationaryOn: '2015-06-01',
      fullOn: '2016-06-01',
      externalOrg: '太原市小店区坞城街道某社区党委',
      letterNo: '并组转〔2026〕018号',
      on: '2026-03-02',
    };
    const post = (b: Record<string, unknown>, as = 'taihe') => env.as(as).post('/api/party-members/transfers-in', b);
    const before = await written();
    assert.equal(code(await post({ ...body, letterNo: undefined })), 'TRANSFER_LETTER_REQUIRED');
    assert.equal(code(await post({ ...body, externalOrg: undefined })), 'TRANSFER_LETTER_REQUIRED');
    assert.equal(code(await post({ ...body, fullOn: undefined })), 'MEMBER_DATES_REQUIRED');
    assert.equal(code(await post({ ...body, on: '2099-01-01' })), 'MEMBER_DATES_INVALID');
    assert.equal(code(await post({ ...body, source: 'district' })), 'TRANSFER_NOT_IN_DISTRICT');
    assert.equal(code(await post(body, 'youyijie')), 'SCOPE_FORBIDDEN');
    assert.equal(code(await post(body, 'zhujian')), 'PERMISSION_DENIED');
    assert.equal(code(await post(body, 'resident')), 'PERMISSION_DENIED');
    assert.equal((await post({ ...body, stage: 'applicant' })).statusCode, 400, 'only members transfer in');
    assert.deepEqual(await written(), before, 'nothing written');

    let res = await post(body);
    assert.equal(res.statusCode, 201, res.body);
    let m = json<{ member: Member }>(res).member;
    assert.deepEqual([m.stage, m.status, m.partyOrgId, m.fullOn], ['full', 'active', branches[0], '2016-06-01']);
    const [t] = await rows<Record<string, unknown>>(sql`
      select direction, from_org_id, to_org_id, external_org, letter_no, happened_on::text as on
      from party_member_transfers where member_id = ${m.id}`);
    assert.deepEqual(t, {
      direction: 'in',
      from_org_id: null,
      to_org_id: branches[0],
      external_org: body.externalOrg,
      letter_no: body.letterNo,
      on: '2026-03-02',
    });
    const [audit] = await rows<{ n: number }>(sql`
      select count(*)::int as n from audit_log where action = 'party_member.transfer_in' and entity_id = ${m.id}`);
    assert.equal(audit!.n, 1);

    assert.equal(code(await post(body)), 'MEMBER_IN_OTHER_BRANCH');
    const same = await post({ source: 'district', personId: residents[1], partyOrgId: branches[0], on: '2026-04-01' });
    assert.equal(code(same), 'TRANSFER_SAME_BRANCH');
    res = await post({
      source: 'district',
      personId: residents[1],
      partyOrgId: branches[1],
      letterNo: '太和组转〔2026〕3号',
      on: '2026-04-01',
    });
    assert.equal(res.statusCode, 201, res.body);
    m = json<{ member: Member }>(res).member;
    assert.equal(m.partyOrgId, branches[1]);
    assert.equal(m.version, 2);
    const moved = await rows<{ from_org_id: string | null; to_org_id: string }>(sql`
      select from_org_id, to_org_id from party_member_transfers where member_id = ${m.id} order by happened_on`);
    assert.deepEqual(moved.at(-1), { from_org_id: branches[0], to_org_id: branches[1] });
  });

  it('a member who left the district comes back on the same record', async () => {
    let res = await env.as('taihe').post('/api/party-members', {
      personId: residents[2],
      partyOrgId: branches[0],
      stage: 'probationary',
      probationaryOn: '2025-01-10',
    });
    assert.equal(res.statusCode, 201, res.body);
    const first = json<{ member: Member }>(res).member;
    res = await env.as('taihe').post(`/api/party-members/${first.id}/transfers`, {
      direction: 'out',
      externalOrg: '大同市云冈区某社区党委',
      letterNo: '平组转〔2025〕7号',
      on: '2025-06-01',
      version: first.version,
    });
    assert.equal(res.statusCode, 200, res.body);
    const [out] = await rows<{ letter_no: string }>(
      sql`select letter_no from party_member_transfers where member_id = ${first.id} and direction = 'out'`,
    );
    assert.equal(out!.letter_no, '平组转〔2025〕7号');
    res = await env.as('taihe').post('/api/party-members/transfers-in', {
      source: 'external',
      personId: residents[2],
      partyOrgId: branches[1],
      stage: 'full',
      probationaryOn: '2025-01-10',
      fullOn: '2026-01-10',
      externalOrg: '大同市云冈区某社区党委',
      letterNo: '云组转〔2026〕2号',
      on: '2026-02-01',
    });
    assert.equal(res.statusCode, 201, res.body);
    const back = json<{ member: Member }>(res).member;
    assert.equal(back.id, first.id, 'the same record');
    assert.deepEqual([back.status, back.stage, back.partyOrgId], ['active', 'full', branches[1]]);
  });
});
