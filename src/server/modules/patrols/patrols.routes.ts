import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { routeOptions } from '../../http/route-options.js';
import { replyXlsx } from '../../lib/xlsx.js';
import {
  AddFindingBody,
  FindingHeaders,
  FindingReply,
  FinishPatrolBody,
  LedgerQuery,
  LedgerReply,
  PatrolDetailDto,
  PatrolListQuery,
  PatrolListReply,
  StartPatrolBody,
} from '../../../shared/patrols.schema.js';
import { addFinding } from './findings.service.js';
import { exportLedger, finishPatrol, getPatrol, listPatrols, patrolLedger, startPatrol } from './patrols.service.js';

const route = routeOptions(['patrols']);
const IdParams = z.object({ id: z.string().min(1).max(60) });

export function patrolRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/patrols',
      route('patrols.read', '网格巡查记录（按月份、小区、状态；网格员可只看自己的）', {
        querystring: PatrolListQuery,
        response: { 200: PatrolListReply },
      }),
      async (req) => listPatrols(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/patrols',
      route('patrols.record', '开始巡查（本网格的小区、路线、可选位置）', {
        body: StartPatrolBody,
        response: { 201: PatrolDetailDto },
      }),
      async (req, reply) => reply.status(201).send(await startPatrol(ctx, actorOf(req), req.body, req.ip)),
    );

    app.get(
      '/api/patrols/ledger',
      route('patrols.read', '巡查台账：各小区（网格）各月巡查次数、发现问题、现场处理、转工单', {
        querystring: LedgerQuery,
        response: { 200: LedgerReply },
      }),
      async (req) => patrolLedger(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/patrols/ledger.xlsx',
      route('patrols.read', '导出巡查台账（.xlsx）', { querystring: LedgerQuery }),
      async (req, reply) =>
        replyXlsx(
          reply,
          `巡查台账-${req.query.from}${req.query.to ? `至${req.query.to}` : ''}.xlsx`,
          await exportLedger(ctx, actorOf(req), req.query),
          'patrol-ledger.xlsx',
        ),
    );

    app.get(
      '/api/patrols/:id',
      route('patrols.read', '巡查详情：发现、照片、转成的工单', {
        params: IdParams,
        response: { 200: PatrolDetailDto },
      }),
      async (req) => getPatrol(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/patrols/:id/findings',
      route('patrols.record', '记录巡查发现：现场处理，或一步转为工单（支持 Idempotency-Key）', {
        params: IdParams,
        headers: FindingHeaders,
        body: AddFindingBody,
        response: { 201: FindingReply, 200: FindingReply },
      }),
      async (req, reply) => {
        const r = await addFinding(ctx, actorOf(req), req.params.id, req.body, {
          idempotencyKey: req.headers['idempotency-key'],
          ip: req.ip,
        });
        return reply.status(r.replayed ? 200 : 201).send(r);
      },
    );

    app.post(
      '/api/patrols/:id/finish',
      route('patrols.record', '结束巡查', {
        params: IdParams,
        body: FinishPatrolBody,
        response: { 200: PatrolDetailDto },
      }),
      async (req) => finishPatrol(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );
  };
}
