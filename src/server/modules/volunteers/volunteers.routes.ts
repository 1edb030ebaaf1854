import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import * as reporting from './reporting.service.js';
import {
  AccountDto,
  CardDto,
  CounterAccountDto,
  CounterLookupBody,
  IssueCardBody,
  PresenceCodeDto,
  ActivityDetailDto,
  ActivityDto,
  AddMemberBody,
  AssessmentConfigBody,
  AssessmentConfigDto,
  CheckinBody,
  CheckinDto,
  ClaimOrderBody,
  CompleteTaskBody,
  ConfirmRecordBody,
  CreateActivityBody,
  CreateItemBody,
  CreateTaskBody,
  CreateTeamBody,
  ItemDto,
  LedgerEntryDto,
  LedgerQuery,
  ListActivitiesQuery,
  ListRecordsQuery,
  ListTeamsQuery,
  MemberRowDto,
  MembersQuery,
  MyTasksDto,
  MyVolunteeringDto,
  QrDto,
  RedeemBody,
  RedemptionDto,
  ReportBody,
  ServiceRecordDto,
  SummaryDto,
  SummaryQuery,
  TaskDto,
  TasksQuery,
  TeamDto,
} from './volunteers.schema.js';
import * as points from './points.service.js';
import * as service from './volunteers.service.js';

const IdParams = z.object({ id: z.string().min(1).max(60) });
const tags = ['volunteers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, ascii: string, name: string, data: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(data);
}

