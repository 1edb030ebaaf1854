import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { readXlsxUpload, withImportSlot } from '../../lib/uploads.js';
import { actorOf } from '../../http/route-permissions.js';
import * as service from './org.service.js';
import { buildTemplate, importBuildings, importCompounds } from './org.import.js';
import { ORG_KINDS } from './org.tables.js';
import {
  BuildingDto,
  CreateBuildingBody,
  CreateCompoundBody,
  ImportResultDto,
  OrgUnitDto,
  UpdateBuildingBody,
  UpdateCompoundBody,
} from '../../../shared/org.schema.js';
import { routeOptions } from '../../http/route-options.js';

const route = routeOptions(['org']);

const IdParams = z.object({ id: z.string().min(1).max(60) });

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/org-units',
      route('org.read', '在管辖范围内搜索组织（名称、拼音或编码）', {
        querystring: z.object({ q: z.string().max(40).default(''), kind: z.enum(ORG_KINDS).optional() }),
        response: { 200: z.object({ items: z.array(OrgUnitDto) }) },
      }),
      async (req) => ({ items: await service.searchOrgUnits(ctx, actorOf(req), req.query.q, req.query.kind) }),
    );

    app.get(
      '/api/committees/summary',
      route('org.read', '业委会/物管会成立情况合计（范围内全部小区，可按社区、名称筛选）', {
        querystring: z.object({ communityId: z.string().min(1).max(60).optional(), q: z.string().max(40).default('') }),
        response: {
          200: z.object({
            total: z.number().int(),
            owners_committee: z.number().int(),
            property_committee: z.number().int(),
            none: z.number().int(),
          }),
        },
      }),
      async (req) => service.committeeSummary(ctx, actorOf(req), req.query.communityId, req.query.q),
    );

    app.get(
      '/api/org-units/:id',
      route('org.read', '组织详情', {
        params: IdParams,
        response: { 200: z.object({ unit: OrgUnitDto, ancestors: z.array(OrgUnitDto) }) },
      }),
      async (req) => service.getOrgUnit(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/org-units/:id/children',
      route('org.read', '下级组织', { params: IdParams, response: { 200: z.object({ items: z.array(OrgUnitDto) }) } }),
      async (req) => ({ items: await service.listOrgChildren(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/compounds',
      route('org.write', '新建小区', { body: CreateCompoundBody, response: { 201: z.object({ unit: OrgUnitDto }) } }),
      async (req, reply) =>
        reply.status(201).send({ unit: await service.createCompound(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.patch(
      '/api/compounds/:id',
      route('org.write', '修改小区', {
        params: IdParams,
        body: UpdateCompoundBody,
        response: { 200: z.object({ unit: OrgUnitDto }) },
      }),
      async (req) => ({ unit: await service.updateCompound(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.delete(
      '/api/compounds/:id',
      route('org.write', '删除小区（无楼栋、无党支部时）', { params: IdParams }),
      async (req, reply) => {
        await service.deleteCompound(ctx, actorOf(req), req.params.id, req.ip);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/compounds/:id/buildings',
      route('org.read', '小区楼栋', { params: IdParams, response: { 200: z.object({ items: z.array(BuildingDto) }) } }),
      async (req) => ({ items: await service.listCompoundBuildings(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/buildings',
      route('org.write', '新建楼栋', {
        body: CreateBuildingBody,
        response: { 201: z.object({ building: BuildingDto }) },
      }),
      async (req, reply) =>
        reply.status(201).send({ building: await service.createBuilding(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.patch(
      '/api/buildings/:id',
      route('org.write', '修改楼栋', {
        params: IdParams,
        body: UpdateBuildingBody,
        response: { 200: z.object({ building: BuildingDto }) },
      }),
      async (req) => ({ building: await service.updateBuilding(ctx, actorOf(req), req.params.id, req.body, req.ip) }),
    );

    app.delete(
      '/api/buildings/:id',
      route('org.write', '删除楼栋（无住户时）', { params: IdParams }),
      async (req, reply) => {
        await service.deleteBuilding(ctx, actorOf(req), req.params.id, req.ip);
        return reply.status(204).send();
      },
    );

    const ImportParams = z.object({ kind: z.enum(['compounds', 'buildings']) });
    app.post(
      '/api/imports/:kind',
      route('import.run', '导入小区或楼栋台账（.xlsx，multipart 字段 file）；有错误时不写入任何数据', {
        params: ImportParams,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResultDto },
      }),
      async (req) => {
        const actor = actorOf(req);
        return withImportSlot(actor.districtId, async () => {
          const buffer = await readXlsxUpload(req, ctx.config.maxUploadBytes);
          return req.params.kind === 'compounds'
            ? importCompounds(ctx, actor, buffer, req.ip)
            : importBuildings(ctx, actor, buffer, req.ip);
        });
      },
    );

    app.get(
      '/api/imports/templates/:file',
      route('import.run', '下载导入模板', { params: z.object({ file: z.enum(['compounds.xlsx', 'buildings.xlsx']) }) }),
      async (req, reply) => {
        const kind = req.params.file === 'compounds.xlsx' ? 'compounds' : 'buildings';
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename="${req.params.file}"`);
        return reply.send(await buildTemplate(kind));
      },
    );
  };
}
