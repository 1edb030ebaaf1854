import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as exports from './exports.service.js';
import { myVolunteering } from './my-volunteering.service.js';
import * as records from './records.service.js';
import * as tasks from './tasks.service.js';
import { replyXlsx } from '../../lib/xlsx.js';
import * as api from '../../../shared/volunteers.schema.js';
import { IdParams, route } from './volunteers.routes.js';

/** The volunteer's own page, service tasks (认领任务) and service hours with their confirmation. */
export function serviceTaskRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/my/volunteering',
      route('volunteers.participate', '我的积分、服务时长与报到信息', { response: { 200: api.MyVolunteeringDto } }),
      async (req) => myVolunteering(ctx, actorOf(req)),
    );

    app.get(
      '/api/my/service-tasks',
      route('volunteers.participate', '我可认领的任务与工单（居住或报到小区）', { response: { 200: api.MyTasksDto } }),
      async (req) => tasks.myTasks(ctx, actorOf(req)),
    );

    app.post(
      '/api/service-tasks/:id/claim',
      route('volunteers.participate', '认领任务', {
        params: IdParams,
        response: { 200: z.object({ task: api.TaskDto }) },
      }),
      async (req) => ({ task: await tasks.claimTask(ctx, actorOf(req), req.params.id, req.ip) }),
    );

    app.post(
      '/api/service-tasks/:id/complete',
      route('volunteers.participate', '提交任务完成情况与服务时长（待确认）', {
        params: IdParams,
        body: api.CompleteTaskBody,
        response: { 200: z.object({ task: api.TaskDto }) },
      }),
      async (req) => ({
        task: await tasks.completeTask(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );

    app.post(
      '/api/service-tasks/claim-order',
      route('volunteers.participate', '认领协办本小区正在办理的工单', {
        body: api.ClaimOrderBody,
        response: { 201: z.object({ task: api.TaskDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ task: await tasks.claimOrder(ctx, actorOf(req), req.body.orderId, req.ip) }),
    );

    // ── tasks, hours and confirmation (staff) ──
    app.get(
      '/api/service-tasks',
      route('volunteers.read', '小区任务（含认领的工单）', {
        querystring: api.TasksQuery,
        response: { 200: api.TaskListDto },
      }),
      async (req) => tasks.listTasks(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/service-tasks',
      route('volunteers.manage', '发布小区任务 / 走访任务', {
        body: api.CreateTaskBody,
        response: { 201: z.object({ task: api.TaskDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ task: await tasks.createTask(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/service-records',
      route('volunteers.read', '服务时长台账（待确认、已确认）', {
        querystring: api.ListRecordsQuery,
        response: { 200: api.RecordListDto },
      }),
      async (req) => records.listRecords(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/service-records.xlsx',
      route('volunteers.read', '导出服务时长台账（.xlsx）', { querystring: api.ListRecordsQuery }),
      async (req, reply) =>
        replyXlsx(
          reply,
          '服务时长台账.xlsx',
          await exports.recordsWorkbook(ctx, actorOf(req), req.query),
          'service-hours.xlsx',
        ),
    );

    app.post(
      '/api/service-records/:id/confirm',
      route('volunteers.manage', '确认（可修正时长）或驳回服务时长；确认即发放积分', {
        params: IdParams,
        body: api.ConfirmRecordBody,
        response: { 200: z.object({ record: api.ServiceRecordDto }) },
      }),
      async (req) => ({
        record: await records.confirmRecord(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
  };
}
