import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { demoMobileOf } from '../../demo/pingcheng.js';
import { compoundId } from '../../testing/orders.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { phoneCodeSendsSettled } from '../auth/phone-code.service.js';

/**
 * An administrator gives an account its login mobile (验证码登录) when opening it or later, and can take
 * it away; the number is unique across accounts, never stored or shown in the clear, and setting it needs
 * the right to reset the account. The account then signs in with a code texted to that number (a local
 * HTTP receiver stands for the SMS provider).
 */
let env: TestEnv;
let receiver: Server;
const texts: { mobile: string; content: string }[] = [];
const error = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

async function codeTo(mobile: string): Promise<string | undefined> {
  const since = texts.length;
  const res = await env.as(null).post('/api/auth/phone-code', { phone: mobile });
  assert.equal(res.statusCode, 202, res.body);
  await phoneCodeSendsSettled();
  const sms = texts.slice(since).filter((m) => m.mobile === mobile);
  return /验证码是 (\d{6})/.exec(sms[0]?.content ?? '')?.[1];
}

describe('users: the login mobile for 验证码登录', () => {
  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        texts.push(JSON.parse(body) as { mobile: string; content: string });
        res.end('{"code":"OK"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    env = await createTestEnv();
    env.ctx.config.notify = {
      ...env.ctx.config.notify,
      sms: {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sms`,
        template: '{"mobile":"{phone}","content":"{text}"}',
      },
    };
  });
  after(async () => {
    await env.close();
    await new Promise((r) => receiver.close(() => r(undefined)));
  });

  it('opens an account with its mobile, masked; the account signs in by code', async () => {
    const res = await env.as('admin').post('/api/users', {
      username: 'grid-mobile',
      displayName: '网格员 手机',
      role: 'grid_worker',
      orgUnitId: await compoundId(env.ctx.db),
      password: 'Grant2026pass',
      mobile: '13912345678',
    });
    assert.equal(res.statusCode, 201, res.body);
    const { user } = json<{ user: { id: string; mobileMasked: string | null } }>(res);
    assert.equal(user.mobileMasked, '139****5678');
    const [row] = await queryRows<{ mobile_hash: string | null }>(
      env.ownerDatabase.db,
      sql`select mobile_hash from users where id = ${user.id}`,
    );
    assert.ok(row!.mobile_hash && !row!.mobile_hash.includes('13912345678'));
    const code = await codeTo('13912345678');
    assert.ok(code, 'a code was texted');
    const login = await env.as(null).post('/api/auth/phone-login', { phone: '13912345678', code });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(json<{ user: { username: string } }>(login).user.username, 'grid-mobile');
  });

  it('refuses a number another account signs in with, and writes nothing', async () => {
    const taken = demoMobileOf('resident')!;
    const count = async () =>
      (await queryRows<{ n: number }>(env.ownerDatabase.db, sql`select count(*)::int as n from users`))[0]!.n;
    const before = await count();
    const res = await env.as('admin').post('/api/users', {
      username: 'grid-mobile-2',
      displayName: '网格员 二',
      role: 'grid_worker',
      orgUnitId: await compoundId(env.ctx.db),
      password: 'Grant2026pass',
      mobile: taken,
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(error(res.body), 'MOBILE_TAKEN');
    assert.equal(await count(), before);
    assert.equal(error((await env.as('admin').post('/api/users', { mobile: '12345' })).body), 'VALIDATION_FAILED');
  });

  it('sets, changes and removes the mobile of an account; only with the right to reset it', async () => {
    const list = json<{ items: { id: string; username: string; mobileMasked: string | null }[] }>(
      await env.as('admin').get('/api/users?q=xinggang'),
    ).items;
    const xinggang = list.find((u) => u.username === 'xinggang')!;
    const set = await env.as('admin').patch(`/api/users/${xinggang.id}`, { mobile: '13700001111' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(json<{ user: { mobileMasked: string } }>(set).user.mobileMasked, '137****1111');
    const code = await codeTo('13700001111');
    assert.ok(code);
    // the old demo number no longer reaches him: no text goes out for it
    assert.equal(await codeTo(demoMobileOf('xinggang')!), undefined);

    const refused = await env.as('taihe').patch(`/api/users/${xinggang.id}`, { mobile: '13700002222' });
    assert.equal(refused.statusCode, 403, refused.body);

    const removed = await env.as('admin').patch(`/api/users/${xinggang.id}`, { mobile: null });
    assert.equal(json<{ user: { mobileMasked: string | null } }>(removed).user.mobileMasked, null);
    // the code texted while the number was his no longer opens his account
    const late = await env.as(null).post('/api/auth/phone-login', { phone: '13700001111', code });
    assert.equal(late.statusCode, 401, late.body);
    const audits = await queryRows<{ action: string; detail: { mobile: string | null } }>(
      env.ownerDatabase.db,
      sql`select action, detail from audit_log where entity_id = ${xinggang.id} and action like 'user.mobile%' order by id`,
    );
    assert.deepEqual(
      audits.map((a) => [a.action, a.detail.mobile]),
      [
        ['user.mobile_set', '137****1111'],
        ['user.mobile_removed', null],
      ],
    );
  });
});
