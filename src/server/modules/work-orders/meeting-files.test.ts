import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type { Attachment } from '../../../shared/attachments.schema.js';
import type { Meeting } from '../../../shared/work-orders.schema.js';

/**
 * 联席会议 files: the meeting record (minutes) carries its photos and the signed minutes (PDF), linked in the same
 * save as the minutes; they are read by the meeting's readers (the compound's staff, the street, the district) and
 * by no one else. A refused save writes nothing: not the minutes, not the version, not the links.
 */
let env: TestEnv;
let xinggang: string;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

before(async () => {
  env = await createTestEnv();
  xinggang = await compoundId(env.ctx.db); // 星港城, 太和社区, 水泊寺街道
});
after(() => env.close());

async function uploaded(user: string, purpose = 'meeting', pdf = false): Promise<Attachment> {
  const file = pdf
    ? PDF
    : await sharp({ create: { width: 32, height: 24, channels: 3, background: '#27ae60' } })
        .png()
        .toBuffer();
  const res = await env
    .as(user)
    .upload(
      `/api/attachments?purpose=${purpose}`,
      file,
      pdf ? '签字纪要.pdf' : '会议照片.png',
      pdf ? 'application/pdf' : 'image/png',
    );
  assert.equal(res.statusCode, 201, res.body);
  return json<Attachment>(res);
}
async function meeting(): Promise<Meeting> {
  const res = await env.as('taihe').post('/api/joint-meetings', { compoundId: xinggang, heldOn: '2026-11-18' });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ meeting: Meeting }>(res).meeting;
}
const save = (user: string, m: { id: string; version: number }, body: object) =>
  env.as(user).patch(`/api/joint-meetings/${m.id}`, { version: m.version, ...body });
const reread = async (id: string) =>
  json<{ meeting: Meeting }>(await env.as('taihe').get(`/api/joint-meetings/${id}`)).meeting;
async function linkedOf(id: string): Promise<string | null> {
  const [r] = await queryRows<{ linked_id: string | null }>(
    env.ctx.db,
    sql`select linked_id from attachments where id = ${id}`,
  );
  return r!.linked_id;
}

describe('联席会议: the meeting record’s files', () => {
  it('saves the minutes with a photo and the signed minutes; the meeting’s readers see and open them, others not', async () => {
    const m = await meeting();
    assert.deepEqual(m.attachments, []);
    const pic = await uploaded('taihe');
    const pdf = await uploaded('taihe', 'meeting', true);
    const res = await save('taihe', m, { minutes: '议定：物业三日内修复围墙', attachmentIds: [pic.id, pdf.id] });
    assert.equal(res.statusCode, 200, res.body);
    const saved = json<{ meeting: Meeting }>(res).meeting;
    assert.equal(saved.minutes, '议定：物业三日内修复围墙');
    assert.deepEqual(saved.attachments, [pic, pdf]);
    assert.equal(pdf.thumbnailUrl, null);
    // a later save adds to them (the grid worker's photo), and one without files keeps them
    const more = await uploaded('xinggang');
    const r2 = await save('xinggang', saved, { attachmentIds: [more.id] });
    assert.equal(r2.statusCode, 200, r2.body);
    const r3 = await save('taihe', json<{ meeting: Meeting }>(r2).meeting, { minutes: '议定：物业三日内修复围墙。' });
    assert.deepEqual(json<{ meeting: Meeting }>(r3).meeting.attachments, [pic, pdf, more]);

    for (const u of ['shuibosi', 'admin', 'xinggang-branch']) {
      const d = json<{ meeting: Meeting }>(await env.as(u).get(`/api/joint-meetings/${m.id}`)).meeting;
      assert.deepEqual(d.attachments, [pic, pdf, more], u);
      assert.equal((await env.as(u).get(pdf.url)).statusCode, 200, u);
      assert.equal((await env.as(u).get(pic.thumbnailUrl!)).statusCode, 200, u);
    }
    // another street, a resident, a department (reads orders, not meetings), a social worker
    for (const u of ['qingyuan', 'youyijie', 'resident', 'zhujian', 'guodong', 'qingyuan-sw']) {
      const r = await env.as(u).get(pic.url);
      assert.equal(r.statusCode, 404, u);
      assert.equal(code(r), 'ATTACHMENT_NOT_FOUND', u);
    }
    const [audit] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'attachment.link' and entity_type = 'meeting'
          and entity_id = ${m.id}`,
    );
    assert.equal(audit!.n, 2, 'each save that links files audits the link');
  });

  it('refuses someone else’s upload, another purpose, a file used elsewhere, too many — and writes nothing', async () => {
    const m = await meeting();
    const mine = await uploaded('taihe');
    const theirs = await uploaded('xinggang');
    const orderPhoto = await uploaded('taihe', 'order_result');
    for (const ids of [[mine.id, theirs.id], [orderPhoto.id], ['00000000-0000-4000-8000-000000000000']]) {
      const r = await save('taihe', m, { minutes: '不应保存', attachmentIds: ids });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(code(r), 'ATTACHMENT_UNUSABLE');
    }
    const ten = Array.from({ length: 10 }, () => mine.id);
    const tooMany = await save('taihe', m, { minutes: '不应保存', attachmentIds: ten });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(code(tooMany), 'VALIDATION_FAILED');
    const same = await reread(m.id);
    assert.equal(same.minutes, m.minutes);
    assert.equal(same.version, m.version, 'no version moved');
    assert.deepEqual(same.attachments, []);
    for (const f of [mine, theirs, orderPhoto]) assert.equal(await linkedOf(f.id), null);

    // a meeting keeps at most 9: the tenth, in a later save, is refused with the count
    const eight = await Promise.all(Array.from({ length: 8 }, () => uploaded('taihe')));
    const r8 = await save('taihe', m, { attachmentIds: [mine.id, ...eight.map((f) => f.id)] });
    assert.equal(r8.statusCode, 200, r8.body);
    const nine = json<{ meeting: Meeting }>(r8).meeting;
    assert.equal(nine.attachments.length, 9);
    const tenth = await uploaded('taihe');
    const full = await save('taihe', nine, { minutes: '补充', attachmentIds: [tenth.id] });
    assert.equal(full.statusCode, 400, full.body);
    assert.equal(code(full), 'MEETING_FILES_FULL');
    assert.equal((await reread(m.id)).version, nine.version);
    assert.equal(await linkedOf(tenth.id), null);

    // a file of one meeting cannot move to another
    const other = await meeting();
    const moved = await save('taihe', other, { attachmentIds: [mine.id] });
    assert.equal(moved.statusCode, 400);
    assert.equal(code(moved), 'ATTACHMENT_UNUSABLE');
    assert.equal(await linkedOf(mine.id), m.id);
  });

  it('reading a meeting is not recording it: the street may not attach files', async () => {
    const m = await meeting();
    const f = await uploaded('shuibosi');
    const r = await save('shuibosi', m, { attachmentIds: [f.id] });
    assert.equal(r.statusCode, 403);
    assert.equal(code(r), 'PERMISSION_DENIED');
    assert.equal(await linkedOf(f.id), null);
  });
});
