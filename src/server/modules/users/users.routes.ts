import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { createUser, CreateUserBody, listUsers, updateUser, UpdateUserBody, UserDto } from './users.service.js';

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: '管辖范围内的账号', response: { 200: z.object({ items: z.array(UserDto) }) } },
    }, async (req) => ({ items: await listUsers(ctx, actorOf(req)) }));
    app.post('/api/users', {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: '开设账号（角色绑定到组织）', body: CreateUserBody, response: { 201: z.object({ user: UserDto }) } },
    }, async (req, reply) => reply.status(201).send({ user: await createUser(ctx, actorOf(req), req.body, req.ip) }));
    app.patch('/api/users/:id', {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: '停用/启用、解锁、重置密码', params: z.object({ id: z.string().max(60) }), body: UpdateUserBody, response: { 200: z.object({ user: UserDto }) } },
    }, async (req) => ({ user: await updateUser(ctx, actorOf(req), req.params.id, req.body, req.ip) }));
  };
}
