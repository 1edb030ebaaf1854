import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { langOf } from '../../http/error-handler.js';
import { actorOf } from '../../http/route-permissions.js';
import * as api from '../../../shared/notifications.schema.js';
import * as notifications from './notifications.service.js';
import { openStream } from './stream.service.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['notifications'];

const route = routeOptions(tags);

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      route('authenticated', '我的消息', {
        querystring: api.NotificationListQuery,
        response: { 200: api.NotificationListDto },
      }),
      async (req) => notifications.list(ctx, actorOf(req), req.query, langOf(req.headers)),
    );

    app.get(
      '/api/notifications/unread-count',
      route('authenticated', '未读消息数', { response: { 200: api.UnreadDto } }),
      async (req) => ({ unread: await notifications.unread(ctx, actorOf(req)) }),
    );

    app.get(
      '/api/notifications/stream',
      route('authenticated', '新消息推送（Server-Sent Events：event notification / unread）', {
        querystring: api.StreamQuery,
      }),
      async (req, reply) => openStream(ctx, actorOf(req), req, reply),
    );

    app.post(
      '/api/notifications/:id/read',
      route('authenticated', '标为已读', { params: api.NotificationParams, response: { 200: api.MarkedDto } }),
      async (req) => notifications.markOne(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/notifications/read-all',
      route('authenticated', '全部标为已读', { response: { 200: api.MarkedDto } }),
      async (req) => notifications.markAll(ctx, actorOf(req)),
    );

    app.get(
      '/api/notifications/preferences',
      route('authenticated', '我的提醒设置', { response: { 200: api.PreferencesDto } }),
      async (req) => notifications.preferences(ctx, actorOf(req)),
    );

    app.put(
      '/api/notifications/preferences',
      route('authenticated', '修改提醒设置（渠道、主题、免打扰、每日汇总、邮箱与手机号）', {
        body: api.PreferencesBody,
        response: { 200: api.PreferencesDto },
      }),
      async (req) => notifications.savePreferences(ctx, actorOf(req), req.body, req.ip),
    );

    app.get(
      '/api/notification-jobs/dead',
      route('notifications.admin', '投递失败（死信）任务', { response: { 200: api.DeadJobListDto } }),
      async (req) => notifications.deadJobs(ctx, actorOf(req)),
    );

    app.post(
      '/api/notification-jobs/:id/retry',
      route('notifications.admin', '重试失败任务', { params: api.JobParams, response: { 200: api.OkDto } }),
      async (req) => notifications.retryJob(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/notification-jobs/:id/discard',
      route('notifications.admin', '丢弃失败任务', { params: api.JobParams, response: { 200: api.OkDto } }),
      async (req) => notifications.discardJob(ctx, actorOf(req), req.params.id, req.ip),
    );
  };
}
