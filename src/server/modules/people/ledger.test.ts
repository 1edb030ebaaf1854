import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { checkCharacter } from '../../lib/id-number.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { createLedgerWorker } from './ledger.worker.js';
import type { LedgerImport } from '../../../shared/people.schema.js';

let env: TestEnv;
let home: { communityId: string; compound: string; building: string };
let elsewhere: { communityId: string; compound: string; building: string };

const HEAD = ['社区编码', '小区名称', '楼栋名称', '单元', '房号', '姓名', '身份证号', '与户主关系', '联系电话', '标签'];
/** A valid 18-digit ID number (checksum right) from a serial, born 1970–1999 (no demo resident shares the 2-digit area 9). */
function idNo(serial: number, year = 1980 + (serial % 20)): string {
  const day = String(1 + Math.floor(serial / 1000)).padStart(2, '0');
  const first17 = `990213${year}01${day}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实有人口');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(env.ctx.db, q))[0]!.n;
const peopleCount = () => count(sql`select count(*)::int as n from people`);

async function runImport(user: string, rows: unknown[][], mode: 'file' | 'household' = 'file'): Promise<LedgerImport> {
  const res = await env.as(user).upload(`/api/people/imports?mode=${mode}`, await xlsx([HEAD, ...rows]), 'l.xlsx');
  assert.equal(res.statusCode, 202, res.body);
  const started = json<LedgerImport>(res);
  assert.equal(started.status, 'queued');
  await createLedgerWorker(env.ctx).drain();
  return json<LedgerImport>(await env.as(user).get(`/api/people/imports/${started.id}`));
}

const row = (b: typeof home, unit: string, room: string, name: string, serial: number, extra: string[] = []) => [
  b.communityId,
  b.compound,
  b.building,
  unit,
  room,
  name,
  idNo(serial),
  extra[0] ?? '户主',
  extra[1] ?? '',
  extra[2] ?? '',
];

async function buildingOf(communityName: string) {
  const [r] = await queryRows<{ community_id: string; compound: string; building: string }>(
    env.ctx.db,
    sql`select c.parent_id as community_id, c.name as compound, b.name as building
        from buildings b join org_units c on c.district_id = b.district_id and c.id = b.compound_id
        join org_units m on m.district_id = c.district_id and m.id = c.parent_id
        where m.name = ${communityName} order by c.id, b.name limit 1`,
  );
  return { communityId: r!.community_id, compound: r!.compound, building: r!.building };
}

describe('real-population ledger import and export (实有人口台账)', () => {
  before(async () => {
    env = await createTestEnv();
    home = await buildingOf('太和社区');
    const [other] = await queryRows<{ name: string }>(
      env.ctx.db,
      sql`select name from org_units where kind = 'community' and name <> '太和社区' and id in
            (select parent_id from org_units where kind = 'compound') order by id limit 1`,
    );
    elsewhere = await buildingOf(other!.name);
  });
  after(() => env.close());

  it('offers a template whose columns are the ones the import reads', async () => {
    const res = await env.as('taihe').get('/api/people/ledger-template.xlsx');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, HEAD);
  });

  it('file mode: any wrong row and nothing is written; every problem is named with its row', async () => {
    const before = await peopleCount();
    const r = await runImport('taihe', [
      row(home, '1单元', '901', '导入甲', 1),
      [home.communityId, home.compound, home.building, '1', '901', '导入乙', '990213198001010011', '配偶', '', ''],
      row(home, '1单元', '902', '导入丙', 3, ['舅舅']),
      row(elsewhere, '1单元', '101', '导入丁', 4),
      row(home, '1单元', '903', '导入戊', 1),
      row(home, '1单元', '904', '导入己', 6, ['户主', '12345', '困境儿童']),
    ]);
    assert.equal(r.status, 'done');
    assert.equal(r.created, 0);
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.field]),
      [
        [3, '身份证号'],
        [4, '与户主关系'],
        [5, '楼栋名称'],
        [6, '身份证号'],
        [7, '联系电话'],
        [7, '标签'],
      ],
    );
    assert.match(r.errors.find((e) => e.row === 6)!.message, /第 2 行/);
    assert.match(r.errors.find((e) => e.row === 6)!.en, /row 2/);
    assert.equal(await peopleCount(), before);
  });

  it('writes people and households, encrypted and masked; importing the same file again changes nothing', async () => {
    const rows = [
      row(home, '1单元', '901', '导入甲', 11, ['户主', '13800001111', '党员、志愿者']),
      row(home, '1', '901', '导入乙', 12, ['配偶']),
      row(home, '2单元', '901', '导入丙', 13),
    ];
    const before = await peopleCount();
    const first = await runImport('taihe', rows);
    assert.equal(first.status, 'done');
    assert.deepEqual(
      [first.created, first.updated, first.unchanged, first.householdsCreated, first.errorCount],
      [3, 0, 0, 2, 0],
    );
    assert.equal(await peopleCount(), before + 3);
    const [p] = await queryRows<{ id_cipher: string; id_masked: string; tags: string[]; relation: string }>(
      env.ctx.db,
      sql`select id_cipher, id_masked, tags, relation from people where name = '导入甲'`,
    );
    assert.equal(env.ctx.crypto.decrypt(p!.id_cipher), idNo(11));
    assert.ok(!p!.id_cipher.includes(idNo(11)));
    assert.match(p!.id_masked, /\*/);
    assert.deepEqual(p!.tags, ['party_member', 'volunteer']);
    // "1" and "1单元" are one household
    const n = await count(
      sql`select count(distinct household_id)::int as n from people where name in ('导入甲', '导入乙')`,
    );
    assert.equal(n, 1);

    const again = await runImport('taihe', rows);
    assert.deepEqual([again.created, again.updated, again.unchanged, again.householdsCreated], [0, 0, 3, 0]);

    const changed = await runImport('taihe', [
      rows[0]!,
      rows[1]!,
      row(home, '2单元', '901', '导入丙', 13, ['户主', '13900002222']),
    ]);
    assert.deepEqual([changed.created, changed.updated, changed.unchanged], [0, 1, 2]);
    const audits = await count(sql`select count(*)::int as n from audit_log where action = 'people.import'`);
    assert.ok(audits >= 3);
  });

  it('household mode: a household with a wrong row is skipped whole, the others are written', async () => {
    const before = await peopleCount();
    const r = await runImport(
      'taihe',
      [
        row(home, '3单元', '101', '按户甲', 21),
        row(home, '3单元', '101', '按户乙', 22, ['配偶']),
        row(home, '3单元', '102', '按户丙', 23),
        row(home, '3单元', '102', '按户丁', 24, ['谁']),
      ],
      'household',
    );
    assert.equal(r.status, 'done');
    assert.deepEqual([r.created, r.householdsSkipped, r.errorCount], [2, 1, 1]);
    assert.equal(await peopleCount(), before + 2);
    assert.equal(await count(sql`select count(*)::int as n from people where name = '按户丙'`), 0);
  });

  it('imports more than one batch (1,000 rows) of households in one file', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) =>
      row(home, `${5 + (Math.floor(i / 2) % 3)}单元`, String(1000 + Math.floor(i / 2)), `批量${i}`, 400 + i, [
        i % 2 ? '配偶' : '户主',
      ]),
    );
    const r = await runImport('taihe', rows, 'household');
    assert.deepEqual([r.status, r.created, r.householdsCreated, r.errorCount], ['done', 1200, 600, 0]);
  });

  it('refuses a person registered outside the caller scope, and hides an import from other accounts', async () => {
    // the district registers someone in another community; the community worker of 太和 may not move them
    const moved = await runImport('admin', [row(elsewhere, '1单元', '801', '外社区甲', 31)]);
    assert.equal(moved.created, 1);
    const r = await runImport('taihe', [row(home, '1单元', '801', '外社区甲', 31)]);
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.field]),
      [[2, '身份证号']],
    );
    assert.match(r.errors[0]!.message, /管辖范围以外/);
    const other = await env.as('admin').get(`/api/people/imports/${r.id}`);
    assert.equal(other.statusCode, 404);
    assert.equal(json<{ error: { code: string } }>(other).error.code, 'LEDGER_IMPORT_NOT_FOUND');
    const recent = json<{ items: LedgerImport[] }>(await env.as('taihe').get('/api/people/imports'));
    assert.ok(recent.items.some((i) => i.id === r.id));
  });

  it('answers wrong columns with a clear failure and roles without the ability with 403', async () => {
    const res = await env.as('taihe').upload('/api/people/imports', await xlsx([['姓名'], ['张三']]), 'x.xlsx');
    assert.equal(res.statusCode, 202);
    await createLedgerWorker(env.ctx).drain();
    const r = json<LedgerImport>(await env.as('taihe').get(`/api/people/imports/${json<LedgerImport>(res).id}`));
    assert.equal(r.status, 'failed');
    assert.match(r.failure!, /缺少这些列/);
    for (const user of ['xinggang', 'shuibosi', 'zhujian']) {
      const denied = await env.as(user).upload('/api/people/imports', await xlsx([HEAD]), 'x.xlsx');
      assert.equal(denied.statusCode, 403, user);
    }
  });

  it('exports the ledger in scope: full ID numbers for a caller who may reveal them, never protected people', async () => {
    const res = await env.as('taihe').get('/api/people/ledger.xlsx');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), HEAD);
    const ids: string[] = [];
    const names: string[] = [];
    ws.eachRow((r, i) => {
      if (i === 1) return;
      ids.push(String(r.getCell(7).value));
      names.push(String(r.getCell(6).value));
    });
    assert.ok(names.includes('导入甲'));
    assert.ok(!names.includes('外社区甲'), 'another community is out of scope');
    assert.ok(ids.includes(idNo(11)));
    const inScope = await count(sql`select count(*)::int as n from people p join org_units u on u.name = '太和社区'
      where p.org_path like u.path || '%' and p.protection is null`);
    assert.equal(names.length, inScope);
    assert.ok(
      await count(sql`select count(*)::int as n from audit_log where action = 'people.export'`),
      'the export is audited',
    );
  });
});
