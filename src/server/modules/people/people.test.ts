import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { checkCharacter } from '../../lib/id-number.js';
import { createTestEnv, json, login, type TestEnv } from '../../testing/harness.js';

let env: TestEnv;
let taihe: string;
let xinggang: string;
let admin: string;
interface Summary {
  id: string;
  name: string;
  idMasked: string;
  tags: string[];
  orgPath: string;
  age: number;
}
interface Person {
  id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  org_path: string;
  id_cipher: string;
  household_id: string;
}

const get = (url: string, cookie: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });
let taiheId: string;
let sample: Person;
let outsider: Person;

describe('people registry', () => {
  before(async () => {
    env = await createTestEnv();
    [taihe, xinggang, admin] = [
      await login(env.app, 'taihe'),
      await login(env.app, 'xinggang'),
      await login(env.app, 'admin'),
    ];
    taiheId = (await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '太和社区'`))[0]!
      .id;
    sample = (
      await queryRows<Person>(
        env.ctx.db,
        sql`select * from people where org_path like ${'%/' + taiheId + '/%'} order by id limit 1`,
      )
    )[0]!;
    outsider = (
      await queryRows<Person>(
        env.ctx.db,
        sql`select * from people where org_path not like ${'%/' + taiheId + '/%'} order by id limit 1`,
      )
    )[0]!;
  });
  after(() => env.close());

  it('finds a resident by Chinese name, full pinyin and initials, only within scope', async () => {
    for (const q of [sample.name, sample.name_pinyin, sample.name_initials]) {
      const { items } = json<{ items: Summary[] }>(
        await get(`/api/people?q=${encodeURIComponent(q)}&limit=100`, taihe),
      );
      assert.ok(items.length > 0, q);
      assert.ok(
        items.every((p) => p.orgPath.includes(`/${taiheId}/`)),
        `scope for ${q}`,
      );
    }
    const all = json<{ items: Summary[] }>(
      await get(`/api/people?q=${encodeURIComponent(sample.name_pinyin)}&limit=100`, taihe),
    ).items;
    assert.ok(all.some((p) => p.id === sample.id));
  });

  it('finds by exact ID number through the keyed hash and explains a bad one', async () => {
    const idNumber = env.ctx.crypto.decrypt(sample.id_cipher);
    const { items } = json<{ items: Summary[] }>(await get(`/api/people?q=${idNumber}`, taihe));
    assert.deepEqual(
      items.map((p) => p.id),
      [sample.id],
    );
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    const res = await get(`/api/people?q=${wrong}`, taihe);
    assert.equal(res.statusCode, 400);
    assert.match(json<{ error: { message: string } }>(res).error.message, /校验位/);
    // someone outside the community is not found by ID either
    const other = env.ctx.crypto.decrypt(outsider.id_cipher);
    assert.deepEqual(json<{ items: Summary[] }>(await get(`/api/people?q=${other}`, taihe)).items, []);
  });

  it('pages with a cursor without repeating anyone', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res = await get(`/api/people?limit=5${cursor ? `&cursor=${cursor}` : ''}`, xinggang);
      const body = json<{ items: Summary[]; nextCursor: string | null }>(res);
      body.items.forEach((p) => {
        assert.ok(!seen.has(p.id));
        seen.add(p.id);
      });
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.equal((await get('/api/people?cursor=garbage', xinggang)).statusCode, 400);
  });

  it('filters by stored and derived tags', async () => {
    const elderly = json<{ items: Summary[] }>(await get('/api/people?tag=elderly&limit=50', admin)).items;
    assert.ok(elderly.length > 0 && elderly.every((p) => p.age >= 60 && p.tags.includes('elderly')));
    const riders = json<{ items: Summary[] }>(await get('/api/people?tag=rider&limit=50', admin)).items;
    assert.ok(riders.length > 0 && riders.every((p) => p.tags.includes('rider')));
    assert.equal((await get('/api/people?tag=alien', admin)).statusCode, 400);
  });

  it('shows the ID masked, reveals it only to permitted roles, and audits every reveal', async () => {
    const detail = json<{ person: { idMasked: string }; household: Summary[]; can: { revealIdentity: boolean } }>(
      await get(`/api/people/${sample.id}`, taihe),
    );
    const full = env.ctx.crypto.decrypt(sample.id_cipher);
    assert.equal(detail.person.idMasked, `${full.slice(0, 6)}********${full.slice(14)}`);
    assert.ok(!JSON.stringify(detail).includes(full));
    assert.ok(detail.household.some((m) => m.id === sample.id));
    assert.equal(detail.can.revealIdentity, true);
    const reveal = await env.app.inject({
      method: 'POST',
      url: `/api/people/${sample.id}/identity`,
      headers: { cookie: taihe },
    });
    assert.equal(json<{ idNumber: string }>(reveal).idNumber, full);
    const audit = await queryRows<{ actor_role: string }>(
      env.ctx.db,
      sql`select actor_role from audit_log where action = 'people.identity_revealed' and entity_id = ${sample.id}`,
    );
    assert.deepEqual(
      audit.map((a) => a.actor_role),
      ['community_worker'],
    );
    const grid = await login(env.app, 'shuibosi');
    assert.equal(
      json<{ can: { revealIdentity: boolean } }>(await get(`/api/people/${sample.id}`, grid)).can.revealIdentity,
      false,
    );
    assert.equal(
      (await env.app.inject({ method: 'POST', url: `/api/people/${sample.id}/identity`, headers: { cookie: grid } }))
        .statusCode,
      403,
    );
  });

  it("refuses another community's resident", async () => {
    const res = await get(`/api/people/${outsider.id}`, taihe);
    assert.equal(res.statusCode, 403);
    assert.equal(json<{ error: { code: string; message: string } }>(res).error.code, 'SCOPE_FORBIDDEN');
    assert.equal(
      (await env.app.inject({ method: 'POST', url: `/api/people/${outsider.id}/identity`, headers: { cookie: taihe } }))
        .statusCode,
      403,
    );
    assert.equal((await get('/api/people/no-such-person', taihe)).statusCode, 404);
  });

  it('registers a resident with a valid ID, stores it encrypted, refuses duplicates and bad checksums', async () => {
    const first17 = '14021319900101123';
    const idNumber = first17 + checkCharacter(first17);
    const payload = {
      householdId: sample.household_id,
      name: '测试居民',
      idNumber,
      phone: '13912345678',
      tags: ['volunteer'],
    };
    const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie: taihe }, payload });
    assert.equal(res.statusCode, 201, res.body);
    const person = json<{
      person: { id: string; idMasked: string; phoneMasked: string; gender: string; birthDate: string };
    }>(res).person;
    assert.equal(person.idMasked, '140213********1233'.slice(0, 14) + idNumber.slice(14));
    assert.equal(person.phoneMasked, '139****5678');
    assert.equal(person.birthDate, '1990-01-01');
    const [row] = await queryRows<{ id_cipher: string; phone_cipher: string }>(
      env.ctx.db,
      sql`select id_cipher, phone_cipher from people where id = ${person.id}`,
    );
    assert.ok(!row!.id_cipher.includes('1990') && !row!.phone_cipher.includes('1391'));
    const dup = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie: taihe }, payload });
    assert.equal(dup.statusCode, 409);
    const before = (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from people`))[0]!.n;
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie: taihe },
      payload: { ...payload, idNumber: first17 + (checkCharacter(first17) === '1' ? '2' : '1') },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(json<{ error: { code: string; message: string } }>(bad).error.code, 'ID_NUMBER_INVALID');
    const badPhone = await env.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie: taihe },
      payload: { ...payload, phone: '123' },
    });
    assert.equal(badPhone.statusCode, 400);
    assert.equal(
      (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from people`))[0]!.n,
      before,
    );
  });

  it('registers a household in a building once, then lists it with its member count', async () => {
    const [b] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from buildings where org_path like ${'%/' + taiheId + '/%'} order by id limit 1`,
    );
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: taihe },
      payload: { buildingId: b!.id, unit: '3单元', room: '1202' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: taihe },
      payload: { buildingId: b!.id, unit: '3单元', room: '1202' },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/households',
          headers: { cookie: taihe },
          payload: { buildingId: b!.id, unit: '3单元', room: '十二楼' },
        })
      ).statusCode,
      400,
    );
    const list = json<{ items: { room: string; memberCount: number }[] }>(
      await get(`/api/buildings/${b!.id}/households`, taihe),
    ).items;
    assert.equal(list.find((h) => h.room === '1202')?.memberCount, 0);
    assert.ok(list.some((h) => h.memberCount > 0));
  });

  it('updates with optimistic versions and audits which fields changed, not their values', async () => {
    const d = json<{ person: { version: number } }>(await get(`/api/people/${sample.id}`, taihe)).person;
    const ok = await env.app.inject({
      method: 'PATCH',
      url: `/api/people/${sample.id}`,
      headers: { cookie: taihe },
      payload: { phone: '13800001111', version: d.version },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const stale = await env.app.inject({
      method: 'PATCH',
      url: `/api/people/${sample.id}`,
      headers: { cookie: taihe },
      payload: { phone: '13800002222', version: d.version },
    });
    assert.equal(stale.statusCode, 409);
    const [a] = await queryRows<{ detail: unknown }>(
      env.ctx.db,
      sql`select detail from audit_log where action = 'person.update' and entity_id = ${sample.id}`,
    );
    assert.ok(!JSON.stringify(a!.detail).includes('13800001111'));
  });
});
