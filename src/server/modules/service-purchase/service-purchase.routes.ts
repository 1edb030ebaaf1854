import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { sendStoredFile } from '../../lib/uploads.js';
import { buildReleasePackage, extensionDescriptor, extensionReleaseSchema } from './service-purchase.ocds.js';
import {
  ContractReply,
  ContractSummaryDto,
  CreateNeedBody,
  CreateProposalBody,
  CreateRoundBody,
  DeliveryBody,
  EvaluateBody,
  EvidenceBody,
  NeedDto,
  OrgDto,
  ProposalReply,
  ProposalSummaryDto,
  RegisterOrgBody,
  ReviewBody,
  RoundDetailDto,
  RoundDto,
  ScoreBody,
  SignBody,
  UpdateRoundBody,
} from './service-purchase.schema.js';
import * as service from './service-purchase.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const tags = ['service-purchase'];
const RoundReply = RoundDetailDto;

export function servicePurchaseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ── organisations and needs
    app.get(
      '/api/purchase/orgs/me',
      {
        config: { permission: 'purchase.propose' },
        schema: { tags, summary: '本账号登记的社会组织', response: { 200: z.object({ org: OrgDto.nullable() }) } },
      },
      async (req) => ({ org: await service.myOrg(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/purchase/orgs',
      {
        config: { permission: 'purchase.propose' },
        schema: {
          tags,
          summary: '社会组织登记（每个账号一个）',
          body: RegisterOrgBody,
          response: { 201: z.object({ org: OrgDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ org: await service.registerOrg(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/purchase/needs',
      {
        config: { permission: 'purchase.read' },
        schema: { tags, summary: '居民需求与项目意向', response: { 200: z.object({ items: z.array(NeedDto) }) } },
      },
      async (req) => ({ items: await service.listNeeds(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/purchase/needs',
      {
        config: { permission: 'purchase.needs' },
        schema: {
          tags,
          summary: '社区登记居民需求 / 项目意向',
          body: CreateNeedBody,
          response: { 201: z.object({ need: NeedDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ need: await service.createNeed(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/purchase/jurors',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '可选评审专家账号',
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
        },
      },
      async (req) => ({ items: await service.listJurorAccounts(ctx, actorOf(req)) }),
    );

    // ── rounds (the call)
    app.get(
      '/api/purchase/rounds',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '购买服务批次（申报通知）',
          response: { 200: z.object({ items: z.array(RoundDto) }) },
        },
      },
      async (req) => ({ items: await service.listRounds(ctx, actorOf(req)) }),
    );

    app.post(
      '/api/purchase/rounds',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '起草申报通知（范围、预算、条件、截止时间、评审规则）',
          body: CreateRoundBody,
          response: { 201: RoundReply },
        },
      },
      async (req, reply) => reply.status(201).send(await service.createRound(ctx, actorOf(req), req.body, req.ip)),
    );

    app.get(
      '/api/purchase/rounds/:id',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '批次详情：漏斗、评审团进度、公示异议',
          params: IdParams,
          response: { 200: RoundReply },
        },
      },
      async (req) => service.getRound(ctx, actorOf(req), req.params.id),
    );

    app.patch(
      '/api/purchase/rounds/:id',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '修改申报通知（发布前）或评审规则（开始评审前）',
          params: IdParams,
          body: UpdateRoundBody,
          response: { 200: RoundReply },
        },
      },
      async (req) => service.updateRound(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    app.post(
      '/api/purchase/rounds/:id/publish',
      {
        config: { permission: 'purchase.manage' },
        schema: { tags, summary: '发布申报通知', params: IdParams, response: { 200: RoundReply } },
      },
      async (req) => service.publishRound(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.put(
      '/api/purchase/rounds/:id/jurors',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '指定评审团（开始评审前）',
          params: IdParams,
          body: z.object({ userIds: z.array(z.string().max(60)).max(50) }),
          response: { 200: RoundReply },
        },
      },
      async (req) => service.setJurors(ctx, actorOf(req), req.params.id, req.body.userIds, req.ip),
    );

    app.post(
      '/api/purchase/rounds/:id/open-scoring',
      {
        config: { permission: 'purchase.manage' },
        schema: { tags, summary: '开始路演评审（锁定评审规则）', params: IdParams, response: { 200: RoundReply } },
      },
      async (req) => service.openScoring(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/purchase/rounds/:id/notice',
      {
        config: { permission: 'purchase.manage' },
        schema: { tags, summary: '计算排名并发布社会公示', params: IdParams, response: { 200: RoundReply } },
      },
      async (req) => service.publishNotice(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/purchase/rounds/:id/award',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '公示期满：确定中选项目，生成待签合同',
          params: IdParams,
          response: { 200: RoundReply },
        },
      },
      async (req) => service.award(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/purchase/rounds/:id/objections',
      {
        config: { permission: 'purchase.object' },
        schema: {
          tags,
          summary: '公示期内提出异议',
          params: IdParams,
          body: z.object({
            proposalId: z.string().max(60).optional(),
            content: z.string().trim().min(5, '请写明异议内容（至少 5 个字）').max(2000),
          }),
          response: { 200: RoundReply },
        },
      },
      async (req) => service.fileObjection(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    app.post(
      '/api/purchase/objections/:id/answer',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '答复公示异议（成立则取消该项目推荐）',
          params: IdParams,
          body: z.object({ answer: z.string().trim().min(2, '请填写答复内容').max(2000), upheld: z.boolean() }),
          response: { 200: RoundReply },
        },
      },
      async (req) => service.answerObjection(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    // ── OCDS (open data: public once the call is published)
    app.get(
      '/api/purchase/rounds/:id/ocds',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: 'OCDS 1.1.5 发布包（release package）；?download=1 下载',
          params: IdParams,
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const pkg = await buildReleasePackage(ctx, req.params.id, publicBaseUrl(ctx.config));
        if (req.query.download === '1')
          reply.header('content-disposition', `attachment; filename="ocds-${req.params.id}.json"`);
        return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(pkg, null, 2));
      },
    );

    app.get(
      '/api/purchase/ocds/extension.json',
      {
        config: { permission: 'public' },
        schema: { tags, summary: 'OCDS 本地扩展说明（路演评审得分）' },
      },
      async () => extensionDescriptor(publicBaseUrl(ctx.config)),
    );

    app.get(
      '/api/purchase/ocds/release-schema.json',
      {
        config: { permission: 'public' },
        schema: { tags, summary: 'OCDS 本地扩展的 release schema 补丁' },
      },
      async () => extensionReleaseSchema(),
    );

    // ── proposals
    app.get(
      '/api/purchase/rounds/:id/proposals',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '项目书列表（按角色与辖区可见）',
          params: IdParams,
          response: { 200: z.object({ items: z.array(ProposalSummaryDto) }) },
        },
      },
      async (req) => ({ items: await service.listProposals(ctx, actorOf(req), req.params.id) }),
    );

    app.post(
      '/api/purchase/rounds/:id/proposals',
      {
        config: { permission: 'purchase.propose' },
        bodyLimit: 12 * 1024 * 1024,
        schema: {
          tags,
          summary: '社会组织提交项目书（截止前）',
          params: IdParams,
          body: CreateProposalBody,
          response: { 201: ProposalReply },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.submitProposal(ctx, actorOf(req), req.params.id, req.body, req.ip)),
    );

    app.get(
      '/api/purchase/proposals/:id',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '项目书详情（评分在全部评审提交前密封）',
          params: IdParams,
          response: { 200: ProposalReply },
        },
      },
      async (req) => service.getProposal(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/purchase/proposals/:id/attachments/:attId',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '项目书附件',
          params: z.object({ id: z.string().max(60), attId: z.string().max(60) }),
        },
      },
      async (req, reply) => {
        const a = await service.getAttachment(ctx, actorOf(req), req.params.id, req.params.attId);
        return sendStoredFile(reply, a);
      },
    );

    app.post(
      '/api/purchase/proposals/:id/withdraw',
      {
        config: { permission: 'purchase.propose' },
        schema: { tags, summary: '撤回项目书（截止前）', params: IdParams, response: { 200: ProposalReply } },
      },
      async (req) => service.withdrawProposal(ctx, actorOf(req), req.params.id, req.ip),
    );

    app.post(
      '/api/purchase/proposals/:id/screen',
      {
        config: { permission: 'purchase.manage' },
        schema: {
          tags,
          summary: '初步筛选（通过 / 不通过及原因，申报单位可见）',
          params: IdParams,
          body: z.object({ pass: z.boolean(), reason: z.string().trim().max(500).default('') }),
          response: { 200: ProposalReply },
        },
      },
      async (req) => service.screenProposal(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    app.post(
      '/api/purchase/proposals/:id/recuse',
      {
        config: { permission: 'purchase.score' },
        schema: {
          tags,
          summary: '评审专家利益冲突回避',
          params: IdParams,
          body: z.object({ reason: z.string().trim().min(2, '请写明回避原因').max(500) }),
          response: { 200: ProposalReply },
        },
      },
      async (req) => service.recuse(ctx, actorOf(req), req.params.id, req.body.reason, req.ip),
    );

    app.put(
      '/api/purchase/proposals/:id/score',
      {
        config: { permission: 'purchase.score' },
        schema: {
          tags,
          summary: '提交评分（再次提交为修改，须写原因并留痕）',
          params: IdParams,
          body: ScoreBody,
          response: { 200: ProposalReply },
        },
      },
      async (req) => service.scoreProposal(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    // ── contracts and delivery
    app.get(
      '/api/purchase/contracts',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '服务合同（按街道 / 乡、社会组织可见）',
          querystring: z.object({ roundId: z.string().max(60).optional() }),
          response: { 200: z.object({ items: z.array(ContractSummaryDto) }) },
        },
      },
      async (req) => ({ items: await service.listContracts(ctx, actorOf(req), req.query) }),
    );

    app.get(
      '/api/purchase/contracts/:id',
      {
        config: { permission: 'purchase.read' },
        schema: {
          tags,
          summary: '合同详情：里程碑、拨付、活动记录、评估',
          params: IdParams,
          response: { 200: ContractReply },
        },
      },
      async (req) => service.getContract(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/purchase/contracts/:id/sign',
      {
        config: { permission: 'purchase.contract' },
        schema: {
          tags,
          summary: '街道 / 乡签订合同（服务期、里程碑与分期拨付）',
          params: IdParams,
          body: SignBody,
          response: { 200: ContractReply },
        },
      },
      async (req) => service.signContract(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    const MilestoneParams = z.object({ id: z.string().max(60), milestoneId: z.string().max(60) });
    app.post(
      '/api/purchase/contracts/:id/milestones/:milestoneId/evidence',
      {
        config: { permission: 'purchase.deliver' },
        schema: {
          tags,
          summary: '社会组织提交里程碑完成材料',
          params: MilestoneParams,
          body: EvidenceBody,
          response: { 200: ContractReply },
        },
      },
      async (req) =>
        service.submitEvidence(ctx, actorOf(req), req.params.id, req.params.milestoneId, req.body.evidence, req.ip),
    );

    app.post(
      '/api/purchase/contracts/:id/milestones/:milestoneId/review',
      {
        config: { permission: 'purchase.contract' },
        schema: {
          tags,
          summary: '街道验收材料（通过即拨付该期资金）',
          params: MilestoneParams,
          body: ReviewBody,
          response: { 200: ContractReply },
        },
      },
      async (req) =>
        service.reviewMilestone(ctx, actorOf(req), req.params.id, req.params.milestoneId, req.body, req.ip),
    );

    app.post(
      '/api/purchase/contracts/:id/deliveries',
      {
        config: { permission: 'purchase.deliver' },
        schema: {
          tags,
          summary: '记录服务活动与受益人数',
          params: IdParams,
          body: DeliveryBody,
          response: { 200: ContractReply },
        },
      },
      async (req) => service.recordDelivery(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );

    app.post(
      '/api/purchase/contracts/:id/evaluate',
      {
        config: { permission: 'purchase.contract' },
        schema: { tags, summary: '终期评估', params: IdParams, body: EvaluateBody, response: { 200: ContractReply } },
      },
      async (req) => service.evaluateContract(ctx, actorOf(req), req.params.id, req.body, req.ip),
    );
  };
}
