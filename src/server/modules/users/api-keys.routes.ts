import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { ApiKeyDto, ApiKeyListReply, CreateApiKeyBody, CreateApiKeyReply } from '../../../shared/users.schema.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import { routeOptions } from '../../http/route-options.js';

/**
 * Open311 api_keys: an account's own (`/api/me/api-keys`, every signed-in account) and those of the
 * accounts the caller manages (`/api/users/:id/api-keys`, the password-reset grant rule).
 */
const tags = ['users'];
const route = routeOptions(tags);
const UserParams = z.object({ id: z.string().max(60) });
const KeyParams = z.object({ keyId: z.string().max(60) });

export function apiKeyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/api-keys',
      route('authenticated', '我的 Open311 接口密钥', { response: { 200: ApiKeyListReply } }),
      async (req) => ({ items: await listApiKeys(ctx, actorOf(req), 'me') }),
    );
    app.post(
      '/api/me/api-keys',
      route('authenticated', '为自己签发接口密钥（只显示一次）', {
        body: CreateApiKeyBody,
        response: { 201: CreateApiKeyReply },
      }),
      async (req, reply) =>
        reply.status(201).send(await issueApiKey(ctx, actorOf(req), { who: 'me', name: req.body.name, ip: req.ip })),
    );
    app.post(
      '/api/me/api-keys/:keyId/revoke',
      route('authenticated', '吊销自己的接口密钥', {
        params: KeyParams,
        response: { 200: z.object({ key: ApiKeyDto }) },
      }),
      async (req) => ({
        key: await revokeApiKey(ctx, actorOf(req), { who: 'me', keyId: req.params.keyId, ip: req.ip }),
      }),
    );
    app.get(
      '/api/users/:id/api-keys',
      route('users.manage', '账号的接口密钥', { params: UserParams, response: { 200: ApiKeyListReply } }),
      async (req) => ({ items: await listApiKeys(ctx, actorOf(req), { userId: req.params.id }) }),
    );
    app.post(
      '/api/users/:id/api-keys',
      route('users.manage', '为账号签发接口密钥（只显示一次）', {
        params: UserParams,
        body: CreateApiKeyBody,
        response: { 201: CreateApiKeyReply },
      }),
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await issueApiKey(ctx, actorOf(req), { who: { userId: req.params.id }, name: req.body.name, ip: req.ip }),
          ),
    );
    app.post(
      '/api/users/:id/api-keys/:keyId/revoke',
      route('users.manage', '吊销账号的接口密钥', {
        params: UserParams.extend(KeyParams.shape),
        response: { 200: z.object({ key: ApiKeyDto }) },
      }),
      async (req) => ({
        key: await revokeApiKey(ctx, actorOf(req), {
          who: { userId: req.params.id },
          keyId: req.params.keyId,
          ip: req.ip,
        }),
      }),
    );
  };
}
