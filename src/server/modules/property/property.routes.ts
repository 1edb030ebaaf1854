import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf, type RoutePermission } from '../../http/route-permissions.js';
import * as api from '../../../shared/property.schema.js';
import * as companies from './companies.service.js';
import * as contracts from './contracts.service.js';
import * as renovations from './renovations.service.js';
import * as renovationApi from '../../../shared/property-renovations.schema.js';

const tags = ['property'];
function route<const S extends FastifySchema>(permission: RoutePermission, summary: string, schema?: S) {
  return { config: { permission }, schema: { tags, summary, ...(schema as S) } };
}

/** 物业: the company register, service contracts and changes of company, and the compounds nobody manages. */
export function propertyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/property/companies',
      route('property.read', '物业服务企业名录', {
        querystring: api.CompaniesQuery,
        response: { 200: api.CompanyListDto },
      }),
      async (req) => companies.listCompanies(ctx, actorOf(req), req.query.q),
    );
    app.post(
      '/api/property/companies',
      route('property.manage', '登记物业服务企业（校验统一社会信用代码）', {
        body: api.CompanyBody,
        response: { 201: api.CompanyDto },
      }),
      async (req, reply) => reply.status(201).send(await companies.createCompany(ctx, actorOf(req), req.body, req.ip)),
    );
    app.get(
      '/api/property/companies/:id',
      route('property.read', '物业服务企业及其服务合同', {
        params: api.IdParams,
        response: { 200: api.CompanyDetailDto },
      }),
      async (req) => companies.getCompany(ctx, actorOf(req), req.params.id),
    );
    app.patch(
      '/api/property/companies/:id',
      route('property.manage', '修改物业服务企业信息', {
        params: api.IdParams,
        body: api.CompanyPatchBody,
        response: { 200: api.CompanyDto },
      }),
      async (req) => companies.updateCompany(ctx, actorOf(req), { id: req.params.id, patch: req.body, ip: req.ip }),
    );
    app.get(
      '/api/property/compounds/:id',
      route('property.read', '小区的物业服务企业、现行合同与更换历史', {
        params: api.IdParams,
        response: { 200: api.CompoundPropertyDto },
      }),
      async (req) => contracts.getCompoundProperty(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/property/compounds/:id/contract',
      route('property.manage', '为小区签订物业服务合同或更换物业', {
        params: api.IdParams,
        body: api.AssignBody,
        response: { 200: api.CompoundPropertyDto },
      }),
      async (req) =>
        contracts.assignCompany(ctx, actorOf(req), { compoundId: req.params.id, input: req.body, ip: req.ip }),
    );
    app.post(
      '/api/property/contracts/:id/end',
      route('property.manage', '终止物业服务合同（小区转为管理悬空）', {
        params: api.IdParams,
        body: api.EndContractBody,
        response: { 200: api.CompoundPropertyDto },
      }),
      async (req) => contracts.endContract(ctx, actorOf(req), { id: req.params.id, input: req.body, ip: req.ip }),
    );
    app.get(
      '/api/property/compounds/:id/renovations',
      route('property.read', '小区的老旧小区改造记录', {
        params: api.IdParams,
        response: { 200: renovationApi.CompoundRenovationsDto },
      }),
      async (req) => renovations.compoundRenovations(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/property/compounds/:id/renovations',
      route('property.manage', '登记老旧小区改造（完工即标记为已改造）', {
        params: api.IdParams,
        body: renovationApi.RenovationBody,
        response: { 201: renovationApi.CompoundRenovationsDto },
      }),
      async (req, reply) =>
        reply.status(201).send(
          await renovations.recordRenovation(ctx, actorOf(req), {
            compoundId: req.params.id,
            input: req.body,
            ip: req.ip,
          }),
        ),
    );
    app.get(
      '/api/property/renovations/summary',
      route('property.read', '老旧小区改造统计（已改造、在建、投资、分年度）', {
        querystring: renovationApi.RenovationSummaryQuery,
        response: { 200: renovationApi.RenovationSummaryDto },
      }),
      async (req) => renovations.renovationSummary(ctx, actorOf(req), req.query.orgUnitId),
    );
    app.get(
      '/api/property/unmanaged',
      route('property.read', '管理悬空小区（无物业服务企业）清单与统计', {
        querystring: api.UnmanagedQuery,
        response: { 200: api.UnmanagedDto },
      }),
      async (req) => contracts.unmanaged(ctx, actorOf(req), req.query.orgUnitId),
    );
  };
}
