import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { queryRows } from '../db/client.js';
import { createTestEnv, json, login, type TestEnv } from '../testing/harness.js';
import { compoundId, PNG } from '../testing/orders.js';
import { communityId, ensureOrg, PDF, proposalBody, roundIn } from '../testing/purchase.js';
import { buildZip, paddedSheet, xlsxParts } from '../testing/zip.js';
import type { AppError } from './errors.js';
import { contentDisposition, sanitizeFileName, withImportSlot } from './uploads.js';
import { readXlsxRows } from './xlsx-reader.js';

const HTML = `data:image/png;base64,${Buffer.from('<!doctype html><script>alert(document.cookie)</script>').toString('base64')}`;
const COMPOUND_HEAD = ['社区编码', '小区名称', '地址', '老旧小区', '已改造', '业委会/物管会', '物业公司'];
const MiB = 1024 * 1024;

let env: TestEnv;
const cookies = new Map<string, string>();

function upload(
  url: string,
  user: string,
  file: Buffer,
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
) {
  const b = '----linliUploads';
  return env.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookies.get(user)!, 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="ledger.xlsx"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  });
}
const code = (res: { body: string }) => json<{ error: { code: string } }>(res as never).error.code;
const count = async (table: string) =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

async function compoundsFile(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('小区');
  ws.addRow(COMPOUND_HEAD);
  const community = await communityId(env.ctx.db);
  for (let i = 0; i < rows; i++) ws.addRow([community, `上传测试小区${i}`, '', '否', '否', '无', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Peak RSS growth while `run` runs, sampled every 10 ms. */
async function peakRssGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMiB: (peak - base) / MiB };
  } finally {
    clearInterval(timer);
  }
}

describe('uploads: names', () => {
  it('keeps only the last path segment, drops control and bidi characters, keeps Chinese, caps the length', () => {
    assert.equal(sanitizeFileName('../../evil.html'), 'evil.html');
    assert.equal(sanitizeFileName('..\\..\\windows\\evil.html'), 'evil.html');
    assert.equal(sanitizeFileName('../../evil.html', 'application/pdf'), 'evil.html.pdf');
    assert.equal(sanitizeFileName('项目书\u0000\u202e fdp.exe.pdf', 'application/pdf'), '项目书 fdp.exe.pdf');
    assert.equal(sanitizeFileName('...', 'image/png'), '附件.png');
    assert.equal(sanitizeFileName('预算 "终稿" <v2>.pdf'), '预算 _终稿_ _v2_.pdf');
    const long = sanitizeFileName(`${'长'.repeat(300)}.pdf`, 'application/pdf');
    assert.equal([...long].length, 100);
    assert.ok(long.endsWith('.pdf'));
  });

  it('writes Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    assert.equal(
      contentDisposition('attachment', "../项目书(1)'.pdf"),
      `attachment; filename="___(1)'.pdf"; filename*=UTF-8''%E9%A1%B9%E7%9B%AE%E4%B9%A6%281%29%27.pdf`,
    );
  });
});

describe('uploads: the bounded .xlsx reader', () => {
  it('keeps Chinese text whole where a character spans two inflated chunks (inline and shared strings)', async () => {
    const text = (i: number) => `平城区第${i}号楼子女户主${'幸福餐厅'.repeat(1 + (i % 5))}`;
    for (const shared of [false, true]) {
      const stream = new PassThrough();
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: shared, useStyles: false });
      const ws = wb.addWorksheet('a');
      for (let i = 0; i < 6000; i++) ws.addRow([text(i), i]).commit();
      await ws.commit();
      await wb.commit();
      const file = Buffer.concat(parts);
      let n = 0;
      for await (const r of readXlsxRows(file, { maxRows: 10_000, maxEntryBytes: 64 * MiB, maxTotalBytes: 64 * MiB })) {
        assert.equal(r.getCell(1).value, text(n), `row ${r.number} (shared strings: ${shared})`);
        n++;
      }
      assert.equal(n, 6000);
    }
  });

  it('reads rows as a stream and stops at the row cap, and at too many shared strings for the cap', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    for (let i = 0; i < 30; i++) ws.addRow([`文字${i}`, `第${i}行`]);
    const file = Buffer.from(await wb.xlsx.writeBuffer()); // the non-streaming writer uses shared strings
    const limits = { maxEntryBytes: MiB, maxTotalBytes: 2 * MiB };
    const rows: string[] = [];
    for await (const r of readXlsxRows(file, { ...limits, maxRows: 29 })) rows.push(String(r.getCell(1).value));
    assert.equal(rows.length, 30);
    assert.equal(rows[29], '文字29');
    await assert.rejects(
      async () => {
        for await (const _ of readXlsxRows(file, { ...limits, maxRows: 28 })) {
          /* read */
        }
      },
      (e: AppError) => e.status === 400 && e.code === 'IMPORT_TOO_MANY_ROWS',
    );
    // 60 shared strings > (maxRows + 1) × 12 when maxRows is 3: refused while the strings are read
    await assert.rejects(
      async () => {
        for await (const _ of readXlsxRows(file, { ...limits, maxRows: 3 })) {
          /* read */
        }
      },
      (e: AppError) => e.status === 400 && e.code === 'IMPORT_TOO_MANY_ROWS' && e.message.includes('文字条目'),
    );
    await assert.rejects(
      async () => {
        for await (const _ of readXlsxRows(file, { maxRows: 100, maxEntryBytes: 1024, maxTotalBytes: MiB })) {
          /* read */
        }
      },
      (e: AppError) => e.status === 413 && e.code === 'IMPORT_TOO_LARGE_UNCOMPRESSED',
    );
  });
});

