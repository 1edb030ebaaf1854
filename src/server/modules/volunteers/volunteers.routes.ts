import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import type { RoutePermission } from '../../http/route-permissions.js';

/**
 * The volunteers module's HTTP routes, one file per family (each registered in http/app.ts):
 * activities.routes.ts (teams, activities, sign-up, check-in), tasks.routes.ts (my page, tasks, service
 * hours), points.routes.ts (ledger, counter, cards, redemptions), reporting.routes.ts (双报到, assessment).
 */
export const IdParams = z.object({ id: z.string().min(1).max(60) });
const tags = ['volunteers'];

/** A route's options: the ability it needs, its OpenAPI summary, its request and response schemas. */
export function route<const S extends FastifySchema>(permission: RoutePermission, summary: string, schema?: S) {
  return { config: { permission }, schema: { tags, summary, ...(schema as S) } };
}
