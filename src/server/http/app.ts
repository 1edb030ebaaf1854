import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { staticOptions } from './static-assets.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.js';
import { orgRoutes } from '../modules/org/org.routes.js';
import { partyRoutes } from '../modules/party/party.routes.js';
import { partyAdminRoutes } from '../modules/party/party-admin.routes.js';
import { programmeRoutes } from '../modules/party/programmes.routes.js';
import { partyMemberRoutes } from '../modules/party/party-members.routes.js';
import { partyLifeRoutes } from '../modules/party-life/party-life.routes.js';
import { peopleRoutes } from '../modules/people/people.routes.js';
import { ledgerRoutes } from '../modules/people/ledger.routes.js';
import { stationRoutes } from '../modules/stations/stations.routes.js';
import { workOrderRoutes } from '../modules/work-orders/work-orders.routes.js';
import { workOrderSetupRoutes } from '../modules/work-orders/categories.routes.js';
import { jointMeetingRoutes } from '../modules/work-orders/joint-meetings.routes.js';
import { open311Routes } from '../modules/open311/open311.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import { apiKeyRoutes } from '../modules/users/api-keys.routes.js';
import { minorProtectionRoutes } from '../modules/minor-protection/minor-protection.routes.js';
import { purchaseContractRoutes } from '../modules/service-purchase/contracts.routes.js';
import { purchaseOcdsRoutes } from '../modules/service-purchase/ocds.routes.js';
import { purchaseOrgRoutes } from '../modules/service-purchase/orgs.routes.js';
import { purchaseProposalRoutes } from '../modules/service-purchase/proposals.routes.js';
import { purchaseRoundRoutes } from '../modules/service-purchase/rounds.routes.js';
import { volunteerActivityRoutes } from '../modules/volunteers/activities.routes.js';
import { pointsRoutes } from '../modules/volunteers/points.routes.js';
import { compoundReportRoutes } from '../modules/volunteers/reporting.routes.js';
import { serviceTaskRoutes } from '../modules/volunteers/tasks.routes.js';
import { canteenRoutes } from '../modules/canteens/canteens.routes.js';
import { workbenchRoutes } from '../modules/workbench/workbench.routes.js';
import { notificationRoutes } from '../modules/notifications/notifications.routes.js';
import { closeStreams } from '../modules/notifications/stream.service.js';
import { assessmentRoutes } from '../modules/assessment/assessment.routes.js';
// ── catalogue ──
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.js';
// ── visits ──
import { visitsRoutes } from '../modules/visits/visits.routes.js';
// ── patrols ──
import { patrolRoutes } from '../modules/patrols/patrols.routes.js';
// ── whistles ──
import { whistleRoutes } from '../modules/whistles/whistles.routes.js';
import { propertyRoutes } from '../modules/property/property.routes.js';
// ── consult ──
import { consultationsRoutes } from '../modules/consultations/consultations.routes.js';
import { proposalsRoutes } from '../modules/proposals/proposals.routes.js';
// ── property ──
import { publicationRoutes } from '../modules/property/publications.routes.js';
// ── evaluation ──
import { evaluationRoutes } from '../modules/property/evaluations.routes.js';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Writable } from 'node:stream';
import { installCsrfCheck } from './csrf.js';
import { installErrorHandler } from './error-handler.js';
import { installEmptyPatchGuard, installMultipartTextGuard, installTextGuard } from './input-guard.js';
import { loggerOptions, newRequestId } from './logging.js';
import { installPermissions, type RegisteredRoute } from './route-permissions.js';

export const WEB_DIST = resolve(fileURLToPath(new URL('../../../dist/web', import.meta.url)));

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
}

/**
 * The built UI's policy: scripts only from our own files (the build has no inline script); styles inline
 * too, because antd writes its CSS-in-JS into <style> tags at run time and index.html carries a small
 * <style>; images from data: URLs (the favicon, antd icons). The same policy serves the API docs at
 * /api/docs (swagger-ui loads its scripts from files and styles elements inline).
 */
function contentSecurityPolicy(secure: boolean) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(secure ? { upgradeInsecureRequests: [] } : {}),
    },
  };
}

/** LINLI_TRUST_PROXY as a hop count: trust the nearest n proxies' X-Forwarded-* entries. */
function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

