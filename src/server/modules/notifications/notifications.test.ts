import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { queryRows } from '../../db/client.js';
import { backoffMs, enqueue, JobWorker } from '../../lib/jobs.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { orderIn, type OrderFixtureCtx } from '../../testing/orders.js';
import { dingtalkSign } from './channels.js';
import { messageIdOf, quietUntil } from './delivery.service.js';
import { createNotificationWorker, sweepDueSoon } from './notifications.worker.js';

/**
 * Notification delivery end to end on a real database: the job queue (claim, back-off, lease, dead
 * letter), fan-out from the outbox to per-recipient deliveries, and every channel against a real local
 * receiver — an SMTP server (smtp-server), a 企业微信 and a 钉钉 robot endpoint (the 钉钉 one checks the
 * HMAC signature) and an SMS provider endpoint.
 */
let env: TestEnv;
let worker: JobWorker;
let f: OrderFixtureCtx;
const mails: { to: string; messageId: string; raw: string }[] = [];
const hooks: { path: string; headers: IncomingMessage['headers']; body: Record<string, unknown>; url: URL }[] = [];
let smtp: SMTPServer;
let http: Server;
let smtpPort = 0;
let httpBase = '';
let failHooks = false;
const DING_SECRET = 'SECtest-secret';

async function userId(username: string): Promise<string> {
  const [u] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from users where username = ${username}`);
  return u!.id;
}

async function inbox(username: string) {
  return json<{
    items: { id: number; topic: string; title: string; href: string; messageId: string }[];
    unread: number;
  }>(await env.as(username).get('/api/notifications'));
}

function startSmtp(): Promise<void> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        const id = /X-Linli-Message-Id: (\S+)/i.exec(raw)?.[1] ?? '';
        for (const r of session.envelope.rcptTo) mails.push({ to: r.address, messageId: id, raw });
        cb();
      });
    },
  });
  return new Promise((r) =>
    smtp.listen(0, '127.0.0.1', () => ((smtpPort = (smtp.server.address() as AddressInfo).port), r())),
  );
}

function startHttp(): Promise<void> {
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/dingtalk') {
        // the robot's own check: the timestamp within an hour and sign = HMAC-SHA256 over it
        const ts = Number(url.searchParams.get('timestamp'));
        const ok =
          Math.abs(Date.now() - ts) < 3_600_000 && url.searchParams.get('sign') === dingtalkSign(DING_SECRET, ts);
        if (!ok) return res.end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }));
      }
      if (failHooks && url.pathname !== '/sms') {
        res.statusCode = 503;
        return res.end('busy');
      }
      hooks.push({ path: url.pathname, headers: req.headers, body: JSON.parse(body) as Record<string, unknown>, url });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  return new Promise((r) =>
    http.listen(0, '127.0.0.1', () => ((httpBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`), r())),
  );
}

