import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  AnswerDemandBody,
  ConvertDemandBody,
  CreateMatchBody,
  CreatePostingBody,
  CreateRiderMeetingBody,
  CreateSeekerBody,
  CreateServiceBody,
  CreateStationBody,
  LivingCircleDto,
  LoveCornerListDto,
  MapConfigDto,
  MapPlacesDto,
  MeetingReplyDto,
  PostingListDto,
  PostingReplyDto,
  RiderMeetingListDto,
  SeekerMatchesDto,
  SeekerReplyDto,
  StationListDto,
  StationReplyDto,
  StationsQuery,
} from '../../../shared/stations.schema.js';
import { livingCircle } from './living-circle.service.js';
import { mapConfig, mapPlaces } from './map.service.js';
import * as recruitment from './recruitment.service.js';
import * as meetings from './rider-meetings.service.js';
import * as stations from './stations.service.js';
import { routeOptions } from '../../http/route-options.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });

export function stationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['stations'];
    const route = routeOptions(tags);
    app.get(
      '/api/stations',
      route('stations.read', '服务阵地（党群服务站、小哥驿站、幸福餐厅、便民服务站）', {
        querystring: StationsQuery,
        response: { 200: StationListDto },
      }),
      async (req) => ({ items: await stations.listStations(ctx, actorOf(req), req.query.kind) }),
    );

    app.post(
      '/api/stations',
      route('stations.manage', '新建阵地（可带经纬度）', {
        body: CreateStationBody,
        response: { 201: StationReplyDto },
      }),
      async (req, reply) =>
        reply.status(201).send({ station: await stations.createStation(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/stations/:id',
      route('stations.read', '阵地详情与服务项目', { params: IdParams, response: { 200: StationReplyDto } }),
      async (req) => ({ station: await stations.getStation(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/stations/:id/services',
      route('stations.manage', '添加服务项目（送冷暖、送技能、送爱心、送权益等）', {
        params: IdParams,
        body: CreateServiceBody,
        response: { 200: StationReplyDto },
      }),
      async (req) => ({ station: await stations.addService(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.get(
      '/api/stations/:id/love-corners',
      route('stations.read', '小哥爱心角商铺', {
        params: IdParams,
        response: {
          200: LoveCornerListDto,
        },
      }),
      async (req) => stations.listLoveCorners(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/compounds/:id/living-circle',
      route('stations.read', '15 分钟便民生活圈：步行 15 分钟内的阵地与服务', {
        params: IdParams,
        response: { 200: LivingCircleDto },
      }),
      async (req) => livingCircle(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/rider-meetings',
      route('stations.read', '小哥联席会议与诉求', { response: { 200: RiderMeetingListDto } }),
      async (req) => meetings.listRiderMeetings(ctx, actorOf(req)),
    );

    app.post(
      '/api/rider-meetings',
      route('stations.manage', '记录小哥联席会议及其诉求', {
        body: CreateRiderMeetingBody,
        response: { 201: MeetingReplyDto },
      }),
      async (req, reply) =>
        reply.status(201).send({ meeting: await meetings.createRiderMeeting(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/rider-demands/:id/convert',
      route('stations.manage', '诉求转为工单（走工单流程：小区接单、社区派单、部门兑单）', {
        params: IdParams,
        body: ConvertDemandBody,
        response: { 200: MeetingReplyDto },
      }),
      async (req) => ({ meeting: await meetings.convertDemand(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.post(
      '/api/rider-demands/:id/answer',
      route('stations.manage', '当场答复诉求', {
        params: IdParams,
        body: AnswerDemandBody,
        response: { 200: MeetingReplyDto },
      }),
      async (req) => ({
        meeting: await meetings.answerDemand(ctx, actorOf(req), req.params.id, req.body.answer, req.ip),
      }),
    );

    app.get(
      '/api/job-postings',
      route('stations.read', '便民服务站招聘信息', { response: { 200: PostingListDto } }),
      async (req) => recruitment.listPostings(ctx, actorOf(req)),
    );

    app.post(
      '/api/job-postings',
      route('stations.manage', '发布岗位', { body: CreatePostingBody, response: { 201: PostingReplyDto } }),
      async (req, reply) =>
        reply.status(201).send({ posting: await recruitment.createPosting(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/job-seekers',
      route('stations.manage', '求职登记', { body: CreateSeekerBody, response: { 201: SeekerReplyDto } }),
      async (req, reply) =>
        reply.status(201).send({ seeker: await recruitment.registerSeeker(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/job-seekers/:id/matches',
      route('stations.manage', '人岗匹配（按技能吻合度排序）', {
        params: IdParams,
        response: { 200: SeekerMatchesDto },
      }),
      async (req) => recruitment.matchesFor(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/job-matches',
      route('stations.manage', '记录推荐 / 录用', { body: CreateMatchBody, response: { 200: PostingReplyDto } }),
      async (req) => recruitment.recordMatch(ctx, actorOf(req), req.body, req.ip),
    );

    app.get(
      '/api/map/config',
      route('authenticated', '地图底图配置（未配置瓦片时绘制点位与轮廓）', { response: { 200: MapConfigDto } }),
      async () => mapConfig(ctx),
    );

    app.get(
      '/api/map/places',
      route('stations.read', '地图点位：小区（在办、超期工单数）与阵地，及由点位生成的辖区、街道轮廓', {
        response: { 200: MapPlacesDto },
      }),
      async (req) => mapPlaces(ctx, actorOf(req)),
    );
  };
}
