import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { httpErrors } from './http.errors.js';
import { SESSION_COOKIE } from '../modules/auth/auth.service.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOfUrl(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The app's own origin: LINLI_PUBLIC_URL's, or — when unset — the request's Host over the configured scheme. */
export function ownOrigin(config: Config, req: FastifyRequest): string | null {
  if (config.publicUrl) return originOfUrl(config.publicUrl);
  return originOfUrl(`${config.secureCookies ? 'https' : 'http'}://${req.headers.host ?? ''}`);
}

function hasSessionCookie(req: FastifyRequest): boolean {
  return (req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

/**
 * Cross-site request forgery: a browser sends the session cookie with any cross-site form or `text/plain`
 * POST, so every state-changing request to /api (and to /open311 when it rides on the cookie) must show it
 * comes from the app's own pages — `Origin` equal to our origin, or, when a browser sends no Origin,
 * `Sec-Fetch-Site: same-origin`. Checked on request, before the body is parsed and before any handler.
 * A cookie-less client without either header (curl, server-to-server) passes; it has no session to abuse.
 */
export function installCsrfCheck(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req) => {
    if (!STATE_CHANGING.has(req.method)) return;
    const isApi = req.url.startsWith('/api/');
    if (!isApi && !req.url.startsWith('/open311/')) return;
    const withCookie = hasSessionCookie(req);
    if (!isApi && !withCookie) return; // Open311 clients with an api_key and no cookie
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    let ok: boolean;
    if (origin !== undefined) ok = origin !== 'null' && originOfUrl(origin) === ownOrigin(config, req);
    else if (fetchSite !== undefined) ok = fetchSite === 'same-origin';
    else ok = !withCookie;
    if (!ok) {
      throw httpErrors.CSRF_REFUSED();
    }
  });
}
