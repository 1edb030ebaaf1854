import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { parseIdNumber } from '../../lib/id-number.js';
import { hashPassword } from '../auth/auth.service.js';
import { createTestEnv, DEMO_PASSWORD, json, type TestEnv } from '../../testing/harness.js';

/**
 * Children with a minor-protection file cannot be re-identified by callers who see their file masked, through
 * any listing endpoint; and their (and their guardians') identities are not in a database dump.
 */
let env: TestEnv;

interface Child {
  person_id: string;
  case_id: string;
  name: string;
  street_id: string;
  community_id: string;
  compound_id: string;
  household_id: string;
  building_id: string;
}
let children: Child[];
/** Names held by residents without protection: a child's name that is also one of these (or part of one) proves nothing. */
let plainNames: string[];
/** 清远街道, the street user's street. */
let qy: string;

async function bodyText(res: { headers: Record<string, unknown>; body: string; rawPayload: Buffer }): Promise<string> {
  if (!String(res.headers['content-type'] ?? '').includes('spreadsheet')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        out.push(String(c.value));
      }),
    ),
  );
  return out.join('\t');
}

/** Every page of a cursor-paged list, with the query given. */
async function allPages(user: string, url: string): Promise<string[]> {
  const bodies: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res = await env
      .as(user)
      .get(`${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.statusCode !== 200) return bodies;
    bodies.push(res.body);
    cursor = (JSON.parse(res.body) as { nextCursor?: string | null }).nextCursor ?? null;
    if (!cursor) break;
  }
  return bodies;
}

function leaks(text: string, scope: readonly Child[]): Child[] {
  return scope.filter(
    (c) => text.includes(c.person_id) || (!plainNames.some((n) => n.includes(c.name)) && text.includes(c.name)),
  );
}

describe('minor protection: children are unidentifiable and encrypted at rest', () => {
  before(async () => {
    env = await createTestEnv();
    const rows = await queryRows<Child & { name_cipher: string; household_cipher: string }>(
      env.ctx.db,
      sql`
      select mc.person_id, mc.id as case_id, mc.name_cipher, mc.street_id, mc.community_id, split_part(p.org_path, '/', 4) as compound_id, p.household_cipher
      from minor_cases mc join people p on p.district_id = mc.district_id and p.id = mc.person_id order by mc.case_no`,
    );
    children = [];
    for (const r of rows) {
      const householdId = env.ctx.crypto.decrypt(r.household_cipher);
      const [h] = await queryRows<{ building_id: string }>(
        env.ctx.db,
        sql`select building_id from households where id = ${householdId}`,
      );
      children.push({
        ...r,
        name: env.ctx.crypto.decrypt(r.name_cipher),
        household_id: householdId,
        building_id: h!.building_id,
      });
    }
    // names in clear that are not the registry's: social organisations' legal representatives (public registration data)
    plainNames = (
      await queryRows<{ name: string }>(
        env.ctx.db,
        sql`
      select name from people where protection is null union select legal_rep from purchase_orgs union select display_name from users`,
      )
    ).map((r) => r.name);
    // a community worker of a community with a file, and a social worker of the street with none assigned
    qy = (await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '清远街道'`))[0]!.id;
    const c0 = children.find((c) => c.street_id === qy)!;
    const hash = await hashPassword(DEMO_PASSWORD);
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id) values
      ('140213', 'U-PRIV-CW', 'priv-community', '社区工作者', ${hash}, 'community_worker', ${c0.community_id}),
      ('140213', 'U-PRIV-SW', 'priv-sw', '未分派社工', ${hash}, 'social_worker', ${c0.street_id})`);
  });
  after(() => env.close());

  it('has 50 files, each child with a name only the key reveals', () => {
    assert.equal(children.length, 50);
    assert.ok(children.every((c) => c.name.length >= 2 && c.name !== '受保护未成年人'));
  });

  it('the masked file carries no name characters, an age band, and the community only within scope', async () => {
    for (const c of children.filter((x) => x.street_id === qy)) {
      for (const u of ['admin', 'priv-community', 'priv-sw']) {
        const res = await env.as(u).get(`/api/minor-cases/${c.case_id}`);
        if (res.statusCode === 403) continue;
        assert.equal(res.statusCode, 200, `${u} ${res.body}`);
        const f = json<{
          case: {
            name: string | null;
            nameMasked: string;
            age: number | null;
            ageBand: string;
            identity: unknown;
            communityName: string | null;
          };
        }>(res).case;
        assert.deepEqual([f.name, f.nameMasked, f.age, f.identity], [null, '受保护未成年人', null, null], u);
        assert.ok(['0-5', '6-11', '12-17'].includes(f.ageBand));
        assert.ok(!res.body.includes(c.name), `${u}: the file shows the name`);
        assert.ok(!res.body.includes(`"${[...c.name][0]!}`), `${u}: the file shows a value starting with the surname`);
      }
    }
  });

  it('no people-listing endpoint returns a child to a caller who sees the file masked', async () => {
    // Every GET route of the API, so that a new listing endpoint cannot escape; path parameters are filled with
    // every id the masked file points at (street, community, compound, building, household, the child's own id).
    const gets = env.routes.filter(
      // (an event stream never ends, so it has no body to read; it carries only the caller's own notifications)
      (r) =>
        r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/auth') && !r.url.endsWith('/stream'),
    );
    assert.ok(gets.some((r) => r.url === '/api/people') && gets.some((r) => r.url === '/api/buildings/:id/households'));
    const masked = ['admin', 'qingyuan', 'priv-community', 'priv-sw'];
    const found: string[] = [];
    let calls = 0;
    for (const u of masked) {
      const inScope = children.filter((c) => u === 'admin' || c.street_id === qy);
      // path parameters: the ids of three files' children and places (every route × every id of 50 files is minutes)
      const ids = [
        ...new Set(
          inScope
            .slice(0, 3)
            .flatMap((c) => [c.street_id, c.community_id, c.compound_id, c.building_id, c.household_id, c.person_id]),
        ),
      ];
      for (const r of gets) {
        const params = r.url.match(/:[A-Za-z]+/g) ?? [];
        const urls =
          params.length === 0 ? [r.url] : params.length === 1 ? ids.map((id) => r.url.replace(params[0]!, id)) : [];
        for (const url of urls) {
          calls++;
          const res = await env.as(u).get(url);
          if (res.statusCode !== 200) continue;
          const text = await bodyText(res);
          for (const c of leaks(text, inScope)) found.push(`${u} ${url} → ${c.case_id}`);
        }
      }
      // people search: every combination of the unit filters (street, community, compound) with every tag the caller
      // may filter by, every page; and by each child's own household members' detail pages
      const tags = u === 'priv-sw' ? ['', 'disabled', 'child_in_difficulty'] : ['', 'disabled'];
      const units = [
        ...new Set([...inScope.map((c) => c.community_id), ...inScope.slice(0, 3).map((c) => c.compound_id)]),
      ];
      for (const unit of ['', ...units]) {
        for (const tag of tags) {
          const q = [unit ? `orgUnitId=${unit}` : '', tag ? `tag=${tag}` : ''].filter(Boolean).join('&');
          for (const body of await allPages(u, `/api/people${q ? `?${q}` : ''}`)) {
            calls++;
            for (const c of leaks(body, inScope)) found.push(`${u} /api/people?${q} → ${c.case_id}`);
          }
        }
      }
      for (const c of inScope) {
        for (const q of [c.name, [...c.name][0]!]) {
          const res = await env.as(u).get(`/api/people?q=${encodeURIComponent(q)}&limit=100`);
          calls++;
          for (const l of leaks(res.body, [c])) found.push(`${u} /api/people?q=${q} → ${l.case_id}`);
        }
      }
    }
    assert.deepEqual(found, [], `${found.length} leaks in ${calls} calls`);
  });

  it('the same searches do find the child for the station head, so the test above can fail', async () => {
    const c = children.find((x) => x.street_id === qy)!;
    const bodies = await allPages('qingyuan-head', `/api/people?orgUnitId=${c.community_id}`);
    assert.ok(bodies.some((b) => b.includes(c.person_id)));
    const byName = json<{ items: { id: string; name: string }[] }>(
      await env.as('qingyuan-head').get(`/api/people?q=${encodeURIComponent(c.name)}`),
    ).items;
    assert.ok(byName.some((p) => p.id === c.person_id && p.name === c.name));
  });

  it("a pg_dump of the database holds none of the children's or guardians' names, no ID number and no mobile number", async (t) => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) {
      t.skip('TEST_DATABASE_URL is not set: the pg_dump check runs in the PostgreSQL pass only');
      return;
    }
    const [{ schema }] = (await queryRows<{ schema: string }>(env.ctx.db, sql`select current_schema() as schema`)) as [
      { schema: string },
    ];
    assert.match(schema, /^t_[0-9a-f]+$/);
    const { stdout: dump } = await promisify(execFile)('pg_dump', ['--no-owner', '-n', schema, url], {
      maxBuffer: 512 * 1024 * 1024,
    });
    assert.ok(dump.includes('COPY') && dump.length > 100_000, 'the dump has data');
    // the protected names: children and guardians, decrypted with the key
    const protectedRows = await queryRows<{ name_cipher: string; protection: string }>(
      env.ctx.db,
      sql`select name_cipher, protection from people where protection is not null`,
    );
    const names = protectedRows.map((r) => env.ctx.crypto.decrypt(r.name_cipher));
    assert.equal(protectedRows.filter((r) => r.protection === 'child').length, 50);
    assert.ok(protectedRows.filter((r) => r.protection === 'guardian').length >= 50, 'guardians are protected too');
    const checkable = [...new Set(names)].filter((n) => !plainNames.some((p) => p.includes(n)));
    assert.ok(
      checkable.length >= names.length * 0.5,
      `${checkable.length} of ${names.length} names are distinctive enough to look for`,
    );
    const around = (i: number) =>
      dump.slice(Math.max(0, dump.lastIndexOf('\n', i) + 1), Math.min(i + 60, dump.length)).slice(0, 160);
    const tableAt = (i: number) => /COPY ([\w."]+)/.exec(dump.slice(dump.lastIndexOf('COPY ', i), i))?.[1] ?? '?';
    const found = checkable
      .filter((n) => dump.includes(n))
      .map((n) => `name ${n} in ${tableAt(dump.indexOf(n))}: ${around(dump.indexOf(n))}`);
    for (const m of dump.matchAll(/(?<![0-9A-Za-z+/])\d{17}[\dX](?![0-9A-Za-z+/])/g)) {
      if (!('problem' in parseIdNumber(m[0]))) found.push(`ID number in ${tableAt(m.index)}: ${around(m.index)}`);
    }
    for (const m of dump.matchAll(/(?<![0-9A-Za-z+/])1[3-9]\d{9}(?![0-9A-Za-z+/])/g))
      found.push(`mobile in ${tableAt(m.index)}: ${around(m.index)}`);
    assert.deepEqual(found, []);
  });
});
