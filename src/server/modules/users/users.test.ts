import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client.js';
import { createTestEnv, DEMO_PASSWORD, json, login, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { ROLE_ABILITIES, ROLES, type Role } from '../access/access.policy.js';
import { identityRank, MINOR_ROLES } from '../access/accounts.access.js';

/** Account management, and delegated administration: who may open, reset, change and disable which accounts (issue 10, part 2). */
let env: TestEnv;
const cookies = new Map<string, string>();
let qingyuanStreet: string;
let qingyuanCommunity: string;
let qingyuanCompound: string;
let xinggang: string;
let n = 0;

const as = (user: string) => ({ cookie: cookies.get(user)! });
async function userId(username: string): Promise<string> {
  return (await queryRows<{ id: string }>(env.ctx.db, sql`select id from users where username = ${username}`))[0]!.id;
}
function refused(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(json<{ error: { code: string } }>(res).error.code, code, res.body);
}
function create(user: string, role: Role, orgUnitId: string, extra: Record<string, unknown> = {}) {
  return env.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: as(user),
    payload: {
      username: `g-${role.replace(/_/g, '-')}-${++n}`,
      displayName: `测试${n}`,
      role,
      orgUnitId,
      password: 'Grant2026pass',
      ...extra,
    },
  });
}
async function auditCount(action: string, entityId: string): Promise<number> {
  return (
    await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`,
    )
  )[0]!.n;
}

describe('account management and delegated administration', () => {
  before(async () => {
    env = await createTestEnv();
    for (const u of [
      'admin',
      'shuibosi',
      'qingyuan',
      'qingyuan-head',
      'minor-centre',
      'youyijie',
      'xinggang',
      'resident',
      'zhujian',
      'qingyuan-sw',
    ])
      cookies.set(u, await login(env.app, u));
    qingyuanStreet = (
      await queryRows<{ id: string }>(env.ctx.db, sql`select id from org_units where name = '清远街道'`)
    )[0]!.id;
    qingyuanCommunity = (
      await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select id from org_units where parent_id = ${qingyuanStreet} and kind = 'community' order by id limit 1`,
      )
    )[0]!.id;
    qingyuanCompound = (
      await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select id from org_units where path like ${'%/' + qingyuanStreet + '/%'} and kind = 'compound' order by id limit 1`,
      )
    )[0]!.id;
    xinggang = await compoundId(env.ctx.db);
  });
  after(() => env.close());

  it('opens a grid-worker account bound to a compound, who then sees only that compound', async () => {
    const compound = await compoundId(env.ctx.db);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as('shuibosi'),
      payload: {
        username: 'xg-grid-2',
        displayName: '星港城 网格员钱',
        role: 'grid_worker',
        orgUnitId: compound,
        password: 'Grid2026pass',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const cookie = await login(env.app, 'xg-grid-2', 'Grid2026pass');
    const me = json<{ user: { orgUnit: { name: string } } }>(
      await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
    );
    assert.equal(me.user.orgUnit.name, '星港城');
    const [hash] = await queryRows<{ password_hash: string }>(
      env.ctx.db,
      sql`select password_hash from users where username = 'xg-grid-2'`,
    );
    assert.match(hash!.password_hash, /^\$argon2id\$/);
  });

  it('refuses a role bound to the wrong level, a weak password, a taken name and a unit outside the scope', async () => {
    const compound = await compoundId(env.ctx.db);
    const bad = [
      {
        username: 'wrong-level',
        displayName: 'x',
        role: 'community_worker',
        orgUnitId: compound,
        password: 'Strong2026pass',
      },
      { username: 'weak-pass', displayName: 'x', role: 'grid_worker', orgUnitId: compound, password: 'short' },
      { username: 'admin', displayName: 'x', role: 'grid_worker', orgUnitId: compound, password: 'Strong2026pass' },
      {
        username: 'dept-no-unit',
        displayName: 'x',
        role: 'department_staff',
        orgUnitId: '140213',
        password: 'Strong2026pass',
      },
    ];
    const codes = [];
    for (const payload of bad)
      codes.push(
        (await env.app.inject({ method: 'POST', url: '/api/users', headers: as('admin'), payload })).statusCode,
      );
    assert.deepEqual(codes, [400, 400, 409, 400]);
    const outside = await env.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as('shuibosi'),
      payload: {
        username: 'outside',
        displayName: 'x',
        role: 'street_staff',
        orgUnitId: '140213050',
        password: 'Strong2026pass',
      },
    });
    refused(outside, 403, 'SCOPE_FORBIDDEN');
    const escalate = await env.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as('shuibosi'),
      payload: {
        username: 'sneaky',
        displayName: 'x',
        role: 'district_admin',
        orgUnitId: '140213',
        password: 'Strong2026pass',
      },
    });
    refused(escalate, 403, 'SCOPE_FORBIDDEN');
  });

  it('unlocks a locked account, resets a password (ending sessions) and disables an account', async () => {
    for (let i = 0; i < 5; i++)
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'taihe', password: 'wrong' },
      });
    assert.equal(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'taihe', password: DEMO_PASSWORD },
        })
      ).statusCode,
      423,
    );
    const list = json<{ items: { id: string; username: string; isLocked: boolean }[] }>(
      await env.app.inject({ method: 'GET', url: '/api/users', headers: as('admin') }),
    ).items;
    const taihe = list.find((u) => u.username === 'taihe')!;
    assert.equal(taihe.isLocked, true);
    await env.app.inject({
      method: 'PATCH',
      url: `/api/users/${taihe.id}`,
      headers: as('admin'),
      payload: { unlock: true },
    });
    const session = await login(env.app, 'taihe');
    await env.app.inject({
      method: 'PATCH',
      url: `/api/users/${taihe.id}`,
      headers: as('admin'),
      payload: { password: 'NewPass2026x' },
    });
    assert.equal(
      (await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode,
      401,
    );
    await login(env.app, 'taihe', 'NewPass2026x');
    await env.app.inject({
      method: 'PATCH',
      url: `/api/users/${taihe.id}`,
      headers: as('admin'),
      payload: { isActive: false },
    });
    assert.equal(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'taihe', password: 'NewPass2026x' },
        })
      ).statusCode,
      401,
    );
    const [audit] = await queryRows<{ detail: unknown }>(
      env.ctx.db,
      sql`select detail from audit_log where action = 'user.password_reset'`,
    );
    assert.ok(!JSON.stringify(audit!.detail).includes('NewPass2026x'));
  });

  it('ranks identity access: minor roles above full ID numbers above the masked registry', () => {
    assert.equal(identityRank('minor_station_head'), 3);
    assert.equal(identityRank('district_admin'), 2);
    assert.equal(identityRank('community_worker'), 2);
    assert.equal(identityRank('street_staff'), 1);
    assert.equal(identityRank('juror'), 0);
  });

  it('street user may not open minor-protection accounts, nor roles that see more identity than it does', async () => {
    refused(await create('qingyuan', 'minor_station_head', qingyuanStreet), 403, 'GRANT_MINOR_CENTRE_ONLY');
    refused(await create('qingyuan', 'social_worker', qingyuanCommunity), 403, 'GRANT_MINOR_CENTRE_ONLY');
    refused(await create('qingyuan', 'community_worker', qingyuanCommunity), 403, 'GRANT_IDENTITY_EXCEEDS');
    const msg = json<{ error: { message: string } }>(await create('qingyuan', 'minor_station_head', qingyuanStreet))
      .error.message;
    assert.match(msg, /只能由市未成年人保护中心开通/);
    assert.equal(
      (await queryRows(env.ctx.db, sql`select 1 from users where role = 'minor_station_head'`)).length,
      1,
      'no station head was created',
    );
  });

  it('street user may not take over the station head (password, reset, unlock, disable), nor touch a district admin', async () => {
    const head = await userId('qingyuan-head');
    for (const payload of [
      { password: 'Takeover2026x' },
      { unlock: true },
      { isActive: false },
      { role: 'street_staff' },
    ]) {
      refused(
        await env.app.inject({ method: 'PATCH', url: `/api/users/${head}`, headers: as('qingyuan'), payload }),
        403,
        'GRANT_MINOR_CENTRE_ONLY',
      );
    }
    refused(
      await env.app.inject({
        method: 'POST',
        url: `/api/users/${head}/reset-password`,
        headers: as('qingyuan'),
        payload: {},
      }),
      403,
      'GRANT_MINOR_CENTRE_ONLY',
    );
    refused(
      await env.app.inject({ method: 'GET', url: `/api/users/${head}`, headers: as('qingyuan') }),
      403,
      'GRANT_MINOR_CENTRE_ONLY',
    );
    await login(env.app, 'qingyuan-head'); // the old password still works
    const admin = await userId('admin');
    refused(
      await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${admin}`,
        headers: as('qingyuan'),
        payload: { password: 'Takeover2026x' },
      }),
      403,
      'SCOPE_FORBIDDEN',
    );
    refused(
      await env.app.inject({
        method: 'POST',
        url: `/api/users/${admin}/reset-password`,
        headers: as('qingyuan'),
        payload: {},
      }),
      403,
      'SCOPE_FORBIDDEN',
    );
    const list = json<{ items: { username: string }[] }>(
      await env.app.inject({ method: 'GET', url: '/api/users', headers: as('qingyuan') }),
    ).items.map((u) => u.username);
    assert.ok(list.includes('qingyuan'), 'own account listed');
    assert.ok(
      !list.includes('qingyuan-head') && !list.includes('qingyuan-sw'),
      `minor accounts not on the street list: ${list.join(',')}`,
    );
  });

  it('district admin may not open minor_centre or station-head accounts; the centre may', async () => {
    refused(await create('admin', 'minor_centre', '140213'), 403, 'GRANT_MINOR_CENTRE_ONLY');
    refused(await create('admin', 'minor_station_head', qingyuanStreet), 403, 'GRANT_MINOR_CENTRE_ONLY');
    const res = await create('minor-centre', 'minor_station_head', qingyuanStreet, { username: 'qy-head-2' });
    assert.equal(res.statusCode, 201, res.body);
    const { user } = json<{ user: { id: string; actions: string[] } }>(res);
    assert.deepEqual(user.actions, ['create', 'reset', 'disable']);
    assert.equal(await auditCount('user.create', user.id), 1);
    // …and resets it: a one-time password shown once, that logs in, and the audit row does not hold it
    const reset = await env.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      headers: as('minor-centre'),
    });
    assert.equal(reset.statusCode, 200, reset.body);
    const generated = json<{ generatedPassword: string }>(reset).generatedPassword;
    assert.match(generated, /^[A-Za-z]{8}\d{4}$/);
    await login(env.app, 'qy-head-2', generated);
    const [audit] = await queryRows<{ detail: unknown }>(
      env.ctx.db,
      sql`select detail from audit_log where action = 'user.password_reset' and entity_id = ${user.id}`,
    );
    assert.ok(audit && !JSON.stringify(audit.detail).includes(generated));
    // the centre does not manage the district's other accounts
    refused(await create('minor-centre', 'grid_worker', xinggang), 403, 'GRANT_FORBIDDEN');
    refused(
      await env.app.inject({
        method: 'POST',
        url: `/api/users/${await userId('taihe')}/reset-password`,
        headers: as('minor-centre'),
        payload: {},
      }),
      403,
      'GRANT_FORBIDDEN',
    );
  });

  it('an empty PATCH is 400 EMPTY_UPDATE, and nobody changes their own account', async () => {
    const taihe = await userId('taihe');
    refused(
      await env.app.inject({ method: 'PATCH', url: `/api/users/${taihe}`, headers: as('admin'), payload: {} }),
      400,
      'EMPTY_UPDATE',
    );
    const self = await userId('shuibosi');
    refused(
      await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${self}`,
        headers: as('shuibosi'),
        payload: { role: 'district_admin' },
      }),
      403,
      'SELF_CHANGE_FORBIDDEN',
    );
    refused(
      await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${self}`,
        headers: as('shuibosi'),
        payload: { isActive: false },
      }),
      403,
      'SELF_CHANGE_FORBIDDEN',
    );
    refused(
      await env.app.inject({
        method: 'POST',
        url: `/api/users/${self}/reset-password`,
        headers: as('shuibosi'),
        payload: {},
      }),
      403,
      'SELF_CHANGE_FORBIDDEN',
    );
    // own detail is readable, with no actions
    const me = json<{ user: { actions: string[] } }>(
      await env.app.inject({ method: 'GET', url: `/api/users/${self}`, headers: as('shuibosi') }),
    ).user;
    assert.deepEqual(me.actions, []);
  });

  it('street user may not rebind an account to a role above its own, nor move it out of its street', async () => {
    const res = await create('shuibosi', 'grid_worker', xinggang);
    assert.equal(res.statusCode, 201, res.body);
    const id = json<{ user: { id: string } }>(res).user.id;
    refused(
      await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: as('shuibosi'),
        payload: {
          role: 'community_worker',
          orgUnitId: (
            await queryRows<{ parent_id: string }>(
              env.ctx.db,
              sql`select parent_id from org_units where id = ${xinggang}`,
            )
          )[0]!.parent_id,
        },
      }),
      403,
      'GRANT_IDENTITY_EXCEEDS',
    );
    refused(
      await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: as('shuibosi'),
        payload: { orgUnitId: qingyuanCompound },
      }),
      403,
      'SCOPE_FORBIDDEN',
    );
    // a grid worker becoming the branch secretary of the same compound: allowed, audited, old sessions ended
    const session = await login(env.app, json<{ user: { username: string } }>(res).user.username, 'Grant2026pass');
    const ok = await env.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as('shuibosi'),
      payload: { role: 'branch_secretary' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await auditCount('user.role_change', id), 1);
    assert.equal(
      (await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode,
      401,
    );
  });

  it('grantable roles: what the UI offers is what the server allows', async () => {
    const roles = async (user: string) =>
      json<{ roles: { role: Role; unitKinds: string[] }[] }>(
        await env.app.inject({ method: 'GET', url: '/api/users/grantable', headers: as(user) }),
      ).roles;
    const street = await roles('qingyuan');
    assert.deepEqual(street.map((r) => r.role).sort(), [
      'branch_secretary',
      'grid_worker',
      'resident',
      'social_org',
      'street_staff',
    ]);
    assert.deepEqual(street.find((r) => r.role === 'grid_worker')!.unitKinds, ['compound']);
    assert.deepEqual(street.find((r) => r.role === 'social_org')!.unitKinds, ['street', 'township']);
    const centre = await roles('minor-centre');
    assert.deepEqual(centre.map((r) => r.role).sort(), [...MINOR_ROLES].sort());
    const admin = await roles('admin');
    assert.ok(
      admin.every((r) => !MINOR_ROLES.includes(r.role) && identityRank(r.role) <= identityRank('district_admin')),
    );
    assert.ok(admin.some((r) => r.role === 'district_admin'));
  });

  it('the centre may name who else grants minor roles; the change is audited and only the centre may make it', async () => {
    refused(
      await env.app.inject({
        method: 'PUT',
        url: '/api/users/grant-settings',
        headers: as('admin'),
        payload: { minorGranterRoles: ['district_admin'] },
      }),
      403,
      'PERMISSION_DENIED',
    );
    refused(
      await env.app.inject({
        method: 'PUT',
        url: '/api/users/grant-settings',
        headers: as('minor-centre'),
        payload: { minorGranterRoles: ['resident'] },
      }),
      400,
      'GRANT_SETTINGS_INVALID_ROLE',
    );
    const set = await env.app.inject({
      method: 'PUT',
      url: '/api/users/grant-settings',
      headers: as('minor-centre'),
      payload: { minorGranterRoles: ['district_admin'] },
    });
    assert.equal(set.statusCode, 200, set.body);
    const [audit] = await queryRows<{ detail: { to: string[] } }>(
      env.ctx.db,
      sql`select detail from audit_log where action = 'user_grants.minor_granters' order by id desc limit 1`,
    );
    assert.deepEqual(audit!.detail.to, ['district_admin']);
    const ok = await create('admin', 'minor_station_head', qingyuanStreet);
    assert.equal(ok.statusCode, 201, ok.body);
    refused(await create('qingyuan', 'minor_station_head', qingyuanStreet), 403, 'GRANT_MINOR_CENTRE_ONLY');
    await env.app.inject({
      method: 'PUT',
      url: '/api/users/grant-settings',
      headers: as('minor-centre'),
      payload: { minorGranterRoles: [] },
    });
    refused(await create('admin', 'minor_station_head', qingyuanStreet), 403, 'GRANT_MINOR_CENTRE_ONLY');
  });

  it('every role with users.manage has an allowed and a denied case; every other role is refused', async () => {
    const managers: { user: string; allowed: [Role, string]; denied: [Role, string, string] }[] = [
      {
        user: 'admin',
        allowed: ['grid_worker', xinggang],
        denied: ['minor_centre', '140213', 'GRANT_MINOR_CENTRE_ONLY'],
      },
      {
        user: 'shuibosi',
        allowed: ['grid_worker', xinggang],
        denied: ['grid_worker', qingyuanCompound, 'SCOPE_FORBIDDEN'],
      },
      {
        user: 'qingyuan',
        allowed: ['branch_secretary', qingyuanCompound],
        denied: ['district_admin', '140213', 'SCOPE_FORBIDDEN'],
      },
      {
        user: 'minor-centre',
        allowed: ['social_worker', qingyuanCommunity],
        denied: ['juror', '140213', 'GRANT_FORBIDDEN'],
      },
    ];
    const withAbility = ROLES.filter((r) => ROLE_ABILITIES[r].includes('users.manage'));
    assert.deepEqual(withAbility.sort(), ['district_admin', 'minor_centre', 'street_staff']);
    for (const m of managers) {
      const ok = await create(m.user, ...m.allowed);
      assert.equal(ok.statusCode, 201, `${m.user}: ${ok.body}`);
      const id = json<{ user: { id: string } }>(ok).user.id;
      const off = await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: as(m.user),
        payload: { isActive: false },
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(await auditCount('user.disable', id), 1);
      refused(await create(m.user, m.denied[0], m.denied[1]), 403, m.denied[2]);
    }
    for (const user of ['youyijie', 'xinggang', 'resident', 'zhujian', 'qingyuan-sw', 'qingyuan-head']) {
      refused(await create(user, 'resident', xinggang), 403, 'PERMISSION_DENIED');
    }
  });

  it('a department account is bound to a work unit; the binding can be changed and is audited', async () => {
    const units = await queryRows<{ id: string }>(env.ctx.db, sql`select id from work_units order by id limit 2`);
    refused(await create('admin', 'department_staff', '140213'), 400, 'WORK_UNIT_REQUIRED');
    refused(await create('admin', 'department_staff', '140213', { workUnitId: 'nope' }), 400, 'WORK_UNIT_NOT_FOUND');
    const res = await create('admin', 'department_staff', '140213', { workUnitId: units[0]!.id });
    assert.equal(res.statusCode, 201, res.body);
    const id = json<{ user: { id: string } }>(res).user.id;
    refused(
      await env.app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: as('admin'),
        payload: { workUnitId: null },
      }),
      400,
      'WORK_UNIT_REQUIRED',
    );
    const moved = await env.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as('admin'),
      payload: { workUnitId: units[1]!.id },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(json<{ user: { workUnitId: string } }>(moved).user.workUnitId, units[1]!.id);
    assert.equal(await auditCount('user.rebind', id), 1);
    const detail = json<{ user: { workUnitName: string } }>(
      await env.app.inject({ method: 'GET', url: `/api/users/${id}`, headers: as('admin') }),
    ).user;
    assert.ok(detail.workUnitName);
    await login(env.app, 'admin', DEMO_PASSWORD);
  });
});
