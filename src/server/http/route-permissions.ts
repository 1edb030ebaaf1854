import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpErrors } from './http.errors.js';
import type { AppContext } from '../context.js';
import { assertCan, type Ability, type Actor } from '../modules/access/access.policy.js';
import { authenticate, authenticateApiKey, SESSION_COOKIE } from '../modules/auth/auth.service.js';

/** Every API route declares what it needs, beside the route: an ability, 'authenticated' or 'public'. */
export type RoutePermission = Ability | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
}

/**
 * The one place access is checked for HTTP: refuses to start if an /api route forgot to declare
 * its permission, then authenticates and checks the ability before any handler runs.
 * (Scope — which records — is checked by the services through access.policy.)
 */
export function installPermissions(app: FastifyInstance, ctx: AppContext, registry: RegisteredRoute[]): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    const isApi = ['/api/', '/open311/', '/ocds/'].some((p) => route.url.startsWith(p));
    if (!isApi || route.url.startsWith('/api/docs')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${String(route.method)} ${route.url} does not declare a permission`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registry.push({ method, url: route.url, permission });
    }
  });
  app.addHook('preHandler', async (req) => {
    const permission = req.routeOptions.config.permission;
    if (!permission || permission === 'public') return;
    // Open311 clients authenticate with an api_key (query or body); everything else with the session cookie.
    const apiKey = req.url.startsWith('/open311/') ? apiKeyOf(req) : undefined;
    req.actor = apiKey ? await authenticateApiKey(ctx, apiKey) : await authenticate(ctx, req.cookies[SESSION_COOKIE]);
    if (permission !== 'authenticated') assertCan(req.actor, permission);
  });
}

function apiKeyOf(req: FastifyRequest): string | undefined {
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.api_key;
  const fromBody = (req.body as Record<string, unknown> | undefined)?.api_key;
  const key = typeof fromQuery === 'string' ? fromQuery : typeof fromBody === 'string' ? fromBody : undefined;
  return key && key.length <= 200 ? key : undefined;
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw httpErrors.AUTH_REQUIRED();
  return req.actor;
}