export interface BuildOptions {
  serveWeb?: boolean;
  /** Logging: a pino level (ctx.config.logLevel when omitted), and a stream for tests to read. */
  log?: { level?: string; stream?: Writable };
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<BuiltApp> {
  const level = opts.log?.level ?? ctx.config.logLevel;
  const app = Fastify({
    logger: level === 'silent' && !opts.log?.stream ? false : loggerOptions({ level, stream: opts.log?.stream }),
    genReqId: newRequestId,
    bodyLimit: 1024 * 1024,
    // Off unless configured: otherwise any client could choose its own audit IP with X-Forwarded-For.
    trustProxy: typeof ctx.config.trustProxy === 'number' ? trustHops(ctx.config.trustProxy) : ctx.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: contentSecurityPolicy(ctx.config.secureCookies),
    // HSTS only where the deployment says it is behind HTTPS; on plain http it would lock browsers out.
    hsts: ctx.config.secureCookies ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  installCsrfCheck(app, ctx.config);
  await app.register(rateLimit, { global: false }); // in-memory store: counts are per process (one node)
  await app.register(cookie);
  installTextGuard(app);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Linli 邻里 API',
        version: '0.1.0',
        description: '区、街、社三级智慧治理平台接口。错误统一为 {"error":{"code","message"}}。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'linli_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const routes: RegisteredRoute[] = [];
  installPermissions(app, ctx, routes);
  installEmptyPatchGuard(app);
  installMultipartTextGuard(app);

  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['meta'], response: { 200: z.object({ ok: z.boolean(), database: z.string() }) } },
    },
    async () => ({ ok: true, database: ctx.database.kind }),
  );

  await app.register(authRoutes(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(partyRoutes(ctx));
  await app.register(partyAdminRoutes(ctx));
  await app.register(programmeRoutes(ctx));
  await app.register(partyMemberRoutes(ctx));
  await app.register(peopleRoutes(ctx));
  await app.register(ledgerRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(stationRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(workOrderRoutes(ctx));
  await app.register(workOrderSetupRoutes(ctx));
  await app.register(jointMeetingRoutes(ctx));
  await app.register(open311Routes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(apiKeyRoutes(ctx));
  await app.register(minorProtectionRoutes(ctx));
  await app.register(purchaseOrgRoutes(ctx));
  await app.register(purchaseRoundRoutes(ctx));
  await app.register(purchaseOcdsRoutes(ctx));
  await app.register(purchaseProposalRoutes(ctx));
  await app.register(purchaseContractRoutes(ctx));
  await app.register(volunteerActivityRoutes(ctx));
  await app.register(serviceTaskRoutes(ctx));
  await app.register(pointsRoutes(ctx));
  await app.register(compoundReportRoutes(ctx));
  await app.register(canteenRoutes(ctx));
  await app.register(attachmentRoutes(ctx));
  await app.register(workbenchRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  app.addHook('preClose', async () => closeStreams());
  await app.register(assessmentRoutes(ctx));
  await app.register(propertyRoutes(ctx));
  // ── consult ──
  await app.register(consultationsRoutes(ctx));
  // ── proposals ──
  await app.register(proposalsRoutes(ctx));
  // ── property ──
  await app.register(publicationRoutes(ctx));
  // ── catalogue ──
  await app.register(catalogueRoutes(ctx));
  // ── party-life ──
  await app.register(partyLifeRoutes(ctx));
  // ── visits ──
  await app.register(visitsRoutes(ctx));
  // ── patrols ──
  await app.register(patrolRoutes(ctx));
  // ── whistles ──
  await app.register(whistleRoutes(ctx));
  // ── evaluation ──
  await app.register(evaluationRoutes(ctx));

  const serveWeb = opts.serveWeb !== false && existsSync(WEB_DIST);
  if (serveWeb) await app.register(fastifyStatic, staticOptions(WEB_DIST)); // precompressed, cached by hash (static-assets.ts)
  // Client-side routes (/people/…, /org) get the SPA shell; unknown /api paths stay JSON 404s.
  app.setNotFoundHandler((req, reply) => {
    if (
      serveWeb &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/open311/') &&
      !req.url.startsWith('/ocds/')
    )
      return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
  await app.ready();
  return { app, routes };
}
