import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, DEMO_PASSWORD, json, login, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';

let env: TestEnv;
let admin: string;
let street: string;

describe('account management', () => {
  before(async () => {
    env = await createTestEnv();
    admin = await login(env.app, 'admin');
    street = await login(env.app, 'shuibosi');
  });
  after(() => env.close());

  it('opens a grid-worker account bound to a compound, who then sees only that compound', async () => {
    const compound = await compoundId(env.ctx.db);
    const res = await env.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: street }, payload: { username: 'xg-grid-2', displayName: '星港城 网格员钱', role: 'grid_worker', orgUnitId: compound, password: 'Grid2026pass' } });
    assert.equal(res.statusCode, 201, res.body);
    const cookie = await login(env.app, 'xg-grid-2', 'Grid2026pass');
    const me = json<{ user: { orgUnit: { name: string } } }>(await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }));
    assert.equal(me.user.orgUnit.name, '星港城');
    const [hash] = await queryRows<{ password_hash: string }>(env.ctx.db, sql`select password_hash from users where username = 'xg-grid-2'`);
    assert.match(hash!.password_hash, /^\$argon2id\$/);
  });

  it('refuses a role bound to the wrong level, a weak password, a taken name and a unit outside the scope', async () => {
    const compound = await compoundId(env.ctx.db);
    const bad = [
      { username: 'wrong-level', displayName: 'x', role: 'community_worker', orgUnitId: compound, password: 'Strong2026pass' },
      { username: 'weak-pass', displayName: 'x', role: 'grid_worker', orgUnitId: compound, password: 'short' },
      { username: 'admin', displayName: 'x', role: 'grid_worker', orgUnitId: compound, password: 'Strong2026pass' },
      { username: 'dept-no-unit', displayName: 'x', role: 'department_staff', orgUnitId: '140213', password: 'Strong2026pass' },
    ];
    const codes = [];
    for (const payload of bad) codes.push((await env.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload })).statusCode);
    assert.deepEqual(codes, [400, 400, 409, 400]);
    const outside = await env.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: street }, payload: { username: 'outside', displayName: 'x', role: 'street_staff', orgUnitId: '140213050', password: 'Strong2026pass' } });
    assert.equal(outside.statusCode, 403);
    const escalate = await env.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: street }, payload: { username: 'sneaky', displayName: 'x', role: 'district_admin', orgUnitId: '140213', password: 'Strong2026pass' } });
    assert.equal(escalate.statusCode, 403);
  });

  it('unlocks a locked account, resets a password (ending sessions) and disables an account', async () => {
    for (let i = 0; i < 5; i++) await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'taihe', password: 'wrong' } });
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'taihe', password: DEMO_PASSWORD } })).statusCode, 423);
    const list = json<{ items: { id: string; username: string; isLocked: boolean }[] }>(await env.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin } })).items;
    const taihe = list.find((u) => u.username === 'taihe')!;
    assert.equal(taihe.isLocked, true);
    await env.app.inject({ method: 'PATCH', url: `/api/users/${taihe.id}`, headers: { cookie: admin }, payload: { unlock: true } });
    const session = await login(env.app, 'taihe');
    await env.app.inject({ method: 'PATCH', url: `/api/users/${taihe.id}`, headers: { cookie: admin }, payload: { password: 'NewPass2026x' } });
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode, 401);
    await login(env.app, 'taihe', 'NewPass2026x');
    await env.app.inject({ method: 'PATCH', url: `/api/users/${taihe.id}`, headers: { cookie: admin }, payload: { isActive: false } });
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'taihe', password: 'NewPass2026x' } })).statusCode, 401);
    const [audit] = await queryRows<{ detail: unknown }>(env.ctx.db, sql`select detail from audit_log where action = 'user.update' and detail->>'passwordReset' = 'true'`);
    assert.ok(!JSON.stringify(audit!.detail).includes('NewPass2026x'));
  });
});
