import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, DEMO_PASSWORD, json, login, type TestEnv } from '../../testing/harness.js';

let env: TestEnv;
const me = (cookie: string) => env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const tryLogin = (username: string, password: string) => env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('accounts and sessions', () => {
  before(async () => { env = await createTestEnv(); });
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
    const [u] = await queryRows<{ password_hash: string }>(env.ctx.db, sql`select password_hash from users where username = 'admin'`);
    assert.match(u!.password_hash, /^\$argon2id\$/);
  });

  it('rejects a wrong password with one message for unknown users and bad passwords', async () => {
    const a = await tryLogin('admin', 'wrong-password');
    const b = await tryLogin('no-such-user', 'wrong-password');
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal(json<{ error: { message: string } }>(a).error.message, json<{ error: { message: string } }>(b).error.message);
  });

  it('validates the login body with a 400, not a 500', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    assert.equal(res.statusCode, 400);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'VALIDATION_FAILED');
    const bad = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    assert.equal(bad.statusCode, 400);
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await tryLogin('shuibosi', 'nope')).statusCode, 401);
    const fifth = await tryLogin('shuibosi', 'nope');
    assert.equal(fifth.statusCode, 423);
    const locked = await tryLogin('shuibosi', DEMO_PASSWORD);
    assert.equal(locked.statusCode, 423);
    assert.equal(json<{ error: { code: string } }>(locked).error.code, 'AUTH_LOCKED');
    const [u] = await queryRows<{ minutes: number }>(env.ctx.db, sql`select round(extract(epoch from locked_until - now()) / 60)::int as minutes from users where username = 'shuibosi'`);
    assert.equal(u!.minutes, 15);
    // once the lock has run out, the right password works again
    await env.ctx.db.execute(sql`update users set locked_until = now() - interval '1 second' where username = 'shuibosi'`);
    assert.equal((await tryLogin('shuibosi', DEMO_PASSWORD)).statusCode, 200);
    const audit = await queryRows<{ action: string }>(env.ctx.db, sql`select action from audit_log where action = 'auth.locked'`);
    assert.equal(audit.length, 1);
  });

  it('expires a session after 30 idle minutes', async () => {
    const cookie = await login(env.app, 'xinggang');
    assert.equal((await me(cookie)).statusCode, 200);
    await env.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = 'xinggang')`);
    const res = await me(cookie);
    assert.equal(res.statusCode, 401);
    assert.equal(json<{ error: { code: string } }>(res).error.code, 'AUTH_SESSION_EXPIRED');
  });

  it('keeps an active session alive', async () => {
    const cookie = await login(env.app, 'youyijie');
    await env.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '29 minutes' where user_id = (select id from users where username = 'youyijie')`);
    assert.equal((await me(cookie)).statusCode, 200);
    // the request refreshed last_seen_at, so another 29 minutes later it is still alive
    const [s] = await queryRows<{ idle: number }>(env.ctx.db, sql`select extract(epoch from now() - last_seen_at)::int as idle from sessions where user_id = (select id from users where username = 'youyijie')`);
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
