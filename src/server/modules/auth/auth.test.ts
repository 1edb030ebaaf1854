import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, DEMO_PASSWORD, json, login, type TestEnv } from '../../testing/harness.js';

let env: TestEnv;
const me = (cookie: string) => env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const tryLogin = (username: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('accounts and sessions', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('logs in with an httpOnly cookie and reports role, unit and abilities', async () => {
    const res = await tryLogin('taihe', DEMO_PASSWORD);
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'linli_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const { user } = json<{ user: { role: string; orgUnit: { name: string }; abilities: string[] } }>(res);
    assert.equal(user.role, 'community_worker');
    assert.equal(user.orgUnit.name, '太和社区');
    assert.ok(user.abilities.includes('people.read'));
    assert.ok(!user.abilities.includes('audit.read'));
  });

  it('stores no password or token in clear', async () => {
    const cookie = await login(env.app, 'admin');
    const token = cookie.split('=')[1]!;
    const rows = await queryRows<{ token_hash: string }>(env.ctx.db, sql`select token_hash from sessions`);
    assert.ok(rows.length > 0 && rows.every((r) => r.token_hash !== token));
    const [u] = await queryRows<{ password_hash: string }>(
      env.ctx.db,
      sql`select password_hash from users where username = 'admin'`,
    );
    assert.match(u!.password_hash, /^\$argon2id\$/);
  });

  it('rejects a wrong password with one message for unknown users and bad passwords', async () => {
    const a = await tryLogin('admin', 'wrong-password');
    const b = await tryLogin('no-such-user', 'wrong-password');
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal(
      json<{ error: { message: string } }>(a).error.message,
      json<{ error: { message: string } }>(b).error.message,
    );
  });

  it('validates the login body with a 400, not a 500', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    assert.equal(res.statusCode, 400);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'VALIDATION_FAILED');
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    assert.equal(bad.statusCode, 400);
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await tryLogin('shuibosi', 'nope')).statusCode, 401);
    const fifth = await tryLogin('shuibosi', 'nope');
    assert.equal(fifth.statusCode, 423);
    const locked = await tryLogin('shuibosi', DEMO_PASSWORD);
    assert.equal(locked.statusCode, 423);
    assert.equal(json<{ error: { code: string } }>(locked).error.code, 'AUTH_LOCKED');
    const [u] = await queryRows<{ minutes: number }>(
      env.ctx.db,
      sql`select round(extract(epoch from locked_until - now()) / 60)::int as minutes from users where username = 'shuibosi'`,
    );
    assert.equal(u!.minutes, 15);
    // once the lock has run out, the right password works again
    await env.ctx.db.execute(
      sql`update users set locked_until = now() - interval '1 second' where username = 'shuibosi'`,
    );
    assert.equal((await tryLogin('shuibosi', DEMO_PASSWORD)).statusCode, 200);
    const audit = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select action from audit_log where action = 'auth.locked'`,
    );
    assert.equal(audit.length, 1);
  });

  it('expires a session after 30 idle minutes', async () => {
    const cookie = await login(env.app, 'xinggang');
    assert.equal((await me(cookie)).statusCode, 200);
    await env.ctx.db.execute(
      sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = 'xinggang')`,
    );
    const res = await me(cookie);
    assert.equal(res.statusCode, 401);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'AUTH_SESSION_EXPIRED');
  });

  it('keeps an active session alive', async () => {
    const cookie = await login(env.app, 'youyijie');
    await env.ctx.db.execute(
      sql`update sessions set last_seen_at = now() - interval '29 minutes' where user_id = (select id from users where username = 'youyijie')`,
    );
    assert.equal((await me(cookie)).statusCode, 200);
    // the request refreshed last_seen_at, so another 29 minutes later it is still alive
    const [s] = await queryRows<{ idle: number }>(
      env.ctx.db,
      sql`select extract(epoch from now() - last_seen_at)::int as idle from sessions where user_id = (select id from users where username = 'youyijie')`,
    );
    assert.ok(s!.idle < 60);
  });

  it('logout invalidates the session server-side', async () => {
    const cookie = await login(env.app, 'zhujian');
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    assert.equal((await me(cookie)).statusCode, 401);
  });

  it('refuses a forged cookie', async () => {
    assert.equal((await me('linli_session=forged-token')).statusCode, 401);
  });
});

