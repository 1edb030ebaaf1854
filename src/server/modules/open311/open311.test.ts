import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { validateXML } from 'xmllint-wasm';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { createApiKey } from '../auth/auth.service.js';
import { users } from '../auth/auth.tables.js';
import { orgUnits } from '../org/org.tables.js';
import { placeLocations } from '../stations/stations.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * Open311 GeoReport v2 as clients use it: every endpoint in XML and JSON, every XML reply validated
 * with xmllint against the schema documents in standards/open311-georeport-v2, the spec's error
 * arrays and statuses, and every argument rule (jurisdiction, dates, comma lists, POST locations).
 */
const XSD_DIR = new URL('../../../../standards/open311-georeport-v2/', import.meta.url);
const xsd = (name: string) => ({ fileName: name, contents: readFileSync(new URL(name, XSD_DIR), 'utf8') });
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['request', 'service', 'error', 'request_update', 'attribute', 'endpoint', 'format'].includes(name),
});

async function assertValidXml(res: LightMyRequestResponse, schema: string): Promise<Record<string, unknown>> {
  assert.match(String(res.headers['content-type']), /^text\/xml; charset=utf-8/);
  assert.ok(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), res.body.slice(0, 80));
  const r = await validateXML({
    xml: { fileName: 'reply.xml', contents: res.body },
    schema: xsd(schema),
    preload: [xsd('common.xsd')],
  });
  assert.ok(r.valid, `${schema}: ${r.errors.map((e) => e.message).join('; ')}\n${res.body.slice(0, 600)}`);
  return parser.parse(res.body) as Record<string, unknown>;
}

type Req = Record<string, string | number | null>;
const RAW_HANDLERS = ['community', 'property', 'owners_committee', 'department'];

let env: TestEnv;
let residentKey: string;
let otherKey: string;
let adminKey: string;
const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const postForm = (url: string, form: Record<string, string>) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