describe('notifications', () => {
  before(async () => {
    await Promise.all([startSmtp(), startHttp()]);
    env = await createTestEnv();
    env.ctx.config.notify = {
      ...env.ctx.config.notify,
      smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'linli@test.local' },
      webhooks: [
        { name: 'wecom-pc', kind: 'wecom', url: `${httpBase}/wecom?key=k1` },
        {
          name: 'ding-pc',
          kind: 'dingtalk',
          url: `${httpBase}/dingtalk?access_token=t1`,
          secret: DING_SECRET,
          topics: ['order.to_accept'],
        },
      ],
      sms: {
        url: `${httpBase}/sms`,
        template: '{"mobile":"{phone}","content":"{text}","outId":"{messageId}"}',
        authorization: 'Bearer sms-key',
      },
    };
    worker = createNotificationWorker(env.ctx, { sweepMs: 60 * 60_000 });
    f = env;
  });
  after(async () => {
    await worker.stop();
    await env.close();
    await new Promise((r) => smtp.close(() => r(undefined)));
    await new Promise((r) => http.close(() => r(undefined)));
  });

  describe('the job queue', () => {
    it('runs a job once, retries a failure with back-off and buries it after max attempts', async () => {
      let calls = 0;
      let t = new Date('2026-12-02T00:00:00Z');
      const w = new JobWorker({
        db: env.ctx.db,
        now: () => t,
        handlers: {
          'test.flaky': async () => {
            calls++;
            throw new Error('receiver down');
          },
        },
      });
      await enqueue(env.ctx.db, [{ districtId: '140213', queue: 'test.flaky', payload: {}, maxAttempts: 3, runAt: t }]);
      assert.equal(await w.runOnce(), 1);
      assert.equal(await w.runOnce(), 0, 'not due again before its back-off');
      const [j1] = await queryRows<{ status: string; attempts: number; run_at: Date }>(
        env.ctx.db,
        sql`select status, attempts, run_at from jobs where queue = 'test.flaky'`,
      );
      assert.equal(j1!.status, 'queued');
      const delay = new Date(j1!.run_at).getTime() - t.getTime();
      assert.ok(delay >= 1600 && delay <= 2400, `first back-off ${delay} ms`);
      t = new Date(t.getTime() + 3_000);
      await w.runOnce();
      t = new Date(t.getTime() + 10_000);
      await w.runOnce();
      assert.equal(calls, 3);
      const [j2] = await queryRows<{ status: string; last_error: string }>(
        env.ctx.db,
        sql`select status, last_error from jobs where queue = 'test.flaky'`,
      );
      assert.equal(j2!.status, 'dead');
      assert.match(j2!.last_error, /receiver down/);
      assert.ok(backoffMs(5, () => 0.5) === 32_000);
      await env.ctx.db.execute(sql`delete from jobs where queue = 'test.flaky'`);
    });

    it('claims a job whose lease expired (its worker died) and never lets two workers hold one', async () => {
      let t = new Date('2026-12-02T01:00:00Z');
      const seen: string[] = [];
      const mk = (name: string) =>
        new JobWorker({
          db: env.ctx.db,
          now: () => t,
          leaseMs: 30_000,
          handlers: { 'test.lease': async () => void seen.push(name) },
        });
      await enqueue(env.ctx.db, [{ districtId: '140213', queue: 'test.lease', payload: {}, runAt: t }]);
      // a worker claims it and "dies" before finishing: simulate by claiming without running
      const dead = mk('dead');
      const { claimJobs } = await import('../jobs/jobs.repository.js');
      const claimed = await claimJobs(env.ctx.db, {
        queues: ['test.lease'],
        limit: 5,
        leaseMs: 30_000,
        workerId: dead.id,
        now: t,
      });
      assert.equal(claimed.length, 1);
      const alive = mk('alive');
      assert.equal(await alive.runOnce(), 0, 'held by the lease');
      t = new Date(t.getTime() + 31_000);
      assert.equal(await alive.runOnce(), 1, 'taken over after the lease');
      assert.deepEqual(seen, ['alive']);
      const [n] = await queryRows<{ n: number }>(
        env.ctx.db,
        sql`select count(*)::int as n from jobs where queue = 'test.lease'`,
      );
      assert.equal(n!.n, 0);
    });
  });

  describe('fan-out and channels', () => {
    let orderId = '';
    before(async () => {
      await env.as('xinggang').put('/api/notifications/preferences', {
        email: 'xinggang@test.local',
        phone: '13800000001',
        quietHours: false,
      }); // the SMS must not wait for 07:00 when the suite runs at night in Shanghai; quiet hours have their own test
      await env.as('taihe').put('/api/notifications/preferences', { email: 'taihe@test.local', off: ['email:orders'] });
      // whatever the demo load left in the outbox; the first drain also runs the hourly due-soon sweep (and may
      // enqueue the day's digest), whose rows are relayed by the next one — so drain twice, or the result depends
      // on the time of day the suite runs
      await worker.drain();
      await worker.drain();
      mails.length = 0;
      hooks.length = 0;
      orderId = (await orderIn(f, 'new')).id;
      await worker.drain();
    });

    it('tells the compound and the community of a new order in the app, once per person', async () => {
      for (const u of ['xinggang', 'xinggang-branch', 'taihe']) {
        const { items } = await inbox(u);
        const n = items.find((i) => i.topic === 'order.to_accept' && i.href === `/orders/${orderId}`);
        assert.ok(n, `${u} got the new order`);
        assert.match(n.title, /新诉求待接单/);
      }
      for (const u of ['zhujian', 'youyijie', 'resident']) {
        const { items } = await inbox(u);
        assert.ok(!items.some((i) => i.href === `/orders/${orderId}`), `${u} is not told`);
      }
      const en = json<{ items: { title: string }[] }>(
        await env.as('xinggang').get('/api/notifications', { 'accept-language': 'en' }),
      );
      assert.equal(en.items[0]!.title, 'New request to accept');
    });

    it('e-mails the grid worker through the SMTP server, with the message id, and respects an opt-out', async () => {
      const mine = mails.filter((m) => m.to === 'xinggang@test.local');
      assert.equal(mine.length, 1);
      const uid = await userId('xinggang');
      const [o] = await queryRows<{ id: number }>(
        env.ctx.db,
        sql`select id from outbox where topic = 'order.to_accept' and payload->>'orderId' = ${orderId}`,
      );
      assert.equal(mine[0]!.messageId, messageIdOf('140213', Number(o!.id), `user:${uid}`, 'email'));
      assert.match(mine[0]!.raw, /Message-ID: <lnl-[0-9a-f]{32}@linli>/i);
      assert.equal(mails.filter((m) => m.to === 'taihe@test.local').length, 0, 'taihe switched order e-mails off');
    });

    it('posts to the 企业微信 and the signed 钉钉 robot, and sends the SMS through the HTTP provider', async () => {
      const wecom = hooks.filter((h) => h.path === '/wecom');
      const ding = hooks.filter((h) => h.path === '/dingtalk');
      assert.equal(wecom.length, 1);
      assert.equal(ding.length, 1);
      assert.equal((wecom[0]!.body as { msgtype: string }).msgtype, 'markdown');
      assert.match(JSON.stringify(wecom[0]!.body), /新诉求待接单/);
      assert.match(JSON.stringify(ding[0]!.body), /消息编号：lnl-/);
      assert.equal(ding[0]!.url.searchParams.get('access_token'), 't1');
      const sms = hooks.filter((h) => h.path === '/sms');
      assert.equal(sms.length, 1);
      assert.equal(sms[0]!.body.mobile, '13800000001');
      assert.equal(sms[0]!.headers.authorization, 'Bearer sms-key');
      assert.match(String(sms[0]!.body.outId), /^lnl-/);
      assert.doesNotMatch(JSON.stringify(hooks.map((h) => h.body)), /13800000001.*13800000001/);
    });

    it('fans out exactly once: running the fan-out again adds no delivery', async () => {
      const count = async () =>
        (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from notification_deliveries`))[0]!.n;
      const before = await count();
      const [o] = await queryRows<{ id: number }>(
        env.ctx.db,
        sql`select id from outbox where topic = 'order.to_accept' and payload->>'orderId' = ${orderId}`,
      );
      await enqueue(env.ctx.db, [
        { districtId: '140213', queue: 'notify.fanout', payload: { outboxId: Number(o!.id) } },
      ]);
      await worker.drain();
      assert.equal(await count(), before);
      assert.equal(hooks.filter((h) => h.path === '/wecom').length, 1);
    });

    it('tells the department of a dispatch, the dispatcher of a return, the resident of a result to confirm', async () => {
      const o = await orderIn(f, 'fulfilled');
      await worker.drain();
      assert.ok(
        (await inbox('zhujian')).items.some((i) => i.topic === 'order.to_fulfil' && i.href === `/orders/${o.id}`),
      );
      assert.ok(
        (await inbox('resident')).items.some((i) => i.topic === 'order.to_confirm' && i.href === `/orders/${o.id}`),
      );
    });

    it('tells the requester of an extension decision', async () => {
      const o = await orderIn(f, 'extension');
      const leg = o.legs.find((l) => l.workUnitId === 'W001')!;
      const res = await env
        .as('taihe')
        .post(`/api/work-orders/${o.id}/legs/${leg.id}/extension/decide`, { approve: true });
      assert.ok(res.statusCode < 300, res.body);
      await worker.drain();
      const n = (await inbox('zhujian')).items.find((i) => i.topic === 'order.extension_decided');
      assert.ok(n);
      assert.match(n.title, /批准/);
    });

    it('retries a failing robot with back-off, then dead-letters it for the administrator to retry', async () => {
      failHooks = true;
      await orderIn(f, 'new');
      await worker.drain();
      const [d] = await queryRows<{ id: number; status: string; attempts: number }>(
        env.ctx.db,
        sql`select d.id, d.status, d.attempts from notification_deliveries d where channel = 'webhook' and status <> 'sent' order by id desc limit 1`,
      );
      assert.ok(d && d.attempts >= 1 && d.status === 'pending');
      // out of attempts: bury it
      await env.ctx.db.execute(
        sql`update jobs set attempts = max_attempts, run_at = now() where queue = 'notify.deliver'`,
      );
      await worker.drain();
      const dead = json<{ items: { id: number; channel: string; lastError: string }[] }>(
        await env.as('admin').get('/api/notification-jobs/dead'),
      );
      assert.ok(dead.items.length >= 1);
      assert.equal(dead.items[0]!.channel, 'webhook');
      assert.match(dead.items[0]!.lastError, /503/);
      const denied = await env.as('taihe').get('/api/notification-jobs/dead');
      assert.equal(denied.statusCode, 403);
      assert.equal(json<{ error: { code: string } }>(denied).error.code, 'PERMISSION_DENIED');
      failHooks = false;
      const wecomBefore = hooks.filter((h) => h.path === '/wecom').length;
      for (const j of dead.items)
        assert.equal((await env.as('admin').post(`/api/notification-jobs/${j.id}/retry`)).statusCode, 200);
      await worker.drain();
      assert.ok(hooks.filter((h) => h.path === '/wecom').length > wecomBefore);
      const again = await env.as('admin').post(`/api/notification-jobs/${dead.items[0]!.id}/retry`);
      assert.equal(again.statusCode, 404);
      assert.equal(json<{ error: { code: string } }>(again).error.code, 'JOB_NOT_FOUND');
    });
  });

  describe('preferences, quiet hours and digest', () => {
    it('holds non-urgent SMS in quiet hours (22:00–07:00 Shanghai) until 07:00', () => {
      assert.equal(quietUntil(new Date('2026-12-02T06:00:00Z')), null); // 14:00 Shanghai
      assert.equal(quietUntil(new Date('2026-12-02T15:30:00Z'))!.toISOString(), '2026-12-02T23:00:00.000Z'); // 23:30 → 07:00
      assert.equal(quietUntil(new Date('2026-12-02T20:00:00Z'))!.toISOString(), '2026-12-02T23:00:00.000Z'); // 04:00 → 07:00
      assert.equal(quietUntil(new Date('2026-12-02T23:00:00Z')), null); // 07:00
    });

    it('refuses an unknown channel or topic and a malformed phone with 400', async () => {
      const bad = await env.as('xinggang').put('/api/notifications/preferences', { off: ['fax:orders'] });
      assert.equal(bad.statusCode, 400);
      assert.equal(json<{ error: { code: string } }>(bad).error.code, 'VALIDATION_FAILED');
      const phone = await env.as('xinggang').put('/api/notifications/preferences', { phone: '12345' });
      assert.equal(phone.statusCode, 400);
      const prefs = json<{ phoneMasked: string; email: string }>(
        await env.as('xinggang').get('/api/notifications/preferences'),
      );
      assert.equal(prefs.email, 'xinggang@test.local');
      assert.match(prefs.phoneMasked, /^138\*+0001$|^138.*0001$/);
      const [raw] = await queryRows<{ phone_cipher: string }>(
        env.ctx.db,
        sql`select phone_cipher from notification_settings where user_id = ${await userId('xinggang')}`,
      );
      assert.ok(!raw!.phone_cipher.includes('13800000001'), 'the phone is stored encrypted');
    });

    it('keeps e-mails for the daily digest and sends them as one message', async () => {
      await env.as('xinggang').put('/api/notifications/preferences', { emailDigest: true });
      const before = mails.filter((m) => m.to === 'xinggang@test.local').length;
      await orderIn(f, 'new');
      await orderIn(f, 'new');
      await worker.drain();
      assert.equal(mails.filter((m) => m.to === 'xinggang@test.local').length, before, 'held for the digest');
      const { sendDigests } = await import('./delivery.service.js');
      const tomorrow = new Date(Date.now() + 24 * 3_600_000);
      assert.equal(await sendDigests(env.ctx, tomorrow), 1);
      const digest = mails.filter((m) => m.to === 'xinggang@test.local').slice(before);
      assert.equal(digest.length, 1);
      assert.match(digest[0]!.raw, /lnl-digest-/);
      assert.equal(await sendDigests(env.ctx, tomorrow), 0, 'sent once');
      await env.as('xinggang').put('/api/notifications/preferences', { emailDigest: false, off: ['in_app:orders'] });
      const unreadBefore = (await inbox('xinggang')).unread;
      await orderIn(f, 'new');
      await worker.drain();
      assert.equal((await inbox('xinggang')).unread, unreadBefore, 'in-app order reminders switched off');
      await env.as('xinggang').put('/api/notifications/preferences', { off: [] });
    });
  });

  describe('triggers', () => {
    it('warns once when two thirds of an order deadline have passed', async () => {
      const o = await orderIn(f, 'new');
      await worker.drain();
      const [row] = await queryRows<{ created_at: Date; due_at: Date }>(
        env.ctx.db,
        sql`select created_at, due_at from work_orders where id = ${o.id}`,
      );
      const start = new Date(row!.created_at).getTime();
      const due = new Date(row!.due_at).getTime();
      const warned = async () =>
        (
          await queryRows<{ n: number }>(
            env.ctx.db,
            sql`select count(*)::int as n from outbox where topic = 'order.due_soon' and payload->>'orderId' = ${o.id}`,
          )
        )[0]!.n;
      await sweepDueSoon(env.ctx, new Date(start + (due - start) * 0.5));
      assert.equal(await warned(), 0, 'half the time: no warning yet');
      await sweepDueSoon(env.ctx, new Date(start + (due - start) * 0.7));
      assert.equal(await warned(), 1);
      await sweepDueSoon(env.ctx, new Date(start + (due - start) * 0.8));
      assert.equal(await warned(), 1, 'once per deadline');
      await worker.drain();
      assert.ok(
        (await inbox('xinggang')).items.some((i) => i.topic === 'order.due_soon' && i.href === `/orders/${o.id}`),
      );
    });

    it('escalation after the deadline reaches the street', async () => {
      const { sweepOverdue } = await import('../work-orders/work-orders.service.js');
      const o = await orderIn(f, 'new');
      const [row] = await queryRows<{ due_at: Date }>(
        env.ctx.db,
        sql`select due_at from work_orders where id = ${o.id}`,
      );
      await sweepOverdue(env.ctx, new Date(new Date(row!.due_at).getTime() + 60_000));
      await worker.drain();
      const n = (await inbox('shuibosi')).items.find(
        (i) => i.topic === 'order.overdue' && i.href === `/orders/${o.id}`,
      );
      assert.ok(n, 'the street is told');
    });
  });

  describe('access: one person, one inbox', () => {
    it('nobody reads or marks another person’s notifications', async () => {
      const mine = (await inbox('xinggang')).items[0]!;
      for (const other of ['taihe', 'admin', 'resident', 'zhujian']) {
        const res = await env.as(other).post(`/api/notifications/${mine.id}/read`);
        assert.equal(res.statusCode, 404, other);
        assert.equal(json<{ error: { code: string } }>(res).error.code, 'NOTIFICATION_NOT_FOUND');
        assert.ok(!(await inbox(other)).items.some((i) => i.id === mine.id));
      }
      await env.as('taihe').post('/api/notifications/read-all');
      const still = (await inbox('xinggang')).items.find((i) => i.id === mine.id) as
        { readAt?: string | null } | undefined;
      assert.equal(still?.readAt ?? null, null, 'mark-all of another user did not touch it');
      const ok = json<{ marked: number; unread: number }>(
        await env.as('xinggang').post(`/api/notifications/${mine.id}/read`),
      );
      assert.equal(ok.marked, 1);
      const unread = json<{ unread: number }>(await env.as('xinggang').get('/api/notifications/unread-count')).unread;
      assert.equal(unread, ok.unread);
      const all = json<{ unread: number }>(await env.as('xinggang').post('/api/notifications/read-all'));
      assert.equal(all.unread, 0);
      assert.equal((await env.as(null).get('/api/notifications')).statusCode, 401);
    });
  });

  describe('live stream', () => {
    it('pushes a new notification to an open page over Server-Sent Events', async () => {
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (env.app.server.address() as AddressInfo).port;
      const cookie = (await env.as('xinggang').cookie())!;
      const events: string[] = [];
      const req = request({ host: '127.0.0.1', port, path: '/api/notifications/stream', headers: { cookie } });
      const got = new Promise<string>((resolve, reject) => {
        req.on('response', (res) => {
          assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
          res.on('data', (c: Buffer) => {
            events.push(c.toString('utf8'));
            const all = events.join('');
            if (all.includes('event: notification')) resolve(all);
          });
        });
        req.on('error', reject);
      });
      req.end();
      await new Promise((r) => setTimeout(r, 300));
      const o = await orderIn(f, 'new');
      await worker.drain();
      const text = await Promise.race([
        got,
        new Promise<string>((_, rej) => setTimeout(() => rej(new Error('no event in 5 s')), 5000)),
      ]);
      req.destroy();
      assert.match(text, new RegExp(`/orders/${o.id}`));
      assert.match(text, /event: unread/);
    });
  });
});