describe('uploads and imports', () => {
  before(async () => {
    env = await createTestEnv();
    env.ctx.config.maxUploadBytes = 10 * MiB; // the harness's 256 KB would refuse the files before their contents are read
    for (const u of ['admin', 'resident', 'yiyuanli', 'agent']) cookies.set(u, await login(env.app, u));
  });
  after(() => env.close());

  it('refuses a photo whose bytes are HTML although it says image/png, and writes nothing', async () => {
    const before = await count('work_orders');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie: cookies.get('resident')! },
      payload: {
        channel: 'resident',
        categoryId: 'C04',
        title: '墙体开裂',
        description: '围墙出现裂缝',
        compoundId: await compoundId(env.ctx.db),
        photos: [PNG, HTML],
      },
    });
    assert.equal(res.statusCode, 415, res.body);
    assert.equal(code(res), 'UPLOAD_TYPE_MISMATCH');
    assert.equal(await count('work_orders'), before);
    assert.equal(await count('work_order_attachments'), 0);
  });

  it('serves a photo inline only when its bytes are an image, always with nosniff', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie: cookies.get('resident')! },
      payload: {
        channel: 'resident',
        categoryId: 'C04',
        title: '墙体开裂',
        description: '围墙出现裂缝',
        compoundId: await compoundId(env.ctx.db),
        photos: [PNG],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const order = json<{ order: { id: string; photos: string[] } }>(created).order;
    const png = await env.app.inject({
      method: 'GET',
      url: order.photos[0]!,
      headers: { cookie: cookies.get('resident')! },
    });
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.match(String(png.headers['content-disposition']), /^inline; /);
    assert.equal(png.headers['x-content-type-options'], 'nosniff');
    // A row stored before sniffing existed: HTML labelled image/png goes out as a download, not as HTML.
    await env.ctx.db.execute(sql`insert into work_order_attachments (district_id, id, order_id, mime, data_base64)
      values ('140213', 'legacy-html', ${order.id}, 'image/png', ${HTML.split(',')[1]!})`);
    const legacy = await env.app.inject({
      method: 'GET',
      url: `/api/work-orders/${order.id}/photos/legacy-html`,
      headers: { cookie: cookies.get('resident')! },
    });
    assert.equal(legacy.statusCode, 200);
    assert.equal(legacy.headers['content-type'], 'application/octet-stream');
    assert.match(String(legacy.headers['content-disposition']), /^attachment; filename="photo-legacy-html.bin"/);
    assert.equal(legacy.headers['x-content-type-options'], 'nosniff');
  });

  it('stores a proposal attachment named ../../evil.html under a safe name, refuses a mismatched one, serves it as a download', async () => {
    const f = env;
    const fx = await roundIn(f, 'open', 0);
    await ensureOrg(f);
    const target = await communityId(env.ctx.db);
    const before = await count('purchase_proposals');
    const bad = await env.app.inject({
      method: 'POST',
      url: `/api/purchase/rounds/${fx.roundId}/proposals`,
      headers: { cookie: cookies.get('yiyuanli')! },
      payload: proposalBody(target, '冒充图片的网页', [{ name: 'photo.png', dataUrl: HTML }]),
    });
    assert.equal(bad.statusCode, 415, bad.body);
    assert.equal(code(bad), 'UPLOAD_TYPE_MISMATCH');
    assert.equal(await count('purchase_proposals'), before);

    const ok = await env.app.inject({
      method: 'POST',
      url: `/api/purchase/rounds/${fx.roundId}/proposals`,
      headers: { cookie: cookies.get('yiyuanli')! },
      payload: proposalBody(target, '太极拳进社区', [{ name: '../../evil.html', dataUrl: PDF }]),
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const att = json<{ proposal: { attachments: { name: string; url: string }[] } }>(ok).proposal.attachments[0]!;
    assert.equal(att.name, 'evil.html.pdf');
    const file = await env.app.inject({ method: 'GET', url: att.url, headers: { cookie: cookies.get('yiyuanli')! } });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(
      file.headers['content-disposition'],
      `attachment; filename="evil.html.pdf"; filename*=UTF-8''evil.html.pdf`,
    );
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
  });

  it('refuses an import that is not an .xlsx by its bytes, whatever it is called', async () => {
    const html = await upload('/api/imports/compounds', 'admin', Buffer.from('<html><body>hi</body></html>'));
    assert.equal(html.statusCode, 415, html.body);
    assert.equal(code(html), 'UPLOAD_TYPE_MISMATCH');
    const declared = await upload('/api/imports/compounds', 'admin', await compoundsFile(1), 'text/html');
    assert.equal(declared.statusCode, 415, declared.body);
    assert.equal(code(declared), 'UPLOAD_TYPE_NOT_ALLOWED');
  });

  it('refuses a ledger over the row cap while reading, with IMPORT_TOO_MANY_ROWS, and writes nothing', async () => {
    const before = await count('org_units');
    const res = await upload('/api/imports/compounds', 'admin', await compoundsFile(20_001));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(code(res), 'IMPORT_TOO_MANY_ROWS');
    assert.equal(await count('org_units'), before);
  });

  it('refuses a zip bomb from its declared sizes before inflating it', async () => {
    // 100 MiB of sheet XML in ≈100 KB (ledger cap 64 MiB per entry)
    const bomb = await buildZip(xlsxParts(() => paddedSheet(COMPOUND_HEAD, 100 * MiB)));
    assert.ok(bomb.length < MiB, `${bomb.length}`);
    const t = performance.now();
    const res = await upload('/api/imports/compounds', 'admin', bomb);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(code(res), 'IMPORT_TOO_LARGE_UNCOMPRESSED');
    assert.ok(performance.now() - t < 2000);
  });

  it('stops a zip bomb that lies about its sizes while inflating, with bounded memory', async () => {
    // 200 MiB of sheet XML declared as 2 KB: only the byte counter can stop it (ledger cap 64 MiB).
    const bomb = await buildZip(xlsxParts(() => paddedSheet(COMPOUND_HEAD, 200 * MiB), 2048));
    const before = await count('org_units');
    const { result: res, growthMiB } = await peakRssGrowth(() => upload('/api/imports/compounds', 'admin', bomb));
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(code(res), 'IMPORT_TOO_LARGE_UNCOMPRESSED');
    assert.ok(growthMiB < 150, `RSS grew ${growthMiB.toFixed(0)} MiB`);
    assert.equal(await count('org_units'), before);
  });

  it('runs one import at a time per district: a second gets 429 IMPORT_BUSY; the slot is released after an error', async () => {
    const file = await compoundsFile(2);
    // A refused upload's reply can go out while its handler is still unwinding; wait for the slot to be free.
    for (let i = 0; i < 100; i++) {
      const free = await withImportSlot('140213', async () => true).catch((e: AppError) => e.code !== 'IMPORT_BUSY');
      if (free) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    let release!: () => void;
    const held = withImportSlot(
      '140213',
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    const busy = await upload('/api/imports/compounds', 'admin', file);
    assert.equal(busy.statusCode, 429, busy.body);
    assert.equal(code(busy), 'IMPORT_BUSY');
    const hotlineBusy = await upload('/api/imports/hotline-12345', 'admin', file);
    assert.equal(code(hotlineBusy), 'IMPORT_BUSY');
    release();
    await held;
    // two real imports at once: one runs, the other is refused
    const both = await Promise.all([
      upload('/api/imports/compounds', 'admin', file),
      upload('/api/imports/compounds', 'admin', file),
    ]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 429]);
    // an import that fails releases the slot
    const failed = await upload('/api/imports/compounds', 'admin', Buffer.from('not a zip'));
    assert.equal(failed.statusCode, 415);
    const again = await upload('/api/imports/compounds', 'admin', file);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(json(again), { created: 0, updated: 0, unchanged: 2, errors: [] });
  });
});
