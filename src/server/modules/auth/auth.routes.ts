import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { authErrors as E, phoneCodeErrors } from './auth.errors.js';
import { MeDto, PhoneCodeRequestBody, PhoneCodeRequestedDto, PhoneLoginBody } from '../../../shared/auth.schema.js';
import * as orgRepo from '../org/org.repository.js';
import { authenticate, getMe, login, logout, SESSION_COOKIE, SESSION_MAX_HOURS } from './auth.service.js';
import { loginWithPhoneCode, requestPhoneCode } from './phone-code.service.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['auth']);

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const meOf = async (actor: ReturnType<typeof actorOf>) => {
    const user = await getMe(ctx, actor);
    const orgUnit = (await orgRepo.findUnit(ctx.db, actor.districtId, actor.orgUnitId))!;
    return { ...user, role: actor.role, districtId: actor.districtId, orgUnit, abilities: [...actor.abilities] };
  };
  return async (app) => {
    // Rate limits in front of the lockout: per address (one client guessing many accounts, or locking them)
    // and per account name (many addresses guessing one). In-memory store: right for one node; several
    // nodes would each count on their own (the lockout in the database still holds across nodes).
    const { perIp, perAccount, windowMs } = ctx.config.loginRateLimit;
    const limitIp = app.createRateLimit({
      max: perIp,
      timeWindow: windowMs,
      keyGenerator: (req) => `login-ip:${req.ip}`,
    });
    const limitAccount = app.createRateLimit({
      max: perAccount,
      timeWindow: windowMs,
      keyGenerator: (req) =>
        `login-account:${String((req.body as { username?: unknown } | undefined)?.username ?? '')
          .trim()
          .toLowerCase()}`,
    });
    const checkLimits = async (req: FastifyRequest, reply: FastifyReply) => {
      for (const limit of [limitIp, limitAccount]) {
        const r = await limit(req);
        if (!r.isAllowed && r.isExceeded) {
          reply.header('retry-after', r.ttlInSeconds);
          throw E.AUTH_RATE_LIMITED({ seconds: r.ttlInSeconds }, { retryAfterSeconds: r.ttlInSeconds });
        }
      }
    };

    // 验证码登录: per address, each of its two routes (the number's own limits are in phone-code.service.ts)
    const limitPhone = (name: string) => {
      const limit = app.createRateLimit({
        max: perIp,
        timeWindow: windowMs,
        keyGenerator: (req) => `${name}:${req.ip}`,
      });
      return async (req: FastifyRequest, reply: FastifyReply) => {
        const r = await limit(req);
        if (!r.isAllowed && r.isExceeded) {
          reply.header('retry-after', r.ttlInSeconds);
          throw phoneCodeErrors.AUTH_PHONE_RATE_LIMITED(
            { seconds: r.ttlInSeconds },
            { retryAfterSeconds: r.ttlInSeconds },
          );
        }
      };
    };
    const limitCodeIp = limitPhone('phone-code-ip');
    const limitPhoneLoginIp = limitPhone('phone-login-ip');
    const startCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        maxAge: SESSION_MAX_HOURS * 3600,
      });

    app.post(
      '/api/auth/phone-code',
      route('public', '获取登录验证码（短信）', {
        body: PhoneCodeRequestBody,
        response: { 202: PhoneCodeRequestedDto },
      }),
      async (req, reply) => {
        await limitCodeIp(req, reply);
        const sent = await requestPhoneCode(ctx, req.body.phone, { ip: req.ip, log: req.log });
        return reply.status(202).send(sent);
      },
    );

    app.post(
      '/api/auth/phone-login',
      route('public', '验证码登录', { body: PhoneLoginBody, response: { 200: z.object({ user: MeDto }) } }),
      async (req, reply) => {
        await limitPhoneLoginIp(req, reply);
        const { token } = await loginWithPhoneCode(ctx, req.body.phone, req.body.code, req.ip);
        startCookie(reply, token);
        return { user: await meOf(await authenticate(ctx, token)) };
      },
    );

    app.post(
      '/api/auth/login',
      route('public', '登录', {
        body: z.object({
          username: z.string().trim().min(1, '请输入用户名').max(60),
          password: z.string().min(1, '请输入密码').max(200),
        }),
        response: { 200: z.object({ user: MeDto }) },
      }),
      async (req, reply) => {
        await checkLimits(req, reply);
        const { token } = await login(ctx, req.body.username, req.body.password, req.ip);
        startCookie(reply, token);
        const actor = await authenticate(ctx, token);
        return { user: await meOf(actor) };
      },
    );

    app.post('/api/auth/logout', route('authenticated', '退出登录'), async (req, reply) => {
      await logout(ctx, req.cookies[SESSION_COOKIE]!, actorOf(req), req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.get(
      '/api/auth/me',
      route('authenticated', '当前用户', { response: { 200: z.object({ user: MeDto }) } }),
      async (req) => ({ user: await meOf(actorOf(req)) }),
    );
  };
}
