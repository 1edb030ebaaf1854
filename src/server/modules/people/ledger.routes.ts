import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/route-permissions.js';
import { routeOptions } from '../../http/route-options.js';
import { buildWorkbook, replyXlsx } from '../../lib/xlsx.js';
import { readNamedXlsxUpload, XLSX_MIME } from '../../lib/uploads.js';
import { checkCharacter } from '../../lib/id-number.js';
import { LedgerImportDto, LedgerImportQuery } from '../../../shared/people.schema.js';
import { getLedgerImport, recentLedgerImports, startLedgerImport } from './ledger.import.js';
import { exportLedger } from './ledger.export.js';
import { LEDGER_COLUMNS, RELATION_WORDS, TAG_LABELS } from './ledger.rows.js';

const route = routeOptions(['people']);

/** 实有人口台账: import (in the background, with progress), its template, and the export. */
export function ledgerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/people/imports',
      route('people.write', '导入实有人口台账（.xlsx，multipart 字段 file）：后台执行，返回导入进度', {
        querystring: LedgerImportQuery,
        consumes: ['multipart/form-data'],
        response: { 202: LedgerImportDto },
      }),
      async (req, reply) => {
        const actor = actorOf(req);
        const { data, fileName } = await readNamedXlsxUpload(req, ctx.config.maxLedgerUploadBytes);
        const run = await startLedgerImport(ctx, actor, { file: data, fileName, mode: req.query.mode }, req.ip);
        return reply.status(202).send(run);
      },
    );

    app.get(
      '/api/people/imports',
      route('people.write', '我最近的人口台账导入', {
        response: { 200: z.object({ items: z.array(LedgerImportDto) }) },
      }),
      async (req) => ({ items: await recentLedgerImports(ctx, actorOf(req)) }),
    );

    app.get(
      '/api/people/imports/:id',
      route('people.write', '一次人口台账导入的进度与逐行错误', {
        params: z.object({ id: z.string().uuid() }),
        response: { 200: LedgerImportDto },
      }),
      async (req) => getLedgerImport(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/people/ledger-template.xlsx',
      route('people.write', '下载实有人口台账导入模板'),
      async (_req, reply) => replyXlsx(reply, '实有人口台账模板.xlsx', await ledgerTemplate(), 'ledger-template.xlsx'),
    );

    app.get(
      '/api/people/ledger.xlsx',
      route('people.write', '导出实有人口台账（本辖区或其中一个单位；证件号按权限脱敏）', {
        querystring: z.object({ orgUnitId: z.string().min(1).max(60).optional() }),
      }),
      async (req, reply) => {
        const stream = await exportLedger(ctx, actorOf(req), { orgUnitId: req.query.orgUnitId }, req.ip);
        return reply
          .header('content-type', XLSX_MIME)
          .header(
            'content-disposition',
            `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('实有人口台账.xlsx')}`,
          )
          .send(stream);
      },
    );
  };
}

async function ledgerTemplate(): Promise<Buffer> {
  const first17 = '14021319800101001';
  const example = first17 + checkCharacter(first17);
  return buildWorkbook([
    {
      kind: 'rows',
      name: '实有人口',
      rows: [
        [...LEDGER_COLUMNS],
        ['140213066003', '示例小区', '1号楼', '1单元', '101', '张三', example, '户主', '13800000000', '党员、志愿者'],
      ],
    },
    {
      kind: 'rows',
      name: '填写说明',
      rows: [
        ['列', '说明'],
        ['社区编码', '社区（村）的 12 位区划代码；小区、楼栋须已在楼栋台账中'],
        ['单元', '如 “1单元”，也可只填数字'],
        ['身份证号', '18 位，校验位不对会报错；同一身份证号在文件中只能出现一次'],
        ['与户主关系', Object.values(RELATION_WORDS).join('、')],
        ['标签', `可填多个，用顿号分隔：${Object.values(TAG_LABELS).join('、')}；困境儿童请在“未成年人保护”中建档`],
        [
          '导入方式',
          '“整份文件”：有任何错误则不写入；“按户”：有错误的户整户跳过，其余写入。同一文件重复导入不会改变数据',
        ],
      ],
    },
  ]);
}
