import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf, type RoutePermission } from '../../http/route-permissions.js';
import { replyXlsx } from '../../lib/xlsx.js';
import * as api from '../../../shared/party.schema.js';
import { dashboardWorkbook, partyDashboard } from './dashboard.service.js';
import * as admin from './org-admin.service.js';
import * as structure from './org-structure.service.js';
import * as posts from './posts.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const tags = ['party'];
export function route<const S extends FastifySchema>(permission: RoutePermission, summary: string, schema?: S) {
  return { config: { permission }, schema: { tags, summary, ...(schema as S) } };
}
const OrgReply = z.object({ org: api.PartyOrgDetailDto });
const PostsReply = z.object({ items: z.array(api.PostDto) });

/** 党务 organisation management, posts and the party-building dashboard. */
export function partyAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/party-orgs/branches',
      route('party.manage', '组建小区党支部（单独建 / 联合建）', {
        body: api.CreateBranchBody,
        response: { 201: OrgReply },
      }),
      async (req, reply) =>
        reply.status(201).send({ org: await admin.createBranch(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.post(
      '/api/party-orgs/station-branches',
      route('party.manage', '在新业态阵地（小哥驿站）成立党支部', {
        body: api.StationBranchBody,
        response: { 201: OrgReply },
      }),
      async (req, reply) =>
        reply.status(201).send({ org: await structure.createStationBranch(ctx, actorOf(req), req.body, req.ip) }),
    );
    app.post(
      '/api/party-orgs/:id/compounds',
      route('party.manage', '挂靠建 / 改挂：小区加入本支部', {
        params: IdParams,
        body: api.AttachCompoundBody,
        response: { 200: OrgReply },
      }),
      async (req) => ({
        org: await admin.attachCompound(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip),
      }),
    );
    app.post(
      '/api/party-orgs/:id/split',
      route('party.manage', '拆分党支部', { params: IdParams, body: api.SplitBranchBody, response: { 200: OrgReply } }),
      async (req) => ({ org: await admin.splitBranch(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip) }),
    );
    app.post(
      '/api/party-orgs/:id/merge',
      route('party.manage', '合并党支部', { params: IdParams, body: api.MergeBranchBody, response: { 200: OrgReply } }),
      async (req) => ({ org: await admin.mergeBranch(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip) }),
    );
    app.post(
      '/api/party-orgs/:id/upgrade',
      route('party.manage', '社区党组织升级（党总支 → 党委）', {
        params: IdParams,
        body: api.UpgradeBody,
        response: { 200: OrgReply },
      }),
      async (req) => ({ org: await admin.upgradeOrg(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip) }),
    );
    app.post(
      '/api/party-orgs/:id/groups',
      route('party.manage', '成立楼栋党小组', {
        params: IdParams,
        body: api.CreateGroupBody,
        response: { 201: OrgReply },
      }),
      async (req, reply) =>
        reply.status(201).send({
          org: await structure.createGroup(ctx, actorOf(req), { branchId: req.params.id, ...req.body }, req.ip),
        }),
    );
    app.post(
      '/api/party-orgs/:id/central-households',
      route('party.manage', '设立党员中心户', {
        params: IdParams,
        body: api.CentralHouseholdBody,
        response: { 200: z.object({ items: z.array(api.CentralHouseholdDto) }) },
      }),
      async (req) => ({
        items: await structure.designateCentral(ctx, actorOf(req), { orgId: req.params.id, ...req.body }, req.ip),
      }),
    );
    app.get(
      '/api/party-orgs/:id/central-households',
      route('party.read', '党员中心户及其联系户', {
        params: IdParams,
        response: { 200: z.object({ items: z.array(api.CentralHouseholdDto) }) },
      }),
      async (req) => ({ items: await structure.listCentrals(ctx, actorOf(req), req.params.id) }),
    );
    app.get(
      '/api/party-orgs/:id/admin',
      route('party.read', '党组织管理信息：版本、班子成员、沿革', {
        params: IdParams,
        response: {
          200: z.object({
            org: api.PartyOrgDetailDto,
            posts: z.array(api.PostDto),
            history: z.array(api.PartyEventDto),
          }),
        },
      }),
      async (req) => {
        const actor = actorOf(req);
        const o = await admin.requireOrg(ctx.db, actor, req.params.id);
        return {
          org: admin.toDetail(o),
          posts: await posts.listPosts(ctx, actor, o.id),
          history: await admin.orgHistory(ctx, actor, o.id),
        };
      },
    );
    app.post(
      '/api/party-orgs/:id/posts',
      route('party.manage', '任命书记 / 委员', {
        params: IdParams,
        body: api.AssignPostBody,
        response: { 200: PostsReply },
      }),
      async (req) => ({
        items: await posts.assignPost(ctx, actorOf(req), { orgId: req.params.id, ...req.body }, req.ip),
      }),
    );
    app.post(
      '/api/party-posts/:id/end',
      route('party.manage', '离任', { params: IdParams, body: api.EndPostBody, response: { 200: PostsReply } }),
      async (req) => ({ items: await posts.endPost(ctx, actorOf(req), { id: req.params.id, ...req.body }, req.ip) }),
    );
    app.get(
      '/api/party/vacancies',
      route('party.read', '书记空缺的党支部', {
        querystring: api.ScopeQuery,
        response: { 200: z.object({ items: z.array(api.VacancyDto) }) },
      }),
      async (req) => ({ items: await posts.listVacancies(ctx, actorOf(req), req.query) }),
    );
    app.get(
      '/api/party/cross-serving',
      route('party.read', '双向进入、交叉任职（按小区）', {
        querystring: api.ScopeQuery,
        response: { 200: z.object({ items: z.array(api.CrossServingDto) }) },
      }),
      async (req) => ({ items: await posts.listCrossServing(ctx, actorOf(req), req.query) }),
    );
    app.get(
      '/api/party/dashboard',
      route('party.read', '党建工作统计（按街道、社区）', {
        querystring: z.object({ unitId: z.string().min(1).max(60).optional() }),
        response: { 200: api.DashboardDto },
      }),
      async (req) => partyDashboard(ctx, actorOf(req), req.query.unitId),
    );
    app.get(
      '/api/party/dashboard/xlsx',
      route('party.read', '导出党建工作统计（.xlsx）', {
        querystring: z.object({ unitId: z.string().min(1).max(60).optional() }),
      }),
      async (req, reply) => {
        const wb = await dashboardWorkbook(ctx, actorOf(req), req.query.unitId);
        return replyXlsx(reply, `党建统计-${wb.name}.xlsx`, wb.data, 'party-dashboard.xlsx');
      },
    );
  };
}
