import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../demo/pingcheng.js';

type Headers = Record<string, string | undefined>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A signed-in caller for route tests: `as('xinggang').post('/api/work-orders', {...})`. */
export interface TestClient {
  readonly username: string | null;
  /** The session cookie header (`linli_session=…`), after the first call or `signIn()`. */
  cookie(): Promise<string | undefined>;
  get(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  /** A multipart upload of one file in field `file` (the .xlsx imports, attachments). */
  upload(url: string, file: Buffer, fileName?: string, contentType?: string): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'linli_session');
  return `linli_session=${cookie!.value}`;
}

/**
 * A client per user and app, signed in on first use and kept (one login per user per test file).
 * `username: null` is the anonymous caller.
 */
export function clientFor(app: FastifyInstance, username: string | null, password = DEMO_PASSWORD): TestClient {
  let session: Promise<string> | undefined;
  const cookie = async () => {
    if (username === null) return undefined;
    session ??= signIn(app, username, password);
    return session;
  };
  const send = async (method: Method, url: string, body: unknown, headers: Headers = {}) => {
    const c = await cookie();
    return app.inject({
      method,
      url,
      headers: { ...(c ? { cookie: c } : {}), ...headers } as Record<string, string>,
      ...(body !== undefined ? { payload: body as string } : {}),
    });
  };
  return {
    username,
    cookie,
    get: (url, headers) => send('GET', url, undefined, headers),
    delete: (url, headers) => send('DELETE', url, undefined, headers),
    post: (url, body, headers) => send('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
    put: (url, body, headers) => send('PUT', url, body ?? {}, headers),
    async upload(url, file, fileName = 'upload.xlsx', contentType = 'application/octet-stream') {
      const b = '----linliTestUpload';
      const payload = Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return send('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${b}` });
    },
  };
}

/** The per-app cache behind `env.as(user)`. */
export function clientCache(app: FastifyInstance): (username: string | null) => TestClient {
  const clients = new Map<string | null, TestClient>();
  return (username) => {
    let c = clients.get(username);
    if (!c) clients.set(username, (c = clientFor(app, username)));
    return c;
  };
}
