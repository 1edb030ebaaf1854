import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as signups from './signups.service.js';
import * as activities from './activities.service.js';
import { publicBaseUrl } from '../../config.js';
import * as api from '../../../shared/volunteers.schema.js';
import { IdParams, route } from './volunteers.routes.js';

/** Volunteer teams and activities, signing up and the QR check-in/-out. */
export function volunteerActivityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ── teams and activities ──
    app.get(
      '/api/volunteer-teams',
      route('volunteers.read', '志愿服务队', { querystring: api.ListTeamsQuery, response: { 200: api.TeamListDto } }),
      async (req) => activities.listTeams(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/volunteer-teams',
      route('volunteers.manage', '组建志愿服务队', {
        body: api.CreateTeamBody,
        response: { 201: z.object({ team: api.TeamDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ team: await activities.createTeam(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/volunteer-teams/:id/members',
      route('volunteers.manage', '添加队员', {
        params: IdParams,
        body: api.AddMemberBody,
        response: { 200: z.object({ team: api.TeamDto }) },
      }),
      async (req) => ({
        team: await activities.addTeamMember(
          ctx,
          actorOf(req),
          { teamId: req.params.id, personId: req.body.personId },
          req.ip,
        ),
      }),
    );

    app.get(
      '/api/volunteer-activities',
      route('volunteers.read', '志愿活动（本辖区及上级组织的活动）', {
        querystring: api.ListActivitiesQuery,
        response: { 200: api.ActivityListDto },
      }),
      async (req) => activities.listActivities(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/volunteer-activities',
      route('volunteers.manage', '发布志愿活动', {
        body: api.CreateActivityBody,
        response: { 201: z.object({ activity: api.ActivityDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ activity: await activities.createActivity(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/volunteer-activities/:id',
      route('volunteers.read', '活动详情与报名签到情况', {
        params: IdParams,
        response: { 200: api.ActivityDetailDto },
      }),
      async (req) => activities.getActivity(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/volunteer-activities/:id/qr',
      route('volunteers.manage', '活动签到、签退二维码（签名令牌）', {
        params: IdParams,
        response: { 200: api.QrListDto },
      }),
      async (req) => signups.activityQr(ctx, actorOf(req), req.params.id, publicBaseUrl(ctx.config)),
    );

    // ── the volunteer's own side ──
    app.get(
      '/api/my/volunteer-activities',
      route('volunteers.participate', '我可以报名的志愿活动', {
        querystring: api.ListActivitiesQuery,
        response: { 200: api.ActivityListDto },
      }),
      async (req) => activities.listActivities(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/volunteer-activities/:id/signups',
      route('volunteers.participate', '报名参加志愿活动', {
        params: IdParams,
        response: { 201: z.object({ activity: api.ActivityDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ activity: await signups.signUp(ctx, actorOf(req), req.params.id, req.ip) }),
    );

    app.post(
      '/api/volunteer-checkins',
      route('volunteers.participate', '扫码签到 / 签退', { body: api.CheckinBody, response: { 200: api.CheckinDto } }),
      async (req) => signups.checkIn(ctx, actorOf(req), { token: req.body.token }, req.ip),
    );
  };
}
