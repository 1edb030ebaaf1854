import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  CreateActionBody,
  CreateMeetingBody,
  DetachActionBody,
  MeetingListReply,
  MeetingReply,
  MeetingsQuery,
  UpdateActionBody,
  UpdateMeetingBody,
} from '../../../shared/work-orders.schema.js';
import {
  addAction,
  createMeeting,
  detachAction,
  getMeeting,
  listMeetings,
  updateAction,
  updateMeeting,
} from './joint-meetings.service.js';
import { IdParams, route } from './work-orders.routes.js';

/** 小区联席会议 routes. */
export function jointMeetingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/joint-meetings',
      route('meetings.read', '小区联席会议', { querystring: MeetingsQuery, response: { 200: MeetingListReply } }),
      async (req) => ({ items: await listMeetings(ctx, actorOf(req), req.query.compoundId) }),
    );

    app.post(
      '/api/joint-meetings',
      route('meetings.manage', '召开联席会议（议程由未办结、超期、有争议的工单生成）', {
        body: CreateMeetingBody,
        response: { 201: MeetingReply },
      }),
      async (req, reply) =>
        reply.status(201).send({ meeting: await createMeeting(ctx, actorOf(req), { ...req.body, ip: req.ip }) }),
    );

    app.get(
      '/api/joint-meetings/:id',
      route('meetings.read', '联席会议详情', { params: IdParams, response: { 200: MeetingReply } }),
      async (req) => ({ meeting: await getMeeting(ctx, actorOf(req), req.params.id) }),
    );

    app.patch(
      '/api/joint-meetings/:id',
      route('meetings.manage', '记录参会人与纪要', {
        params: IdParams,
        body: UpdateMeetingBody,
        response: { 200: MeetingReply },
      }),
      async (req) => ({
        meeting: await updateMeeting(ctx, actorOf(req), req.params.id, { ...req.body, ip: req.ip }),
      }),
    );

    app.post(
      '/api/joint-meetings/:id/actions',
      route('meetings.manage', '会议决议转为跟踪事项', {
        params: IdParams,
        body: CreateActionBody,
        response: { 200: MeetingReply },
      }),
      async (req) => ({ meeting: await addAction(ctx, actorOf(req), req.params.id, { ...req.body, ip: req.ip }) }),
    );

    app.patch(
      '/api/joint-meeting-actions/:id',
      route('meetings.manage', '更新决议事项状态', {
        params: IdParams,
        body: UpdateActionBody,
        response: { 200: MeetingReply },
      }),
      async (req) => ({
        meeting: await updateAction(ctx, actorOf(req), {
          actionId: req.params.id,
          status: req.body.status,
          ip: req.ip,
        }),
      }),
    );

    app.post(
      '/api/joint-meeting-actions/:id/detach',
      route('meetings.manage', '解除议定事项与工单的关联（写明理由，工单方可办结）', {
        params: IdParams,
        body: DetachActionBody,
        response: { 200: MeetingReply },
      }),
      async (req) => ({
        meeting: await detachAction(ctx, actorOf(req), {
          actionId: req.params.id,
          reason: req.body.reason,
          ip: req.ip,
        }),
      }),
    );
  };
}