describe('Open311 GeoReport v2', () => {
  before(async () => {
    env = await createTestEnv();
    residentKey = await createApiKey(env.ctx, 'resident', '居民小程序');
    otherKey = await createApiKey(env.ctx, 'youyijie', '友谊街社区');
    adminKey = await createApiKey(env.ctx, 'admin', '区级数据分析');
  });
  after(() => env.close());

  it('publishes discovery in XML and JSON, advertising both formats', async () => {
    const x = await assertValidXml(await get('/open311/v2/discovery.xml'), 'discovery.xsd');
    const d = (await get('/open311/v2/discovery.json')).json<{
      endpoints: { specification: string; formats: string[]; url: string }[];
    }>();
    assert.equal(d.endpoints[0]!.specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(d.endpoints[0]!.formats, ['text/xml', 'application/json']);
    const xe = (x.discovery as { endpoints: { endpoint: { formats: { format: string[] }; url: string }[] } }).endpoints;
    assert.deepEqual(xe.endpoint[0]!.formats.format, ['text/xml', 'application/json']);
    assert.equal(xe.endpoint[0]!.url, d.endpoints[0]!.url);
  });

  it('lists services and service definitions in XML and JSON; an unknown one is a 404 error array', async () => {
    const json = (await get('/open311/v2/services.json?jurisdiction_id=140213')).json<
      { service_code: string; service_name: string }[]
    >();
    assert.ok(json.some((s) => s.service_code === 'C05' && s.service_name === '装修'));
    const x = await assertValidXml(await get('/open311/v2/services.xml?jurisdiction_id=140213'), 'services.xsd');
    const xs = (x.services as { service: { service_code: string }[] }).service;
    assert.deepEqual(
      xs.map((s) => s.service_code),
      json.map((s) => s.service_code),
    );
    const def = (await get('/open311/v2/services/C05.json')).json<{
      attributes: { code: string; required: boolean }[];
    }>();
    assert.ok(def.attributes.some((a) => a.code === 'compound_id' && !a.required));
    await assertValidXml(await get('/open311/v2/services/C05.xml'), 'service-definition.xsd');

    const nope = await get('/open311/v2/services/NOPE.json');
    assert.equal(nope.statusCode, 404);
    assert.deepEqual(nope.json(), [{ code: 404, description: '服务代码 NOPE 不存在。' }]);
    assert.equal(nope.headers['x-linli-error-code'], 'SERVICE_NOT_FOUND');
    const nopeXml = await get('/open311/v2/services/NOPE.xml', { 'accept-language': 'en' });
    assert.equal(nopeXml.statusCode, 404);
    const e = await assertValidXml(nopeXml, 'errors.xsd');
    assert.deepEqual((e.errors as { error: unknown[] }).error, [
      { code: '404', description: 'There is no service with the code NOPE.' },
    ]);
  });

  it('validates jurisdiction_id: unknown → 404 everywhere, another district for a key → 403, absent → the only district', async () => {
    for (const url of [
      '/open311/v2/services.json?jurisdiction_id=999999',
      '/open311/v2/services/C05.json?jurisdiction_id=999999',
      `/open311/v2/requests.json?jurisdiction_id=999999&api_key=${residentKey}`,
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.deepEqual(res.json(), [{ code: 404, description: '辖区 jurisdiction_id=999999 不存在。' }]);
    }
    const post = await postForm('/open311/v2/requests.xml', {
      api_key: residentKey,
      jurisdiction_id: '999999',
      service_code: 'C05',
      address_string: '星港城',
    });
    assert.equal(post.statusCode, 404);
    await assertValidXml(post, 'errors.xsd');
    assert.equal((await get('/open311/v2/services.json')).statusCode, 200);
  });

  it('refuses a missing or bad api_key with the spec’s 403 and an error array', async () => {
    for (const url of ['/open311/v2/requests.json', '/open311/v2/requests.json?api_key=lk_forged']) {
      const res = await get(url);
      assert.equal(res.statusCode, 403, url);
      assert.deepEqual(res.json(), [{ code: 403, description: '缺少或无效的 api_key。' }]);
    }
    const x = await get('/open311/v2/servicerequestupdates.xml');
    assert.equal(x.statusCode, 403);
    await assertValidXml(x, 'errors.xsd');
  });

  it('POST requests: lat+long picks the nearest compound; XML and JSON replies; media_url kept; account_id a string', async () => {
    const compound = await compoundId(env.ctx.db);
    const [loc] = await env.ctx.db
      .select()
      .from(placeLocations)
      .where(and(eq(placeLocations.kind, 'compound'), eq(placeLocations.entityId, compound)));
    assert.ok(loc, 'the demo places 星港城');
    const res = await postForm('/open311/v2/requests.xml', {
      api_key: residentKey,
      service_code: 'C05',
      lat: String(loc.lat + 0.0001),
      long: String(loc.lng - 0.0001),
      description: '楼上装修拆除楼板',
      media_url: 'https://img.example.org/p/1.jpg',
      last_name: '王',
      first_name: '女士',
      phone: '13900001111',
    });
    assert.equal(res.statusCode, 201, res.body);
    const x = await assertValidXml(res, 'post-request.xsd');
    const created = (x.service_requests as { request: Record<string, string>[] }).request[0]!;
    assert.match(created.service_notice!, /^工单号 WO\d{12}/);
    const [resident] = await env.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'resident'));
    assert.equal(created.account_id, resident!.id);

    const one = (await get(`/open311/v2/requests/${created.service_request_id}.json?api_key=${residentKey}`)).json<
      Req[]
    >();
    assert.equal(one[0]!.address_id, compound);
    assert.equal(one[0]!.media_url, 'https://img.example.org/p/1.jpg');
    assert.deepEqual([one[0]!.lat, one[0]!.long], [loc.lat, loc.lng]);
    assert.equal(one[0]!.status, 'open');
    await assertValidXml(
      await get(`/open311/v2/requests/${created.service_request_id}.xml?api_key=${residentKey}`),
      'requests.xsd',
    );

    // the same order through the staff API
    const staff = await env.as('taihe').get(`/api/work-orders/${created.service_request_id}`);
    assert.equal(staff.json<{ order: { reporterName: string } }>().order.reporterName, '王女士');
    const tokenXml = await get(`/open311/v2/tokens/${created.service_request_id}.xml?api_key=${residentKey}`);
    const t = await assertValidXml(tokenXml, 'tokens.xsd');
    assert.equal(
      (t.service_requests as { request: Record<string, string>[] }).request[0]!.service_request_id,
      created.service_request_id,
    );
    const tokenJson = (await get(`/open311/v2/tokens/${created.service_request_id}.json?api_key=${residentKey}`)).json<
      Req[]
    >();
    assert.equal(tokenJson[0]!.service_request_id, created.service_request_id);
  });

  it('POST requests: address_string (compound name), address_id (as GET returns it), no description; JSON body', async () => {
    const compound = await compoundId(env.ctx.db);
    const byName = await postForm('/open311/v2/requests.json', {
      api_key: residentKey,
      service_code: 'C05',
      address_string: '平城区星港城小区门口',
    });
    assert.equal(byName.statusCode, 201, byName.body);
    const [a] = byName.json<Req[]>();
    assert.equal(typeof a!.account_id, 'string');
    const readBack = (
      await get(`/open311/v2/requests.json?api_key=${residentKey}&service_request_id=${a!.service_request_id}`)
    ).json<Req[]>();
    assert.equal(readBack[0]!.address_id, compound);
    assert.equal(readBack[0]!.description, '装修：装修（未填写描述）');

    const byId = await env.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: residentKey, service_code: 'C05', address_id: readBack[0]!.address_id, description: '噪音' },
    });
    assert.equal(byId.statusCode, 201, byId.body);

    const none = await postForm('/open311/v2/requests.json', {
      api_key: residentKey,
      service_code: 'C05',
      description: '没有位置',
    });
    assert.equal(none.statusCode, 400);
    assert.deepEqual(none.json(), [
      { code: 400, description: '请提供位置：lat 和 long、address_string 或 address_id 之一。' },
    ]);
    assert.equal(none.headers['x-linli-error-code'], 'LOCATION_REQUIRED');
    const far = await postForm('/open311/v2/requests.json', {
      api_key: residentKey,
      service_code: 'C05',
      lat: '0',
      long: '0',
    });
    assert.equal(far.statusCode, 400);
    assert.equal(far.headers['x-linli-error-code'], 'LOCATION_NOT_FOUND');
    const unknownName = await postForm('/open311/v2/requests.json', {
      api_key: residentKey,
      service_code: 'C05',
      address_string: '不存在的地方',
    });
    assert.equal(unknownName.headers['x-linli-error-code'], 'LOCATION_NOT_FOUND');
    const badService = await postForm('/open311/v2/requests.xml', {
      api_key: residentKey,
      service_code: 'NOPE',
      address_id: compound,
    });
    assert.equal(badService.statusCode, 404);
    await assertValidXml(badService, 'errors.xsd');
    const noService = await postForm('/open311/v2/requests.xml', { api_key: residentKey, address_id: compound });
    assert.equal(noService.statusCode, 400);
    await assertValidXml(noService, 'errors.xsd');
    const outOfScope = await postForm('/open311/v2/requests.json', {
      api_key: otherKey,
      service_code: 'C05',
      address_id: compound,
    });
    assert.equal(outOfScope.statusCode, 403);
    assert.equal(outOfScope.json<{ code: number }[]>()[0]!.code, 403);
  });

  it('GET requests: service_request_id overrides the window and every other argument', async () => {
    const [old] = await env.ctx.db
      .select({ id: workOrders.id, categoryId: workOrders.categoryId, status: workOrders.status })
      .from(workOrders)
      .where(
        and(lt(workOrders.createdAt, new Date(Date.now() - 120 * 86400_000)), sql`${workOrders.mergedInto} is null`),
      )
      .orderBy(asc(workOrders.createdAt))
      .limit(2);
    assert.ok(old, 'the demo has orders older than 90 days');
    const other = old.categoryId === 'C01' ? 'C02' : 'C01';
    const wrongStatus = old.status === 'closed' ? 'open' : 'closed';
    const url = `/open311/v2/requests.json?api_key=${adminKey}&service_request_id=${old.id},nope&service_code=${other}&status=${wrongStatus}&start_date=2030-01-01`;
    const rows = (await get(url)).json<Req[]>();
    assert.deepEqual(
      rows.map((r) => r.service_request_id),
      [old.id],
    );
    await assertValidXml(await get(url.replace('.json', '.xml')), 'requests.xsd');
  });

  it('GET requests: comma lists for status and service_code, complete W3C dates, bad values refused', async () => {
    const base = `/open311/v2/requests.json?api_key=${adminKey}`;
    const ids = (url: string) =>
      get(url).then((r) =>
        r
          .json<Req[]>()
          .map((x) => x.service_request_id)
          .sort(),
      );
    const all = await ids(base);
    assert.ok(all.length > 10);
    const open = await ids(`${base}&status=open`);
    const closed = await ids(`${base}&status=closed`);
    assert.deepEqual(await ids(`${base}&status=open,closed`), [...open, ...closed].sort());
    assert.deepEqual([...open, ...closed].sort(), all);
    const c1 = await ids(`${base}&service_code=C01`);
    const c2 = await ids(`${base}&service_code=C02`);
    assert.ok(c1.length && c2.length);
    assert.deepEqual(await ids(`${base}&service_code=C01,C02`), [...c1, ...c2].sort());

    // a complete date is a whole day in the jurisdiction (+08:00); a date-time needs its zone
    const day = new Date(Date.now() - 10 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await get(`${base}&start_date=${day}&end_date=${day}`);
    assert.equal(res.statusCode, 200, res.body);
    for (const r of res.json<Req[]>()) {
      const t = new Date(String(r.requested_datetime)).getTime();
      assert.ok(
        t >= new Date(`${day}T00:00:00+08:00`).getTime() && t < new Date(`${day}T00:00:00+08:00`).getTime() + 86400_000,
      );
    }
    const withTime = await ids(`${base}&start_date=${day}T00:00:00%2B08:00&end_date=${day}T23:59:59.999%2B08:00`);
    assert.deepEqual(
      withTime,
      res
        .json<Req[]>()
        .map((x) => x.service_request_id)
        .sort(),
    );
    assert.equal((await get(`${base}&start_date=${day}T08:00Z`)).statusCode, 200);
    for (const bad of ['2026-13-01', '2026-02-30', `${day}T08:00:00`, 'yesterday']) {
      const r = await get(`${base}&start_date=${bad}`);
      assert.equal(r.statusCode, 400, bad);
      assert.equal(r.headers['x-linli-error-code'], 'DATE_INVALID');
    }
    const badStatus = await get(`${base.replace('.json', '.xml')}&status=open,pending`);
    assert.equal(badStatus.statusCode, 400);
    await assertValidXml(badStatus, 'errors.xsd');
  });

  it('data: no updated_datetime in the future, coordinates from compounds, agencies by name, updates in words', async () => {
    const res = await get(`/open311/v2/requests.xml?api_key=${adminKey}`);
    await assertValidXml(res, 'requests.xsd');
    const rows = (await get(`/open311/v2/requests.json?api_key=${adminKey}`)).json<Req[]>();
    assert.ok(rows.length > 10);
    const now = Date.now() + 1000;
    for (const r of rows) {
      assert.ok(new Date(String(r.updated_datetime)).getTime() <= now, `${r.service_request_id} updated in the future`);
      assert.ok(new Date(String(r.requested_datetime)).getTime() <= new Date(String(r.updated_datetime)).getTime());
      assert.ok(typeof r.agency_responsible === 'string' && r.agency_responsible.length > 0);
      for (const part of String(r.agency_responsible).split('、')) assert.ok(!RAW_HANDLERS.includes(part), part);
    }
    const located = await env.ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .innerJoin(placeLocations, and(eq(placeLocations.kind, 'compound'), eq(placeLocations.entityId, orgUnits.id)));
    const locatedIds = new Set(located.map((l) => l.id));
    for (const r of rows) assert.equal(r.lat !== null, locatedIds.has(String(r.address_id)));
    assert.ok(rows.some((r) => r.lat !== null));

    const updatesUrl = `/open311/v2/servicerequestupdates.json?api_key=${adminKey}&start_date=${new Date(Date.now() - 30 * 86400_000).toISOString()}`;
    const updates = (await get(updatesUrl)).json<Req[]>();
    assert.ok(updates.length > 0);
    const raw = new Set([
      'created',
      'accepted',
      'dispatched',
      'fulfilled',
      'closed',
      'returned',
      'escalated',
      'reassigned',
    ]);
    for (const u of updates) {
      assert.ok(!raw.has(String(u.description)), String(u.description));
      assert.ok(new Date(String(u.updated_datetime)).getTime() <= now);
    }
    await assertValidXml(await get(updatesUrl.replace('.json', '.xml')), 'request-updates.xsd');
    const en = (await get(updatesUrl, { 'accept-language': 'en' })).json<Req[]>();
    assert.ok(en.every((u) => /^[A-Z]/.test(String(u.description))));
  });

  it('applies the same permissions: another community sees nothing of a resident’s requests', async () => {
    const compound = await compoundId(env.ctx.db);
    const mine = (await get(`/open311/v2/requests.json?api_key=${residentKey}`)).json<Req[]>();
    assert.ok(mine.length >= 1);
    const theirs = (await get(`/open311/v2/requests.json?api_key=${otherKey}&status=open`)).json<Req[]>();
    assert.ok(theirs.every((r) => r.address_id !== compound));
    const hidden = await get(`/open311/v2/requests/${String(mine[0]!.service_request_id)}.xml?api_key=${otherKey}`);
    assert.ok([403, 404].includes(hidden.statusCode), String(hidden.statusCode));
    await assertValidXml(hidden, 'errors.xsd');
  });
});
