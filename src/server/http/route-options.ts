import type { FastifySchema } from 'fastify';
import type { RoutePermission } from './route-permissions.js';

/**
 * A module's route-options builder: `const route = routeOptions(['work-orders'])`, then each route is
 * `app.post(url, route('orders.create', '新建诉求', { body, response }), handler)` — the ability it needs (read by
 * installPermissions), its OpenAPI tags and summary, and its request/response schemas, in one line.
 */
export function routeOptions(tags: string[]) {
  return function route<const S extends FastifySchema>(permission: RoutePermission, summary: string, schema?: S) {
    return { config: { permission }, schema: { tags, summary, ...(schema as S) } };
  };
}