describe('logins under concurrency, rate limits and lockout messages', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());
  const codeOf = (res: { body: string }) => json<{ error: { code: string; message: string } }>(res as never).error;

  it('100 concurrent wrong passwords check at most 5 and lock the account', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => tryLogin('taihe', 'wrong-password')));
    const checked = replies.filter((r) => r.statusCode === 401).length;
    const locked = replies.filter((r) => r.statusCode === 423).length;
    assert.equal(
      checked + locked,
      100,
      `unexpected statuses: ${[...new Set(replies.map((r) => r.statusCode))].join(',')}`,
    );
    assert.equal(checked, 4, 'four wrong passwords answer "invalid", the fifth locks');
    for (const r of replies.filter((x) => x.statusCode === 423)) assert.equal(codeOf(r).code, 'AUTH_LOCKED');
    const [u] = await queryRows<{ failed_logins: number; locked: boolean }>(
      env.ctx.db,
      sql`select failed_logins, locked_until > now() as locked from users where username = 'taihe'`,
    );
    assert.equal(u!.locked, true);
    assert.equal(u!.failed_logins, 5);
    const audit = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action in ('auth.login_failed', 'auth.locked') and entity_id = (select id from users where username = 'taihe')`,
    );
    assert.equal(audit[0]!.n, 5, 'exactly the five reserved attempts were verified');
    const right = await tryLogin('taihe', DEMO_PASSWORD);
    assert.equal(right.statusCode, 423);
    assert.equal(codeOf(right).code, 'AUTH_LOCKED');
  });

  it('39 wrong passwords and the right one in parallel do not log in once locked', async () => {
    const attempts = [...Array.from({ length: 39 }, () => 'wrong-password'), DEMO_PASSWORD];
    const replies = await Promise.all(attempts.map((p) => tryLogin('youyijie', p)));
    assert.equal(replies.filter((r) => r.statusCode === 200).length, 0);
    assert.equal(replies.at(-1)!.statusCode, 423);
    assert.equal(replies.filter((r) => r.statusCode === 401).length, 4);
    const sessions = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from sessions where user_id = (select id from users where username = 'youyijie')`,
    );
    assert.equal(sessions[0]!.n, 0);
  });

  it('tells a locked-out person when to retry and whom to ask', async () => {
    const res = await tryLogin('taihe', DEMO_PASSWORD);
    const { message } = codeOf(res);
    assert.match(message, /北京时间 \d\d:\d\d/);
    assert.match(message, /分钟后/);
    assert.match(message, /管理员/);
    assert.match(message, /解锁/);
  });

  it('a right password among the first attempts still logs in and resets the counter', async () => {
    const first = await tryLogin('xinggang', 'wrong-password');
    assert.equal(first.statusCode, 401);
    assert.equal((await tryLogin('xinggang', DEMO_PASSWORD)).statusCode, 200);
    const [u] = await queryRows<{ failed_logins: number }>(
      env.ctx.db,
      sql`select failed_logins from users where username = 'xinggang'`,
    );
    assert.equal(u!.failed_logins, 0);
  });

  it('answers unknown users with the same message, after a comparable argon2 verification', async () => {
    const time = async (username: string) => {
      const t = process.hrtime.bigint();
      const res = await tryLogin(username, 'wrong-password');
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, res };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      // a fresh known account each round, so the lockout does not start answering instead of argon2
      const k = await time(['qingyuan', 'kaiyuan-sw', 'yingbin-sw'][i]!);
      const u = await time(`nobody-${i}`);
      assert.equal(k.res.statusCode, 401);
      assert.equal(u.res.statusCode, 401);
      assert.deepEqual(codeOf(k.res), codeOf(u.res));
      known.push(k.ms);
      unknown.push(u.ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    // Loose bounds (a shared 2-core machine): an unknown user must not answer in a fraction of the time.
    assert.ok(median(unknown) > median(known) / 3, `unknown ${median(unknown)} ms vs known ${median(known)} ms`);
  });
});

describe('login rate limits (defaults)', () => {
  let limited: TestEnv;
  before(async () => {
    limited = await createTestEnv({ config: { loginRateLimit: { perIp: 6, perAccount: 3, windowMs: 60_000 } } });
  });
  after(() => limited.close());
  const attempt = (username: string, ip: string) =>
    limited.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username, password: 'wrong-password' },
    });

  it('limits attempts per account from any address, and per address over any accounts', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await attempt('zhujian', `10.0.0.${i + 1}`)).statusCode, 401);
    const fourth = await attempt('zhujian', '10.0.0.9');
    assert.equal(fourth.statusCode, 429);
    assert.equal(json<{ error: { code: string } }>(fourth).error.code, 'AUTH_RATE_LIMITED');
    assert.ok(Number(fourth.headers['retry-after']) > 0);
    // the limited attempt was not even counted against the account
    const [u] = await queryRows<{ failed_logins: number }>(
      limited.ctx.db,
      sql`select failed_logins from users where username = 'zhujian'`,
    );
    assert.equal(u!.failed_logins, 3);
    // one address: 6 attempts over different accounts, then refused
    const names = ['nobody-a', 'nobody-b', 'nobody-c', 'nobody-d', 'nobody-e', 'nobody-f'];
    for (const n of names) assert.equal((await attempt(n, '10.1.1.1')).statusCode, 401);
    const seventh = await attempt('nobody-g', '10.1.1.1');
    assert.equal(seventh.statusCode, 429);
    assert.equal(json<{ error: { code: string } }>(seventh).error.code, 'AUTH_RATE_LIMITED');
    assert.equal((await attempt('nobody-g', '10.1.1.2')).statusCode, 401, 'another address is not affected');
  });
});
