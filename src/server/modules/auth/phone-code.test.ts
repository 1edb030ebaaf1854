import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client.js';
import { demoMobileOf } from '../../demo/pingcheng.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { mobileHashOf } from './auth.service.js';
import { phoneLoginCodes, users } from './auth.tables.js';
import { phoneCodeSendsSettled } from './phone-code.service.js';

/**
 * 短信验证码登录 end to end: the SMS provider is a real local HTTP receiver (configured like a deployment's
 * LINLI_SMS_URL / LINLI_SMS_TEMPLATE); the code is read from the text it receives. Time is moved by
 * moving the code's stored instants back.
 */
let env: TestEnv;
let receiver: Server;
let smsUrl = '';
const received: { mobile: string; content: string; outId: string; authorization?: string }[] = [];
const SMS_TEMPLATE = '{"mobile":"{phone}","content":"{text}","outId":"{messageId}"}';

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const b = JSON.parse(body) as { mobile: string; content: string; outId: string };
      received.push({ ...b, authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      res.end('{"code":"OK"}');
    });
  });
  return new Promise((r) =>
    receiver.listen(
      0,
      '127.0.0.1',
      () => ((smsUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sms`), r()),
    ),
  );
}

const smsConfig = () => ({ url: smsUrl, template: SMS_TEMPLATE, authorization: 'Bearer sms-key' });
const phoneOf = (username: string) => demoMobileOf(username)!;
const codeOf = (res: LightMyRequestResponse) => json<{ error: { code: string; message: string } }>(res).error;
const ask = (phone: string, headers: Record<string, string> = {}) =>
  env.as(null).post('/api/auth/phone-code', { phone }, headers);
const logIn = (phone: string, code: string) => env.as(null).post('/api/auth/phone-login', { phone, code });

/** The code texted to a number since `since` messages were received (the SMS goes out after the reply). */
async function textedCode(phone: string, since: number): Promise<string> {
  await phoneCodeSendsSettled();
  // settled means the receiver answered, so it has recorded the text
  const sms = received.slice(since).filter((m) => m.mobile === phone);
  assert.equal(sms.length, 1, `one SMS to ${phone}`);
  const code = /验证码是 (\d{6})/.exec(sms[0]!.content)?.[1];
  assert.ok(code, sms[0]!.content);
  return code;
}

/** Moves a number's code back in time: its last send (the resend and hourly limits) and its expiry. */
async function age(phone: string, set: Partial<typeof phoneLoginCodes.$inferInsert>) {
  await env.ctx.db
    .update(phoneLoginCodes)
    .set(set)
    .where(eq(phoneLoginCodes.phoneHash, mobileHashOf(env.ctx, phone)));
}
const minuteAgo = () => new Date(Date.now() - 61_000);

describe('短信验证码登录 (phone-code log-in)', () => {
  before(async () => {
    await startReceiver();
    env = await createTestEnv();
    env.ctx.config.notify = { ...env.ctx.config.notify, sms: smsConfig() };
  });
  after(async () => {
    await env.close();
    await new Promise((r) => receiver.close(() => r(undefined)));
  });

  it('without an SMS provider answers 503 AUTH_PHONE_CODE_UNAVAILABLE, in Chinese and English', async () => {
    env.ctx.config.notify = { ...env.ctx.config.notify, sms: undefined };
    try {
      const zh = await ask(phoneOf('taihe'));
      assert.equal(zh.statusCode, 503, zh.body);
      assert.equal(codeOf(zh).code, 'AUTH_PHONE_CODE_UNAVAILABLE');
      assert.match(codeOf(zh).message, /短信服务/);
      const en = await ask(phoneOf('taihe'), { 'accept-language': 'en' });
      assert.match(codeOf(en).message, /SMS service/);
    } finally {
      env.ctx.config.notify = { ...env.ctx.config.notify, sms: smsConfig() };
    }
  });

  it('texts a code to a known number, logs in with it (same session as a password log-in) and audits both', async () => {
    const phone = phoneOf('resident');
    const since = received.length;
    const res = await ask(phone);
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(json(res), { resendAfterSeconds: 60, expiresInSeconds: 300 });
    const code = await textedCode(phone, since);
    assert.equal(received.at(-1)!.authorization, 'Bearer sms-key');
    assert.match(received.at(-1)!.outId, /^lnl-login-/);
    // only the code's keyed hash is stored
    const [row] = await queryRows<{ code_hash: string; user_id: string | null }>(
      env.ctx.db,
      sql`select code_hash, user_id from phone_login_codes where phone_hash = ${mobileHashOf(env.ctx, phone)}`,
    );
    assert.ok(row?.user_id && !row.code_hash.includes(code));

    const ok = await logIn(phone, code);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json<{ user: { username: string } }>(ok).user.username, 'resident');
    const cookie = ok.cookies.find((c) => c.name === 'linli_session');
    assert.ok(cookie?.httpOnly && cookie.sameSite === 'Lax');
    const me = await env.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `linli_session=${cookie.value}` },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(json<{ user: { username: string; role: string } }>(me).user.role, 'resident');
    const audit = await queryRows<{ action: string; method: string | null }>(
      env.ctx.db,
      sql`select action, detail->>'method' as method from audit_log
          where entity_id = ${row.user_id} and action in ('auth.phone_code_sent', 'auth.login') order by id`,
    );
    assert.deepEqual(
      audit.map((a) => `${a.action}:${a.method ?? ''}`),
      ['auth.phone_code_sent:', 'auth.login:phone_code'],
    );

    const again = await logIn(phone, code);
    assert.equal(again.statusCode, 401);
    assert.equal(codeOf(again).code, 'AUTH_PHONE_CODE_USED');
  });

  it('a wrong code counts down and is audited; five wrong tries kill the code, the right one too', async () => {
    const phone = phoneOf('xinggang');
    const since = received.length;
    assert.equal((await ask(phone)).statusCode, 202);
    const code = await textedCode(phone, since);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let left = 4; left >= 1; left--) {
      const res = await logIn(phone, wrong);
      assert.equal(res.statusCode, 401);
      assert.equal(codeOf(res).code, 'AUTH_PHONE_CODE_WRONG');
      assert.match(codeOf(res).message, new RegExp(`还可再试 ${left} 次`));
    }
    const fifth = await logIn(phone, wrong);
    assert.equal(codeOf(fifth).code, 'AUTH_PHONE_CODE_ATTEMPTS_EXCEEDED');
    const right = await logIn(phone, code);
    assert.equal(right.statusCode, 401);
    assert.equal(codeOf(right).code, 'AUTH_PHONE_CODE_ATTEMPTS_EXCEEDED');
    const [failed] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'auth.login_failed'
          and detail->>'method' = 'phone_code' and entity_id = (select id from users where username = 'xinggang')`,
    );
    assert.equal(failed!.n, 5);
  });

  it('parallel guesses get five tries between them, not more', async () => {
    const phone = phoneOf('shuibosi');
    const since = received.length;
    assert.equal((await ask(phone)).statusCode, 202);
    const code = await textedCode(phone, since);
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const replies = await Promise.all(guesses.map((g) => logIn(phone, g)));
    const wrong = replies.filter((r) => codeOf(r).code === 'AUTH_PHONE_CODE_WRONG').length;
    assert.equal(wrong, 4, 'four wrong tries say how many are left, the fifth kills the code');
    assert.equal(codeOf(await logIn(phone, code)).code, 'AUTH_PHONE_CODE_ATTEMPTS_EXCEEDED');
  });

  it('an expired code is refused; a new code replaces the old one', async () => {
    const phone = phoneOf('zhujian');
    let since = received.length;
    assert.equal((await ask(phone)).statusCode, 202);
    const first = await textedCode(phone, since);
    await age(phone, { expiresAt: new Date(Date.now() - 1000), lastSentAt: minuteAgo() });
    const res = await logIn(phone, first);
    assert.equal(res.statusCode, 401);
    assert.equal(codeOf(res).code, 'AUTH_PHONE_CODE_EXPIRED');
    assert.match(codeOf(res).message, /5 分钟/);

    since = received.length;
    assert.equal((await ask(phone)).statusCode, 202);
    const second = await textedCode(phone, since);
    if (second !== first) assert.equal(codeOf(await logIn(phone, first)).code, 'AUTH_PHONE_CODE_WRONG');
    assert.equal((await logIn(phone, second)).statusCode, 200);
  });

  it('one code a minute and five an hour per number, with the seconds to wait', async () => {
    const phone = phoneOf('taihe');
    assert.equal((await ask(phone)).statusCode, 202);
    const soon = await ask(phone);
    assert.equal(soon.statusCode, 429, soon.body);
    assert.equal(codeOf(soon).code, 'AUTH_PHONE_CODE_TOO_SOON');
    const seconds = Number(/请 (\d+) 秒后/.exec(codeOf(soon).message)?.[1]);
    assert.ok(seconds >= 55 && seconds <= 60, codeOf(soon).message);
    for (let n = 2; n <= 5; n++) {
      await age(phone, { lastSentAt: minuteAgo() });
      assert.equal((await ask(phone)).statusCode, 202, `code ${n} of the hour`);
    }
    await age(phone, { lastSentAt: minuteAgo() });
    const sixth = await ask(phone);
    assert.equal(sixth.statusCode, 429);
    assert.equal(codeOf(sixth).code, 'AUTH_PHONE_CODE_HOURLY_LIMIT');
    // an hour after the window's first code, the number may ask again
    await age(phone, { lastSentAt: minuteAgo(), windowStartedAt: new Date(Date.now() - 3_601_000) });
    assert.equal((await ask(phone)).statusCode, 202);
  });

  it('an unknown number gets the same 202, no SMS, the same limits and the same wrong-code answer', async () => {
    const phone = '13999999999';
    assert.equal(
      (await queryRows(env.ctx.db, sql`select 1 from users where mobile_hash = ${mobileHashOf(env.ctx, phone)}`))
        .length,
      0,
    );
    await phoneCodeSendsSettled(); // the texts of the tests before
    const since = received.length;
    const res = await ask(phone);
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(json(res), { resendAfterSeconds: 60, expiresInSeconds: 300 });
    await phoneCodeSendsSettled();
    assert.equal(received.length, since, 'nothing is texted');
    assert.equal(codeOf(await ask(phone)).code, 'AUTH_PHONE_CODE_TOO_SOON');
    const guess = await logIn(phone, '123456');
    assert.equal(guess.statusCode, 401);
    assert.equal(codeOf(guess).code, 'AUTH_PHONE_CODE_WRONG');
    assert.equal(codeOf(await logIn('13988888888', '123456')).code, 'AUTH_PHONE_CODE_NONE');
  });

  it('a locked account stays locked for phone-code log-in', async () => {
    const phone = phoneOf('youyijie');
    const since = received.length;
    assert.equal((await ask(phone)).statusCode, 202);
    const code = await textedCode(phone, since);
    await env.ctx.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 10 * 60_000) })
      .where(eq(users.username, 'youyijie'));
    const res = await logIn(phone, code);
    assert.equal(res.statusCode, 423, res.body);
    assert.equal(codeOf(res).code, 'AUTH_LOCKED');
  });

  it('refuses a malformed number or code with 400', async () => {
    const bad = await ask('12345');
    assert.equal(bad.statusCode, 400);
    const en = await env.as(null).post(
      '/api/auth/phone-login',
      { phone: phoneOf('admin'), code: '12ab' },
      {
        'accept-language': 'en',
      },
    );
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /The code has 6 digits/);
  });
});

describe('短信验证码登录: the per-address limit', () => {
  let small: TestEnv;
  before(async () => {
    small = await createTestEnv({
      demo: false,
      config: { loginRateLimit: { perIp: 3, perAccount: 10, windowMs: 60_000 } },
    });
    small.ctx.config.notify = { ...small.ctx.config.notify, sms: smsConfig() };
  });
  after(() => small.close());

  it('allows a few code requests a minute from one address, then 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await small.as(null).post('/api/auth/phone-code', { phone: `1370000000${i}` });
      assert.equal(res.statusCode, 202, res.body);
    }
    const res = await small.as(null).post('/api/auth/phone-code', { phone: '13700000009' });
    assert.equal(res.statusCode, 429);
    assert.equal(codeOf(res).code, 'AUTH_PHONE_RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });
});
