import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, json, login, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { createApiKey } from '../auth/auth.service.js';

let env: TestEnv;
let residentKey: string;
let otherKey: string;

describe('Open311 GeoReport v2', () => {
  before(async () => {
    env = await createTestEnv();
    residentKey = await createApiKey(env.ctx, 'resident', '居民小程序');
    otherKey = await createApiKey(env.ctx, 'youyijie', '友谊街社区');
  });
  after(() => env.close());

  it('publishes discovery, services and service definitions without a key', async () => {
    const d = (await env.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' })).json<{
      endpoints: { specification: string }[];
    }>();
    assert.equal(d.endpoints[0]!.specification, 'http://wiki.open311.org/GeoReport_v2');
    const services = (
      await env.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=140213' })
    ).json<{ service_code: string; service_name: string }[]>();
    assert.ok(services.some((s) => s.service_code === 'C05' && s.service_name === '装修'));
    const def = (await env.app.inject({ method: 'GET', url: '/open311/v2/services/C05.json' })).json<{
      attributes: { code: string; required: boolean }[];
    }>();
    assert.ok(def.attributes.some((a) => a.code === 'compound_id' && a.required));
    const nope = await env.app.inject({ method: 'GET', url: '/open311/v2/services/NOPE.json' });
    assert.equal(nope.statusCode, 404);
    assert.deepEqual(json(nope).error, { code: 'SERVICE_NOT_FOUND', message: '服务代码 NOPE 不存在。' });
    const nopeEn = await env.app.inject({
      method: 'GET',
      url: '/open311/v2/services/NOPE.json',
      headers: { 'accept-language': 'en' },
    });
    assert.equal(json<{ error: { message: string } }>(nopeEn).error.message, 'There is no service with the code NOPE.');
  });

  it("creates a request form-encoded with an api_key, as the key's account, in the same engine", async () => {
    const compound = await compoundId(env.ctx.db);
    const form = new URLSearchParams({
      api_key: residentKey,
      service_code: 'C05',
      description: '楼上装修拆除楼板',
      'attribute[compound_id]': compound,
      last_name: '王',
      first_name: '女士',
      phone: '13900001111',
    });
    const res = await env.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const [created] = res.json<{ service_request_id: string; service_notice: string }[]>();
    assert.match(created!.service_notice, /^工单号 WO\d{12}/);
    const one = (
      await env.app.inject({
        method: 'GET',
        url: `/open311/v2/requests/${created!.service_request_id}.json?api_key=${residentKey}`,
      })
    ).json<{ status: string; service_code: string }[]>();
    assert.deepEqual([one[0]!.status, one[0]!.service_code], ['open', 'C05']);
    // the same order through the staff API
    const cookie = await login(env.app, 'taihe');
    const staff = await env.app.inject({
      method: 'GET',
      url: `/api/work-orders/${created!.service_request_id}`,
      headers: { cookie },
    });
    assert.equal(staff.json<{ order: { channel: string; reporterName: string } }>().order.reporterName, '王女士');
    const updates = (
      await env.app.inject({
        method: 'GET',
        url: `/open311/v2/servicerequestupdates.json?api_key=${residentKey}&service_request_id=${created!.service_request_id}`,
      })
    ).json<{ description: string }[]>();
    assert.ok(updates.length >= 1);
    const token = (
      await env.app.inject({
        method: 'GET',
        url: `/open311/v2/tokens/${created!.service_request_id}.json?api_key=${residentKey}`,
      })
    ).json<{ service_request_id: string }[]>();
    assert.equal(token[0]!.service_request_id, created!.service_request_id);
  });

  it('applies the same permissions: no key → 401, a bad key → 401, another community sees nothing of it', async () => {
    const compound = await compoundId(env.ctx.db);
    assert.equal((await env.app.inject({ method: 'GET', url: '/open311/v2/requests.json' })).statusCode, 401);
    assert.equal(
      (await env.app.inject({ method: 'GET', url: '/open311/v2/requests.json?api_key=lk_forged' })).statusCode,
      401,
    );
    const mine = (
      await env.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${residentKey}` })
    ).json<unknown[]>();
    assert.ok(mine.length >= 1);
    const theirs = (
      await env.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${otherKey}&status=open` })
    ).json<{ address_id: string }[]>();
    assert.ok(theirs.every((r) => r.address_id !== compound));
    const outOfScope = await env.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: otherKey, service_code: 'C05', description: '越权', attribute: { compound_id: compound } },
    });
    assert.equal(outOfScope.statusCode, 403);
    const missing = await env.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: residentKey, service_code: 'C05', description: '没有小区' },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(json<{ error: { code: string } }>(missing).error.code, 'COMPOUND_REQUIRED');
  });
});
