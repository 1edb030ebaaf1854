import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { hashPassword } from '../auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../testing/harness.js';
import { compoundId, orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import { walkingMinutes } from '../stations/living-circle.service.js';
import { DEMO_POINTS_CARD } from '../../demo/pingcheng.js';

let env: TestEnv;
let xinggang: string;
let residentPerson: string;
const cookies = new Map<string, string>();
const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(env.ctx.db, q))[0]!.n;
function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

async function activity(title = '星港城助老服务'): Promise<string> {
  const res = await env.as('taihe').post('/api/volunteer-activities', {
    title,
    kind: 'elder_care',
    orgUnitId: xinggang,
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ activity: { id: string } }>(res).activity.id;
}
async function tokens(id: string): Promise<{ in: string; out: string }> {
  const items = json<{ items: { phase: string; token: string; svg: string }[] }>(
    await env.as('taihe').get(`/api/volunteer-activities/${id}/qr`),
  ).items;
  assert.ok(
    items.every((i) => i.svg.startsWith('<svg')),
    'a QR image per phase',
  );
  return { in: items.find((i) => i.phase === 'in')!.token, out: items.find((i) => i.phase === 'out')!.token };
}
async function earn(hours: number): Promise<void> {
  const t = await tokens(await activity(`积分活动 ${Math.random()}`));
  assert.equal((await env.as('resident').post('/api/volunteer-checkins', { token: t.in })).statusCode, 200);
  assert.equal((await env.as('resident').post('/api/volunteer-checkins', { token: t.out })).statusCode, 200);
  const [r] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from service_records where person_id = ${residentPerson} and status = 'pending' order by created_at desc limit 1`,
  );
  assert.equal(
    (await env.as('taihe').post(`/api/service-records/${r!.id}/confirm`, { approve: true, hours })).statusCode,
    200,
  );
}

describe('volunteers, 双报到, points, stations and canteens', () => {
  before(async () => {
    env = await createTestEnv();
    for (const u of ['admin', 'taihe', 'youyijie', 'xinggang', 'zhujian', 'resident', 'shuibosi'])
      cookies.set(u, (await env.as(u).cookie())!); // the work-order fixture signs requests itself
    xinggang = await compoundId(env.ctx.db);
    residentPerson = (
      await queryRows<{ person_id: string }>(env.ctx.db, sql`select person_id from users where username = 'resident'`)
    )[0]!.person_id;
  });
  after(() => env.close());

  it('loads the seed figures: 1,210 teams, 2,600+ activities, every tagged member reported, > 20 h a month', async () => {
    assert.equal(await count(sql`select count(*)::int as n from volunteer_teams`), 1210);
    assert.ok(
      (await count(sql`select count(*)::int as n from volunteer_activities where status <> 'cancelled'`)) >= 2600,
    );
    assert.equal(
      await count(sql`select count(*)::int as n from compound_reports`),
      await count(sql`select count(*)::int as n from people where tags && array['in_service_party_member', 'rider']`),
    );
    assert.equal(await count(sql`select count(*)::int as n from stations where kind = 'party_mass'`), 292);
    assert.equal(await count(sql`select count(*)::int as n from stations where kind = 'rider'`), 9);
    assert.equal(await count(sql`select count(*)::int as n from love_corners`), 107);
    assert.deepEqual(
      (
        await queryRows<{ category: string }>(
          env.ctx.db,
          sql`select distinct category from station_services s join stations t on t.id = s.station_id where t.kind = 'rider' order by 1`,
        )
      ).map((r) => r.category),
      ['care', 'rights', 'skills', 'warmth'],
    );
    const s = json<{
      totals: { avgHoursPerPartyMember: number; partyMembers: number; teams: number };
      trend: { avgHours: number }[];
    }>(await env.as('admin').get(`/api/compound-reports/summary?month=${lastMonth()}`));
    assert.ok(s.totals.avgHoursPerPartyMember > 20, `average ${s.totals.avgHoursPerPartyMember} h`);
    assert.equal(s.totals.teams, 1210);
    assert.equal(s.trend.length, 6);
    // the balance of every account equals the sum of its ledger
    assert.equal(
      await count(
        sql`select count(*)::int as n from points_accounts a where a.balance <> (select sum(delta) from points_ledger l where l.person_id = a.person_id)`,
      ),
      0,
    );
  });

  it('checks in and out by QR, a supervisor confirms the hours, and only then points are earned', async () => {
    const id = await activity();
    const t = await tokens(id);
    const forged = `${t.in.split('.')[0]}.AAAA${t.in.split('.')[1]!.slice(4)}`;
    assert.equal(
      json<{ error: { code: string } }>(await env.as('resident').post('/api/volunteer-checkins', { token: forged }))
        .error.code,
      'QR_INVALID',
    );
    assert.equal(
      json<{ error: { code: string } }>(await env.as('resident').post('/api/volunteer-checkins', { token: t.out }))
        .error.code,
      'NOT_CHECKED_IN',
    );
    const checkedIn = json<{ status: string }>(
      await env.as('resident').post('/api/volunteer-checkins', { token: t.in }),
    );
    assert.equal(checkedIn.status, 'checked_in');
    assert.equal((await env.as('resident').post('/api/volunteer-checkins', { token: t.in })).statusCode, 409);
    const out = json<{ status: string; hours: number }>(
      await env.as('resident').post('/api/volunteer-checkins', { token: t.out }),
    );
    assert.equal(out.status, 'checked_out');
    type Year = { confirmedHours: number; pendingHours: number; records: number };
    const year = async (): Promise<Year> => {
      const { year: y, ...rest } = json<{ thisYear: Year & { year: number } }>(
        await env.as('resident').get('/api/my/volunteering'),
      ).thisYear;
      assert.equal(y, new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
      return rest;
    };
    const pendingYear = await year();
    const [sums] = await queryRows<Year>(
      env.ctx.db,
      sql`select coalesce(sum(hours) filter (where status = 'confirmed'), 0)::float8 as "confirmedHours",
        coalesce(sum(hours) filter (where status = 'pending'), 0)::float8 as "pendingHours", count(*)::int as records
        from service_records where person_id = ${residentPerson} and extract(year from served_on) = extract(year from now() at time zone 'Asia/Shanghai')`,
    );
    assert.deepEqual(pendingYear, sums, "this year's hours are the resident's records of the year");
    assert.ok(pendingYear.pendingHours >= out.hours, 'the new hours wait for confirmation');
    const before = json<{ balance: number }>(await env.as('resident').get('/api/my/volunteering')).balance;
    const [rec] = await queryRows<{ id: string; status: string }>(
      env.ctx.db,
      sql`select id, status from service_records where source = 'activity' and source_id = ${id}`,
    );
    assert.equal(rec!.status, 'pending');
    assert.equal(
      json<{ balance: number }>(await env.as('resident').get('/api/my/volunteering')).balance,
      before,
      'pending hours earn nothing',
    );
    assert.equal(
      (await env.as('youyijie').post(`/api/service-records/${rec!.id}/confirm`, { approve: true })).statusCode,
      403,
      'another community may not confirm',
    );
    const confirmed = json<{ record: { status: string; hours: number; points: number } }>(
      await env.as('taihe').post(`/api/service-records/${rec!.id}/confirm`, { approve: true, hours: 2.5 }),
    );
    assert.deepEqual(
      [confirmed.record.status, confirmed.record.hours, confirmed.record.points],
      ['confirmed', 2.5, 25],
    );
    assert.equal(
      (await env.as('taihe').post(`/api/service-records/${rec!.id}/confirm`, { approve: true })).statusCode,
      409,
    );
    const mine = json<{ balance: number; ledger: { delta: number; kind: string }[] }>(
      await env.as('resident').get('/api/my/volunteering'),
    );
    assert.equal(mine.balance, before + 25);
    assert.deepEqual(await year(), {
      confirmedHours: pendingYear.confirmedHours + 2.5,
      pendingHours: pendingYear.pendingHours - out.hours,
      records: pendingYear.records,
    });
    assert.deepEqual([mine.ledger[0]!.kind, mine.ledger[0]!.delta], ['earn', 25]);
    const detail = json<{ signups: { status: string }[] }>(
      await env.as('taihe').get(`/api/volunteer-activities/${id}`),
    );
    assert.equal(detail.signups[0]!.status, 'confirmed');
  });

  it('redeems at the love supermarket without ever going negative, auditing every redemption', async () => {
    await earn(3); // 30 points
    const acc = json<{ balance: number }>(await env.as('taihe').get(`/api/points/accounts/${residentPerson}`));
    const stationRes = await env.as('taihe').post('/api/stations', {
      kind: 'party_mass',
      name: '星港城测试党群服务站',
      orgUnitId: xinggang,
    });
    const stationId = json<{ station: { id: string } }>(stationRes).station.id;
    const item = json<{ item: { id: string } }>(
      await env.as('taihe').post('/api/love-supermarket/items', {
        stationId,
        name: '洗衣液',
        pointsCost: acc.balance,
        stock: 10,
      }),
    ).item;
    // the demo resident holds a card (DEMO_POINTS_CARD); the community re-issues it (a card, unlike a code, serves many redemptions)
    const demoCard = await env
      .as('taihe')
      .post('/api/points/counter/lookup', { stationId, cardNumber: DEMO_POINTS_CARD });
    assert.equal(json<{ personId: string }>(demoCard).personId, residentPerson, demoCard.body);
    const issued = await env.as('taihe').post('/api/points/cards', { personId: residentPerson });
    assert.equal(issued.statusCode, 201, issued.body);
    const card = json<{ card: { cardNumber: string; last4: string } }>(issued).card;
    assert.match(card.cardNumber, /^\d{12}$/);
    assert.equal(
      json<{ cardLast4: string }>(await env.as('resident').get('/api/my/volunteering')).cardLast4,
      card.last4,
    );
    assert.equal(
      await count(
        sql`select count(*)::int as n from points_cards where card_hash = ${card.cardNumber} or card_hash like ${'%' + card.cardNumber + '%'}`,
      ),
      0,
      'only a keyed hash is kept',
    );
    assert.equal(
      await count(
        sql`select count(*)::int as n from points_cards where person_id = ${residentPerson} and revoked_at is null and last4 = ${card.last4}`,
      ),
      1,
    );
    const cardNumber = `${card.cardNumber.slice(0, 4)} ${card.cardNumber.slice(4, 8)} ${card.cardNumber.slice(8)}`; // typed with spaces
    const voided = await env
      .as('taihe')
      .post('/api/points/counter/lookup', { stationId, cardNumber: DEMO_POINTS_CARD });
    assert.deepEqual(
      [voided.statusCode, json<{ error: { code: string } }>(voided).error.code],
      [400, 'PRESENCE_CODE_INVALID'],
      'the re-issued card voids the old one',
    );
    const tooMuch = await env.as('taihe').post('/api/points/redemptions', { cardNumber, itemId: item.id, quantity: 2 });
    assert.equal(json<{ error: { code: string } }>(tooMuch).error.code, 'POINTS_INSUFFICIENT');
    const audits = await count(sql`select count(*)::int as n from audit_log where action = 'points.redeem'`);
    // five concurrent redemptions of the whole balance: exactly one succeeds
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        env.as('taihe').post('/api/points/redemptions', { cardNumber, itemId: item.id, quantity: 1 }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409]);
    const after = json<{ balance: number }>(await env.as('taihe').get(`/api/points/accounts/${residentPerson}`));
    assert.equal(after.balance, 0);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'points.redeem'`), audits + 1);
    assert.equal(await count(sql`select stock as n from love_supermarket_items where id = ${item.id}`), 9);
    // the trigger holds even for the owner (the app role may not even try: see db/roles.test.ts)
    const appendOnly = (e: unknown) =>
      /append-only/.test(String((e as { cause?: { message?: string } }).cause?.message ?? e));
    await assert.rejects(
      env.ownerDatabase.db.execute(sql`update points_ledger set delta = 1000 where person_id = ${residentPerson}`),
      appendOnly,
    );
    await assert.rejects(
      env.ownerDatabase.db.execute(sql`delete from points_ledger where person_id = ${residentPerson}`),
      appendOnly,
    );
    await assert.rejects(
      env.ctx.db.execute(sql`update points_accounts set balance = -1 where person_id = ${residentPerson}`),
      (e: { cause?: { code?: string }; code?: string }) => (e.cause?.code ?? e.code) === '23514', // check_violation
    );
    const wb = new ExcelJS.Workbook();
    const xlsx = await env.as('taihe').get(`/api/points/ledger.xlsx?personId=${residentPerson}`);
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.getRow(1).getCell(1).value, '时间');
    assert.ok(wb.worksheets[0]!.rowCount >= 3);
  });

  it('debits only with the resident there: a single-use code or a card, at a station that serves their community', async () => {
    await earn(5); // 50 points
    const errCode = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;
    const stationId = json<{ station: { id: string } }>(
      await env
        .as('taihe')
        .post('/api/stations', { kind: 'party_mass', name: '星港城到场码测试站', orgUnitId: xinggang }),
    ).station.id;
    const item = json<{ item: { id: string } }>(
      await env.as('taihe').post('/api/love-supermarket/items', { stationId, name: '毛巾', pointsCost: 5, stock: 20 }),
    ).item;
    const balance = async () =>
      (
        await queryRows<{ b: number }>(
          env.ctx.db,
          sql`select balance as b from points_accounts where person_id = ${residentPerson}`,
        )
      )[0]!.b;
    const start = await balance();

    // no sign of the resident: refused, nothing spent (the old way, a bare person id, is gone)
    const bare = await env.as('taihe').post('/api/points/redemptions', {
      personId: residentPerson,
      itemId: item.id,
      quantity: 1,
    });
    assert.deepEqual([bare.statusCode, errCode(bare)], [400, 'PRESENCE_REQUIRED']);

    // the resident takes a code on their own account
    const made = await env.as('resident').post('/api/points/me/presence-code');
    assert.equal(made.statusCode, 201, made.body);
    const pc = json<{ code: string; qrPayload: string; svg: string; expiresAt: string; ttlSeconds: number }>(made);
    assert.match(pc.code, /^\d{6}$/);
    assert.equal(pc.qrPayload, `linli-presence:${pc.code}`);
    assert.ok(pc.svg.startsWith('<svg'));
    const ttl = (Date.parse(pc.expiresAt) - Date.now()) / 1000;
    assert.ok(ttl > 120 && ttl <= 300, `valid 2–5 minutes, got ${ttl}s`);
    assert.equal(
      await count(sql`select count(*)::int as n from points_presence_codes where code_hash = ${pc.code}`),
      0,
      'stored hashed',
    );
    const staffCode = await env.as('taihe').post('/api/points/me/presence-code');
    assert.deepEqual(
      [staffCode.statusCode, errCode(staffCode)],
      [403, 'PERMISSION_DENIED'],
      'a staff login has no points of its own',
    );

    // the counter looks the resident up by the code (reading does not use it up), then redeems with it once
    const seen = await env.as('taihe').post('/api/points/counter/lookup', { stationId, presenceCode: pc.qrPayload });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(
      [
        json<{ personId: string; via: string; balance: number }>(seen).personId,
        json<{ via: string }>(seen).via,
        json<{ balance: number }>(seen).balance,
      ],
      [residentPerson, 'code', start],
    );
    const ok = await env
      .as('taihe')
      .post('/api/points/redemptions', { presenceCode: pc.code, itemId: item.id, quantity: 1 });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(await balance(), start - 5);
    const again = await env.as('taihe').post('/api/points/redemptions', {
      presenceCode: pc.code,
      itemId: item.id,
      quantity: 1,
    });
    assert.deepEqual([again.statusCode, errCode(again)], [400, 'PRESENCE_CODE_INVALID'], 'single use');
    assert.equal(await balance(), start - 5);

    // an expired code is refused
    const late = json<{ code: string }>(await env.as('resident').post('/api/points/me/presence-code'));
    await env.ctx.db.execute(
      sql`update points_presence_codes set expires_at = now() - interval '1 second' where person_id = ${residentPerson}`,
    );
    const expired = await env.as('taihe').post('/api/points/counter/lookup', { stationId, presenceCode: late.code });
    assert.deepEqual([expired.statusCode, errCode(expired)], [400, 'PRESENCE_CODE_INVALID']);

    // another community of the same street: may not read the account, and its station does not serve the resident
    const [sibling] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select c.id from org_units c join org_units s on s.district_id = c.district_id and s.id = c.parent_id
      where s.name = '水泊寺街道' and c.kind = 'community' and c.name <> '太和社区' order by c.id limit 1`,
    );
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id)
      values ('140213', 'U-NB', 'neighbour', '邻社区 社工', ${await hashPassword(DEMO_PASSWORD)}, 'community_worker', ${sibling!.id})`);
    const read = await env.as('neighbour').get(`/api/points/accounts/${residentPerson}`);
    assert.deepEqual([read.statusCode, errCode(read)], [403, 'SCOPE_FORBIDDEN']);
    const theirStation = json<{ station: { id: string } }>(
      await env.as('neighbour').post('/api/stations', {
        kind: 'party_mass',
        name: '邻社区党群服务站',
        orgUnitId: sibling!.id,
      }),
    ).station.id;
    const theirItem = json<{ item: { id: string } }>(
      await env.as('neighbour').post('/api/love-supermarket/items', {
        stationId: theirStation,
        name: '肥皂',
        pointsCost: 5,
        stock: 5,
      }),
    ).item;
    const fresh = json<{ code: string }>(await env.as('resident').post('/api/points/me/presence-code'));
    const lookAcross = await env.as('neighbour').post('/api/points/counter/lookup', {
      stationId: theirStation,
      presenceCode: fresh.code,
    });
    assert.deepEqual([lookAcross.statusCode, errCode(lookAcross)], [403, 'STATION_NOT_SERVING']);
    const debitAcross = await env.as('neighbour').post('/api/points/redemptions', {
      presenceCode: fresh.code,
      itemId: theirItem.id,
      quantity: 1,
    });
    assert.deepEqual([debitAcross.statusCode, errCode(debitAcross)], [403, 'STATION_NOT_SERVING']);
    assert.equal(await balance(), start - 5, 'nothing debited across communities');
    // … unless the station serves that community: the street's own station serves all its communities
    const [street] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from org_units where name = '水泊寺街道'`,
    );
    const streetStation = json<{ station: { id: string } }>(
      await env.as('shuibosi').post('/api/stations', {
        kind: 'party_mass',
        name: '水泊寺街道党群服务中心（测试）',
        orgUnitId: street!.id,
      }),
    ).station.id;
    const streetItem = json<{ item: { id: string } }>(
      await env.as('shuibosi').post('/api/love-supermarket/items', {
        stationId: streetStation,
        name: '雨伞',
        pointsCost: 5,
        stock: 5,
      }),
    ).item;
    const atStreet = await env.as('shuibosi').post('/api/points/redemptions', {
      presenceCode: fresh.code,
      itemId: streetItem.id,
      quantity: 1,
    });
    assert.equal(atStreet.statusCode, 201, atStreet.body);
    assert.equal(await balance(), start - 10);
    // the other community's counter cannot guess codes: five wrong ones, then it must wait, even with a right one
    for (let i = 0; i < 5; i++) {
      const wrong = await env.as('neighbour').post('/api/points/counter/lookup', {
        stationId: theirStation,
        presenceCode: String(100000 + i),
      });
      assert.deepEqual([wrong.statusCode, errCode(wrong)], [400, 'PRESENCE_CODE_INVALID']);
    }
    const right = json<{ code: string }>(await env.as('resident').post('/api/points/me/presence-code'));
    const locked = await env.as('neighbour').post('/api/points/counter/lookup', {
      stationId: theirStation,
      presenceCode: right.code,
    });
    assert.deepEqual([locked.statusCode, errCode(locked)], [429, 'PRESENCE_ATTEMPTS_EXCEEDED']);
    assert.equal(
      await count(
        sql`select count(*)::int as n from audit_log where actor_user_id = 'U-NB' and action = 'points.presence_failed'`,
      ),
      5,
      'each failure is audited',
    );

    // a re-issued card voids the old one
    const first = json<{ card: { cardNumber: string } }>(
      await env.as('taihe').post('/api/points/cards', { personId: residentPerson }),
    ).card.cardNumber;
    json<{ card: { cardNumber: string } }>(
      await env.as('taihe').post('/api/points/cards', { personId: residentPerson }),
    );
    const oldCard = await env.as('taihe').post('/api/points/counter/lookup', { stationId, cardNumber: first });
    assert.deepEqual([oldCard.statusCode, errCode(oldCard)], [400, 'PRESENCE_CODE_INVALID']);
    const cardAcross = await env.as('neighbour').post('/api/points/cards', { personId: residentPerson });
    assert.deepEqual(
      [cardAcross.statusCode, errCode(cardAcross)],
      [403, 'SCOPE_FORBIDDEN'],
      "cards are issued by the resident's own community",
    );
  });

  it('reports a party member to a compound, who claims a task and an open work order; confirmed hours roll up and score', async () => {
    const [m] = await queryRows<{ id: string; work_unit_id: string }>(
      env.ctx.db,
      sql`select id, work_unit_id from people where 'in_service_party_member' = any(tags) order by id limit 1`,
    );
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, person_id)
      values ('140213', 'U-DY', 'dangyuan', '在职党员 测试', ${await hashPassword(DEMO_PASSWORD)}, 'resident', ${xinggang}, ${m!.id})`);
    assert.equal(
      json<{ error: { code: string } }>(
        await env.as('taihe').post('/api/compound-reports', {
          personId: residentPerson,
          compoundId: xinggang,
          kind: 'in_service_party_member',
        }),
      ).error.code,
      'REPORT_KIND_MISMATCH',
    );
    const reported = await env.as('taihe').post('/api/compound-reports', {
      personId: m!.id,
      compoundId: xinggang,
      kind: 'in_service_party_member',
    });
    assert.equal(reported.statusCode, 200, reported.body);
    const task = json<{ task: { id: string } }>(
      await env
        .as('taihe')
        .post('/api/service-tasks', { compoundId: xinggang, kind: 'visit', title: '走访 3 号楼独居老人' }),
    ).task;
    const mine = json<{ tasks: { id: string }[]; orders: { id: string }[] }>(
      await env.as('dangyuan').get('/api/my/service-tasks'),
    );
    assert.ok(mine.tasks.some((t) => t.id === task.id));
    assert.equal(
      json<{ task: { status: string } }>(await env.as('dangyuan').post(`/api/service-tasks/${task.id}/claim`)).task
        .status,
      'claimed',
    );
    assert.equal(
      json<{ error: { code: string } }>(await env.as('resident').post(`/api/service-tasks/${task.id}/claim`)).error
        .code,
      'TASK_TAKEN',
    );
    assert.equal(
      json<{ task: { status: string } }>(
        await env.as('dangyuan').post(`/api/service-tasks/${task.id}/complete`, { hours: 2 }),
      ).task.status,
      'done',
    );
    // an open work order of the compound, claimed through the work-order module's timeline
    const f: OrderFixtureCtx = env;
    const order = await orderIn(f, 'dispatched');
    const claim = await env.as('dangyuan').post('/api/service-tasks/claim-order', { orderId: order.id });
    assert.equal(claim.statusCode, 201, claim.body);
    assert.equal(
      json<{ error: { code: string } }>(
        await env.as('resident').post('/api/service-tasks/claim-order', { orderId: order.id }),
      ).error.code,
      'ORDER_ALREADY_CLAIMED',
    );
    const events = json<{ order: { events: { type: string }[] } }>(
      await env.as('taihe').get(`/api/work-orders/${order.id}`),
    ).order.events;
    assert.ok(events.some((e) => e.type === 'volunteer_claimed'));
    const claimedTask = json<{ task: { id: string } }>(claim).task;
    await env.as('dangyuan').post(`/api/service-tasks/${claimedTask.id}/complete`, { hours: 3 });
    const pending = json<{ items: { id: string; personId: string }[] }>(
      await env.as('taihe').get('/api/service-records?status=pending&limit=500'),
    ).items.filter((r) => r.personId === m!.id);
    assert.equal(pending.length >= 2, true);
    for (const r of pending)
      assert.equal(
        (await env.as('taihe').post(`/api/service-records/${r.id}/confirm`, { approve: true })).statusCode,
        200,
      );
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const members = json<{
      items: { personId: string; tasksDone: number; workOrders: number; score: number; hours: number }[];
    }>(await env.as('taihe').get(`/api/compound-reports/members?month=${month}&limit=5000`)).items;
    const me = members.find((x) => x.personId === m!.id)!;
    assert.ok(me.tasksDone >= 1 && me.workOrders >= 1, JSON.stringify(me));
    assert.ok(me.score >= 20 + 5 + 5);
    // a department sees only its own members
    const unitOf = (
      await queryRows<{ work_unit_id: string }>(
        env.ctx.db,
        sql`select work_unit_id from users where username = 'zhujian'`,
      )
    )[0]!.work_unit_id;
    const dept = json<{ items: { personId: string }[] }>(
      await env.as('zhujian').get(`/api/compound-reports/members?month=${lastMonth()}&limit=5000`),
    ).items;
    const units = await queryRows<{ work_unit_id: string }>(
      env.ctx.db,
      sql`select distinct work_unit_id from compound_reports where person_id in (${sql.join(
        dept.map((d) => sql`${d.personId}`),
        sql`, `,
      )})`,
    );
    assert.deepEqual(
      units.map((u) => u.work_unit_id),
      [unitOf],
    );
    const byUnit = json<{ groups: { id: string }[] }>(
      await env.as('admin').get(`/api/compound-reports/summary?by=work_unit&month=${lastMonth()}`),
    );
    assert.equal(byUnit.groups.length, 87);
  });

  it('configures the assessment and refuses impossible rules', async () => {
    const c = json<{ year: number; items: { key: string; max: number }[]; grades: object; version: number }>(
      await env.as('admin').get('/api/assessment-config'),
    );
    const put = (body: object) => env.as('admin').put('/api/assessment-config', body);
    assert.equal(
      json<{ error: { code: string } }>(await put({ ...c, grades: { excellent: 60, good: 70, pass: 50 } })).error.code,
      'ASSESSMENT_GRADES_INVALID',
    );
    assert.equal(
      json<{ error: { code: string } }>(await put({ ...c, items: c.items.slice(0, 1) })).error.code,
      'ASSESSMENT_UNREACHABLE',
    );
    const saved = json<{ version: number }>(
      await put({ ...c, items: c.items.map((i) => (i.key === 'monthly_hours' ? { ...i, max: 50 } : i)) }),
    );
    assert.equal(saved.version, c.version + 1);
    assert.equal((await put(c)).statusCode, 409, 'stale version');
  });

  it("turns a riders' joint-meeting demand into a work order through the work-order service", async () => {
    const meetings = json<{ items: { demands: { id: string; status: string }[] }[] }>(
      await env.as('admin').get('/api/rider-meetings'),
    ).items;
    const open = meetings.flatMap((m) => m.demands).find((d) => d.status === 'open')!;
    const res = await env.as('admin').post(`/api/rider-demands/${open.id}/convert`, {
      compoundId: xinggang,
      categoryId: 'C03',
      title: '小区禁止外卖电动车进入',
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = json<{
      meeting: { demands: { id: string; status: string; workOrderId: string; workOrderNo: string }[] };
    }>(res).meeting.demands.find((x) => x.id === open.id)!;
    assert.equal(d.status, 'converted');
    const [o] = await queryRows<{ channel: string; status: string }>(
      env.ctx.db,
      sql`select channel, status from work_orders where id = ${d.workOrderId}`,
    );
    assert.deepEqual(o, { channel: 'station', status: 'new' });
    assert.equal(
      (await env.as('admin').post(`/api/rider-demands/${open.id}/convert`, { compoundId: xinggang, categoryId: 'C03' }))
        .statusCode,
      409,
    );
  });

  it("serves canteen meals with the subsidy of the diner's category, refuses duplicate claims and settles the month once", async () => {
    const c = json<{ station: { id: string } }>(
      await env.as('taihe').post('/api/stations', { kind: 'canteen', name: '太和社区幸福餐厅', orgUnitId: xinggang }),
    ).station.id;
    const [old] = await queryRows<{ id: string; age: number }>(
      env.ctx.db,
      sql`select id, extract(year from age(current_date, birth_date))::int as age from people
      where birth_date <= current_date - interval '81 years' and not (tags && array['low_income', 'disabled', 'rider']) order by id limit 1`,
    );
    const meal = (body: object) => env.as('taihe').post(`/api/canteens/${c}/meals`, body);
    const served = json<{ meal: { subsidyCents: number; paidCents: number; ruleLabel: string } }>(
      await meal({ personId: old!.id, meal: 'lunch', priceCents: 1500, servedOn: '2026-10-08' }),
    );
    assert.equal(served.meal.subsidyCents, 450, 'the 80+ band: 30% off');
    assert.equal(served.meal.paidCents, 1050);
    const dup = await meal({ personId: old!.id, meal: 'lunch', priceCents: 1500, servedOn: '2026-10-08' });
    assert.equal(json<{ error: { code: string } }>(dup).error.code, 'DUPLICATE_CLAIM');
    const police = json<{ meal: { subsidyCents: number } }>(
      await meal({ meal: 'lunch', priceCents: 1200, servedOn: '2026-10-08', declaredCategory: 'traffic_police' }),
    );
    assert.equal(police.meal.subsidyCents, 1200, 'free for traffic police');
    const walkIn = json<{ meal: { subsidyCents: number } }>(
      await meal({ meal: 'dinner', priceCents: 1000, servedOn: '2026-10-09' }),
    );
    assert.equal(walkIn.meal.subsidyCents, 0);
    // a delivery records the meal with its subsidy when delivered
    const d = json<{ delivery: { id: string } }>(
      await env.as('taihe').post(`/api/canteens/${c}/deliveries`, {
        personId: old!.id,
        meal: 'dinner',
        servedOn: '2026-10-09',
        address: '星港城 2 号楼',
      }),
    ).delivery;
    assert.equal(
      json<{ delivery: { status: string } }>(
        await env.as('taihe').post(`/api/canteen-deliveries/${d.id}/deliver`, { priceCents: 1000 }),
      ).delivery.status,
      'delivered',
    );
    const s = json<{
      meals: number;
      subsidisedMeals: number;
      subsidyCents: number;
      duplicates: unknown[];
      byCategory: { category: string }[];
    }>(await env.as('taihe').get(`/api/canteens/${c}/settlements/2026-10`));
    assert.deepEqual([s.meals, s.subsidisedMeals, s.subsidyCents, s.duplicates.length], [4, 3, 450 + 1200 + 300, 0]);
    assert.equal((await env.as('taihe').post(`/api/canteens/${c}/settlements/2026-10`)).statusCode, 201);
    assert.equal(
      json<{ error: { code: string } }>(await env.as('taihe').post(`/api/canteens/${c}/settlements/2026-10`)).error
        .code,
      'SETTLEMENT_EXISTS',
    );
    assert.equal(
      (await env.as('youyijie').post(`/api/canteens/${c}/meals`, { meal: 'lunch', priceCents: 1 })).statusCode,
      403,
    );
    // the demo canteen: 800+ elderly diners
    assert.ok((await count(sql`select count(distinct person_id)::int as n from canteen_meals`)) > 0);
  });

  it("lists what lies within 15 minutes' walk of a compound, nearest first", async () => {
    const [here] = await queryRows<{ lat: number; lng: number }>(
      env.ctx.db,
      sql`select lat, lng from place_locations where kind = 'compound' and entity_id = ${xinggang}`,
    );
    const near = json<{ station: { id: string } }>(
      await env.as('taihe').post('/api/stations', {
        kind: 'convenience',
        name: '星港城便民服务站',
        orgUnitId: xinggang,
        lat: here!.lat + 0.003,
        lng: here!.lng,
      }),
    ).station.id;
    await env.as('taihe').post(`/api/stations/${near}/services`, { category: 'convenience', name: '理发（上门义剪）' });
    const far = json<{ station: { id: string } }>(
      await env.as('taihe').post('/api/stations', {
        kind: 'convenience',
        name: '远处便民服务站',
        orgUnitId: xinggang,
        lat: here!.lat + 0.009,
        lng: here!.lng,
      }),
    ).station.id;
    const circle = json<{
      located: boolean;
      items: { stationId: string; minutes: number; services: { name: string }[] }[];
    }>(await env.as('resident').get(`/api/compounds/${xinggang}/living-circle`));
    assert.equal(circle.located, true);
    const hit = circle.items.find((i) => i.stationId === near)!;
    assert.ok(hit.minutes > 5 && hit.minutes < 6, `333 m × 1.3 at 5 km/h ≈ 5.2 min, got ${hit.minutes}`);
    assert.deepEqual(
      hit.services.map((s) => s.name),
      ['理发（上门义剪）'],
    );
    assert.ok(!circle.items.some((i) => i.stationId === far), '1 km as the crow flies is ≈ 15.6 minutes on foot');
    assert.ok(circle.items.every((i, k) => k === 0 || circle.items[k - 1]!.minutes <= i.minutes));
    assert.ok(Math.abs(walkingMinutes({ lat: 40, lng: 113 }, { lat: 40.009, lng: 113 }) - 15.6) < 0.1);
    assert.equal((await env.as('youyijie').get(`/api/compounds/${xinggang}/living-circle`)).statusCode, 403);
  });
});
