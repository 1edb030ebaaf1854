import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { StationDto } from '../org/org.schema.js';
import { STATION_KINDS } from '../org/org.tables.js';
import * as places from './places.service.js';
import { listStations } from './stations.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });

export function stationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['stations'];
    app.get(
      '/api/stations',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '服务阵地（党群服务站、小哥驿站、幸福餐厅、便民服务站）',
          querystring: z.object({ kind: z.enum(STATION_KINDS).optional() }),
          response: { 200: z.object({ items: z.array(StationDto) }) },
        },
      },
      async (req) => ({ items: await listStations(ctx, actorOf(req), req.query.kind) }),
    );

    app.post(
      '/api/stations',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '新建阵地（可带经纬度）',
          body: places.CreateStationBody,
          response: { 201: z.object({ station: places.StationDetailDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ station: await places.createStation(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/stations/:id',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '阵地详情与服务项目',
          params: IdParams,
          response: { 200: z.object({ station: places.StationDetailDto }) },
        },
      },
      async (req) => ({ station: await places.getStation(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/stations/:id/services',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '添加服务项目（送冷暖、送技能、送爱心、送权益等）',
          params: IdParams,
          body: places.CreateServiceBody,
          response: { 200: z.object({ station: places.StationDetailDto }) },
        },
      },
      async (req) => ({ station: await places.addService(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/stations/:id/love-corners',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '小哥爱心角商铺',
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  shopName: z.string(),
                  address: z.string().nullable(),
                  offers: z.array(z.string()),
                }),
              ),
            }),
          },
        },
      },
      async (req) => places.listLoveCorners(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/compounds/:id/living-circle',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '15 分钟便民生活圈：步行 15 分钟内的阵地与服务',
          params: IdParams,
          response: { 200: places.LivingCircleDto },
        },
      },
      async (req) => places.livingCircle(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/rider-meetings',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '小哥联席会议与诉求',
          response: { 200: z.object({ items: z.array(places.RiderMeetingDto) }) },
        },
      },
      async (req) => places.listRiderMeetings(ctx, actorOf(req)),
    );

    app.post(
      '/api/rider-meetings',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '记录小哥联席会议及其诉求',
          body: places.CreateRiderMeetingBody,
          response: { 201: z.object({ meeting: places.RiderMeetingDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ meeting: await places.createRiderMeeting(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/rider-demands/:id/convert',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '诉求转为工单（走工单流程：小区接单、社区派单、部门兑单）',
          params: IdParams,
          body: places.ConvertDemandBody,
          response: { 200: z.object({ meeting: places.RiderMeetingDto }) },
        },
      },
      async (req) => ({ meeting: await places.convertDemand(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/rider-demands/:id/answer',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '当场答复诉求',
          params: IdParams,
          body: places.AnswerDemandBody,
          response: { 200: z.object({ meeting: places.RiderMeetingDto }) },
        },
      },
      async (req) => ({
        meeting: await places.answerDemand(ctx, actorOf(req), req.params.id, req.body.answer, req.ip),
      }),
    );

    app.get(
      '/api/job-postings',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '便民服务站招聘信息',
          response: { 200: z.object({ items: z.array(places.PostingDto) }) },
        },
      },
      async (req) => places.listPostings(ctx, actorOf(req)),
    );

    app.post(
      '/api/job-postings',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '发布岗位',
          body: places.CreatePostingBody,
          response: { 201: z.object({ posting: places.PostingDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ posting: await places.createPosting(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/job-seekers',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '求职登记',
          body: places.CreateSeekerBody,
          response: { 201: z.object({ seeker: places.SeekerDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ seeker: await places.registerSeeker(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/job-seekers/:id/matches',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '人岗匹配（按技能吻合度排序）',
          params: IdParams,
          response: { 200: z.object({ seeker: places.SeekerDto, items: z.array(places.MatchDto) }) },
        },
      },
      async (req) => places.matchesFor(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/job-matches',
      {
        config: { permission: 'stations.manage' },
        schema: {
          tags,
          summary: '记录推荐 / 录用',
          body: places.CreateMatchBody,
          response: { 200: z.object({ posting: places.PostingDto }) },
        },
      },
      async (req) => places.recordMatch(ctx, actorOf(req), req.body, req.ip),
    );
  };
}
