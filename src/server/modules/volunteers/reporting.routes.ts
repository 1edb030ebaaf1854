import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as assessment from './assessment.service.js';
import * as exports from './exports.service.js';
import * as reporting from './reporting.service.js';
import { replyXlsx } from '../../lib/xlsx.js';
import * as api from '../../../shared/volunteers.schema.js';
import { route } from './volunteers.routes.js';

/** 双报到: reports to compounds, the monthly assessment of reported members, the summary, the rules. */
export function compoundReportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ── 双报到 ──
    app.post(
      '/api/compound-reports',
      route('volunteers.manage', '在职党员、快递外卖小哥向小区报到', {
        body: api.ReportBody,
        response: { 200: z.object({ member: api.MemberRowDto }) },
      }),
      async (req) => ({ member: await reporting.reportToCompound(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/compound-reports/members',
      route('volunteers.read', '报到人员月度服务与考核得分', {
        querystring: api.MembersQuery,
        response: { 200: api.MemberListDto },
      }),
      async (req) => reporting.listMembers(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/compound-reports/members.xlsx',
      route('volunteers.read', '导出报到服务考核台账（.xlsx）', { querystring: api.MembersQuery }),
      async (req, reply) =>
        replyXlsx(
          reply,
          '报到服务考核.xlsx',
          await exports.membersWorkbook(ctx, actorOf(req), req.query),
          'reporting-assessment.xlsx',
        ),
    );

    app.get(
      '/api/compound-reports/summary',
      route('volunteers.read', '双报到汇总：按小区或工作单位，月均服务时长走势', {
        querystring: api.SummaryQuery,
        response: { 200: api.SummaryDto },
      }),
      async (req) => reporting.summary(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/assessment-config',
      route('volunteers.read', '在职党员进小区报到服务管理考核规则', {
        querystring: api.AssessmentConfigQuery,
        response: { 200: api.AssessmentConfigDto },
      }),
      async (req) => assessment.getAssessmentConfig(ctx, actorOf(req), req.query.year ?? new Date().getFullYear()),
    );

    app.put(
      '/api/assessment-config',
      route('volunteers.configure', '配置考核指标、分值与等次', {
        body: api.AssessmentConfigBody,
        response: { 200: api.AssessmentConfigDto },
      }),
      async (req) => assessment.saveAssessmentConfig(ctx, actorOf(req), req.body, req.ip),
    );
  };
}
