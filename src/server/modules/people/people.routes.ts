import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  CreatePersonBody,
  PersonDetailDto,
  PersonResponseDto,
  PersonSummaryDto,
  SearchPeopleQuery,
  UpdatePersonBody,
} from '../../../shared/people.schema.js';
import * as service from './people.service.js';
import { createHousehold, CreateHouseholdBody, HouseholdDto, listHouseholds } from './households.service.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['people']);

const IdParams = z.object({ id: z.string().min(1).max(60) });

export function peopleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people',
      route('people.read', '人口查询：姓名、拼音、首字母或身份证号', {
        querystring: SearchPeopleQuery,
        response: { 200: z.object({ items: z.array(PersonSummaryDto), nextCursor: z.string().nullable() }) },
      }),
      async (req) => service.searchPeople(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/people/:id',
      route('people.read', '居民详情（证件号脱敏）', {
        params: IdParams,
        response: {
          200: PersonResponseDto,
        },
      }),
      async (req) => service.getPerson(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/people/:id/identity',
      route('people.identity.reveal', '查看完整身份证号（记入审计日志）', {
        params: IdParams,
        response: { 200: z.object({ idNumber: z.string() }) },
      }),
      async (req) => service.revealIdentity(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/people',
      route('people.write', '登记居民', {
        body: CreatePersonBody,
        response: { 201: z.object({ person: PersonDetailDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ person: await service.createPerson(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/buildings/:id/households',
      route('people.read', '楼栋的户', {
        params: IdParams,
        response: { 200: z.object({ items: z.array(HouseholdDto) }) },
      }),
      async (req) => ({ items: await listHouseholds(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/households',
      route('people.write', '登记一户', {
        body: CreateHouseholdBody,
        response: { 201: z.object({ household: HouseholdDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ household: await createHousehold(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.patch(
      '/api/people/:id',
      route('people.write', '修改居民信息', {
        params: IdParams,
        body: UpdatePersonBody,
        response: { 200: z.object({ person: PersonDetailDto }) },
      }),
      async (req) => ({ person: await service.updatePerson(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );
  };
}
