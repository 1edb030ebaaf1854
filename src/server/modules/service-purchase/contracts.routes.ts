import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import {
  ContractReply,
  ContractsReply,
  DeliveryBody,
  EvaluateBody,
  EvidenceBody,
  ReviewBody,
  SignBody,
} from '../../../shared/service-purchase.schema.js';
import { getContract, listContracts, signContract } from './contracts.service.js';
import { evaluateContract, recordDelivery, reviewMilestone, submitEvidence } from './delivery.service.js';
import { IdParams, MilestoneParams, ContractsQuery } from './service-purchase.params.js';
import { byOf } from './service-purchase.by.js';
import { routeOptions } from '../../http/route-options.js';

const tags = ['service-purchase'];

const route = routeOptions(tags);

/** /api/purchase/contracts: signing, milestones and tranches, activities, the final evaluation. */
export function purchaseContractRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/purchase/contracts',
      route('purchase.read', '服务合同（按街道 / 乡、社会组织可见）', {
        querystring: ContractsQuery,
        response: { 200: ContractsReply },
      }),
      async (req) => ({ items: await listContracts(ctx, actorOf(req), req.query) }),
    );

    app.get(
      '/api/purchase/contracts/:id',
      route('purchase.read', '合同详情：里程碑、拨付、活动记录、评估', {
        params: IdParams,
        response: { 200: ContractReply },
      }),
      async (req) => getContract(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/purchase/contracts/:id/sign',
      route('purchase.contract', '街道 / 乡签订合同（服务期、里程碑与分期拨付）', {
        params: IdParams,
        body: SignBody,
        response: { 200: ContractReply },
      }),
      async (req) => signContract(ctx, byOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/purchase/contracts/:id/milestones/:milestoneId/evidence',
      route('purchase.deliver', '社会组织提交里程碑完成材料', {
        params: MilestoneParams,
        body: EvidenceBody,
        response: { 200: ContractReply },
      }),
      async (req) =>
        submitEvidence(
          ctx,
          byOf(req),
          { contractId: req.params.id, milestoneId: req.params.milestoneId },
          req.body.evidence,
        ),
    );

    app.post(
      '/api/purchase/contracts/:id/milestones/:milestoneId/review',
      route('purchase.contract', '街道验收材料（通过即拨付该期资金）', {
        params: MilestoneParams,
        body: ReviewBody,
        response: { 200: ContractReply },
      }),
      async (req) =>
        reviewMilestone(ctx, byOf(req), { contractId: req.params.id, milestoneId: req.params.milestoneId }, req.body),
    );

    app.post(
      '/api/purchase/contracts/:id/deliveries',
      route('purchase.deliver', '记录服务活动与受益人数', {
        params: IdParams,
        body: DeliveryBody,
        response: { 200: ContractReply },
      }),
      async (req) => recordDelivery(ctx, byOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/purchase/contracts/:id/evaluate',
      route('purchase.contract', '终期评估', {
        params: IdParams,
        body: EvaluateBody,
        response: { 200: ContractReply },
      }),
      async (req) => evaluateContract(ctx, byOf(req), req.params.id, req.body),
    );
  };
}
