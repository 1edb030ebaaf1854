import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { replyXlsx } from '../../lib/xlsx.js';
import { exportReport, getReport } from './minor-protection.reports.js';
import { listMinorStations, updateStation } from './stations.service.js';
import {
  AssignBody,
  CaseListReply,
  CaseMaterialsBody,
  CaseReply,
  CategoryBody,
  CategoryListReply,
  CategoryReply,
  ConsentBody,
  CreateCaseBody,
  DecideBody,
  ListCasesQuery,
  ReasonBody,
  ReceiversReply,
  ReferralBody,
  ReferralListReply,
  ReferralReply,
  ReportBody,
  ReportDto,
  ReportQuery,
  ServiceBody,
  StationBody,
  StationListReply,
  StationReply,
  TasksDto,
  UpdateCaseBody,
} from '../../../shared/minor-protection.schema.js';
import * as service from './minor-protection.service.js';
import { routeOptions } from '../../http/route-options.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const tags = ['minor-protection'];
const route = routeOptions(tags);

export function minorProtectionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/minor-categories',
      route('minor.read', '困境类型与探访周期', { response: { 200: CategoryListReply } }),
      async (req) => ({ items: await service.listCategories(ctx.db, actorOf(req).districtId) }),
    );

    app.put(
      '/api/minor-categories/:id',
      route('minor.configure', '新增或修改困境类型（各风险等级的探访周期，天）', {
        params: IdParams,
        body: CategoryBody,
        response: { 200: CategoryReply },
      }),
      async (req) => ({
        category: await service.upsertCategory(ctx, actorOf(req), {
          id: req.params.id,
          category: req.body,
          ip: req.ip,
        }),
      }),
    );

    app.get(
      '/api/minor-cases',
      route('minor.read', '困境儿童档案列表（无身份权限者脱敏；记入审计）', {
        querystring: ListCasesQuery,
        response: { 200: CaseListReply },
      }),
      async (req) => service.listCases(ctx, actorOf(req), req.query, req.ip),
    );

    app.post(
      '/api/minor-cases',
      route('minor.casework', '困境儿童建档', { body: CreateCaseBody, response: { 201: CaseReply } }),
      async (req, reply) => reply.status(201).send(await service.createCase(ctx, actorOf(req), req.body, req.ip)),
    );

    app.get(
      '/api/minor-cases/:id',
      route('minor.read', '儿童档案（身份信息仅负责社工、站长、市中心可见；每次查看记入审计）', {
        params: IdParams,
        response: { 200: CaseReply },
      }),
      async (req) => service.getCase(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.patch(
      '/api/minor-cases/:id',
      route('minor.casework', '修改档案：类型、风险等级、监护人、健康状况、需求评估、个案计划', {
        params: IdParams,
        body: UpdateCaseBody,
        response: { 200: CaseReply },
      }),
      async (req) => service.updateCase(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/assign',
      route('minor.approve', '指派负责社工', { params: IdParams, body: AssignBody, response: { 200: CaseReply } }),
      async (req) =>
        service.assignWorker(ctx, actorOf(req), { id: req.params.id, workerUserId: req.body.workerUserId, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/services',
      route('minor.casework', '记录服务（入户探访须填写探访情况）', {
        params: IdParams,
        body: ServiceBody,
        response: { 200: CaseReply },
      }),
      async (req) => service.recordService(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/consents',
      route('minor.casework', '登记监护人同意（共享或转介前）', {
        params: IdParams,
        body: ConsentBody,
        response: { 200: CaseReply },
      }),
      async (req) => service.recordConsent(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/attachments',
      route('minor.casework', '添加个案材料（先上传附件；仅有身份权限者可见，每次查看原件记入审计）', {
        params: IdParams,
        body: CaseMaterialsBody,
        response: { 200: CaseReply },
      }),
      async (req) => service.addCaseMaterials(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/referrals',
      route('minor.casework', '转介给志愿者、部门或社会组织（须有监护人同意或填写理由）', {
        params: IdParams,
        body: ReferralBody,
        response: { 200: CaseReply },
      }),
      async (req) => service.createReferral(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/closure',
      route('minor.casework', '申请结案', { params: IdParams, body: ReasonBody, response: { 200: CaseReply } }),
      async (req) =>
        service.requestClosure(ctx, actorOf(req), { id: req.params.id, reason: req.body.reason, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/closure/decide',
      route('minor.approve', '审批结案申请', { params: IdParams, body: DecideBody, response: { 200: CaseReply } }),
      async (req) => service.decideClosure(ctx, actorOf(req), { id: req.params.id, ...req.body, ip: req.ip }),
    );

    app.post(
      '/api/minor-cases/:id/reopen',
      route('minor.approve', '重新开案', { params: IdParams, body: ReasonBody, response: { 200: CaseReply } }),
      async (req) => service.reopenCase(ctx, actorOf(req), { id: req.params.id, reason: req.body.reason, ip: req.ip }),
    );

    app.get(
      '/api/minor-tasks',
      route('minor.read', '待办：探访超期、近期应探访、待审批结案、待签收或待反馈的转介', {
        response: { 200: TasksDto },
      }),
      async (req) => service.getTasks(ctx, actorOf(req), req.ip),
    );

    app.get(
      '/api/minor-referral-receivers',
      route('minor.casework', '可转介的部门与社会组织', { response: { 200: ReceiversReply } }),
      async (req) => service.listReferralReceivers(ctx, actorOf(req)),
    );

    app.get(
      '/api/minor-referrals',
      route('minor.referral.respond', '转给我（或我单位）的转介', { response: { 200: ReferralListReply } }),
      async (req) => ({ items: await service.listReferralInbox(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/minor-referrals/:id/acknowledge',
      route('minor.referral.respond', '签收转介', { params: IdParams, response: { 200: ReferralReply } }),
      async (req) => ({
        referral: await service.acknowledgeReferral(ctx, actorOf(req), { id: req.params.id, ip: req.ip }),
      }),
    );

    app.post(
      '/api/minor-referrals/:id/report',
      route('minor.referral.respond', '反馈转介办理情况', {
        params: IdParams,
        body: ReportBody,
        response: { 200: ReferralReply },
      }),
      async (req) => ({
        referral: await service.reportReferral(ctx, actorOf(req), {
          id: req.params.id,
          report: req.body.report,
          ip: req.ip,
        }),
      }),
    );

    app.get(
      '/api/minor-stations',
      route('minor.read', '街道未保站与“五有”达标情况', { response: { 200: StationListReply } }),
      async (req) => ({ items: await listMinorStations(ctx, actorOf(req)) }),
    );

    app.patch(
      '/api/minor-stations/:id',
      route('minor.approve', '更新“五有”清单', {
        params: IdParams,
        body: StationBody,
        response: { 200: StationReply },
      }),
      async (req) => ({
        station: await updateStation(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
      }),
    );

    app.get(
      '/api/minor-reports',
      route('minor.read', '统计：按类型、风险、街道，探访应到与超期，服务次数', {
        querystring: ReportQuery,
        response: { 200: ReportDto },
      }),
      async (req) => getReport(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/minor-reports/export.xlsx',
      route('minor.read', '导出统计与档案台账 .xlsx（与页面相同的脱敏规则）', { querystring: ReportQuery }),
      async (req, reply) => {
        const buf = await exportReport(ctx, actorOf(req), req.query, req.ip);
        return replyXlsx(
          reply.header('cache-control', 'no-store'),
          '未成年人保护台账.xlsx',
          buf,
          'minor-protection.xlsx',
        );
      },
    );
  };
}
