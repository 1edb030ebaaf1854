import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyError } from 'fastify';
import { queryRows } from '../db/client.js';
import { createTestEnv, login, type TestEnv } from '../testing/harness.js';
import { toAppError } from './error-handler.js';
import { maskUrl } from './logging.js';

/** CSRF, security headers, proxy headers, bad input (never 500) and what the log may hold. */
let env: TestEnv;
let admin: string;
let personId: string;
let userId: string;
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const EVIL = 'https://evil.example';
/** The refusal: `{error}` on /api; on Open311 a GeoReport error array, with the stable code and error id in headers. */
const errorOf = (res: { body: string; headers: Record<string, unknown> }) => {
  const body = JSON.parse(res.body) as
    { error: { code: string; message: string; errorId?: string } } | { code: number; description: string }[];
  if (!Array.isArray(body)) return body.error;
  const errorId = res.headers['x-linli-error-id'] as string | undefined;
  return { code: String(res.headers['x-linli-error-code']), message: body[0]!.description, errorId };
};
const count = async (table: string) =>
  (await queryRows<{ n: number }>(env.ctx.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('HTTP hardening', () => {
  before(async () => {
    env = await createTestEnv({ log: { level: 'info', stream: logStream } });
    admin = await login(env.app, 'admin');
    personId = (await queryRows<{ id: string }>(env.ctx.db, sql`select id from people order by id limit 1`))[0]!.id;
    userId = (await queryRows<{ id: string }>(env.ctx.db, sql`select id from users where username = 'taihe'`))[0]!.id;
  });
  after(() => env.close());

  describe('CSRF', () => {
    it('refuses a cross-site form POST with the cookie, before the handler, and creates nothing', async () => {
      const before = await count('users');
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin, origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=evil&displayName=evil&role=district_admin&orgUnitId=140213&password=Evil%402026xx',
      });
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'CSRF_REFUSED');
      assert.equal(await count('users'), before);
    });

    it('refuses a text/plain POST with the cookie, cross-site or without any origin, and creates nothing', async () => {
      const before = await count('people');
      const body = JSON.stringify({ householdId: 'x', name: '伪造', idNumber: '110101199003071234' });
      for (const headers of [
        { origin: EVIL },
        { origin: undefined },
        { origin: 'null' },
        { origin: undefined, 'sec-fetch-site': 'cross-site' },
      ]) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/people',
          headers: { cookie: admin, 'content-type': 'text/plain', ...headers },
          payload: body,
        });
        assert.equal(res.statusCode, 403, JSON.stringify(headers));
        assert.equal(errorOf(res).code, 'CSRF_REFUSED');
      }
      assert.equal(await count('people'), before);
    });

    it('refuses a body-less cross-site POST /api/people/:id/identity, and reveals nothing', async () => {
      const revealed = () =>
        queryRows<{ n: number }>(
          env.ctx.db,
          sql`select count(*)::int as n from audit_log where action = 'people.identity_revealed'`,
        ).then((r) => r[0]!.n);
      const before = await revealed();
      for (const headers of [
        { origin: EVIL },
        { origin: undefined, 'sec-fetch-site': 'same-site' },
        { origin: undefined },
      ]) {
        const res = await env.app.inject({
          method: 'POST',
          url: `/api/people/${personId}/identity`,
          headers: { cookie: admin, ...headers },
        });
        assert.equal(res.statusCode, 403, JSON.stringify(headers));
        assert.equal(errorOf(res).code, 'CSRF_REFUSED');
        assert.ok(!res.body.includes('idNumber'));
      }
      assert.equal(await revealed(), before);
      // the app's own page: Origin, or Sec-Fetch-Site: same-origin when a browser sends no Origin
      const own = await env.app.inject({
        method: 'POST',
        url: `/api/people/${personId}/identity`,
        headers: { cookie: admin },
      });
      assert.equal(own.statusCode, 200, own.body);
      const fetchSite = await env.app.inject({
        method: 'POST',
        url: `/api/people/${personId}/identity`,
        headers: { cookie: admin, origin: undefined, 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(fetchSite.statusCode, 200, fetchSite.body);
      assert.equal(await revealed(), before + 2);
    });

    it('refuses a cross-site login (login CSRF) and lets a cookie-less client without Origin through', async () => {
      const cross = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: EVIL },
        payload: { username: 'admin', password: 'x' },
      });
      assert.equal(cross.statusCode, 403);
      assert.equal(errorOf(cross).code, 'CSRF_REFUSED');
      const curl = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: undefined },
        payload: { username: 'admin', password: 'x' },
      });
      assert.equal(curl.statusCode, 401);
    });

    it('accepts form bodies only on Open311 routes', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'householdId=x&name=a&idNumber=b',
      });
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'UNSUPPORTED_MEDIA_TYPE');
      const open311 = await env.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: undefined },
        payload: 'api_key=lk_wrong&service_code=x&description=y',
      });
      // parsed as a form, then the key is refused with GeoReport's 403 and error array
      assert.equal(open311.statusCode, 403, open311.body);
      assert.equal(open311.headers['x-linli-error-code'], 'API_KEY_INVALID');
    });
  });

  describe('headers and proxies', () => {
    it('sends CSP (no inline scripts, frame-ancestors none), nosniff and a Referrer-Policy; no HSTS on plain http', async () => {
      const res = await env.app.inject({ method: 'GET', url: '/api/health' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /object-src 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'same-origin');
      assert.equal(res.headers['strict-transport-security'], undefined);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    });

    it('still serves the API docs', async () => {
      const page = await env.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger-ui-bundle\.js/);
      assert.doesNotMatch(page.body, /<script>(?!\s*<\/script>)/, 'no inline script in the docs page');
      assert.equal(
        (await env.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' })).statusCode,
        200,
      );
      assert.equal((await env.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 200);
    });

    it('does not let X-Forwarded-For choose the audit IP', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/people/${personId}/identity`,
        headers: { cookie: admin, 'x-forwarded-for': '6.6.6.6' },
      });
      assert.equal(res.statusCode, 200);
      const [row] = await queryRows<{ ip: string }>(
        env.ctx.db,
        sql`select ip from audit_log where action = 'people.identity_revealed' order by id desc limit 1`,
      );
      assert.equal(row!.ip, '127.0.0.1');
    });

    it('builds OCDS uris and Open311 discovery from the configured public URL, not X-Forwarded-Host', async () => {
      const [round] = await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select id from purchase_rounds where status <> 'draft' order by id limit 1`,
      );
      const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', host: 'evil.example' };
      const ocds = await env.app.inject({
        method: 'GET',
        url: `/api/purchase/rounds/${round!.id}/ocds`,
        headers: forged,
      });
      assert.equal(ocds.statusCode, 200, ocds.body);
      assert.equal(ocds.json<{ uri: string }>().uri, `http://localhost:3000/api/purchase/rounds/${round!.id}/ocds`);
      assert.ok(!ocds.body.includes('evil.example'));
      const discovery = await env.app.inject({ method: 'GET', url: '/open311/v2/discovery.json', headers: forged });
      assert.equal(
        discovery.json<{ endpoints: { url: string }[] }>().endpoints[0]!.url,
        'http://localhost:3000/open311/v2',
      );
    });

    it('sends HSTS and upgrades insecure requests only when LINLI_SECURE_COOKIES=1; trusts proxies only when configured', async () => {
      const secure = await createTestEnv({
        demo: false,
        config: { secureCookies: true, trustProxy: 1, publicUrl: 'https://linli.example.cn' },
      });
      try {
        const res = await secure.app.inject({
          method: 'GET',
          url: '/open311/v2/discovery.json',
          headers: { 'x-forwarded-for': '6.6.6.6' },
        });
        assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
        assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/);
        assert.equal(
          res.json<{ endpoints: { url: string }[] }>().endpoints[0]!.url,
          'https://linli.example.cn/open311/v2',
        );
        // with a public URL, CSRF compares against it, not against Host
        const cross = await secure.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: 'http://localhost' },
          payload: { username: 'a', password: 'b' },
        });
        assert.equal(errorOf(cross).code, 'CSRF_REFUSED');
        const own = await secure.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'a', password: 'b' },
        });
        assert.equal(own.statusCode, 401);
      } finally {
        await secure.close();
      }
    });
  });

  describe('bad input is 4xx, never 500', () => {
    const NUL = '\u0000';
    const fill = (url: string, value: string) => url.replace(/:[A-Za-z]+/g, value);

    it('NUL in body, query and path of every route, as admin and anonymous: 400 INVALID_TEXT', async () => {
      let calls = 0;
      for (const route of env.routes) {
        const hasParams = route.url.includes(':');
        const hasBody = !['GET', 'DELETE'].includes(route.method);
        for (const cookie of [admin, undefined]) {
          const headers = cookie ? { cookie } : {};
          const variants: { url: string; payload?: unknown }[] = [
            { url: `${fill(route.url, 'x')}?q=a%00b`, ...(hasBody ? { payload: {} } : {}) },
            ...(hasParams ? [{ url: fill(route.url, 'x%00y'), ...(hasBody ? { payload: {} } : {}) }] : []),
            ...(hasBody
              ? [{ url: fill(route.url, 'x'), payload: { name: `a${NUL}b`, items: [{ note: NUL }], [`k${NUL}`]: 1 } }]
              : []),
          ];
          for (const v of variants) {
            const res = await env.app.inject({
              method: route.method as 'GET',
              url: v.url,
              headers,
              ...(v.payload !== undefined ? { payload: v.payload as object } : {}),
            });
            calls++;
            assert.ok(
              res.statusCode < 500,
              `${route.method} ${v.url} ${cookie ? 'admin' : 'anonymous'} → ${res.statusCode} ${res.body}`,
            );
            assert.equal(res.statusCode, 400, `${route.method} ${v.url} → ${res.statusCode} ${res.body}`);
            assert.equal(errorOf(res).code, 'INVALID_TEXT', `${route.method} ${v.url} → ${res.body}`);
          }
        }
      }
      assert.ok(calls > env.routes.length * 2);
    });

    it('also refuses lone surrogates and C0 controls, and accepts tab, line feed and carriage return', async () => {
      for (const bad of ['"a\\ud800b"', '"\\udc00"', '"a\\u0007"', '"\\u001b[31m"']) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: `{"username":${bad},"password":"x"}`,
        });
        assert.equal(res.statusCode, 400, bad);
        assert.equal(errorOf(res).code, 'INVALID_TEXT');
      }
      const ok = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":"a\\tb","password":"x\\r\\ny 😀"}',
      });
      assert.equal(ok.statusCode, 401);
    });

    it('refuses invalid text in multipart file names and fields', async () => {
      const boundary = 'linliboundary';
      const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
      for (const payload of [
        part(
          'Content-Disposition: form-data; name="file"; filename="a\u0000.xlsx"\r\nContent-Type: application/octet-stream',
          'xx',
        ),
        part('Content-Disposition: form-data; name="note"', 'a\u0000b') +
          part(
            'Content-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream',
            'xx',
          ),
      ]) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/imports/buildings',
          headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: `${payload}--${boundary}--\r\n`,
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(errorOf(res).code, 'INVALID_TEXT');
      }
    });

    it('refuses empty PATCH bodies with 400 EMPTY_UPDATE (401 first for anonymous callers)', async () => {
      for (const [url, payload] of [
        [`/api/people/${personId}`, { version: 1 }],
        [`/api/users/${userId}`, {}],
      ] as const) {
        const res = await env.app.inject({ method: 'PATCH', url, headers: { cookie: admin }, payload });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(errorOf(res).code, 'EMPTY_UPDATE');
        const anon = await env.app.inject({ method: 'PATCH', url, payload });
        assert.equal(anon.statusCode, 401);
      }
    });

    it('maps database input errors to 4xx', () => {
      const cases: [string, number][] = [
        ['22021', 400],
        ['22P02', 400],
        ['22001', 400],
        ['22003', 400],
        ['22007', 400],
        ['22008', 400],
        ['23502', 400],
        ['23514', 400],
        ['23505', 409],
        ['23503', 409],
        ['23P01', 409],
        ['23000', 409],
      ];
      for (const [code, status] of cases) {
        const err = Object.assign(new Error('db'), { cause: { code } }) as unknown as FastifyError;
        const mapped = toAppError(err);
        assert.equal(mapped?.status, status, code);
        assert.match(mapped!.message, /[\u4e00-\u9fff]/);
      }
      assert.equal(
        toAppError(Object.assign(new Error('db'), { code: '42P01' }) as unknown as FastifyError),
        null,
        "not the caller's fault: stays a 500",
      );
    });
  });

  describe('logging', () => {
    it('a 500 names an error id that the log line holds; the log holds no ID number, phone or api_key', async () => {
      logLines.length = 0;
      // as the owner: on PostgreSQL the app's own role may not alter tables
      await env.ownerDatabase.db.execute(sql`alter table work_order_categories rename to work_order_categories_gone`);
      try {
        const res = await env.app.inject({
          method: 'GET',
          url: '/open311/v2/services.json?jurisdiction_id=140213&q=110101199003071234&api_key=lk_SECRETKEY&phone=13912345678&x=13987654321',
        });
        assert.equal(res.statusCode, 500);
        const e = errorOf(res);
        assert.equal(e.code, 'INTERNAL');
        assert.ok(e.errorId && e.errorId.length >= 8);
        assert.ok(e.message.includes(`错误编号 ${e.errorId}`));
        const errorLine = logLines
          .map((l) => JSON.parse(l) as { level: number; reqId?: string; errorId?: string; msg: string })
          .find((l) => l.level >= 50);
        assert.ok(errorLine, 'the error was logged');
        assert.equal(errorLine.reqId, e.errorId);
        assert.equal(errorLine.errorId, e.errorId);
      } finally {
        await env.ownerDatabase.db.execute(sql`alter table work_order_categories_gone rename to work_order_categories`);
      }
      const people = await env.app.inject({
        method: 'GET',
        url: '/api/people?q=110101199003071234&tel=13912345678',
        headers: { cookie: admin },
      });
      assert.ok(people.statusCode < 500);
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'TopSecret-pw' },
      });
      const all = logLines.join('\n');
      assert.ok(all.includes('/open311/v2/services.json'), 'requests are logged');
      for (const secret of [
        '110101199003071234',
        '13912345678',
        '13987654321',
        'lk_SECRETKEY',
        'TopSecret-pw',
        'linli_session=',
      ]) {
        assert.ok(!all.includes(secret), `log contains ${secret}`);
      }
    });

    it('masks sensitive query values and ID/phone numbers in URLs', () => {
      assert.equal(maskUrl('/api/people?q=110101199003071234&page=2'), '/api/people?q=[redacted]&page=2');
      assert.equal(
        maskUrl('/api/people/110101199003071234?x=13912345678'),
        '/api/people/110***********1234?x=139****5678',
      );
      assert.equal(maskUrl('/open311/v2/requests.json?api_key=lk_abc'), '/open311/v2/requests.json?api_key=[redacted]');
    });
  });
});