export function volunteerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ── teams and activities ──
    app.get(
      '/api/volunteer-teams',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '志愿服务队',
          querystring: ListTeamsQuery,
          response: { 200: z.object({ items: z.array(TeamDto), total: z.number().int() }) },
        },
      },
      async (req) => service.listTeams(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/volunteer-teams',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '组建志愿服务队',
          body: CreateTeamBody,
          response: { 201: z.object({ team: TeamDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ team: await service.createTeam(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/volunteer-teams/:id/members',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '添加队员',
          params: IdParams,
          body: AddMemberBody,
          response: { 200: z.object({ team: TeamDto }) },
        },
      },
      async (req) => ({
        team: await service.addTeamMember(ctx, actorOf(req), req.params.id, req.body.personId, req.ip),
      }),
    );

    app.get(
      '/api/volunteer-activities',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '志愿活动（本辖区及上级组织的活动）',
          querystring: ListActivitiesQuery,
          response: { 200: z.object({ items: z.array(ActivityDto) }) },
        },
      },
      async (req) => service.listActivities(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/volunteer-activities',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '发布志愿活动',
          body: CreateActivityBody,
          response: { 201: z.object({ activity: ActivityDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ activity: await service.createActivity(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/volunteer-activities/:id',
      {
        config: { permission: 'volunteers.read' },
        schema: { tags, summary: '活动详情与报名签到情况', params: IdParams, response: { 200: ActivityDetailDto } },
      },
      async (req) => service.getActivity(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/volunteer-activities/:id/qr',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '活动签到、签退二维码（签名令牌）',
          params: IdParams,
          response: { 200: z.object({ items: z.array(QrDto) }) },
        },
      },
      async (req) => service.activityQr(ctx, actorOf(req), req.params.id, publicBaseUrl(ctx.config)),
    );

    // ── the volunteer's own side ──
    app.get(
      '/api/my/volunteer-activities',
      {
        config: { permission: 'volunteers.participate' },
        schema: {
          tags,
          summary: '我可以报名的志愿活动',
          querystring: ListActivitiesQuery,
          response: { 200: z.object({ items: z.array(ActivityDto) }) },
        },
      },
      async (req) => service.listActivities(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/volunteer-activities/:id/signups',
      {
        config: { permission: 'volunteers.participate' },
        schema: {
          tags,
          summary: '报名参加志愿活动',
          params: IdParams,
          response: { 201: z.object({ activity: ActivityDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ activity: await service.signUp(ctx, actorOf(req), req.params.id, req.ip) }),
    );

    app.post(
      '/api/volunteer-checkins',
      {
        config: { permission: 'volunteers.participate' },
        schema: { tags, summary: '扫码签到 / 签退', body: CheckinBody, response: { 200: CheckinDto } },
      },
      async (req) => service.checkIn(ctx, actorOf(req), req.body.token, req.ip),
    );

    app.get(
      '/api/my/volunteering',
      {
        config: { permission: 'volunteers.participate' },
        schema: { tags, summary: '我的积分、服务时长与报到信息', response: { 200: MyVolunteeringDto } },
      },
      async (req) => service.myVolunteering(ctx, actorOf(req)),
    );

    app.get(
      '/api/my/service-tasks',
      {
        config: { permission: 'volunteers.participate' },
        schema: { tags, summary: '我可认领的任务与工单（居住或报到小区）', response: { 200: MyTasksDto } },
      },
      async (req) => reporting.myTasks(ctx, actorOf(req)),
    );

    app.post(
      '/api/service-tasks/:id/claim',
      {
        config: { permission: 'volunteers.participate' },
        schema: { tags, summary: '认领任务', params: IdParams, response: { 200: z.object({ task: TaskDto }) } },
      },
      async (req) => ({ task: await reporting.claimTask(ctx, actorOf(req), req.params.id, req.ip) }),
    );

    app.post(
      '/api/service-tasks/:id/complete',
      {
        config: { permission: 'volunteers.participate' },
        schema: {
          tags,
          summary: '提交任务完成情况与服务时长（待确认）',
          params: IdParams,
          body: CompleteTaskBody,
          response: { 200: z.object({ task: TaskDto }) },
        },
      },
      async (req) => ({
        task: await reporting.completeTask(ctx, actorOf(req), req.params.id, req.body.hours, req.body.note, req.ip),
      }),
    );

    app.post(
      '/api/service-tasks/claim-order',
      {
        config: { permission: 'volunteers.participate' },
        schema: {
          tags,
          summary: '认领协办本小区正在办理的工单',
          body: ClaimOrderBody,
          response: { 201: z.object({ task: TaskDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ task: await reporting.claimOrder(ctx, actorOf(req), req.body.orderId, req.ip) }),
    );

    // ── tasks, hours and confirmation (staff) ──
    app.get(
      '/api/service-tasks',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '小区任务（含认领的工单）',
          querystring: TasksQuery,
          response: { 200: z.object({ items: z.array(TaskDto) }) },
        },
      },
      async (req) => reporting.listTasks(ctx, actorOf(req), req.query),
    );

    app.post(
      '/api/service-tasks',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '发布小区任务 / 走访任务',
          body: CreateTaskBody,
          response: { 201: z.object({ task: TaskDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ task: await reporting.createTask(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/service-records',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '服务时长台账（待确认、已确认）',
          querystring: ListRecordsQuery,
          response: { 200: z.object({ items: z.array(ServiceRecordDto) }) },
        },
      },
      async (req) => service.listRecords(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/service-records.xlsx',
      {
        config: { permission: 'volunteers.read' },
        schema: { tags, summary: '导出服务时长台账（.xlsx）', querystring: ListRecordsQuery },
      },
      async (req, reply) =>
        sendXlsx(
          reply,
          'service-hours.xlsx',
          '服务时长台账.xlsx',
          await service.recordsWorkbook(ctx, actorOf(req), req.query),
        ),
    );

    app.post(
      '/api/service-records/:id/confirm',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '确认（可修正时长）或驳回服务时长；确认即发放积分',
          params: IdParams,
          body: ConfirmRecordBody,
          response: { 200: z.object({ record: ServiceRecordDto }) },
        },
      },
      async (req) => ({
        record: await service.confirmRecord(ctx, actorOf(req), req.params.id, req.body.approve, req.body.hours, req.ip),
      }),
    );

    // ── points and the love supermarket ──
    app.get(
      '/api/points/ledger',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '积分台账（只增不改）',
          querystring: LedgerQuery,
          response: { 200: z.object({ items: z.array(LedgerEntryDto) }) },
        },
      },
      async (req) => service.listLedger(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/points/ledger.xlsx',
      {
        config: { permission: 'volunteers.read' },
        schema: { tags, summary: '导出积分台账（.xlsx）', querystring: LedgerQuery },
      },
      async (req, reply) =>
        sendXlsx(
          reply,
          'points-ledger.xlsx',
          '积分台账.xlsx',
          await service.ledgerWorkbook(ctx, actorOf(req), req.query),
        ),
    );

    app.get(
      '/api/points/accounts/:id',
      {
        config: { permission: 'points.redeem' },
        schema: { tags, summary: '查询积分余额（爱心超市柜台）', params: IdParams, response: { 200: AccountDto } },
      },
      async (req) => points.getAccount(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/points/counter/lookup',
      {
        config: { permission: 'points.redeem' },
        schema: {
          tags,
          summary: '爱心超市柜台：凭居民出示的到场码或积分卡号查询余额（阵地须服务该居民所在社区）',
          body: CounterLookupBody,
          response: { 200: CounterAccountDto },
        },
      },
      async (req) => points.lookupAtCounter(ctx, actorOf(req), req.body, req.ip),
    );

    app.post(
      '/api/points/cards',
      {
        config: { permission: 'points.redeem' },
        schema: {
          tags,
          summary: '为本辖区居民发放（补办）积分卡；旧卡即时作废，卡号只显示这一次',
          body: IssueCardBody,
          response: { 201: z.object({ card: CardDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ card: await points.issueCard(ctx, actorOf(req), req.body.personId, req.ip) }),
    );

    app.post(
      '/api/points/me/presence-code',
      {
        config: { permission: 'volunteers.participate' },
        schema: {
          tags,
          summary: '居民本人生成到场码（6 位数字与二维码，3 分钟内有效，使用一次）',
          response: { 201: PresenceCodeDto },
        },
      },
      async (req, reply) => reply.status(201).send(await points.createPresenceCode(ctx, actorOf(req), req.ip)),
    );

    app.get(
      '/api/love-supermarket/items',
      {
        config: { permission: 'stations.read' },
        schema: {
          tags,
          summary: '爱心超市可兑换物品',
          querystring: z.object({ stationId: z.string().max(60).optional() }),
          response: { 200: z.object({ items: z.array(ItemDto) }) },
        },
      },
      async (req) => service.listItems(ctx, actorOf(req), req.query.stationId),
    );

    app.post(
      '/api/love-supermarket/items',
      {
        config: { permission: 'points.redeem' },
        schema: {
          tags,
          summary: '上架爱心超市物品',
          body: CreateItemBody,
          response: { 201: z.object({ item: ItemDto }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ item: await service.createItem(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.post(
      '/api/points/redemptions',
      {
        config: { permission: 'points.redeem' },
        schema: {
          tags,
          summary: '爱心超市积分兑换：须居民在场（到场码或积分卡），余额不足即拒绝，逐笔审计',
          body: RedeemBody,
          response: { 201: RedemptionDto },
        },
      },
      async (req, reply) => reply.status(201).send(await points.redeem(ctx, actorOf(req), req.body, req.ip)),
    );

    // ── 双报到 ──
    app.post(
      '/api/compound-reports',
      {
        config: { permission: 'volunteers.manage' },
        schema: {
          tags,
          summary: '在职党员、快递外卖小哥向小区报到',
          body: ReportBody,
          response: { 200: z.object({ member: MemberRowDto }) },
        },
      },
      async (req) => ({ member: await reporting.reportToCompound(ctx, actorOf(req), req.body, req.ip) }),
    );

    app.get(
      '/api/compound-reports/members',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '报到人员月度服务与考核得分',
          querystring: MembersQuery,
          response: { 200: z.object({ month: z.string(), items: z.array(MemberRowDto) }) },
        },
      },
      async (req) => reporting.listMembers(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/compound-reports/members.xlsx',
      {
        config: { permission: 'volunteers.read' },
        schema: { tags, summary: '导出报到服务考核台账（.xlsx）', querystring: MembersQuery },
      },
      async (req, reply) =>
        sendXlsx(
          reply,
          'reporting-assessment.xlsx',
          '报到服务考核.xlsx',
          await reporting.membersWorkbook(ctx, actorOf(req), req.query),
        ),
    );

    app.get(
      '/api/compound-reports/summary',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '双报到汇总：按小区或工作单位，月均服务时长走势',
          querystring: SummaryQuery,
          response: { 200: SummaryDto },
        },
      },
      async (req) => reporting.summary(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/assessment-config',
      {
        config: { permission: 'volunteers.read' },
        schema: {
          tags,
          summary: '在职党员进小区报到服务管理考核规则',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: AssessmentConfigDto },
        },
      },
      async (req) => reporting.getAssessmentConfig(ctx, actorOf(req), req.query.year ?? new Date().getFullYear()),
    );

    app.put(
      '/api/assessment-config',
      {
        config: { permission: 'volunteers.configure' },
        schema: {
          tags,
          summary: '配置考核指标、分值与等次',
          body: AssessmentConfigBody,
          response: { 200: AssessmentConfigDto },
        },
      },
      async (req) => reporting.saveAssessmentConfig(ctx, actorOf(req), req.body, req.ip),
    );
  };
}
