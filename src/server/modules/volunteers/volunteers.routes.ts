import { z } from 'zod';
import { routeOptions } from '../../http/route-options.js';

/**
 * The volunteers module's HTTP routes, one file per family (each registered in http/app.ts):
 * activities.routes.ts (teams, activities, sign-up, check-in), tasks.routes.ts (my page, tasks, service
 * hours), points.routes.ts (ledger, counter, cards, redemptions), reporting.routes.ts (双报到, assessment).
 */
export const IdParams = z.object({ id: z.string().min(1).max(60) });
const tags = ['volunteers'];

/** A route's options: the ability it needs, its OpenAPI summary, its request and response schemas. */
export const route = routeOptions(tags);
