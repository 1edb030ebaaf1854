import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  CreateUserBody,
  GrantableDto,
  GrantSettingsBody,
  ListUsersQuery,
  ResetPasswordBody,
  ResetPasswordReply,
  UpdateUserBody,
  UserDto,
} from '../../../shared/users.schema.js';
import {
  createUser,
  getGrantable,
  getUser,
  listUsers,
  resetPassword,
  setMinorGranters,
  updateUser,
} from './users.service.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['users']);

const IdParams = z.object({ id: z.string().max(60) });

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      route('users.manage', '管辖范围内、本人可管理的账号', {
        querystring: ListUsersQuery,
        response: { 200: z.object({ items: z.array(UserDto) }) },
      }),
      async (req) => ({ items: await listUsers(ctx, actorOf(req), req.query) }),
    );
    app.get(
      '/api/users/grantable',
      route('users.manage', '本人可开通的角色与组织层级', { response: { 200: GrantableDto } }),
      async (req) => getGrantable(ctx, actorOf(req)),
    );
    app.put(
      '/api/users/grant-settings',
      route('minor.configure', '设置除市未保中心外可开通未成年人保护账号的角色', {
        body: GrantSettingsBody,
        response: { 200: GrantableDto },
      }),
      async (req) => setMinorGranters(ctx, actorOf(req), req.body, req.ip),
    );
    app.get(
      '/api/users/:id',
      route('users.manage', '账号详情', { params: IdParams, response: { 200: z.object({ user: UserDto }) } }),
      async (req) => ({ user: await getUser(ctx, actorOf(req), req.params.id) }),
    );
    app.post(
      '/api/users',
      route('users.manage', '开设账号（角色绑定到组织）', {
        body: CreateUserBody,
        response: { 201: z.object({ user: UserDto }) },
      }),
      async (req, reply) => reply.status(201).send({ user: await createUser(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.patch(
      '/api/users/:id',
      route('users.manage', '停用/启用、解锁、设置密码、改绑角色/组织/单位', {
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: z.object({ user: UserDto }) },
      }),
      async (req) => ({ user: await updateUser(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );
    app.post(
      '/api/users/:id/reset-password',
      route('users.manage', '重置密码（不填则生成一次性密码）并解锁', {
        params: IdParams,
        body: ResetPasswordBody.nullish(),
        response: { 200: ResetPasswordReply },
      }),
      async (req) => resetPassword(ctx, actorOf(req), req.params.id, req.body ?? {}, req.ip),
    );
  };
}
