import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { ROLE_ABILITIES, type Role } from '../access/access.policy.js';
import { auditLog } from '../audit/audit.tables.js';
import { apiKeys } from '../auth/auth.tables.js';

/**
 * Open311 api_keys in the running system (issue 14): issue (shown once), list, revoke, last used, and
 * who may do it — every account for its own keys, account managers for the accounts they may reset.
 */
let env: TestEnv;
let xinggang: string;
let n = 0;

interface Key {
  keyId: string;
  name: string;
  prefix: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdByName: string | null;
}
function refused(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(json<{ error: { code: string } }>(res).error.code, code, res.body);
}
async function gridAccount(): Promise<string> {
  const res = await env.as('admin').post('/api/users', {
    username: `key-holder-${++n}`,
    displayName: `密钥账号${n}`,
    role: 'grid_worker',
    orgUnitId: xinggang,
    password: 'Keys2026pass',
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ user: { id: string } }>(res).user.id;
}
const open311 = (key: string) => env.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${key}` });

const DEMO: { username: string; role: Role }[] = [
  { username: 'admin', role: 'district_admin' },
  { username: 'shuibosi', role: 'street_staff' },
  { username: 'taihe', role: 'community_worker' },
  { username: 'youyijie', role: 'community_worker' },
  { username: 'xinggang', role: 'grid_worker' },
  { username: 'xinggang-branch', role: 'branch_secretary' },
  { username: 'zhujian', role: 'department_staff' },
  { username: 'qingyuan-sw', role: 'social_worker' },
  { username: 'yiyuanli', role: 'social_org' },
  { username: 'resident', role: 'resident' },
  { username: 'qingyuan-head', role: 'minor_station_head' },
  { username: 'minor-centre', role: 'minor_centre' },
  { username: 'agent', role: 'purchase_agent' },
  { username: 'juror1', role: 'juror' },
];

describe('api_key management', () => {
  before(async () => {
    env = await createTestEnv();
    xinggang = await compoundId(env.ctx.db);
  });
  after(() => env.close());

  it('issues a key shown once, lists it without the secret, records last use and revokes it', async () => {
    const id = await gridAccount();
    const issued = await env.as('admin').post(`/api/users/${id}/api-keys`, { name: '网格员 App' });
    assert.equal(issued.statusCode, 201, issued.body);
    const { key, secret } = json<{ key: Key; secret: string }>(issued);
    assert.match(secret, /^lk_[A-Za-z0-9_-]{32}$/);
    assert.equal(key.prefix, secret.slice(0, 7));
    assert.ok(key.createdByName);
    assert.equal(key.lastUsedAt, null);
    // only the hash is stored, and no reply ever carries the secret again
    const [stored] = await env.ctx.db.select().from(apiKeys).where(eq(apiKeys.keyId, key.keyId));
    assert.notEqual(stored!.keyHash, secret);
    const list = await env.as('admin').get(`/api/users/${id}/api-keys`);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(secret) && !list.body.includes(stored!.keyHash));
    assert.deepEqual(
      json<{ items: Key[] }>(list).items.map((k) => k.keyId),
      [key.keyId],
    );

    assert.equal((await open311(secret)).statusCode, 200);
    const used = json<{ items: Key[] }>(await env.as('admin').get(`/api/users/${id}/api-keys`)).items[0]!;
    assert.ok(used.lastUsedAt && Math.abs(Date.parse(used.lastUsedAt) - Date.now()) < 60_000, used.lastUsedAt!);

    const revoked = await env.as('admin').post(`/api/users/${id}/api-keys/${key.keyId}/revoke`);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.ok(json<{ key: Key }>(revoked).key.revokedAt);
    const after = await open311(secret);
    assert.equal(after.statusCode, 403);
    assert.equal(after.headers['x-linli-error-code'], 'API_KEY_INVALID');
    refused(
      await env.as('admin').post(`/api/users/${id}/api-keys/${key.keyId}/revoke`),
      409,
      'API_KEY_ALREADY_REVOKED',
    );
    refused(await env.as('admin').post(`/api/users/${id}/api-keys/ak_nope/revoke`), 404, 'API_KEY_NOT_FOUND');

    const audits = await env.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), sql`${auditLog.action} like 'auth.api_key_%'`));
    assert.deepEqual(audits.map((a) => a.action).sort(), ['auth.api_key_created', 'auth.api_key_revoked']);
  });

  it('lets every role issue, list and revoke its own keys, and only its own', async () => {
    const keys = new Map<string, Key>();
    for (const u of DEMO) {
      const res = await env.as(u.username).post('/api/me/api-keys', { name: `${u.username} 自用` });
      assert.equal(res.statusCode, 201, `${u.username}: ${res.body}`);
      keys.set(u.username, json<{ key: Key }>(res).key);
      const mine = json<{ items: Key[] }>(await env.as(u.username).get('/api/me/api-keys')).items;
      assert.ok(
        mine.some((k) => k.keyId === keys.get(u.username)!.keyId),
        u.username,
      );
    }
    // someone else's key id is not found through /api/me, and not revoked by it
    refused(
      await env.as('resident').post(`/api/me/api-keys/${keys.get('taihe')!.keyId}/revoke`),
      404,
      'API_KEY_NOT_FOUND',
    );
    for (const u of DEMO) {
      const res = await env.as(u.username).post(`/api/me/api-keys/${keys.get(u.username)!.keyId}/revoke`);
      assert.equal(res.statusCode, 200, `${u.username}: ${res.body}`);
    }
    refused(await env.as(null).get('/api/me/api-keys'), 401, 'AUTH_REQUIRED');
    refused(await env.as(null).post('/api/me/api-keys', { name: '匿名' }), 401, 'AUTH_REQUIRED');
  });

  it('allows account keys for managers in scope and denies every other role', async () => {
    const id = await gridAccount();
    for (const u of DEMO) {
      const res = await env.as(u.username).post(`/api/users/${id}/api-keys`, { name: `${u.username} 签发` });
      const list = await env.as(u.username).get(`/api/users/${id}/api-keys`);
      if (!ROLE_ABILITIES[u.role].includes('users.manage')) {
        refused(res, 403, 'PERMISSION_DENIED');
        refused(list, 403, 'PERMISSION_DENIED');
      } else if (u.username === 'youyijie' || u.username === 'minor-centre' || u.username === 'qingyuan-head') {
        // another community's manager: out of scope; the city centre grants only minor-protection roles
        assert.equal(res.statusCode, 403, `${u.username}: ${res.body}`);
        assert.equal(list.statusCode, 403, `${u.username}: ${list.body}`);
      } else {
        assert.equal(res.statusCode, 201, `${u.username}: ${res.body}`);
        assert.equal(list.statusCode, 200, `${u.username}: ${list.body}`);
      }
    }
    const issuedBy = json<{ items: Key[] }>(await env.as('admin').get(`/api/users/${id}/api-keys`)).items;
    const managers = DEMO.filter(
      (u) =>
        ROLE_ABILITIES[u.role].includes('users.manage') &&
        !['youyijie', 'minor-centre', 'qingyuan-head'].includes(u.username),
    );
    assert.equal(issuedBy.length, managers.length);
    // one's own account is managed through /api/me, not account management
    const selfId = json<{ user: { id: string } }>(await env.as('admin').get('/api/auth/me')).user.id;
    refused(
      await env.as('admin').post(`/api/users/${selfId}/api-keys`, { name: '自己' }),
      403,
      'SELF_CHANGE_FORBIDDEN',
    );
  });

  it('keeps at most 10 active keys per account and refuses a nameless one', async () => {
    const id = await gridAccount();
    for (let i = 0; i < 10; i++)
      assert.equal((await env.as('admin').post(`/api/users/${id}/api-keys`, { name: `第${i}个` })).statusCode, 201);
    refused(await env.as('admin').post(`/api/users/${id}/api-keys`, { name: '第十一个' }), 409, 'API_KEY_LIMIT');
    refused(await env.as('admin').post(`/api/users/${id}/api-keys`, { name: '' }), 400, 'VALIDATION_FAILED');
  });
});
