import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { publicBaseUrl } from '../../config.js';
import { routeOptions } from '../../http/route-options.js';
import { actorOf } from '../../http/route-permissions.js';
import * as api from '../../../shared/party-life.schema.js';
import * as activities from './activities.service.js';
import * as assessments from './assessments.service.js';
import * as checkin from './checkin.service.js';
import * as checks from './checks.service.js';
import * as settings from './settings.service.js';
import * as year from './year.service.js';

const route = routeOptions(['party-life']);
const IdParams = z.object({ id: z.string().min(1).max(60) });
const ItemParams = IdParams.extend({ itemKey: z.string().min(1).max(40) });
const ActivityReply = z.object({ activity: api.ActivityDto });

/** 组织生活: activities with attendance and QR check-in, a branch's year (三会一课), working systems, 考核评议. */
export function partyLifeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/party-life/settings',
      route('party.life.read', '组织生活设置：三会一课频次、工作制度、考核项目', {
        response: { 200: api.SettingsDto },
      }),
      async (req) => settings.getSettings(ctx, actorOf(req)),
    );
    app.put(
      '/api/party-life/settings',
      route('party.life.configure', '调整组织生活设置', {
        body: api.PutSettingsBody,
        response: { 200: api.SettingsDto },
      }),
      async (req) => settings.putSettings(ctx, actorOf(req), req.body, req.ip),
    );
    app.get(
      '/api/party-activities',
      route('party.life.read', '组织生活（三会一课、主题党日等）', {
        querystring: api.ListActivitiesQuery,
        response: { 200: api.ActivityListDto },
      }),
      async (req) => activities.listActivities(ctx, actorOf(req), req.query),
    );
    app.post(
      '/api/party-activities',
      route('party.life.manage', '安排组织生活', { body: api.CreateActivityBody, response: { 201: ActivityReply } }),
      async (req, reply) =>
        reply.status(201).send({ activity: await activities.createActivity(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.get(
      '/api/party-activities/:id',
      route('party.life.read', '组织生活详情与出勤', { params: IdParams, response: { 200: api.ActivityDetailDto } }),
      async (req) => activities.getActivity(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/party-activities/:id/attendance',
      route('party.life.manage', '登记出勤（到会、请假、缺席）', {
        params: IdParams,
        body: api.MarkAttendanceBody,
        response: { 200: api.ActivityDetailDto },
      }),
      async (req) => activities.markAttendance(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
    );
    app.post(
      '/api/party-activities/:id/minutes',
      route('party.life.manage', '会议记录与附件', {
        params: IdParams,
        body: api.MinutesBody,
        response: { 200: api.ActivityDetailDto },
      }),
      async (req) => activities.recordMinutes(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
    );
    app.post(
      '/api/party-activities/:id/cancel',
      route('party.life.manage', '取消组织生活', {
        params: IdParams,
        body: api.CancelBody,
        response: { 200: api.ActivityDetailDto },
      }),
      async (req) => activities.cancelActivity(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
    );
    app.get(
      '/api/party-activities/:id/qr',
      route('party.life.manage', '签到二维码（签名令牌）', { params: IdParams, response: { 200: api.PartyQrDto } }),
      async (req) => checkin.activityQr(ctx, actorOf(req), req.params.id, publicBaseUrl(ctx.config)),
    );
    app.post(
      '/api/party-checkins',
      route('party.life.attend', '党员扫码签到', { body: api.CheckinBody, response: { 200: api.CheckinDto } }),
      async (req) => checkin.checkIn(ctx, actorOf(req), { token: req.body.token }, req.ip),
    );
    app.get(
      '/api/my/party-life',
      route('party.life.attend', '我的组织生活与出勤', {
        querystring: api.YearQuery,
        response: { 200: api.MyPartyLifeDto },
      }),
      async (req) => checkin.myPartyLife(ctx, actorOf(req), req.query.year),
    );
    app.get(
      '/api/party-orgs/:id/life',
      route('party.life.read', '党支部年度组织生活：三会一课落实、出勤率', {
        params: IdParams,
        querystring: api.YearQuery,
        response: { 200: api.BranchYearDto },
      }),
      async (req) => year.branchYear(ctx, actorOf(req), { id: req.params.id, year: req.query.year }),
    );
    app.get(
      '/api/party-orgs/:id/system-checks',
      route('party.life.read', '工作制度落实清单', {
        params: IdParams,
        querystring: api.YearQuery,
        response: { 200: api.SystemChecksDto },
      }),
      async (req) => checks.listChecks(ctx, actorOf(req), { id: req.params.id, year: req.query.year }),
    );
    app.put(
      '/api/party-orgs/:id/system-checks/:itemKey',
      route('party.life.manage', '提交工作制度落实材料', {
        params: ItemParams,
        body: api.EvidenceBody,
        response: { 200: api.SystemChecksDto },
      }),
      async (req) => checks.submitEvidence(ctx, actorOf(req), { ...req.params, ...req.body }, req.ip),
    );
    app.post(
      '/api/party-orgs/:id/system-checks/:itemKey/review',
      route('party.life.review', '审核工作制度落实', {
        params: ItemParams,
        body: api.ReviewBody,
        response: { 200: api.SystemChecksDto },
      }),
      async (req) => checks.reviewCheck(ctx, actorOf(req), { ...req.params, ...req.body }, req.ip),
    );
    app.get(
      '/api/party-assessments',
      route('party.life.read', '考核评议结果', {
        querystring: api.AssessmentListQuery,
        response: { 200: api.AssessmentListDto },
      }),
      async (req) => assessments.listAssessments(ctx, actorOf(req), req.query),
    );
    app.put(
      '/api/party-orgs/:id/assessments',
      route('party.life.review', '考核评议打分（党支部 / 书记）', {
        params: IdParams,
        body: api.AssessmentBody,
        response: { 200: z.object({ assessment: api.AssessmentDto }) },
      }),
      async (req) => ({
        assessment: await assessments.enterAssessment(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
  };
}
