import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import { authenticate } from '../auth/auth.service.js';
import type { Attachment } from '../../../shared/attachments.schema.js';
import { linkAttachments } from './attachments.service.js';
import { LocalDiskStorage, S3Storage, storageOf, useStorage, type ObjectStorage } from './storage.js';

let env: TestEnv;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;

async function photo(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .jpeg()
    .toBuffer();
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function upload(user: string, purpose: string, file: Buffer, name = '鉴定证明.jpg', type = 'image/jpeg') {
  return env.as(user).upload(`/api/attachments?purpose=${purpose}`, file, name, type);
}
async function uploaded(user: string, purpose: string, file?: Buffer): Promise<Attachment> {
  const res = await upload(user, purpose, file ?? (await photo()));
  assert.equal(res.statusCode, 201, res.body);
  return json<Attachment>(res);
}
async function actor(user: string) {
  return authenticate(env.ctx, (await env.as(user).cookie())!.split('=')[1]);
}
async function link(user: string, ids: string[], kind: 'work_order' | 'minor_case', recordId: string) {
  const a = await actor(user);
  const purposes = kind === 'work_order' ? (['order_result', 'request'] as const) : (['case'] as const);
  return env.ctx.db.transaction((tx) => linkAttachments(tx, a, { ids, purposes, kind, recordId }));
}

describe('attachments: upload, serve, link, access', () => {
  let oc: OrderFixtureCtx;
  before(async () => {
    env = await createTestEnv();
    oc = env;
  });
  after(() => env.close());

  it('stores a photo with its hash and a thumbnail; the uploader gets both back', async () => {
    const bytes = await photo();
    const a = await uploaded('zhujian', 'order_result', bytes);
    assert.equal(a.mime, 'image/jpeg');
    assert.equal(a.size, bytes.length);
    assert.equal(a.name, '鉴定证明.jpg');
    assert.equal(a.url, `/api/attachments/${a.id}`);
    assert.equal(a.thumbnailUrl, `/api/attachments/${a.id}/thumbnail`);
    const orig = await env.as('zhujian').get(a.url);
    assert.equal(orig.statusCode, 200);
    assert.equal(orig.headers['content-type'], 'image/jpeg');
    assert.deepEqual(orig.rawPayload, bytes);
    const thumb = await env.as('zhujian').get(a.thumbnailUrl!);
    assert.equal(thumb.statusCode, 200);
    const meta = await sharp(thumb.rawPayload).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(Math.max(meta.width!, meta.height!), 320);
    const [row] = await queryRows<{ sha256: string; owner_user_id: string; linked_kind: string | null }>(
      env.ctx.db,
      sql`select sha256, owner_user_id, linked_kind from attachments where id = ${a.id}`,
    );
    assert.equal(row!.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(row!.linked_kind, null);
    // the bytes are in the storage, not in the database
    assert.deepEqual(
      await storageOf(env.ctx).stat(
        `${(await actor('zhujian')).districtId.replace(/[^A-Za-z0-9_-]/g, '_')}/${new Date().toISOString().slice(0, 7)}/${a.id}`,
      ),
      { size: bytes.length },
    );
  });

  it('takes a PDF (no thumbnail) and a file sent as octet-stream by what its bytes are', async () => {
    const pdf = json<Attachment>(await upload('xinggang', 'meeting', PDF, '会议纪要.pdf', 'application/pdf'));
    assert.equal(pdf.mime, 'application/pdf');
    assert.equal(pdf.thumbnailUrl, null);
    const res = await env.as('xinggang').get(`${pdf.url}/thumbnail`);
    assert.equal(res.statusCode, 404);
    assert.equal(code(res), 'ATTACHMENT_NOT_FOUND');
    const oct = await upload('xinggang', 'patrol', await photo(40, 30), 'IMG_0001', 'application/octet-stream');
    assert.equal(oct.statusCode, 201, oct.body);
    assert.equal(json<Attachment>(oct).mime, 'image/jpeg');
    assert.equal(json<Attachment>(oct).name, 'IMG_0001.jpg');
  });

  it('refuses what is not a photo or PDF, a renamed file, a file too large, no file, an unknown purpose, anonymous callers', async () => {
    const text = await upload('xinggang', 'patrol', Buffer.from('<script>alert(1)</script>'), 'a.png', 'image/png');
    assert.equal(text.statusCode, 415);
    assert.equal(code(text), 'UPLOAD_TYPE_MISMATCH');
    const html = await upload('xinggang', 'patrol', Buffer.from('<html></html>'), 'a.html', 'text/html');
    assert.equal(html.statusCode, 415);
    assert.equal(code(html), 'UPLOAD_TYPE_NOT_ALLOWED');
    // the test config allows 256 KB per upload
    const big = Buffer.concat([await photo(10, 10), Buffer.alloc(300 * 1024)]);
    const tooBig = await upload('xinggang', 'patrol', big);
    assert.equal(tooBig.statusCode, 413, tooBig.body);
    assert.equal(code(tooBig), 'ATTACHMENT_TOO_LARGE');
    const none = await env.as('xinggang').post('/api/attachments?purpose=patrol', { file: 'x' });
    assert.equal(none.statusCode, 400);
    assert.equal(code(none), 'ATTACHMENT_FILE_MISSING');
    const bad = await upload('xinggang', 'selfie', await photo(10, 10));
    assert.equal(bad.statusCode, 400);
    const anon = await env
      .as(null)
      .upload('/api/attachments?purpose=patrol', await photo(10, 10), 'a.jpg', 'image/jpeg');
    assert.equal(anon.statusCode, 401);
    assert.equal(code(anon), 'AUTH_REQUIRED');
    const [n] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from attachments where size > 256 * 1024`,
    );
    assert.equal(n!.n, 0);
  });

  it('an unlinked file is its uploader’s alone (others get 404, as if it did not exist)', async () => {
    const a = await uploaded('resident', 'request');
    for (const u of ['admin', 'taihe', 'xinggang', 'zhujian']) {
      const res = await env.as(u).get(a.url);
      assert.equal(res.statusCode, 404, u);
      assert.equal(code(res), 'ATTACHMENT_NOT_FOUND', u);
    }
    assert.equal((await env.as('resident').get(a.url)).statusCode, 200);
    const nope = await env.as('resident').get('/api/attachments/00000000-0000-4000-8000-000000000000');
    assert.equal(code(nope), 'ATTACHMENT_NOT_FOUND');
  });

  it('linked to an order, a file is read by exactly the order’s readers, per role', async () => {
    const order = await orderIn(oc, 'dispatched'); // reported by `resident`, a leg to 住建局 (zhujian)
    const a = await uploaded('zhujian', 'order_result');
    const linked = await link('zhujian', [a.id], 'work_order', order.id);
    assert.deepEqual(
      linked.map((x) => x.id),
      [a.id],
    );
    const allowed = ['admin', 'shuibosi', 'taihe', 'xinggang', 'xinggang-branch', 'zhujian', 'resident'];
    const denied = [
      'youyijie',
      'qingyuan',
      'qingyuan-sw',
      'qingyuan-head',
      'minor-centre',
      'yiyuanli',
      'agent',
      'juror1',
    ];
    for (const u of allowed) {
      assert.equal((await env.as(u).get(a.url)).statusCode, 200, u);
      assert.equal((await env.as(u).get(a.thumbnailUrl!)).statusCode, 200, u);
    }
    for (const u of denied) {
      const res = await env.as(u).get(a.url);
      assert.equal(res.statusCode, 404, `${u} ${res.body}`);
      assert.equal(code(res), 'ATTACHMENT_NOT_FOUND', u);
    }
    const [audit] = await queryRows<{ entity_type: string; entity_id: string; detail: { attachmentIds: string[] } }>(
      env.ctx.db,
      sql`select entity_type, entity_id, detail from audit_log where action = 'attachment.link' and entity_id = ${order.id}`,
    );
    assert.equal(audit!.entity_type, 'work_order');
    assert.deepEqual(audit!.detail.attachmentIds, [a.id]);
  });

  it('links only the caller’s own unused files of a fitting purpose; a refusal links nothing', async () => {
    const order = await orderIn(oc, 'dispatched');
    const mine = await uploaded('zhujian', 'order_result');
    const theirs = await uploaded('xinggang', 'order_result');
    const meeting = await uploaded('zhujian', 'meeting');
    for (const ids of [[mine.id, theirs.id], [meeting.id], ['00000000-0000-4000-8000-000000000000']]) {
      await assert.rejects(
        link('zhujian', ids, 'work_order', order.id),
        (e: { code?: string }) => e.code === 'ATTACHMENT_UNUSABLE',
      );
    }
    const [r] = await queryRows<{ linked_kind: string | null }>(
      env.ctx.db,
      sql`select linked_kind from attachments where id = ${mine.id}`,
    );
    assert.equal(r!.linked_kind, null, 'the refused step linked nothing');
    await link('zhujian', [mine.id], 'work_order', order.id);
    const other = await orderIn(oc, 'dispatched');
    await assert.rejects(
      link('zhujian', [mine.id], 'work_order', other.id),
      (e: { code?: string }) => e.code === 'ATTACHMENT_UNUSABLE',
    );
  });

  it('兑单 with a photo: a department attaches a 鉴定证明 to its leg’s result; the reporter sees it', async () => {
    const order = await orderIn(oc, 'dispatched');
    const leg = order.legs.find((l) => l.handlerKind === 'department')!;
    const stranger = await uploaded('xinggang', 'order_result');
    const refused = await env.as('zhujian').post(`/api/work-orders/${order.id}/legs/${leg.id}/fulfil`, {
      result: '出具结构安全鉴定证明',
      attachmentIds: [stranger.id],
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(code(refused), 'ATTACHMENT_UNUSABLE');
    const proof = await uploaded('zhujian', 'order_result');
    const res = await env.as('zhujian').post(`/api/work-orders/${order.id}/legs/${leg.id}/fulfil`, {
      result: '出具结构安全鉴定证明',
      evidence: ['鉴定报告编号 2026-118'],
      attachmentIds: [proof.id],
    });
    assert.equal(res.statusCode, 200, res.body);
    type D = {
      order: {
        legs: { id: string; status: string; evidence: string[]; attachments: Attachment[] }[];
        events: { type: string; data: { attachmentIds?: string[] } | null }[];
      };
    };
    const d = json<D>(await env.as('resident').get(`/api/work-orders/${order.id}`));
    const l = d.order.legs.find((x) => x.id === leg.id)!;
    assert.equal(l.status, 'fulfilled');
    assert.deepEqual(l.evidence, ['鉴定报告编号 2026-118']);
    assert.deepEqual(l.attachments, [proof]);
    assert.deepEqual(d.order.events.find((e) => e.type === 'fulfilled')!.data!.attachmentIds, [proof.id]);
    assert.equal((await env.as('resident').get(proof.thumbnailUrl!)).statusCode, 200);
    // the refused attempt left the stranger's file unused and the leg open until the real result
    const [r] = await queryRows<{ linked_kind: string | null }>(
      env.ctx.db,
      sql`select linked_kind from attachments where id = ${stranger.id}`,
    );
    assert.equal(r!.linked_kind, null);
  });

  it('a request registered with photos uploaded as files shows them on the order', async () => {
    const [c] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '星港城'`);
    const p = await uploaded('resident', 'request');
    const res = await env.as('resident').post('/api/work-orders', {
      channel: 'resident',
      categoryId: 'C02',
      title: '楼道堆物',
      description: '3 单元楼道堆放杂物',
      compoundId: c!.id,
      attachmentIds: [p.id],
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = json<{ order: { id: string; attachments: Attachment[] } }>(res).order.id;
    assert.deepEqual(json<{ order: { attachments: Attachment[] } }>(res).order.attachments, [p]);
    const d = json<{ order: { attachments: Attachment[] } }>(await env.as('xinggang').get(`/api/work-orders/${id}`));
    assert.deepEqual(d.order.attachments, [p]);
    assert.equal((await env.as('xinggang').get(p.url)).statusCode, 200);
  });

  it('a child’s case file is read only with identity access to that case, and each read is audited', async () => {
    const [c] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select mc.id from minor_cases mc join org_units s on s.district_id = mc.district_id and s.id = mc.street_id
          where s.name = '清远街道' and mc.status = 'open' and mc.worker_user_id = (select id from users where username = 'qingyuan-sw')
          order by mc.case_no limit 1`,
    );
    const up = await upload('qingyuan-sw', 'case', PDF, '家访记录.pdf', 'application/pdf');
    assert.equal(up.statusCode, 201, up.body);
    const a = json<Attachment>(up);
    await link('qingyuan-sw', [a.id], 'minor_case', c!.id);
    for (const u of ['qingyuan-head', 'minor-centre']) assert.equal((await env.as(u).get(a.url)).statusCode, 200, u);
    // these read the masked file itself, but never the child's material
    for (const u of ['qingyuan', 'admin', 'kaiyuan-sw', 'taihe', 'resident']) {
      const res = await env.as(u).get(a.url);
      assert.equal(res.statusCode, 404, u);
      assert.equal(code(res), 'ATTACHMENT_NOT_FOUND', u);
    }
    const [n] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'attachment.read' and entity_id = ${c!.id}`,
    );
    assert.equal(n!.n, 2);
  });
});

// ───────────── the S3-compatible storage, against a small receiver that checks SigV4 ─────────────

interface Receiver {
  server: Server;
  url: string;
  objects: Map<string, { body: Buffer; type: string }>;
  auth: string[];
}
const AUTH =
  /^AWS4-HMAC-SHA256 Credential=AKTEST\/(\d{8})\/cn-north-1\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

const SECRET = 'secret-test-key';
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
/** The receiver recomputes the SigV4 signature from the request, as a real S3 endpoint does. */
function expectedSignature(req: IncomingMessage, signedHeaders: string, amzDate: string, payloadHash: string): string {
  const [path, query = ''] = req.url!.split('?');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`)
    .join('');
  const canonical = [req.method, path, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/cn-north-1/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, day), 'cn-north-1'), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

function startReceiver(): Promise<Receiver> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const auth: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const a = req.headers.authorization ?? '';
      auth.push(a);
      const m = AUTH.exec(a);
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
      const signed = m?.[2]!.split(';') ?? [];
      if (
        !m ||
        m[3] !== expectedSignature(req, m[2]!, amzDate, payloadHash) ||
        !amzDate.startsWith(m[1]!) ||
        !signed.includes('host') ||
        !signed.includes('x-amz-date') ||
        !signed.includes('x-amz-content-sha256') ||
        payloadHash !== createHash('sha256').update(body).digest('hex')
      ) {
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      const key = decodeURIComponent(req.url!.split('?')[0]!);
      if (!key.startsWith('/linli-files/')) return void res.writeHead(404).end();
      const o = objects.get(key);
      if (req.method === 'PUT') {
        objects.set(key, { body, type: String(req.headers['content-type'] ?? '') });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        if (!o) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': o.type, 'content-length': o.body.length });
        res.end(req.method === 'GET' ? o.body : undefined);
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, auth }),
    ),
  );
}

describe('attachments: storage back ends', () => {
  let rx: Receiver;
  let s3: ObjectStorage;
  let env2: TestEnv;
  before(async () => {
    rx = await startReceiver();
    s3 = new S3Storage({
      endpoint: rx.url,
      bucket: 'linli-files',
      accessKeyId: 'AKTEST',
      secretAccessKey: SECRET,
      region: 'cn-north-1',
      prefix: 'linli',
    });
  });
  after(async () => {
    rx.server.close();
    await env2?.close();
  });

  it('S3: put/get/stat/delete, each request SigV4-signed for the configured region and service', async () => {
    const data = Buffer.from('照片字节');
    await s3.put('D1/2026-12/abc', data, 'image/jpeg');
    assert.deepEqual(rx.objects.get('/linli-files/linli/D1/2026-12/abc'), { body: data, type: 'image/jpeg' });
    assert.deepEqual(await s3.get('D1/2026-12/abc'), data);
    assert.deepEqual(await s3.stat('D1/2026-12/abc'), { size: data.length });
    await s3.delete('D1/2026-12/abc');
    assert.equal(await s3.get('D1/2026-12/abc'), null);
    assert.equal(await s3.stat('D1/2026-12/abc'), null);
    assert.ok(rx.auth.length >= 6 && rx.auth.every((a) => AUTH.test(a)), rx.auth.join('\n'));
  });

  it('S3: a request signed with another secret is refused by the receiver and surfaces as an error', async () => {
    const bad = new S3Storage({
      endpoint: rx.url,
      bucket: 'linli-files',
      accessKeyId: 'AKTEST',
      secretAccessKey: 'not-the-secret',
      region: 'cn-north-1',
    });
    await assert.rejects(bad.put('k/1', Buffer.from('x'), 'image/png'), /S3 PUT k\/1: 403/);
    assert.equal(rx.objects.has('/linli-files/k/1'), false);
  });

  it('S3 behind the API: an upload lands in the bucket and comes back through GET', async () => {
    env2 = await createTestEnv();
    useStorage(env2.ctx, s3);
    const bytes = await photo(64, 48);
    const res = await env2.as('xinggang').upload('/api/attachments?purpose=patrol', bytes, '巡查.jpg', 'image/jpeg');
    assert.equal(res.statusCode, 201, res.body);
    const a = json<Attachment>(res);
    const keys = [...rx.objects.keys()].filter((k) => k.includes(a.id));
    assert.equal(keys.length, 2, 'the original and its thumbnail');
    const back = await env2.as('xinggang').get(a.url);
    assert.deepEqual(back.rawPayload, bytes);
  });

  it('local disk: keys cannot leave the root', async () => {
    const local = new LocalDiskStorage(join(tmpdir(), 'linli-storage-test'));
    await assert.rejects(local.put('../escape', Buffer.from('x')), /bad storage key/);
    await assert.rejects(local.get('a/../../b'), /bad storage key/);
    assert.equal(await local.get('nothing/here'), null);
  });
});
