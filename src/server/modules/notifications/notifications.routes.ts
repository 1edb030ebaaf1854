import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { langOf } from '../../http/error-handler.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  DeadJobListDto,
  JobParams,
  MarkedDto,
  NotificationListDto,
  NotificationListQuery,
  NotificationParams,
  OkDto,
  PreferencesBody,
  PreferencesDto,
  StreamQuery,
  UnreadDto,
} from '../../../shared/notifications.schema.js';
import * as notifications from './notifications.service.js';
import { openStream } from './stream.service.js';

const tags = ['notifications'];

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '我的消息',
          querystring: NotificationListQuery,
          response: { 200: NotificationListDto },
        },
      },
      async (req) => notifications.list(ctx, actorOf(req), req.query, langOf(req.headers)),
    );

    app.get(
      '/api/notifications/unread-count',
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: '未读消息数', response: { 200: UnreadDto } },
      },
      async (req) => ({ unread: await notifications.unread(ctx, actorOf(req)) }),
    );

    app.get(
      '/api/notifications/stream',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '新消息推送（Server-Sent Events：event notification / unread）',
          querystring: StreamQuery,
        },
      },
      async (req, reply) => openStream(ctx, actorOf(req), req, reply),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: '标为已读', params: NotificationParams, response: { 200: MarkedDto } },
      },
      async (req) => notifications.markOne(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: '全部标为已读', response: { 200: MarkedDto } },
      },
      async (req) => notifications.markAll(ctx, actorOf(req)),
    );

    app.get(
      '/api/notifications/preferences',
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: '我的提醒设置', response: { 200: PreferencesDto } },
      },
      async (req) => notifications.preferences(ctx, actorOf(req)),
    );

    app.put(
      '/api/notifications/preferences',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags,
          summary: '修改提醒设置（渠道、主题、免打扰、每日汇总、邮箱与手机号）',
          body: PreferencesBody,
          response: { 200: PreferencesDto },
        },
      },
      async (req) => notifications.savePreferences(ctx, actorOf(req), req.body, req.ip),
    );

    app.get(
      '/api/notification-jobs/dead',
      {
        config: { permission: 'notifications.admin' },
        schema: { tags, summary: '投递失败（死信）任务', response: { 200: DeadJobListDto } },
      },
      async (req) => notifications.deadJobs(ctx, actorOf(req)),
    );

    app.post(
      '/api/notification-jobs/:id/retry',
      {
        config: { permission: 'notifications.admin' },
        schema: { tags, summary: '重试失败任务', params: JobParams, response: { 200: OkDto } },
      },
      async (req) => notifications.retryJob(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/notification-jobs/:id/discard',
      {
        config: { permission: 'notifications.admin' },
        schema: { tags, summary: '丢弃失败任务', params: JobParams, response: { 200: OkDto } },
      },
      async (req) => notifications.discardJob(ctx, actorOf(req), req.params.id, req.ip),
    );
  };
}
