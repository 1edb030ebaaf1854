import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type { Attachment } from '../../../shared/attachments.schema.js';

/**
 * 个案材料: whoever works a child's file (the assigned social worker, the street's station head) adds documents and
 * photos to it; only those who may see the child's identity list and open them — not the street, the district or
 * the community, who read the file masked, and not the uploader once they are off the case. Opening an original is
 * audited. A refused step links nothing and leaves the file as it was.
 */
let env: TestEnv;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
interface Detail {
  case: {
    version: number;
    identityVisible: boolean;
    materials: Attachment[];
    events: { type: string; note: string | null; data: { count?: number } | null }[];
  };
}

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86c1' } })
    .png()
    .toBuffer();
}
async function uploaded(user: string, purpose = 'case', file?: Buffer, name = '家访照片.png'): Promise<Attachment> {
  const isPdf = name.endsWith('.pdf');
  const res = await env
    .as(user)
    .upload(
      `/api/attachments?purpose=${purpose}`,
      file ?? (await photo()),
      name,
      isPdf ? 'application/pdf' : 'image/png',
    );
  assert.equal(res.statusCode, 201, res.body);
  return json<Attachment>(res);
}
/** Open files of 清远街道 assigned to qingyuan-sw, in case-number order. */
async function swCases(): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select mc.id from minor_cases mc join org_units s on s.district_id = mc.district_id and s.id = mc.street_id
        where s.name = '清远街道' and mc.status = 'open'
          and mc.worker_user_id = (select id from users where username = 'qingyuan-sw')
        order by mc.case_no`,
  );
  assert.ok(rows.length >= 4, 'the seed gives qingyuan-sw several open files');
  return rows.map((r) => r.id);
}
async function linkedOf(id: string): Promise<string | null> {
  const [r] = await queryRows<{ linked_id: string | null }>(
    env.ctx.db,
    sql`select linked_id from attachments where id = ${id}`,
  );
  return r!.linked_id;
}
const detail = async (user: string, id: string) => json<Detail>(await env.as(user).get(`/api/minor-cases/${id}`));
const add = (user: string, id: string, body: object) => env.as(user).post(`/api/minor-cases/${id}/attachments`, body);

describe('个案材料: documents and photos in a child’s file', () => {
  let cases: string[];
  before(async () => {
    env = await createTestEnv();
    cases = await swCases();
  });
  after(() => env.close());

  it('the assigned worker adds a PDF and a photo; only identity readers list and open them; every open is audited', async () => {
    const id = cases[0]!;
    const pdf = await uploaded('qingyuan-sw', 'case', PDF, '监护评估书.pdf');
    const pic = await uploaded('qingyuan-sw');
    const res = await add('qingyuan-sw', id, { attachmentIds: [pdf.id, pic.id], note: '评估书与居住环境照片' });
    assert.equal(res.statusCode, 200, res.body);
    const mine = json<Detail>(res).case;
    assert.deepEqual(mine.materials, [pdf, pic]);
    const ev = mine.events.find((e) => e.type === 'materials_added')!;
    assert.equal(ev.note, '评估书与居住环境照片');
    assert.equal(ev.data!.count, 2);

    for (const u of ['qingyuan-head', 'minor-centre']) {
      assert.deepEqual((await detail(u, id)).case.materials, [pdf, pic], u);
      assert.equal((await env.as(u).get(pdf.url)).statusCode, 200, u);
      assert.equal((await env.as(u).get(pic.thumbnailUrl!)).statusCode, 200, u);
    }
    // the street, the district, the community read the file masked: no list, no file
    for (const u of ['qingyuan', 'admin']) {
      const d = await detail(u, id);
      assert.equal(d.case.identityVisible, false, u);
      assert.deepEqual(d.case.materials, [], u);
      assert.equal(d.case.events.find((e) => e.type === 'materials_added')!.note, null, `${u}: the note is masked`);
    }
    for (const u of ['qingyuan', 'admin', 'kaiyuan-sw', 'taihe', 'xinggang', 'zhujian', 'resident', 'guodong']) {
      for (const url of [pdf.url, pic.url, pic.thumbnailUrl!]) {
        const r = await env.as(u).get(url);
        assert.equal(r.statusCode, 404, `${u} ${url}`);
        assert.equal(code(r), 'ATTACHMENT_NOT_FOUND', u);
      }
    }
    const audits = await queryRows<{ username: string }>(
      env.ctx.db,
      sql`select u.username from audit_log a join users u on u.id = a.actor_user_id
          where a.action = 'attachment.read' and a.entity_id = ${id} and a.detail->>'attachmentId' = ${pdf.id}`,
    );
    assert.deepEqual(audits.map((a) => a.username).sort(), ['minor-centre', 'qingyuan-head']);
    const [link] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'attachment.link' and entity_type = 'minor_case'
          and entity_id = ${id}`,
    );
    assert.equal(link!.n, 1, 'the link is audited with the step');
  });

  it('the station head works the file too; who may not work it is refused, by ability and by case', async () => {
    const id = cases[1]!;
    const byHead = await uploaded('qingyuan-head', 'case', PDF, '学校证明.pdf');
    const ok = await add('qingyuan-head', id, { attachmentIds: [byHead.id] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(json<Detail>(ok).case.materials, [byHead]);
    // no casework: the street, the district, the centre (it supervises, it does not keep the file)
    for (const u of ['qingyuan', 'admin', 'minor-centre', 'taihe', 'resident']) {
      const f = await uploaded(u);
      const r = await add(u, id, { attachmentIds: [f.id] });
      assert.equal(r.statusCode, 403, `${u}: ${r.body}`);
      assert.equal(code(r), 'PERMISSION_DENIED', u);
      assert.equal(await linkedOf(f.id), null, u);
    }
    // casework, but another street's worker: the file is not theirs
    const other = await uploaded('kaiyuan-sw');
    const r = await add('kaiyuan-sw', id, { attachmentIds: [other.id] });
    assert.equal(r.statusCode, 403, r.body);
    assert.equal(code(r), 'SCOPE_FORBIDDEN');
    assert.equal(await linkedOf(other.id), null);
    assert.deepEqual((await detail('qingyuan-head', id)).case.materials, [byHead]);
  });

  it('refuses someone else’s upload, another purpose, a used file, too many or none — and writes nothing', async () => {
    const id = cases[2]!;
    const before = await detail('qingyuan-sw', id);
    const mine = await uploaded('qingyuan-sw');
    const theirs = await uploaded('qingyuan-head');
    const meeting = await uploaded('qingyuan-sw', 'meeting');
    for (const ids of [[mine.id, theirs.id], [meeting.id], ['00000000-0000-4000-8000-000000000000']]) {
      const r = await add('qingyuan-sw', id, { attachmentIds: ids });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(code(r), 'ATTACHMENT_UNUSABLE');
    }
    const ten = Array.from({ length: 10 }, () => mine.id);
    for (const attachmentIds of [ten, []]) {
      const r = await add('qingyuan-sw', id, { attachmentIds });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(code(r), 'VALIDATION_FAILED');
    }
    const after = await detail('qingyuan-sw', id);
    assert.equal(after.case.version, before.case.version, 'no version moved');
    assert.deepEqual(after.case.materials, []);
    assert.equal(after.case.events.length, before.case.events.length, 'no timeline line');
    for (const f of [mine, theirs, meeting]) assert.equal(await linkedOf(f.id), null);
    // a file already in one child's file cannot move to another
    assert.equal((await add('qingyuan-sw', id, { attachmentIds: [mine.id] })).statusCode, 200);
    const again = await add('qingyuan-sw', cases[0]!, { attachmentIds: [mine.id] });
    assert.equal(again.statusCode, 400);
    assert.equal(code(again), 'ATTACHMENT_UNUSABLE');
    assert.equal(await linkedOf(mine.id), id);
  });

  it('a closed file takes no material; a worker taken off the file no longer opens what they added', async () => {
    const closed = { id: cases[3]! };
    await env.ctx.db.execute(sql`update minor_cases set status = 'closed' where id = ${closed!.id}`);
    const f = await uploaded('qingyuan-head');
    const r = await add('qingyuan-head', closed!.id, { attachmentIds: [f.id] });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(code(r), 'CASE_STATE_INVALID');
    assert.equal(await linkedOf(f.id), null);

    const id = cases[0]!;
    const pic = (await detail('qingyuan-sw', id)).case.materials[1]!;
    assert.equal((await env.as('qingyuan-sw').get(pic.url)).statusCode, 200);
    await env.ctx.db.execute(sql`update minor_cases set worker_user_id = null where id = ${id}`);
    for (const url of [pic.url, pic.thumbnailUrl!]) {
      const res = await env.as('qingyuan-sw').get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(code(res), 'ATTACHMENT_NOT_FOUND');
    }
    assert.equal((await env.as('qingyuan-head').get(pic.url)).statusCode, 200, 'the station head still does');
  });
});
