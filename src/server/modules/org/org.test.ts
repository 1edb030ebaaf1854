import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, login, type TestEnv } from '../../testing/harness.js';
import { buildZip } from '../../testing/zip.js';

let env: TestEnv;
let admin: string;
let taihe: string;
let taiheId: string;

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(url: string, cookie: string, file: Buffer, filename = 'a.xlsx') {
  const boundary = '----linliTest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return env.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(env.ctx.db, q))[0]!.n;
const HEAD = ['社区编码', '小区名称', '地址', '老旧小区', '已改造', '业委会/物管会', '物业公司'];

describe('org tree, compounds and buildings', () => {
  before(async () => {
    env = await createTestEnv();
    admin = await login(env.app, 'admin');
    taihe = await login(env.app, 'taihe');
    taiheId = (await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '太和社区'`))[0]!
      .id;
  });
  after(() => env.close());

  it('browses the tree from the district down with child counts', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/org-units/140213/children',
      headers: { cookie: admin },
    });
    const { items } = json<{ items: { name: string; kind: string; childCount: number }[] }>(res);
    assert.equal(items.length, 18);
    assert.ok(items.every((s) => s.kind === 'street'));
    assert.equal(
      items.reduce((n, s) => n + s.childCount, 0),
      155 + 47,
    );
  });

  it('counts 业委会/物管会 over every compound in scope, not over a page of 50', async () => {
    type Summary = { total: number; owners_committee: number; property_committee: number; none: number };
    const all = json<Summary>(await env.as('admin').get('/api/committees/summary'));
    const [db] = await queryRows<Summary>(
      env.ctx.db,
      sql`select count(*)::int as total,
            count(*) filter (where owners_committee = 'owners_committee')::int as owners_committee,
            count(*) filter (where owners_committee = 'property_committee')::int as property_committee,
            count(*) filter (where owners_committee is null)::int as none
          from org_units where kind = 'compound'`,
    );
    assert.deepEqual(all, db);
    assert.equal(all.total, 724);
    const mine = json<Summary>(await env.as('taihe').get('/api/committees/summary'));
    assert.equal(
      mine.total,
      await count(sql`select count(*)::int as n from org_units where kind = 'compound' and parent_id = ${taiheId}`),
    );
    const named = json<Summary>(await env.as('admin').get(`/api/committees/summary?q=${encodeURIComponent('星港城')}`));
    assert.equal(named.total, 1);
    const outside = await env.as('taihe').get(`/api/committees/summary?communityId=140213`);
    assert.equal(outside.statusCode, 403);
  });

  it('shows a community worker only their own ancestors-in-scope and subtree', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/org-units/${taiheId}`, headers: { cookie: taihe } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(json<{ ancestors: unknown[] }>(res).ancestors, []);
    const other = await env.app.inject({ method: 'GET', url: '/api/org-units/140213', headers: { cookie: taihe } });
    assert.equal(other.statusCode, 403);
    const search = await env.app.inject({
      method: 'GET',
      url: '/api/org-units?q=小区&kind=compound',
      headers: { cookie: taihe },
    });
    const found = json<{ items: { path: string }[] }>(search).items;
    assert.ok(found.every((u) => u.path.includes(`/${taiheId}/`)));
  });

  it('answers an unknown org code with a 404 and a message', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/org-units/999999', headers: { cookie: admin } });
    assert.equal(res.statusCode, 404);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'ORG_UNIT_NOT_FOUND');
    const c = await env.app.inject({
      method: 'POST',
      url: '/api/compounds',
      headers: { cookie: admin },
      payload: { communityId: '999999', name: '不存在' },
    });
    assert.equal(c.statusCode, 404);
  });

  it('creates, updates with a version, and deletes a compound — each write audited', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/compounds',
      headers: { cookie: taihe },
      payload: { communityId: taiheId, name: '测试新苑', isOld: true, ownersCommittee: 'property_committee' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const unit = json<{ unit: { id: string; version: number; path: string } }>(created).unit;
    assert.ok(unit.path.endsWith(`/${taiheId}/${unit.id}/`));
    const stale = { address: '新地址', version: unit.version + 5 };
    assert.equal(
      (
        await env.app.inject({
          method: 'PATCH',
          url: `/api/compounds/${unit.id}`,
          headers: { cookie: taihe },
          payload: stale,
        })
      ).statusCode,
      409,
    );
    const updated = await env.app.inject({
      method: 'PATCH',
      url: `/api/compounds/${unit.id}`,
      headers: { cookie: taihe },
      payload: { address: '新地址', version: unit.version },
    });
    assert.equal(json<{ unit: { address: string; version: number } }>(updated).unit.version, unit.version + 1);
    const dup = await env.app.inject({
      method: 'POST',
      url: '/api/compounds',
      headers: { cookie: taihe },
      payload: { communityId: taiheId, name: '测试新苑' },
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(
      (await env.app.inject({ method: 'DELETE', url: `/api/compounds/${unit.id}`, headers: { cookie: taihe } }))
        .statusCode,
      204,
    );
    const actions = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select action from audit_log where entity_id = ${unit.id} order by id`,
    );
    assert.deepEqual(
      actions.map((a) => a.action),
      ['compound.create', 'compound.update', 'compound.delete'],
    );
  });

  it('refuses to delete a compound that has buildings or a branch', async () => {
    const [xg] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '星港城'`);
    const res = await env.app.inject({ method: 'DELETE', url: `/api/compounds/${xg!.id}`, headers: { cookie: admin } });
    assert.equal(res.statusCode, 409);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'COMPOUND_NOT_EMPTY');
  });

  it('rejects bad input with 400s and writes nothing', async () => {
    const before = await count(sql`select count(*)::int as n from org_units`);
    for (const payload of [
      { communityId: taiheId, name: '' },
      { communityId: taiheId },
      { communityId: taiheId, name: 'x', ownersCommittee: 'maybe' },
      { communityId: taiheId, name: 'x'.repeat(61) },
    ]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/compounds', headers: { cookie: admin }, payload });
      assert.equal(res.statusCode, 400, res.body);
    }
    const street = await env.app.inject({
      method: 'POST',
      url: '/api/compounds',
      headers: { cookie: admin },
      payload: { communityId: '140213066', name: '街道下的小区' },
    });
    assert.equal(json<{ error: { code: string } }>(street).error.code, 'COMPOUND_PARENT_INVALID');
    assert.equal(await count(sql`select count(*)::int as n from org_units`), before);
  });

  it('imports compounds from .xlsx; re-importing the same file changes nothing', async () => {
    const file = await xlsx([
      HEAD,
      [taiheId, '导入甲苑', '甲路1号', '是', '否', '物管会', ''],
      [taiheId, '导入乙苑', '', '否', '否', '业委会', '甲物业'],
    ]);
    const first = json<{ created: number; updated: number; unchanged: number; errors: unknown[] }>(
      await upload('/api/imports/compounds', taihe, file),
    );
    assert.deepEqual(first, { created: 2, updated: 0, unchanged: 0, errors: [] });
    const auditBefore = await count(sql`select count(*)::int as n from audit_log`);
    const versions = await queryRows<{ version: number }>(
      env.ctx.db,
      sql`select version from org_units where name like '导入%' order by name`,
    );
    const second = json(await upload('/api/imports/compounds', taihe, file));
    assert.deepEqual(second, { created: 0, updated: 0, unchanged: 2, errors: [] });
    assert.deepEqual(
      await queryRows<{ version: number }>(
        env.ctx.db,
        sql`select version from org_units where name like '导入%' order by name`,
      ),
      versions,
    );
    assert.equal(await count(sql`select count(*)::int as n from audit_log`), auditBefore);
    const changed = await xlsx([HEAD, [taiheId, '导入甲苑', '甲路2号', '是', '是', '物管会', '']]);
    assert.deepEqual(json(await upload('/api/imports/compounds', taihe, changed)), {
      created: 0,
      updated: 1,
      unchanged: 0,
      errors: [],
    });
  });

  it('reports every bad row and writes nothing when any row is wrong', async () => {
    const before = await count(sql`select count(*)::int as n from org_units`);
    const file = await xlsx([
      HEAD,
      [taiheId, '好小区', '', '否', '否', '业委会', ''],
      ['140213050004', '越权小区', '', '否', '否', '无', ''],
      [taiheId, '', '', '也许', '否', '业委会', ''],
      [taiheId, '好小区', '', '否', '否', '业委会', ''],
    ]);
    const res = json<{ created: number; errors: { row: number; field: string; message: string }[] }>(
      await upload('/api/imports/compounds', taihe, file),
    );
    assert.equal(res.created, 0);
    assert.deepEqual(
      res.errors.map((e) => [e.row, e.field]),
      [
        [3, '社区编码'],
        [4, '小区名称'],
        [4, '老旧小区'],
        [5, '小区名称'],
      ],
    );
    assert.ok(res.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message)));
    assert.equal(await count(sql`select count(*)::int as n from org_units`), before);
  });

  it('imports buildings matched by compound name', async () => {
    const file = await xlsx([
      ['社区编码', '小区名称', '楼栋名称', '单元数', '层数', '地址'],
      [taiheId, '导入甲苑', '1号楼', 2, 6, ''],
      [taiheId, '导入甲苑', '2号楼', 3, 0, ''],
    ]);
    const bad = json<{ errors: { row: number; field: string }[] }>(await upload('/api/imports/buildings', taihe, file));
    assert.deepEqual(
      bad.errors.map((e) => [e.row, e.field]),
      [[3, '层数']],
    );
    const good = await xlsx([
      ['社区编码', '小区名称', '楼栋名称', '单元数', '层数', '地址'],
      [taiheId, '导入甲苑', '1号楼', 2, 6, ''],
      [taiheId, '导入甲苑', '2号楼', 3, 18, ''],
    ]);
    assert.deepEqual(json(await upload('/api/imports/buildings', taihe, good)), {
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    assert.deepEqual(json(await upload('/api/imports/buildings', taihe, good)), {
      created: 0,
      updated: 0,
      unchanged: 2,
      errors: [],
    });
  });

  it('answers a malformed file, wrong columns and an oversized upload with clear 4xx', async () => {
    // not a zip by its bytes: refused as a type mismatch before any parsing
    const garbage = await upload('/api/imports/compounds', taihe, Buffer.from('this is not a spreadsheet'));
    assert.equal(garbage.statusCode, 415);
    assert.equal(json<{ error: { code: string } }>(garbage).error.code, 'UPLOAD_TYPE_MISMATCH');
    // a zip that is not a workbook
    const zip = await buildZip([{ name: 'readme.txt', chunks: () => [Buffer.from('hello')] }]);
    const notBook = await upload('/api/imports/compounds', taihe, zip);
    assert.equal(notBook.statusCode, 400);
    assert.equal(json<{ error: { code: string } }>(notBook).error.code, 'IMPORT_FILE_INVALID');
    const cols = await upload('/api/imports/compounds', taihe, await xlsx([['名称'], ['x']]));
    assert.equal(json<{ error: { code: string } }>(cols).error.code, 'IMPORT_COLUMNS_MISSING');
    const big = await upload('/api/imports/compounds', taihe, Buffer.alloc(300 * 1024, 1));
    assert.equal(big.statusCode, 413);
    assert.equal(json<{ error: { code: string } }>(big).error.code, 'UPLOAD_TOO_LARGE');
    const notMultipart = await env.app.inject({
      method: 'POST',
      url: '/api/imports/compounds',
      headers: { cookie: taihe },
      payload: { a: 1 },
    });
    assert.equal(notMultipart.statusCode, 400);
  });

  it('serves an import template that imports cleanly', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/imports/templates/compounds.xlsx',
      headers: { cookie: admin },
    });
    assert.equal(res.statusCode, 200);
    const out = json<{ created: number; errors: unknown[] }>(
      await upload('/api/imports/compounds', admin, res.rawPayload),
    );
    assert.equal(out.errors.length, 0);
    assert.equal(out.created, 1);
  });

  it("lists a compound's buildings with household counts; building CRUD validates", async () => {
    const [xg] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '星港城'`);
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/compounds/${xg!.id}/buildings`,
      headers: { cookie: taihe },
    });
    const { items } = json<{ items: { householdCount: number }[] }>(res);
    assert.ok(items.length >= 1);
    assert.ok(items.reduce((n, b) => n + b.householdCount, 0) >= 1);
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/buildings',
      headers: { cookie: taihe },
      payload: { compoundId: xg!.id, name: '9号楼', floors: 500 },
    });
    assert.equal(bad.statusCode, 400);
    const occupied = items[0] as unknown as { id: string };
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/buildings/${occupied.id}`,
      headers: { cookie: taihe },
    });
    assert.equal(del.statusCode, 409);
  });

  it('serves the OpenAPI document', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = json<{ paths: Record<string, unknown> }>(res);
    assert.ok(doc.paths['/api/people/{id}']);
    assert.ok(doc.paths['/api/dashboard/coverage']);
  });

  it('keeps the audit log append-only, even for the owner (the trigger)', async () => {
    const appendOnly = (e: unknown) =>
      /append-only/.test(String((e as { cause?: { message?: string } }).cause?.message ?? e));
    await assert.rejects(env.ownerDatabase.db.execute(sql`update audit_log set action = 'x'`), appendOnly);
    await assert.rejects(env.ownerDatabase.db.execute(sql`delete from audit_log`), appendOnly);
  });
});
